"""Read shaping for priority areas, award tiers and competitions (counts of their practices).

The models keep Django's default manager for now; start reads from `priority_areas()`, `tiers()`
and `competitions()`, which return these querysets.
"""

from django.db.models import Count, Prefetch, Q

from catalogue.querysets import PracticeCountQuerySet

from .models import AwardTier, Competition, PriorityArea


class PriorityAreaQuerySet(PracticeCountQuerySet):
    practice_path = "practices"


class AwardTierQuerySet(PracticeCountQuerySet):
    practice_path = "practices"


class CompetitionQuerySet(PracticeCountQuerySet):
    practice_path = "practices"

    def for_detail(self):
        return self.select_related("region", "source").prefetch_related(
            Prefetch("priority_areas", queryset=PriorityArea.objects.order_by("position", "slug"))
        )


def priority_areas():
    return PriorityAreaQuerySet(PriorityArea)


def tiers():
    return AwardTierQuerySet(AwardTier)


def competitions():
    return CompetitionQuerySet(Competition)


def loaded_totals(competition, practices):
    """What the catalogue holds of `competition`, to set beside the totals its document reports.

    {"entries", "organizations", "countries", "certificates_of_merit", "special_mentions",
    "awards"} counted over `practices` (a Practice queryset) in one query. Certificates of merit
    include those with a special mention, as the results document counts them.
    """
    rows = practices.filter(competition=competition).order_by()
    return rows.aggregate(
        entries=Count("pk", distinct=True),
        organizations=Count("institution", distinct=True),
        countries=Count("country", distinct=True),
        certificates_of_merit=Count(
            "pk", filter=Q(tier__slug__in=["merit", "merit-special-mention"]), distinct=True
        ),
        special_mentions=Count("pk", filter=Q(tier__slug="merit-special-mention"), distinct=True),
        awards=Count("pk", filter=Q(tier__slug="award"), distinct=True),
    )
