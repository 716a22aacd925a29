"""The editors' groups (catalogue.0005_editor_groups) get the proposals' permissions: Editors view and
change (decide) proposals, Viewers view them. See proposals/roles.py."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = {
    "Viewers": ["view_proposal"],
    "Editors": ["view_proposal", "change_proposal"],
}


def grant(apps, schema_editor):
    alias = schema_editor.connection.alias
    # Permissions are normally created after the last migration (post_migrate); these are needed now.
    app_config = apps.get_app_config("proposals")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=alias)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in PERMISSIONS.items():
        group, _created = Group.objects.using(alias).get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.using(alias).filter(content_type__app_label="proposals", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    alias = schema_editor.connection.alias
    for group in Group.objects.using(alias).filter(name__in=PERMISSIONS):
        group.permissions.remove(
            *Permission.objects.using(alias).filter(content_type__app_label="proposals")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0001_proposal"),
        ("catalogue", "0005_editor_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
