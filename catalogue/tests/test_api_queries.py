"""Every API list answers in a number of queries that does not grow with its rows; reads revalidate
cheaply (ETag, Last-Modified, 304)."""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from catalogue.api.views import PracticeViewSet
from catalogue.models import Practice
from catalogue.tests.factories import InstitutionFactory, PracticeFactory
from regions.tests.factories import CountryFactory, LiaisonOfficeFactory, RegionFactory

from .fixtures import PRACTICE_PERMISSIONS, authenticate, make_user

API = "/api/v1/practices/"


def get_ok(api, url, **headers):
    response = api.get(url, **headers)
    assert response.status_code == 200, response.content[:300]
    return response


@pytest.fixture
def many_practices(db):
    """60 practices, each with its own institution, country, competition, tier and two areas."""
    return PracticeFactory.create_batch(60)


# The anonymous list: count, the page of rows (institution, country, competition, tier and source
# joined), their priority areas. The content version comes from the cache, not the database.


@pytest.mark.usefixtures("no_cache")
def test_list_of_5_and_of_60_rows_run_the_same_queries(api, many_practices, expected_queries):
    with expected_queries("api practices list"):
        small = get_ok(api, f"{API}?page_size=5")
    with expected_queries("api practices list"):
        large = get_ok(api, f"{API}?page_size=60")
    assert len(small.json()["results"]) == 5 and len(large.json()["results"]) == 60


@pytest.mark.usefixtures("no_cache")
def test_filtered_list_queries(api, many_practices, expected_queries):
    first, last = many_practices[0], many_practices[-1]
    url = (
        f"{API}?page_size=100&country={first.country.code}&country={last.country.code}&tier={first.tier.slug}"
    )
    # Two filters with values: each finds its rows with one query, then the list.
    with expected_queries("api practices list, two filters"):
        response = get_ok(api, url)
    assert response.json()["count"] == 1


@pytest.mark.usefixtures("no_cache")
def test_search_list_queries(api, many_practices, expected_queries):
    # A search's page: the ids of its rows, read a rank at a time, then the rows (page_rows). Its
    # count is computed once per content version: emptied, the cache makes each request count.
    with expected_queries("api practices list, search"):
        get_ok(api, f"{API}?page_size=5&search=practice")
    cache.clear()
    with expected_queries("api practices list, search"):
        get_ok(api, f"{API}?page_size=60&search=practice")


@pytest.mark.usefixtures("no_cache")
def test_a_search_is_counted_once_per_content_version(api, many_practices):
    first = get_ok(api, f"{API}?page_size=5&search=practice").json()
    with CaptureQueriesContext(connection) as captured:
        again = get_ok(api, f"{API}?page=2&page_size=5&search=practice").json()
    assert again["count"] == first["count"] == 60
    assert not any("COUNT(" in query["sql"] for query in captured.captured_queries)
    # A write is counted in at once.
    many_practices[0].delete()
    assert get_ok(api, f"{API}?page=2&page_size=5&search=practice").json()["count"] == 59


def get_csv(api, url):
    """A streamed CSV, read to its end (its queries run while it is read)."""
    response = get_ok(api, url)
    assert response.streaming
    return b"".join(response.streaming_content)


@pytest.mark.usefixtures("no_cache")
def test_csv_of_5_and_of_60_rows_run_the_same_queries(api, many_practices, expected_queries):
    Practice.objects.exclude(pk__in=[p.pk for p in many_practices[:5]]).update(year=2016)
    # The rows, then their priority areas, target groups and lineage (the year filter needs no query).
    with expected_queries("api practices csv"):
        small = get_csv(api, f"{API}?format=csv&year=2017")
    with expected_queries("api practices csv"):
        large = get_csv(api, f"{API}?format=csv")
    assert small.count(b"/api/v1/practices/") == 5
    assert large.count(b"/api/v1/practices/") == 60


@pytest.mark.usefixtures("no_cache", "catalogue")
def test_csv_of_the_catalogue_in_chunks(api, monkeypatch, expected_queries):
    # 68 practices, 10 at a time: the rows (one query, read a chunk at a time), then one query each
    # for the priority areas, target groups, adapted-from and adopted-by of each of the 7 chunks.
    monkeypatch.setattr(PracticeViewSet, "csv_chunk_size", 10)
    with expected_queries("api practices csv of the catalogue, chunks of 10"):
        body = get_csv(api, f"{API}?format=csv")
    assert body.count(b"/api/v1/practices/") == 68
    # Read by the view before it answers: the content version, the rows and the first chunk's
    # areas, groups and lineage. The rest as the body is read.
    with CaptureQueriesContext(connection) as before_reading:
        response = get_ok(api, f"{API}?format=csv")
    assert len(before_reading) == 6
    with CaptureQueriesContext(connection) as while_reading:
        assert b"".join(response.streaming_content) == body
    assert len(while_reading) == 24


