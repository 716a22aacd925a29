"""Regions, countries and liaison offices: natural keys (what the fixtures load by), order, rules."""

import pytest
from django.db import DataError, IntegrityError

from regions.models import Country, LiaisonOffice, Region
from regions.tests.factories import CountryFactory, LiaisonOfficeFactory, RegionFactory


@pytest.mark.django_db
def test_rows_are_found_by_their_public_key():
    country = CountryFactory(code="UY")
    office = LiaisonOfficeFactory(slug="andean-countries")
    assert Country.objects.get_by_natural_key("UY") == country
    assert LiaisonOffice.objects.get_by_natural_key("andean-countries") == office
    assert Region.objects.get_by_natural_key(country.region.slug) == country.region
    assert country.natural_key() == ("UY",)


@pytest.mark.django_db
def test_countries_by_name_regions_by_position():
    americas = RegionFactory(name="Americas", position=2)
    RegionFactory(name="Africa", position=1)
    CountryFactory(code="UY", name="Uruguay", region=americas)
    CountryFactory(code="AR", name="Argentina", region=americas)
    assert [c.code for c in Country.objects.all()] == ["AR", "UY"]
    assert [r.name for r in Region.objects.all()] == ["Africa", "Americas"]


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["uy", "URY", "U1"])
def test_a_country_code_is_two_upper_case_letters(code):
    # The check constraint refuses it; on PostgreSQL a third letter does not fit the column either.
    with pytest.raises((IntegrityError, DataError)):
        CountryFactory(code=code)
