"""FilterSets of regions, countries and liaison offices: strict, as catalogue/filtering.py makes them."""

from django.utils.translation import gettext_lazy as _

from catalogue.filtering import CodeFilter, FoldedSearchFilter, StrictFilterSet

from .models import Country, LiaisonOffice, Region


def _region_slugs():
    return Region.objects.order_by("position", "slug").values_list("slug", flat=True)


def _country_codes():
    return Country.objects.order_by("code").values_list("code", flat=True)


def _liaison_office_slugs():
    return LiaisonOffice.objects.order_by("slug").values_list("slug", flat=True)


def _served_by(qs, slugs):
    # A subquery rather than a join: a country served by two of the offices is listed once.
    return qs.filter(pk__in=Country.objects.filter(liaison_offices__slug__in=slugs).values("pk"))


def _serving(qs, codes):
    return qs.filter(pk__in=LiaisonOffice.objects.filter(countries__code__in=codes).values("pk"))


class RegionFilterSet(StrictFilterSet):
    search = FoldedSearchFilter(fields=("name", "slug"), label=_("Words to find in the name"))

    class Meta:
        model = Region
        fields = []


class CountryFilterSet(StrictFilterSet):
    """Countries (/api/v1/countries/): by region, by the liaison office serving them, by name or code."""

    region = CodeFilter(
        field_name="region__slug", allowed=_region_slugs, normalize=str.lower, label=_("ISSA region (slug)")
    )
    liaison_office = CodeFilter(
        allowed=_liaison_office_slugs,
        normalize=str.lower,
        lookup=_served_by,
        label=_("Liaison office serving the country (slug)"),
    )
    search = FoldedSearchFilter(fields=("name", "code"), label=_("Words to find in the name or code"))

    class Meta:
        model = Country
        fields = []


class LiaisonOfficeFilterSet(StrictFilterSet):
    """Liaison offices (/api/v1/liaison-offices/): by region, by a country they serve, by name."""

    region = CodeFilter(
        field_name="region__slug", allowed=_region_slugs, normalize=str.lower, label=_("ISSA region (slug)")
    )
    country = CodeFilter(
        allowed=_country_codes,
        normalize=str.upper,
        lookup=_serving,
        label=_("Country served (ISO 3166-1 alpha-2 code)"),
    )
    search = FoldedSearchFilter(fields=("name",), label=_("Words to find in the name"))

    class Meta:
        model = LiaisonOffice
        fields = []