@pytest.mark.usefixtures("no_cache", "catalogue")
def test_csv_of_nothing_runs_one_query(api, expected_queries):
    # The rows' query finds none: no chunk, so no query for areas.
    with expected_queries("api practices csv, no rows"):
        body = get_csv(api, f"{API}?format=csv&year=2000")
    assert body.startswith(b"slug,title,") and body.count(b"\r\n") == 1


@pytest.mark.usefixtures("no_cache")
def test_detail_queries(api, many_practices, expected_queries):
    with expected_queries("api practice detail"):
        get_ok(api, f"{API}{many_practices[0].slug}/")


@pytest.mark.usefixtures("no_cache")
def test_facets_queries_do_not_grow(api, many_practices, expected_queries):
    # One per facet (country, priority area, tier, institution, region, year) and the total.
    with expected_queries("api practices facets"):
        get_ok(api, f"{API}facets/")
    Practice.objects.filter(pk__in=[p.pk for p in many_practices[5:]]).delete()
    with expected_queries("api practices facets"):
        get_ok(api, f"{API}facets/")


@pytest.mark.usefixtures("no_cache")
def test_editor_list_queries(api, api_editor, many_practices, expected_queries):
    authenticate(api, api_editor)
    # The token with its user, the user's permissions and their groups' permissions, then the list.
    with expected_queries("api practices list, editor with a token"):
        get_ok(api, f"{API}?page_size=5")
    with expected_queries("api practices list, editor with a token"):
        get_ok(api, f"{API}?page_size=60")


@pytest.mark.usefixtures("no_cache")
@pytest.mark.parametrize(
    "path",
    [
        "countries/",  # count, rows with region, liaison offices
        "institutions/",  # count, rows with country
        "priority-areas/",
        "tiers/",
        "competitions/",  # count, rows with region and source, priority areas
        "regions/",  # count, rows, countries
        "liaison-offices/",  # count, rows with region and source, countries
    ],
)
def test_reference_lists_do_not_grow(api, db, path, expected_queries):
    region = RegionFactory()

    def add(n):
        for _ in range(n):
            practice = PracticeFactory(institution=InstitutionFactory(country=CountryFactory(region=region)))
            LiaisonOfficeFactory(region=region, countries=[practice.country])

    add(5)
    with expected_queries(f"api {path} list"):
        get_ok(api, f"/api/v1/{path}?page_size=100")
    add(25)
    with expected_queries(f"api {path} list"):
        get_ok(api, f"/api/v1/{path}?page_size=100")


# Conditional GET ----------------------------------------------------------------------------------


@pytest.mark.parametrize("cache_seconds", [600, 0], ids=["cache-on", "cache-off"])
@pytest.mark.parametrize("url", [API, f"{API}?format=csv", f"{API}facets/", "/api/v1/countries/"])
def test_if_none_match_answers_304(api, practice, settings, cache_seconds, url):
    settings.CATALOGUE_CACHE_SECONDS = cache_seconds
    first = api.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        again = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert len(queries) == 1  # the content version


def test_detail_revalidates(api, practice):
    url = f"{API}{practice.slug}/"
    first = api.get(url)
    assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert api.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_precondition_not_tied_to_the_url_does_not_hide_its_error(api, practice):
    # `*` and a date say nothing of this URL: a bad parameter or a page past the end is still an error.
    future = http_date(time.time() + 3600)
    for headers in ({"HTTP_IF_NONE_MATCH": "*"}, {"HTTP_IF_MODIFIED_SINCE": future}):
        response = api.get(API, {"page_size": "-5"}, **headers)
        assert response.status_code == 400, headers
        assert response.json() == {
            "page_size": ["'-5' is not allowed. Allowed: a whole number from 1 to 100."]
        }
        assert api.get(API, {"page": "9"}, **headers).status_code == 404, headers
        assert api.get(f"{API}no-such-practice/", **headers).status_code == 404, headers
        assert api.get(API, **headers).status_code == 304, headers
    # The ETag itself came from a 200 of this URL: 304 at once, reading only the content version.
    first = api.get(API)
    with CaptureQueriesContext(connection) as queries:
        assert api.get(API, HTTP_IF_NONE_MATCH=f'"x", W/{first["ETag"]}').status_code == 304
    assert len(queries) == 1 and "common_contentversion" in queries[0]["sql"]


