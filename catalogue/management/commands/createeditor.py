"""Create an editor (or a viewer) who can log into /admin/ and use the API with a token."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token

from catalogue.roles import EDITORS, VIEWERS, ensure_groups

PASSWORD_ENV = "EDITOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a staff user in the Editors group (or Viewers, with --viewer) and print their API token. "
        "For an existing user: add them to the group and print their existing token. "
        f"The password comes from --password, else ${PASSWORD_ENV}, else a prompt; with --no-input and "
        "neither, a new user gets no usable password (token only; `changepassword` sets one later)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="E-mail address (set or updated when given).")
        parser.add_argument(
            "--password", help=f"Password (visible in the process list: prefer ${PASSWORD_ENV})."
        )
        parser.add_argument(
            "--viewer", action="store_true", help="Viewers group (read only) instead of Editors."
        )
        parser.add_argument(
            "--no-input", "--noinput", action="store_false", dest="interactive", help="Never prompt."
        )

    @transaction.atomic
    def handle(self, username, email, password, viewer, interactive, **options):
        group = ensure_groups()[VIEWERS if viewer else EDITORS]
        User = get_user_model()
        password = password or os.environ.get(PASSWORD_ENV) or None
        user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
        created = user is None
        if created:
            user = User(**{User.USERNAME_FIELD: username})
            if password is None and interactive:
                password = self._prompt_password()
        if email:
            user.email = User._default_manager.normalize_email(email)
        if password is not None:
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            user.set_password(password)
        elif created:
            user.set_unusable_password()
        user.is_staff = True  # may log into /admin/; what they may do there comes from the group
        user.save()
        user.groups.add(group)
        token, _ = Token.objects.get_or_create(user=user)
        self.stderr.write(
            f"{'Created' if created else 'Updated'} {username} in the {group.name} group. API token:"
        )
        self.stdout.write(token.key)

    def _prompt_password(self):
        for _attempt in range(3):
            password = getpass.getpass("Password: ")
            if password and password == getpass.getpass("Password (again): "):
                return password
            self.stderr.write("The passwords were empty or did not match.")
        raise CommandError("No password given.")
