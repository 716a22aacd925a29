"""A search's pages read a rank at a time (PracticeQuerySet.page_rows) are exactly the pages of the
one query that sorts every match: same practices, same order, same ranks, on SQLite and PostgreSQL.

The real catalogue and 400 synthetic practices (every tier, years 2010 to 2026, practices without
a tier) give ranks with many ties, which the entries' order (tier, year) must break as the
practices' own order (tier rank, year, title, slug) does.
"""

import pytest
from django.core.management import call_command
from django.db import transaction

from catalogue.models import Practice
from catalogue.querysets import RANKED_PAGE_DEPTH, SEARCH_ORDERING
from catalogue.services.synthetic import synchronise

# One, two and three required items; phrases, exclusions, "or", Spanish, an institution's name.
SEARCHES = [
    "pension",
    "pensiones",
    "social security",
    "seguridad social",
    '"universal pension"',
    "pension -digital",
    "pension or health",
    "digital services",
    "social security benefits",
    "ANSES",
    "institute pension",
]

WINDOWS = [(0, 20), (0, 5), (5, 13), (20, 40), (37, 61), (100, 120)]


@pytest.fixture(scope="module")
def _catalogue_with_synthetic(django_db_setup, django_db_blocker):
    """Loaded once for the module in a transaction rolled back after it (as fixtures.catalogue)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        call_command("load_catalogue", verbosity=0)
        synchronise(400, seed=7)
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def catalogue_with_synthetic(_catalogue_with_synthetic, db):
    return Practice.objects.published()


def rows(practices):
    return [(p.slug, p.search_rank) for p in practices]


@pytest.mark.parametrize("text", SEARCHES)
def test_each_page_is_the_plain_query_s_page(catalogue_with_synthetic, text):
    practices = catalogue_with_synthetic.for_list().search(text).order_by(*SEARCH_ORDERING)
    every = rows(practices)
    assert len(every) > 20, text  # the windows reach past the first rank
    for bottom, top in WINDOWS:
        page = practices.page_rows(bottom, top)
        assert page is not None
        assert rows(page) == every[bottom:top], (text, bottom, top)


def test_with_filters_and_for_an_editor(catalogue_with_synthetic):
    practices = Practice.objects.filter(country__code__in=["MX", "AR"], year__gte=2012).search("pension")
    practices = practices.order_by(*SEARCH_ORDERING)
    every = rows(practices)
    assert every
    assert rows(practices.page_rows(0, 20)) == every[:20]
    assert rows(practices.page_rows(3, 9)) == every[3:9]


def test_a_page_past_the_end_and_an_empty_window(catalogue_with_synthetic):
    practices = catalogue_with_synthetic.search("telemedicine").order_by(*SEARCH_ORDERING)
    count = practices.count()
    assert practices.page_rows(count, count + 20) == []
    assert practices.page_rows(5, 5) == []
    assert catalogue_with_synthetic.search("xqzwv").order_by(*SEARCH_ORDERING).page_rows(0, 20) == []


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda qs: qs.order_by(*SEARCH_ORDERING), id="no search"),
        pytest.param(lambda qs: qs.search("pension").order_by("title"), id="another order"),
        pytest.param(
            lambda qs: qs.search("pension digital services people").order_by(*SEARCH_ORDERING),
            id="four items",
        ),
        pytest.param(
            lambda qs: (qs.search("pension") | qs.filter(slug="my-anses-mobile")).order_by(*SEARCH_ORDERING),
            id="combined",
        ),
    ],
)
def test_other_lists_are_sliced(catalogue_with_synthetic, make):
    assert make(catalogue_with_synthetic).page_rows(0, 20) is None


def test_deep_pages_are_sliced(catalogue_with_synthetic):
    practices = catalogue_with_synthetic.search("pension").order_by(*SEARCH_ORDERING)
    assert practices.page_rows(RANKED_PAGE_DEPTH - 20, RANKED_PAGE_DEPTH) is not None
    assert practices.page_rows(RANKED_PAGE_DEPTH - 19, RANKED_PAGE_DEPTH + 1) is None


def test_the_api_and_the_page_list_the_same_practices(client, catalogue_with_synthetic):
    practices = catalogue_with_synthetic.search("pension").order_by(*SEARCH_ORDERING)
    expected = [p.slug for p in practices[20:40]]
    api = client.get("/api/v1/practices/", {"search": "pension", "page": 2}).json()
    assert [row["slug"] for row in api["results"]] == expected
    assert api["count"] == practices.count()
