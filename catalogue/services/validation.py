"""Rules on a practice's many-to-many values, shared by the admin form, the importer and API writes.

Model.clean() cannot check them: a new practice has no many-to-many values before it is saved. Each
writer calls the same function with the values it is about to set, so the rule is the same everywhere.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def check_priority_areas(competition, areas):
    """Raise ValidationError({"priority_areas": ...}) unless `areas` fit `competition`.

    A practice's priority areas come from its competition's scheme (Competition.priority_areas, the
    topics of that round of the awards); a practice outside any competition has none. `areas` is an
    iterable of PriorityArea objects; `competition` a Competition or None.
    """
    areas = list(areas)
    if not areas:
        return
    if competition is None:
        raise ValidationError(
            {"priority_areas": _("Priority areas are given only to a practice entered in a competition.")},
            code="areas_without_competition",
        )
    allowed = dict(competition.priority_areas.values_list("pk", "slug"))
    wrong = sorted(area.slug for area in areas if area.pk not in allowed)
    if wrong:
        raise ValidationError(
            {
                "priority_areas": _(
                    "Not among the priority areas of %(competition)s: %(areas)s. Allowed: %(allowed)s."
                )
                % {
                    "competition": competition,
                    "areas": ", ".join(wrong),
                    "allowed": ", ".join(sorted(allowed.values())) or _("none, it lists no areas"),
                }
            },
            code="area_not_in_scheme",
        )
