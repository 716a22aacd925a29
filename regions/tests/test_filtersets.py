"""The FilterSets of regions, countries and liaison offices: for each filter, rows that match and rows
that do not, one value and several, and the error of an unknown one."""

import pytest

from common.tests.filtersets import assert_every_filter_has_cases, errors, filtered
from regions.filtersets import CountryFilterSet, LiaisonOfficeFilterSet, RegionFilterSet
from regions.models import Country, LiaisonOffice, Region
from regions.tests.factories import CountryFactory, LiaisonOfficeFactory, RegionFactory


@pytest.fixture
def places(db):
    """The Americas with Peru, Ecuador and Canada; Europe with Spain. The Andean office serves Peru
    and Ecuador, the North American one Canada (and Peru, to check that a country served twice is
    listed once)."""
    americas = RegionFactory(slug="americas", name="Americas", position=2)
    europe = RegionFactory(slug="europe", name="Europe", position=4)
    peru = CountryFactory(code="PE", name="Peru", region=americas)
    ecuador = CountryFactory(code="EC", name="Ecuador", region=americas)
    canada = CountryFactory(code="CA", name="Canada", region=americas)
    CountryFactory(code="ES", name="España", region=europe)
    LiaisonOfficeFactory(slug="andean-countries", name="Andean Countries", region=americas,
                         countries=[peru, ecuador])  # fmt: skip
    LiaisonOfficeFactory(slug="north-america", name="North America", region=americas,
                         countries=[canada, peru])  # fmt: skip


COUNTRY_CASES = {
    "region": [("region=americas", ["CA", "EC", "PE"]), ("region=EUROPE,americas", ["CA", "EC", "ES", "PE"])],
    "liaison_office": [
        ("liaison_office=andean-countries", ["EC", "PE"]),
        ("liaison_office=andean-countries&liaison_office=north-america", ["CA", "EC", "PE"]),
    ],
    "search": [("search=espana", ["ES"]), ("search=pe", ["PE"]), ("search=an", ["CA", "ES"])],
}


def test_every_country_filter_has_cases():
    assert_every_filter_has_cases(CountryFilterSet, COUNTRY_CASES)


@pytest.mark.parametrize(("query", "codes"), [case for cases in COUNTRY_CASES.values() for case in cases])
def test_countries(places, query, codes):
    assert sorted(filtered(CountryFilterSet, query, Country.objects.all(), key="code")) == codes


def test_countries_unknown_values(places):
    assert errors(CountryFilterSet, "region=asia&liaison_office=x", Country.objects.all()) == {
        "region": ["Unknown value 'asia'. Allowed: americas, europe."],
        "liaison_office": ["Unknown value 'x'. Allowed: andean-countries, north-america."],
    }


OFFICE_CASES = {
    "region": [("region=americas", ["andean-countries", "north-america"]), ("region=europe", [])],
    "country": [
        ("country=pe", ["andean-countries", "north-america"]),
        ("country=CA&country=EC", ["andean-countries", "north-america"]),
        ("country=EC", ["andean-countries"]),
        ("country=ES", []),
    ],
    "search": [("search=andean", ["andean-countries"]), ("search=countries north", [])],
}


def test_every_liaison_office_filter_has_cases():
    assert_every_filter_has_cases(LiaisonOfficeFilterSet, OFFICE_CASES)


@pytest.mark.parametrize(("query", "slugs"), [case for cases in OFFICE_CASES.values() for case in cases])
def test_liaison_offices(places, query, slugs):
    assert sorted(filtered(LiaisonOfficeFilterSet, query, LiaisonOffice.objects.all())) == slugs


def test_liaison_offices_unknown_country(places):
    assert errors(LiaisonOfficeFilterSet, "country=UY", LiaisonOffice.objects.all()) == {
        "country": ["Unknown value 'UY'. Allowed: CA, EC, ES, PE."]
    }


REGION_CASES = {
    "search": [("search=AMÉRICAS", ["americas"]), ("search=eur", ["europe"]), ("search=asia", [])],
}


def test_every_region_filter_has_cases():
    assert_every_filter_has_cases(RegionFilterSet, REGION_CASES)


@pytest.mark.parametrize(("query", "slugs"), REGION_CASES["search"])
def test_regions(places, query, slugs):
    assert filtered(RegionFilterSet, query, Region.objects.all()) == slugs
