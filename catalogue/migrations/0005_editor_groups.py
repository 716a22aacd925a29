"""Groups for editors: Editors (add and change practices, institutions and priority areas; publish) and
Viewers (read everything, drafts included). Administrators are superusers. See catalogue/roles.py."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READ_ONLY = {
    "regions": ["region", "country", "liaisonoffice"],
    "awards": ["priorityarea", "awardtier", "competition"],
    "catalogue": ["sourcedocument", "institution", "practice"],
}

EDITORS = {
    "catalogue": [
        "add_practice",
        "change_practice",
        "publish_practice",
        "add_institution",
        "change_institution",
    ],
    "awards": ["add_priorityarea", "change_priorityarea"],
}


def view_permissions():
    return {app: [f"view_{model}" for model in models] for app, models in READ_ONLY.items()}


def create_groups(apps, schema_editor):
    alias = schema_editor.connection.alias
    # Permissions are normally created after the last migration (post_migrate); this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=alias)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(table):
        for app_label, codenames in table.items():
            for codename in codenames:
                yield Permission.objects.using(alias).get(
                    content_type__app_label=app_label, codename=codename
                )

    viewers, _ = Group.objects.using(alias).get_or_create(name="Viewers")
    viewers.permissions.add(*permissions(view_permissions()))
    editors, _ = Group.objects.using(alias).get_or_create(name="Editors")
    editors.permissions.add(*permissions(view_permissions()), *permissions(EDITORS))


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=["Editors", "Viewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("regions", "0002_history"),
        ("awards", "0003_history"),
        ("catalogue", "0004_history"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
