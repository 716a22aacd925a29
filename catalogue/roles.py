"""Who may do what: the editors' groups (created by migration catalogue.0005_editor_groups and
ensure_groups()), the permission to publish, and who sees drafts.

- Editors add and change practices, institutions, priority areas and target groups, publish and
  withdraw practices, import and export; they see every other model read-only (for autocomplete and context).
- Viewers read everything in admin, drafts and withdrawn practices included, and can export.
- Administrators are superusers: everything, including deletion, users and groups.
"""

EDITORS = "Editors"
VIEWERS = "Viewers"

PUBLISH_PERMISSION = "catalogue.publish_practice"
VIEW_DRAFTS_PERMISSION = "catalogue.view_practice"


def sees_drafts(user):
    """True for a user who may see drafts and withdrawn practices (on the pages, in the API, in admin)."""
    return bool(user is not None and user.is_authenticated and user.has_perm(VIEW_DRAFTS_PERMISSION))


# What each group may do, as "app_label.codename". The migrations keep their own frozen copies
# (0005_editor_groups, 0014_target_group_permissions); a test checks that the groups agree.
_VIEW_ALL = [
    f"{app}.view_{model}"
    for app, models in (
        ("regions", ("region", "country", "liaisonoffice")),
        ("awards", ("priorityarea", "awardtier", "competition")),
        ("catalogue", ("sourcedocument", "institution", "practice", "targetgroup")),
    )
    for model in models
]
PERMISSIONS = {
    VIEWERS: _VIEW_ALL,
    EDITORS: [
        *_VIEW_ALL,
        "catalogue.add_practice",
        "catalogue.change_practice",
        PUBLISH_PERMISSION,
        "catalogue.add_institution",
        "catalogue.change_institution",
        "awards.add_priorityarea",
        "awards.change_priorityarea",
        "catalogue.add_targetgroup",
        "catalogue.change_targetgroup",
    ],
}


def ensure_groups():
    """Create the Editors and Viewers groups, or complete their permissions; never removes any.

    The migration creates them; this brings them back in a database that lost them (a flushed test
    database, a restore from an old dump). Returns {group name: Group}.
    """
    from django.contrib.auth.models import Group, Permission

    groups = {}
    for name, permissions in PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in (permission.split(".") for permission in permissions)
        ]
        group.permissions.add(*wanted)
        groups[name] = group
    return groups
