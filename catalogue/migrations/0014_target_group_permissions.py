"""The editors' groups get the target groups' permissions (catalogue/roles.py): Viewers read them,
Editors add and change them too, as they do priority areas."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEWERS = ["view_targetgroup"]
EDITORS = ["view_targetgroup", "add_targetgroup", "change_targetgroup"]


def grant(apps, schema_editor):
    alias = schema_editor.connection.alias
    # Permissions are normally created after the last migration (post_migrate); these are needed now.
    app_config = apps.get_app_config("catalogue")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=alias)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Viewers", VIEWERS), ("Editors", EDITORS)):
        group = Group.objects.using(alias).filter(name=name).first()
        if group is None:
            continue  # a database without the groups gets them from ensure_groups()
        group.permissions.add(
            *Permission.objects.using(alias).filter(
                content_type__app_label="catalogue", codename__in=codenames
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    alias = schema_editor.connection.alias
    permissions = Permission.objects.using(alias).filter(
        content_type__app_label="catalogue", codename__in=EDITORS
    )
    for group in Group.objects.using(alias).filter(name__in=["Viewers", "Editors"]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalogue", "0013_evidence"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
