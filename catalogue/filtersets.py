"""The one FilterSet of practices, shared by the API (/api/v1/practices/) and the pages (/practices/),
and the institutions' FilterSet."""

import django_filters
from django.utils.translation import gettext_lazy as _

from awards.models import AwardTier, Competition, PriorityArea
from common.filters import (
    FoldedSearchFilter,
    RowsFilter,
    StrictBooleanFilter,
    StrictChoiceFilter,
    StrictOrderingFilter,
    YearFilter,
)
from common.search import SEARCH_MAX_LENGTH
from regions.filtersets import PlaceFilterSet, liaison_office_filter
from regions.models import Country

from .choices import Evidence, Outcome
from .models import Institution, Practice, SourceDocument, TargetGroup
from .querysets import DEFAULT_ORDERING, SEARCH_ORDERING

# The values of `in_place`, as the chips and the sidebar name them.
IN_PLACE_CHOICES = (("true", _("Still in place")), ("false", _("No longer in place")))


def _in_priority_areas(qs, areas):
    through = Practice.priority_areas.through.objects.filter(priorityarea__in=areas)
    return qs.filter(pk__in=through.values("practice_id"))


def _in_target_groups(qs, groups):
    through = Practice.target_groups.through.objects.filter(targetgroup__in=groups)
    return qs.filter(pk__in=through.values("practice_id"))


def _in_liaison_offices(qs, offices):
    return qs.filter(country__in=Country.objects.filter(liaison_offices__in=offices).values("pk"))


class PracticeFilterSet(PlaceFilterSet):
    """Each parameter is repeatable (`?country=UY&country=MX` means either); parameters combine with AND.

    Unknown values are errors (400 on the API and on the pages), never an empty list. `country` and
    `region` come from PlaceFilterSet, as for institutions.
    """

    priority_area = RowsFilter(
        queryset=PriorityArea.objects.order_by("slug"),
        lookup=_in_priority_areas,
        label=_("Priority area (slug)"),
    )
    tier = RowsFilter(queryset=AwardTier.objects.order_by("rank"), label=_("Award tier (slug)"))
    institution = RowsFilter(queryset=Institution.objects.order_by("slug"), label=_("Institution (slug)"))
    liaison_office = liaison_office_filter(
        _in_liaison_offices, _("Liaison office serving the practice's country (slug)")
    )
    competition = RowsFilter(queryset=Competition.objects.order_by("slug"), label=_("Competition (slug)"))
    source = RowsFilter(
        queryset=SourceDocument.objects.order_by("slug"),
        label_field="title",
        label=_("Source document the practice is taken from (slug)"),
    )
    year = YearFilter(field_name="year", label=_("Year of the competition or source"))
    outcome = StrictChoiceFilter(field_name="outcome", choices=Outcome.choices, label=_("Outcome"))
    evidence = StrictChoiceFilter(
        field_name="evidence", choices=Evidence.choices, label=_("Evidence level (the rubric of /evidence/)")
    )
    target_group = RowsFilter(
        queryset=TargetGroup.objects.order_by("position", "slug"),
        lookup=_in_target_groups,
        label=_("Target group (slug)"),
    )
    in_place = StrictBooleanFilter(
        field_name="in_place",
        labels=tuple(label for _value, label in IN_PLACE_CHOICES),
        label=_("Still in place: true or false (both: either; practices not known either way have neither)"),
    )
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        label=_("Words to find in title, original title, summary, jury comment and institution"),
    )
    ordering = StrictOrderingFilter(
        fields=(
            ("title", "title"),
            ("year", "year"),
            ("tier", "tier__rank"),
            ("country", "country__name"),
            ("institution", "institution__name"),
        ),
        label=_("Sort order"),
    )

    class Meta:
        model = Practice
        fields = []

    # Parameters that are facets (their counts are computed with every other filter applied).
    facet_params = (
        "country",
        "priority_area",
        "tier",
        "institution",
        "region",
        "year",
        "evidence",
        "outcome",
        "target_group",
        "in_place",
    )

    def filter_search(self, qs, name, value):
        return qs.search(value)

    def default_ordering(self, queryset):
        if self.form.cleaned_data.get("search"):
            return queryset.order_by(*SEARCH_ORDERING)
        return queryset.order_by(*DEFAULT_ORDERING)


class InstitutionFilterSet(PlaceFilterSet):
    """Institutions (/api/v1/institutions/): by country, by region, and by words of their names."""

    search = FoldedSearchFilter(
        fields=("name", "original_name", "acronym"),
        label=_("Words to find in the name, original name or acronym"),
    )

    class Meta:
        model = Institution
        fields = []