def test_an_edit_changes_the_etag(api, api_editor, practice):
    url = f"{API}{practice.slug}/"
    before = api.get(url)
    editor = authenticate(type(api)(), api_editor)
    assert editor.patch(url, {"summary": "Revised."}, format="json").status_code == 200
    after = api.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert after.json()["summary"] == "Revised."
    # The list, too.
    assert api.get(API, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_an_edit_of_a_related_row_changes_the_etag(api, practice):
    first = api.get(API)
    country = practice.country
    country.name = "Renamed"
    country.save()
    response = api.get(API, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert response.json()["results"][0]["country"]["name"] == "Renamed"


def test_if_modified_since_after_an_edit(api, practice, settings):
    settings.CATALOGUE_CACHE_SECONDS = 0
    first = api.get(API)
    assert api.get(API, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    practice.title = "Changed"
    practice.save()
    # Last-Modified is never earlier than the write: a date from before it gets the new list.
    earlier = http_date(0)
    assert api.get(API, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


# Each write commits (as two editors' saves would), so the list between them is one a client can
# hold: its date, to the second, may be the second write's too.
@pytest.mark.django_db(transaction=True)
def test_two_writes_in_one_second_still_change_last_modified(api, practice, settings):
    settings.CATALOGUE_CACHE_SECONDS = 0
    practice.title = "First change"
    practice.save()
    between = api.get(API)
    practice.title = "Second change"
    practice.save()
    after = api.get(API, HTTP_IF_MODIFIED_SINCE=between["Last-Modified"])
    assert after.status_code == 200
    assert after.json()["results"][0]["title"] == "Second change"
    # Its own date still revalidates by ETag.
    assert api.get(API, HTTP_IF_NONE_MATCH=after["ETag"]).status_code == 304


@pytest.mark.django_db(transaction=True)
def test_two_writes_in_one_second_still_change_a_details_last_modified(api, practice, settings):
    # The detail's two-part ETag takes its own path (conditional_versioned): the same date rule.
    settings.CATALOGUE_CACHE_SECONDS = 0
    url = f"{API}{practice.slug}/"
    practice.title = "First change"
    practice.save()
    between = api.get(url)
    practice.title = "Second change"
    practice.save()
    after = api.get(url, HTTP_IF_MODIFIED_SINCE=between["Last-Modified"])
    assert after.status_code == 200
    assert after.json()["title"] == "Second change"
    assert api.get(url, HTTP_IF_NONE_MATCH=after["ETag"]).status_code == 304


def test_representations_and_audiences_have_their_own_etags(api, api_editor, practice, settings):
    settings.CATALOGUE_CACHE_SECONDS = 0
    json_etag = api.get(API)["ETag"]
    csv_etag = api.get(API, {"format": "csv"})["ETag"]
    editor_etag = authenticate(type(api)(), api_editor).get(API)["ETag"]
    assert len({json_etag, csv_etag, editor_etag}) == 3
    # Every anonymous client shares one; each user has their own (the browsable API names them).
    assert type(api)().get(API)["ETag"] == json_etag
    other_editor = make_user("other-editor", *PRACTICE_PERMISSIONS)
    assert authenticate(type(api)(), other_editor).get(API)["ETag"] not in {json_etag, editor_etag}
    # Names follow Accept-Language (common/api/language.py): each language has its own ETag.
    assert api.get(API, HTTP_ACCEPT_LANGUAGE="es")["ETag"] not in {json_etag, csv_etag, editor_etag}
    assert api.get(API, HTTP_ACCEPT_LANGUAGE="ja")["ETag"] == json_etag


def test_editors_answers_are_private(api, api_editor, practice):
    response = authenticate(api, api_editor).get(API)
    assert "private" in response["Cache-Control"]
    assert "Authorization" in response["Vary"]


def test_anonymous_api_responses_are_cached(api, practice):
    # No session is read for a client without a session cookie, so the response does not vary on
    # Cookie and the anonymous response cache may keep it.
    first = api.get(API)
    assert first["X-Cache"] == "miss"
    assert "Cookie" not in first.get("Vary", "")
    with CaptureQueriesContext(connection) as queries:
        second = api.get(API)
    assert second["X-Cache"] == "hit" and len(queries) == 1  # the content version
    assert second.content == first.content
