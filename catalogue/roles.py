"""The editors' roles: groups created by migration catalogue.0005_editor_groups.

- Editors add and change practices, institutions and priority areas, publish and withdraw practices,
  import and export; they see every other model read-only (for autocomplete and context).
- Viewers read everything in admin, drafts and withdrawn practices included, and can export.
- Administrators are superusers: everything, including deletion, users and groups.
"""

EDITORS = "Editors"
VIEWERS = "Viewers"

PUBLISH_PERMISSION = "catalogue.publish_practice"
