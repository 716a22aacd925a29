"""FilterSets of regions, countries and liaison offices, and the `country`/`region` filters that the
FilterSets of other apps' models inherit (PlaceFilterSet). Strict, as common/filters.py makes them."""

from django.utils.translation import gettext_lazy as _

from common.filters import FoldedSearchFilter, RowsFilter, StrictFilterSet

from .models import Country, LiaisonOffice, Region


def region_filter(field_name="region"):
    """`?region=americas`: rows whose `field_name` is any of the ISSA regions named (by slug)."""
    return RowsFilter(
        field_name=field_name,
        queryset=Region.objects.order_by("position", "slug"),
        label=_("ISSA region (slug)"),
    )


def country_filter(field_name="country", lookup=None, label=None):
    """`?country=UY`: rows whose `field_name` is any of the countries named (by ISO code, any case)."""
    return RowsFilter(
        field_name=field_name,
        queryset=Country.objects.order_by("code"),
        to_field_name="code",
        lookup=lookup,
        label=label or _("Country (ISO 3166-1 alpha-2 code)"),
    )


def liaison_office_filter(lookup, label):
    return RowsFilter(queryset=LiaisonOffice.objects.order_by("slug"), lookup=lookup, label=label)


class PlaceFilterSet(StrictFilterSet):
    """`country` and `region` for a model with a `country` (practices, institutions): one definition
    that their FilterSets inherit, so `?country=` and `?region=` mean the same everywhere."""

    country = country_filter()
    region = region_filter("country__region")


def _served_by(qs, offices):
    # A subquery rather than a join: a country served by two of the offices is listed once.
    return qs.filter(pk__in=Country.objects.filter(liaison_offices__in=offices).values("pk"))


def _serving(qs, countries):
    return qs.filter(pk__in=LiaisonOffice.objects.filter(countries__in=countries).values("pk"))


class RegionFilterSet(StrictFilterSet):
    search = FoldedSearchFilter(fields=("name", "slug"), label=_("Words to find in the name"))

    class Meta:
        model = Region
        fields = []


class CountryFilterSet(StrictFilterSet):
    """Countries (/api/v1/countries/): by region, by the liaison office serving them, by name or code."""

    region = region_filter()
    liaison_office = liaison_office_filter(_served_by, _("Liaison office serving the country (slug)"))
    search = FoldedSearchFilter(fields=("name", "code"), label=_("Words to find in the name or code"))

    class Meta:
        model = Country
        fields = []


class LiaisonOfficeFilterSet(StrictFilterSet):
    """Liaison offices (/api/v1/liaison-offices/): by region, by a country they serve, by name."""

    region = region_filter()
    country = country_filter(lookup=_serving, label=_("Country served (ISO 3166-1 alpha-2 code)"))
    search = FoldedSearchFilter(fields=("name",), label=_("Words to find in the name"))

    class Meta:
        model = LiaisonOffice
        fields = []
