"""The one FilterSet of practices, shared by the API (/api/v1/practices/) and the pages (/practices/)."""

import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from awards.models import AwardTier, Competition, PriorityArea
from regions.models import Country, LiaisonOffice, Region

from .choices import Outcome
from .filtering import (
    SEARCH_MAX_LENGTH,
    CodeFilter,
    FoldedSearchFilter,
    StrictChoiceFilter,
    StrictFilterSet,
    StrictOrderingFilter,
    YearFilter,
)
from .models import Institution, Practice
from .querysets import DEFAULT_ORDERING


def _values(model, field):
    return lambda: model.objects.order_by(field).values_list(field, flat=True)


def _in_priority_areas(qs, slugs):
    through = Practice.priority_areas.through.objects.filter(priorityarea__slug__in=slugs)
    return qs.filter(pk__in=through.values("practice_id"))


def _in_liaison_offices(qs, slugs):
    return qs.filter(country__in=Country.objects.filter(liaison_offices__slug__in=slugs).values("pk"))


class PracticeFilterSet(StrictFilterSet):
    """Each parameter is repeatable (`?country=UY&country=MX` means either); parameters combine with AND.

    Unknown values are errors (400 on the API and on the pages), never an empty list.
    """

    country = CodeFilter(
        field_name="country__code",
        allowed=_values(Country, "code"),
        normalize=str.upper,
        label=_("Country (ISO 3166-1 alpha-2 code)"),
    )
    priority_area = CodeFilter(
        allowed=_values(PriorityArea, "slug"),
        normalize=str.lower,
        lookup=_in_priority_areas,
        label=_("Priority area (slug)"),
    )
    tier = CodeFilter(
        field_name="tier__slug",
        allowed=lambda: AwardTier.objects.order_by("rank").values_list("slug", flat=True),
        normalize=str.lower,
        label=_("Award tier (slug)"),
    )
    institution = CodeFilter(
        field_name="institution__slug",
        allowed=_values(Institution, "slug"),
        normalize=str.lower,
        label=_("Institution (slug)"),
    )
    region = CodeFilter(
        field_name="country__region__slug",
        allowed=_values(Region, "slug"),
        normalize=str.lower,
        label=_("ISSA region (slug)"),
    )
    liaison_office = CodeFilter(
        allowed=_values(LiaisonOffice, "slug"),
        normalize=str.lower,
        lookup=_in_liaison_offices,
        label=_("Liaison office serving the practice's country (slug)"),
    )
    competition = CodeFilter(
        field_name="competition__slug",
        allowed=_values(Competition, "slug"),
        normalize=str.lower,
        label=_("Competition (slug)"),
    )
    year = YearFilter(field_name="year", label=_("Year of the competition or source"))
    outcome = StrictChoiceFilter(field_name="outcome", choices=Outcome.choices, label=_("Outcome"))
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
    facet_params = ("country", "priority_area", "tier", "institution", "region", "year")

    def filter_search(self, qs, name, value):
        return qs.search(value)

    def default_ordering(self, queryset):
        if self.form.cleaned_data.get("search"):
            return queryset.order_by(F("search_rank").desc(), *DEFAULT_ORDERING)
        return queryset.order_by(*DEFAULT_ORDERING)

    @property
    def active(self):
        """The parameters given with a value, as {name: [values]} (for chips and facet exclusion)."""
        data = {}
        for name in self.filters:
            values = (
                [v for v in self.data.getlist(name) if v.strip()] if hasattr(self.data, "getlist") else []
            )
            if values:
                data[name] = values
        return data


class InstitutionFilterSet(StrictFilterSet):
    """Institutions (/api/v1/institutions/): by country, by region, and by words of their names."""

    country = CodeFilter(
        field_name="country__code",
        allowed=_values(Country, "code"),
        normalize=str.upper,
        label=_("Country (ISO 3166-1 alpha-2 code)"),
    )
    region = CodeFilter(
        field_name="country__region__slug",
        allowed=_values(Region, "slug"),
        normalize=str.lower,
        label=_("ISSA region (slug)"),
    )
    search = FoldedSearchFilter(
        fields=("name", "original_name", "acronym"),
        label=_("Words to find in the name, original name or acronym"),
    )

    class Meta:
        model = Institution
        fields = []
