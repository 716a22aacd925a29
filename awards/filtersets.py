"""FilterSets of priority areas and competitions, strict like the practices' (catalogue/filtering.py)."""

from django.utils.translation import gettext_lazy as _

from catalogue.filtering import CodeFilter, FoldedSearchFilter, StrictFilterSet, YearFilter
from regions.models import Region

from .models import Competition, PriorityArea


def _region_slugs():
    return Region.objects.order_by("position", "slug").values_list("slug", flat=True)


class PriorityAreaFilterSet(StrictFilterSet):
    search = FoldedSearchFilter(fields=("name",), label=_("Words to find in the name"))

    class Meta:
        model = PriorityArea
        fields = []


class CompetitionFilterSet(StrictFilterSet):
    """Competitions (/api/v1/competitions/): by region, by year, by words of their names."""

    region = CodeFilter(
        field_name="region__slug", allowed=_region_slugs, normalize=str.lower, label=_("ISSA region (slug)")
    )
    year = YearFilter(field_name="year", label=_("Year of the competition"))
    search = FoldedSearchFilter(fields=("name", "programme"), label=_("Words to find in the name"))

    class Meta:
        model = Competition
        fields = []
