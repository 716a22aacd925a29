"""What the editors' groups (catalogue.roles) may do with proposals: Editors read and decide them
(accept, decline), Viewers read them. Deleting one (a proposer who asks for it) is for superusers.

The groups get these permissions from migration proposals.0002_editor_permissions, which keeps its own
frozen copy; a test checks that the two agree. ensure_permissions() completes the groups in a database
that lost them, as catalogue.roles.ensure_groups() does for the catalogue's.
"""

from catalogue.roles import EDITORS, VIEWERS, ensure_groups

PERMISSIONS = {
    VIEWERS: ["proposals.view_proposal"],
    EDITORS: ["proposals.view_proposal", "proposals.change_proposal"],
}

DECIDE_PERMISSION = "proposals.change_proposal"


def ensure_permissions():
    """The catalogue's groups with the proposals' permissions added; returns {group name: Group}."""
    from django.contrib.auth.models import Permission

    groups = ensure_groups()
    for name, permissions in PERMISSIONS.items():
        groups[name].permissions.add(
            *(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
                for app_label, codename in (permission.split(".") for permission in permissions)
            )
        )
    return groups
