"""The FilterSets of practices and institutions, run directly (the API and page tests run them over
HTTP): for every filter, rows that match and rows that do not, one value and several."""

import pytest

from awards.tests.factories import AwardTierFactory, CompetitionFactory, PriorityAreaFactory
from catalogue.choices import Evidence, Outcome
from catalogue.filtersets import InstitutionFilterSet, PracticeFilterSet
from catalogue.models import Institution, Practice, TargetGroup
from catalogue.tests.factories import InstitutionFactory, PracticeFactory, SourceDocumentFactory
from common.tests.filtersets import assert_every_filter_has_cases, errors, filtered
from regions.tests.factories import CountryFactory, LiaisonOfficeFactory, RegionFactory


@pytest.fixture
def practices(db):
    """Three award entries of Argentina and Uruguay, and a national strategy of Spain (no competition)."""
    americas = RegionFactory(slug="americas")
    europe = RegionFactory(slug="europe")
    argentina = CountryFactory(code="AR", name="Argentina", region=americas)
    uruguay = CountryFactory(code="UY", name="Uruguay", region=americas)
    spain = CountryFactory(code="ES", name="Spain", region=europe)
    LiaisonOfficeFactory(slug="southern-cone", region=americas, countries=[argentina, uruguay])
    LiaisonOfficeFactory(slug="europe-office", region=europe, countries=[spain])
    anses = InstitutionFactory(slug="anses", name="National Social Security Administration",
                               acronym="ANSES", country=argentina)  # fmt: skip
    bps = InstitutionFactory(slug="social-insurance-bank", name="Social Insurance Bank", acronym="BPS",
                             original_name="Banco de Previsión Social", country=uruguay)  # fmt: skip
    award = AwardTierFactory(slug="award", rank=1)
    merit = AwardTierFactory(slug="merit", rank=3)
    quality = PriorityAreaFactory(slug="service-quality", name="Service Quality", position=1)
    ict = PriorityAreaFactory(slug="ict", name="ICT", position=2)
    results = SourceDocumentFactory(slug="americas-2017-results")
    competition = CompetitionFactory(slug="americas-2017", year=2017, region=americas, source=results,
                                     priority_areas=[quality, ict])  # fmt: skip
    entry = {"competition": competition, "source": results, "year": 2017}
    PracticeFactory(slug="my-anses-mobile", title="My ANSES Mobile", original_title="Mi ANSES Móvil",
                    institution=anses, tier=merit, priority_areas=[ict], **entry)  # fmt: skip
    advice = PracticeFactory(slug="pension-advice", title="Pension advice", institution=bps, tier=award,
                             priority_areas=[quality], outcome=Outcome.SUCCESSFUL,
                             evidence=Evidence.REPORTED, in_place=True, **entry)  # fmt: skip
    training = PracticeFactory(slug="videoconferencing", title="Distance training via videoconferencing",
                               institution=bps, tier=merit, priority_areas=[quality, ict],
                               evidence=Evidence.MONITORED, in_place=False, **entry)  # fmt: skip
    older = TargetGroup.objects.create(slug="older-persons", name="Older persons", position=1)
    rural = TargetGroup.objects.create(slug="rural-workers", name="Rural workers", position=2)
    TargetGroup.objects.create(slug="employers", name="Employers", position=3)
    advice.target_groups.set([older])
    training.target_groups.set([older, rural])
    workshop = SourceDocumentFactory(slug="workshop-2014")
    PracticeFactory(slug="national-strategy", title="National strategy", institution=None,
                    country=spain, competition=None, year=2014, source=workshop)  # fmt: skip


ALL = ["my-anses-mobile", "national-strategy", "pension-advice", "videoconferencing"]
PRACTICE_CASES = {
    "country": [("country=uy", ["pension-advice", "videoconferencing"]),
                ("country=AR,ES", ["my-anses-mobile", "national-strategy"])],
    "region": [("region=europe", ["national-strategy"]), ("region=americas&region=europe", ALL)],
    "priority_area": [("priority_area=ict", ["my-anses-mobile", "videoconferencing"]),
                      ("priority_area=ict,service-quality", ["my-anses-mobile", "pension-advice",
                                                             "videoconferencing"])],
    "tier": [("tier=award", ["pension-advice"]),
             ("tier=award&tier=MERIT", ["my-anses-mobile", "pension-advice", "videoconferencing"])],
    "institution": [("institution=anses", ["my-anses-mobile"]),
                    ("institution=anses,social-insurance-bank",
                     ["my-anses-mobile", "pension-advice", "videoconferencing"])],
    "liaison_office": [("liaison_office=europe-office", ["national-strategy"]),
                       ("liaison_office=southern-cone", ["my-anses-mobile", "pension-advice",
                                                         "videoconferencing"])],
    "competition": [("competition=americas-2017", ["my-anses-mobile", "pension-advice",
                                                   "videoconferencing"])],
    "source": [("source=workshop-2014", ["national-strategy"]),
               ("source=workshop-2014,americas-2017-results", ALL)],
    "year": [("year=2014", ["national-strategy"]), ("year=2014&year=2017", ALL), ("year=2020", [])],
    "outcome": [("outcome=successful", ["pension-advice"]),
                ("outcome=successful,not-assessed", ALL), ("outcome=unsuccessful", [])],
    "evidence": [("evidence=reported", ["pension-advice"]),
                 ("evidence=reported&evidence=monitored", ["pension-advice", "videoconferencing"]),
                 ("evidence=not-assessed", ["my-anses-mobile", "national-strategy"]),
                 ("evidence=impact-evaluated", [])],
    "target_group": [("target_group=rural-workers", ["videoconferencing"]),
                     ("target_group=older-persons,rural-workers", ["pension-advice", "videoconferencing"]),
                     ("target_group=employers", [])],
    "in_place": [("in_place=true", ["pension-advice"]), ("in_place=false", ["videoconferencing"]),
                 ("in_place=true&in_place=false", ["pension-advice", "videoconferencing"])],
    "search": [("search=movil", ["my-anses-mobile"]), ("search=PREVISIÓN", ["pension-advice",
                                                                              "videoconferencing"]),
               ("search=pension", ["pension-advice"]), ("search=nothing-like-this", [])],
    "ordering": [("ordering=title", ALL)],
}  # fmt: skip


