"""FilterSets of priority areas and competitions, strict like the practices' (common/filters.py)."""

from django.utils.translation import gettext_lazy as _

from common.filters import FoldedSearchFilter, StrictFilterSet, YearFilter
from regions.filtersets import region_filter

from .models import Competition, PriorityArea


class PriorityAreaFilterSet(StrictFilterSet):
    search = FoldedSearchFilter(fields=("name",), label=_("Words to find in the name"))

    class Meta:
        model = PriorityArea
        fields = []


class CompetitionFilterSet(StrictFilterSet):
    """Competitions (/api/v1/competitions/): by region, by year, by words of their names."""

    region = region_filter()
    year = YearFilter(field_name="year", label=_("Year of the competition"))
    search = FoldedSearchFilter(fields=("name", "programme"), label=_("Words to find in the name"))

    class Meta:
        model = Competition
        fields = []
