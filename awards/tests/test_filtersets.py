"""The FilterSets of priority areas and competitions: every filter, matching and not."""

import pytest

from awards.filtersets import CompetitionFilterSet, PriorityAreaFilterSet
from awards.models import Competition, PriorityArea
from awards.tests.factories import CompetitionFactory, PriorityAreaFactory
from common.tests.filtersets import assert_every_filter_has_cases, errors, filtered
from regions.tests.factories import RegionFactory


@pytest.fixture
def competitions(db):
    americas = RegionFactory(slug="americas")
    europe = RegionFactory(slug="europe")
    CompetitionFactory(slug="americas-2017", name="ISSA Good Practice Awards, Americas 2017",
                       region=americas, year=2017)  # fmt: skip
    CompetitionFactory(slug="europe-2018", name="ISSA Good Practice Awards, Europe 2018",
                       region=europe, year=2018)  # fmt: skip
    CompetitionFactory(slug="americas-2020", name="Prémio Américas 2020", programme="Regional",
                       region=americas, year=2020)  # fmt: skip
    PriorityAreaFactory(slug="service-quality", name="Service Quality")
    PriorityAreaFactory(slug="good-governance", name="Good Governance")


COMPETITION_CASES = {
    "region": [("region=americas", ["americas-2017", "americas-2020"]), ("region=Europe", ["europe-2018"])],
    "year": [("year=2018", ["europe-2018"]), ("year=2017,2020", ["americas-2017", "americas-2020"])],
    "search": [
        ("search=premio", ["americas-2020"]),
        ("search=awards americas", ["americas-2017"]),
        ("search=regional", ["americas-2020"]),
    ],
}


def test_every_competition_filter_has_cases():
    assert_every_filter_has_cases(CompetitionFilterSet, COMPETITION_CASES)


@pytest.mark.parametrize(("query", "slugs"), [c for cases in COMPETITION_CASES.values() for c in cases])
def test_competitions(competitions, query, slugs):
    assert sorted(filtered(CompetitionFilterSet, query, Competition.objects.all())) == slugs


def test_competitions_bad_values(competitions):
    assert errors(CompetitionFilterSet, "region=asia&year=17", Competition.objects.all()) == {
        "region": ["Unknown value 'asia'. Allowed: americas, europe."],
        "year": ["'17' is not a year. Allowed: a four-digit year, e.g. 2017."],
    }


AREA_CASES = {"search": [("search=QUALITY", ["service-quality"]), ("search=good", ["good-governance"])]}


def test_every_priority_area_filter_has_cases():
    assert_every_filter_has_cases(PriorityAreaFilterSet, AREA_CASES)


@pytest.mark.parametrize(("query", "slugs"), AREA_CASES["search"])
def test_priority_areas(competitions, query, slugs):
    assert filtered(PriorityAreaFilterSet, query, PriorityArea.objects.all()) == slugs
