"""Fixtures of the tests of every app, registered once by the root conftest.py (`pytest_plugins`).

The real catalogue for a test class, API clients, users in each role, one practice from the
factories. Helpers that tests import: `make_user`, `authenticate`, `log_in`.
"""

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from catalogue.roles import EDITORS, PUBLISH_PERMISSION, VIEWERS, ensure_groups
from catalogue.tests.factories import PracticeFactory

PASSWORD = "pw-for-tests-only"

PRACTICE_PERMISSIONS = (
    "catalogue.view_practice",
    "catalogue.add_practice",
    "catalogue.change_practice",
    "catalogue.delete_practice",
)


def make_user(username, *permissions, group=None):
    """A staff user (who may log into admin) holding `permissions` ("app_label.codename") and, with
    `group`, a role of catalogue.roles; fresh from the database, so no permission is cached."""
    user = User.objects.create_user(username, f"{username}@example.org", password=PASSWORD, is_staff=True)
    if group:
        user.groups.add(ensure_groups()[group])
    for permission in permissions:
        app_label, codename = permission.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return User.objects.get(pk=user.pk)


def authenticate(client, user):
    """Log `client` in with a token, as a script would (force_authenticate would bypass the
    middleware that tells anonymous requests from authenticated ones by their headers)."""
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def log_in(client, username, password, **headers):
    """Log `client` in through the admin's login form, as a browser does (and as the login lockout
    sees it: `Client.login()` authenticates without a request, which django-axes refuses). Returns
    the response: a redirect to /admin/ on success."""
    return client.post(
        reverse("admin:login") + "?next=/admin/", {"username": username, "password": password}, **headers
    )


@pytest.fixture(scope="class")
def _catalogue_for_class(django_db_setup, django_db_blocker):
    """The real catalogue (`load_catalogue`), loaded once for a test class and rolled back after it.

    Each test still runs in its own transaction (the `db` fixture) inside this one, so what a test
    writes is undone before the next. Expected numbers in tests come from the source texts, counted
    by hand, not from this data.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        call_command("load_catalogue", verbosity=0)
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def catalogue(_catalogue_for_class, db):
    """Request this in a test class's tests to read the real catalogue."""


@pytest.fixture
def practice(db):
    """One published award entry: institution, country, competition, tier, two priority areas."""
    return PracticeFactory()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def api_editor(db):
    """A user with every permission on practices, publishing included."""
    return make_user("api-editor", *PRACTICE_PERMISSIONS, PUBLISH_PERMISSION)


@pytest.fixture
def editor(db):
    return make_user("edna", group=EDITORS)


@pytest.fixture
def viewer(db):
    return make_user("victor", group=VIEWERS)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


@pytest.fixture
def no_cache(settings):
    """The anonymous response cache off: every request renders (computed counts stay cached)."""
    settings.CATALOGUE_CACHE_SECONDS = 0
