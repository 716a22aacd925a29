"""The named reads of every model, each pinned to its number of queries (tests/query_counts.json),
with what they return; the counts of practices they annotate come from the practices passed in."""

import pytest

from awards.models import AwardTier, Competition, PriorityArea
from awards.tests.factories import AwardTierFactory
from catalogue.choices import Status
from catalogue.models import Institution, Practice
from catalogue.tests.factories import InstitutionFactory, PracticeFactory
from regions.models import Country, LiaisonOffice, Region
from regions.tests.factories import CountryFactory, LiaisonOfficeFactory, RegionFactory


@pytest.fixture
def world(db):
    """Two countries of one region, each with an institution; Uruguay has 2 published practices and
    a draft, Chile 1 published; Bolivia none. The liaison office serves Uruguay and Chile."""
    region = RegionFactory(slug="americas", name="Americas")
    uruguay = CountryFactory(code="UY", name="Uruguay", region=region)
    chile = CountryFactory(code="CL", name="Chile", region=region)
    CountryFactory(code="BO", name="Bolivia", region=region)
    bank = InstitutionFactory(name="Social Insurance Bank", country=uruguay)
    PracticeFactory.create_batch(2, institution=bank)
    PracticeFactory(institution=bank, status=Status.DRAFT)
    PracticeFactory(institution=InstitutionFactory(name="Chilean Safety Association", country=chile))
    LiaisonOfficeFactory(region=region, countries=[uruguay, chile])
    return {"region": region, "uruguay": uruguay, "chile": chile}


def touch(rows, *paths):
    """Read `paths` (dotted attributes, `x.all` for a relation) on every row, as a template would."""
    for row in rows:
        for path in paths:
            value = row
            for attribute in path.split("."):
                value = getattr(value, attribute)
                if attribute == "all":
                    value = list(value())


READS = {
    "Practice.objects.published().for_list()": (
        lambda: Practice.objects.published().for_list(),
        ("institution.name", "country.name", "competition.name", "tier.name", "source.title",
         "priority_areas.all"),
    ),
    "Practice.objects.for_detail()": (
        lambda: Practice.objects.for_detail(),
        ("country.region.name", "competition.region.name", "priority_areas.all"),
    ),
    "Practice.objects.for_sitemap()": (lambda: Practice.objects.for_sitemap(), ("slug", "updated_at")),
    "Practice.objects.published().for_export()": (
        lambda: Practice.objects.published().for_export(["slug", "institution__name", "tier__rank"]),
        (),
    ),
    "Country.objects.for_api()": (
        lambda: Country.objects.for_api().with_practice_counts(Practice.objects.published()),
        ("region.name", "liaison_offices.all", "practice_count"),
    ),
    "Region.objects.for_api()": (
        lambda: Region.objects.for_api().with_practice_counts(Practice.objects.published()),
        ("countries.all", "practice_count"),
    ),
    "LiaisonOffice.objects.for_api()": (
        lambda: LiaisonOffice.objects.for_api().with_practice_counts(Practice.objects.published()),
        ("region.name", "source", "countries.all", "practice_count"),
    ),
    "Competition.objects.for_api()": (
        lambda: Competition.objects.for_api().with_practice_counts(Practice.objects.published()),
        ("region.name", "source.title", "priority_areas.all", "practice_count"),
    ),
    "PriorityArea.objects.for_api()": (
        lambda: PriorityArea.objects.for_api().with_practice_counts(Practice.objects.published()),
        ("practice_count",),
    ),
    "AwardTier.objects.for_api()": (
        lambda: AwardTier.objects.for_api().with_practice_counts(Practice.objects.published()),
        ("practice_count",),
    ),
    "Institution.objects.for_api()": (
        lambda: Institution.objects.for_api().with_practice_counts(Practice.objects.published()),
        ("country.name", "practice_count"),
    ),
    "Country.objects.having_practices()": (
        lambda: Country.objects.having_practices(Practice.objects.published()),
        ("practice_count",),
    ),
}


@pytest.mark.parametrize("name", READS)
def test_each_named_read_runs_its_queries_whatever_it_reads_of_each_row(world, expected_queries, name):
    read, paths = READS[name]
    with expected_queries(f"read {name}"):
        rows = list(read())
        touch(rows, *paths)
    assert rows


def test_an_export_reads_a_chunk_at_a_time_in_the_querysets_order(world, django_assert_num_queries):
    uruguay = Practice.objects.filter(country=world["uruguay"]).order_by("-slug")
    # The rows, then the areas of each chunk: 3 practices one at a time.
    with django_assert_num_queries(1 + 3):
        rows = list(uruguay.for_export(["slug", "country__code", "tier__rank"], chunk_size=1))
    expected_values = list(uruguay.values_list("slug", "country__code", "tier__rank"))
    assert [values for values, _areas in rows] == expected_values
    for (_values, areas), practice in zip(rows, uruguay, strict=True):
        expected = [(area.name, area.slug) for area in practice.priority_areas.order_by("position", "slug")]
        assert areas == expected and len(areas) == 2
    without_areas = Practice.objects.filter(country=world["chile"])
    without_areas.get().priority_areas.clear()
    assert [areas for _values, areas in without_areas.for_export(["slug"])] == [[]]


def test_counts_are_of_the_practices_given(world):
    published = Practice.objects.published()
    counts = {c.code: c.practice_count for c in Country.objects.with_practice_counts(published)}
    assert counts == {"BO": 0, "CL": 1, "UY": 2}
    every = Practice.objects.all()
    assert {c.code: c.practice_count for c in Country.objects.with_practice_counts(every)}["UY"] == 3
    # Chile before Uruguay: by name, as the model orders countries.
    assert [c.code for c in Country.objects.having_practices(published)] == ["CL", "UY"]
    assert Region.objects.with_practice_counts(published).get(slug="americas").practice_count == 3
    assert LiaisonOffice.objects.with_practice_counts(published).get().practice_count == 3


def test_counts_keep_the_models_order(db):
    # Django leaves Meta.ordering out of grouped queries; the counting reads put it back, so a
    # list of offices is by name (as the model says), not in the order the rows were written.
    region = RegionFactory()
    LiaisonOfficeFactory(name="B office", region=region)
    LiaisonOfficeFactory(name="A office", region=region)
    AwardTierFactory(rank=9, slug="last")
    AwardTierFactory(rank=8, slug="first")
    practices = Practice.objects.all()
    assert [o.name for o in LiaisonOffice.objects.with_practice_counts(practices)] == ["A office", "B office"]
    assert [t.slug for t in AwardTier.objects.with_practice_counts(practices)] == ["first", "last"]


def test_competition_totals_count_merits_with_their_special_mentions(db):
    merit = AwardTierFactory(slug="merit", rank=3)
    mention = AwardTierFactory(slug="merit-special-mention", rank=2)
    first = PracticeFactory(tier=merit)
    PracticeFactory(competition=first.competition, tier=mention, institution=first.institution)
    totals = Practice.objects.competition_totals(first.competition)
    assert totals == {
        "entries": 2,
        "organizations": 1,
        "countries": 1,
        "certificates_of_merit": 2,
        "special_mentions": 1,
        "awards": 0,
    }