def test_every_practice_filter_has_cases():
    assert_every_filter_has_cases(PracticeFilterSet, PRACTICE_CASES)


@pytest.mark.parametrize(("query", "slugs"), [c for cases in PRACTICE_CASES.values() for c in cases])
def test_practices(practices, query, slugs):
    assert sorted(filtered(PracticeFilterSet, query, Practice.objects.all())) == slugs


def test_several_filters_mean_all_of_them(practices):
    query = "country=UY&priority_area=ict&tier=merit"
    assert filtered(PracticeFilterSet, query, Practice.objects.all()) == ["videoconferencing"]


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("", ["pension-advice", "videoconferencing", "my-anses-mobile", "national-strategy"]),
        ("ordering=title", ["videoconferencing", "my-anses-mobile", "national-strategy", "pension-advice"]),
        ("ordering=-year,title",
         ["videoconferencing", "my-anses-mobile", "pension-advice", "national-strategy"]),
        ("ordering=tier", ["pension-advice", "my-anses-mobile", "videoconferencing", "national-strategy"]),
        ("ordering=-tier", ["my-anses-mobile", "videoconferencing", "pension-advice", "national-strategy"]),
    ],
)
def test_ordering(practices, query, slugs):
    # By default: newest first, then by tier, then by title. A practice without a tier comes last
    # in either direction.
    assert filtered(PracticeFilterSet, query, Practice.objects.all()) == slugs


def test_unknown_values_are_named(practices):
    assert errors(PracticeFilterSet, "tier=gold&source=nope&outcome=maybe", Practice.objects.all()) == {
        "tier": ["Unknown value 'gold'. Allowed: award, merit."],
        "source": ["Unknown value 'nope'. Allowed: americas-2017-results, workshop-2014."],
        "outcome": [
            "Unknown value 'maybe'. Allowed: successful, partly-successful, unsuccessful, not-assessed."
        ],
    }


def test_unknown_evidence_values_are_named(practices):
    query = "evidence=strong&target_group=nurses&in_place=yes"
    assert errors(PracticeFilterSet, query, Practice.objects.all()) == {
        "evidence": [
            "Unknown value 'strong'. Allowed: not-assessed, reported, monitored, evaluated, impact-evaluated."
        ],
        "target_group": ["Unknown value 'nurses'. Allowed: older-persons, rural-workers, employers."],
        "in_place": ["Unknown value 'yes'. Allowed: true, false."],
    }


@pytest.mark.parametrize("value", ["1", "True", "TRUE", "null", "true,maybe"])
def test_in_place_takes_only_the_words_true_and_false(practices, value):
    assert set(errors(PracticeFilterSet, f"in_place={value}", Practice.objects.all())) == {"in_place"}


def test_evidence_filters_combine_with_the_others(practices):
    query = "evidence=reported,monitored&target_group=older-persons&in_place=false&priority_area=ict"
    assert filtered(PracticeFilterSet, query, Practice.objects.all()) == ["videoconferencing"]


INSTITUTION_CASES = {
    "country": [("country=AR", ["anses"]), ("country=ar,uy", ["anses", "social-insurance-bank"])],
    "region": [("region=americas", ["anses", "social-insurance-bank"]), ("region=europe", [])],
    "search": [("search=prevision", ["social-insurance-bank"]), ("search=anses", ["anses"]),
               ("search=social", ["anses", "social-insurance-bank"])],
}  # fmt: skip


def test_every_institution_filter_has_cases():
    assert_every_filter_has_cases(InstitutionFilterSet, INSTITUTION_CASES)


@pytest.mark.parametrize(("query", "slugs"), [c for cases in INSTITUTION_CASES.values() for c in cases])
def test_institutions(practices, query, slugs):
    assert sorted(filtered(InstitutionFilterSet, query, Institution.objects.all())) == slugs
