"""Read shaping for priority areas, award tiers and competitions, attached to the models as their
managers; each counts its practices as regions/querysets.py explains."""

from django.db.models import Prefetch

from regions.querysets import PracticeCountQuerySet


class PriorityAreaQuerySet(PracticeCountQuerySet):
    def for_api(self):
        return self.order_by("position", "slug")


class AwardTierQuerySet(PracticeCountQuerySet):
    def for_api(self):
        return self.order_by("rank")


class CompetitionQuerySet(PracticeCountQuerySet):
    def for_list(self):
        return self.select_related("region")

    def for_detail(self):
        """A competition with its region, source and priority areas in the source's order."""
        from .models import PriorityArea

        return self.select_related("region", "source").prefetch_related(
            Prefetch("priority_areas", queryset=PriorityArea.objects.order_by("position", "slug"))
        )

    def for_api(self):
        return self.for_detail().order_by("-year", "slug")
