"""The anonymous response cache is exact: a write invalidates it, editors bypass it."""

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.tests.factories import PracticeFactory


@pytest.fixture
def published(db):
    return PracticeFactory(title="Distance training via videoconferencing", status="published")


def get_with_queries(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def test_second_anonymous_request_is_served_from_the_cache_with_one_query(client, published):
    first, first_queries = get_with_queries(client, "/practices/")
    second, second_queries = get_with_queries(client, "/practices/")
    assert first.status_code == second.status_code == 200
    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    # The one query of a hit reads the content version (common/caching.py).
    assert first_queries > 1 and second_queries == 1
    assert second.content == first.content


def test_a_write_invalidates_every_cached_response(client, published):
    client.get("/practices/")
    published.title = "Distance training via videoconference, revised"
    published.save()
    response = client.get("/practices/")
    assert response["X-Cache"] == "miss"
    assert "Distance training via videoconference, revised" in response.content.decode()


def test_a_change_of_priority_areas_invalidates_too(client, published):
    url = f"/practices/{published.slug}/"
    client.get(url)
    area = published.priority_areas.first()
    published.priority_areas.remove(area)
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert area.name not in response.content.decode()


def test_different_query_strings_and_languages_are_different_entries(client, published):
    client.get("/practices/")
    assert client.get("/practices/?page=1")["X-Cache"] == "miss"
    spanish = client.get("/es/practices/")
    assert spanish["X-Cache"] == "miss" and spanish["Content-Language"] == "es"
    assert client.get("/es/practices/")["X-Cache"] == "hit"
    assert client.get("/practices/", HTTP_ACCEPT="application/json")["X-Cache"] == "miss"


def test_editors_are_never_served_a_cached_response(client, published):
    client.get("/practices/")
    editor = User.objects.create_user("editor", password="pw-for-tests-only")
    editor.user_permissions.add(Permission.objects.get(codename="view_practice"))
    client.force_login(editor)
    response, queries = get_with_queries(client, "/practices/")
    assert "X-Cache" not in response
    assert queries > 0


def test_error_responses_are_not_cached(client, published):
    client.get("/practices/no-such-practice/")
    response = client.get("/practices/no-such-practice/")
    assert response.status_code == 404
    assert "X-Cache" not in response


def test_cache_can_be_turned_off(client, published, settings):
    settings.CATALOGUE_CACHE_SECONDS = 0
    client.get("/practices/")
    response, queries = get_with_queries(client, "/practices/")
    assert "X-Cache" not in response and queries > 0


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/api/v1/practices/", "application/json"),
        ("/practices/", "text/html; charset=utf-8"),
    ],
)
def test_a_hit_is_the_same_bytes_and_headers_as_the_miss(client, published, url, content_type):
    miss = client.get(url)
    hit, queries = get_with_queries(client, url)
    assert (miss["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    assert queries == 1  # the content version
    assert hit.content == miss.content
    assert hit["Content-Type"] == miss["Content-Type"] == content_type
    assert published.title.encode() in hit.content


def test_the_streamed_csv_is_never_stored(client, published):
    # Its body does not exist until it is read, and may be the whole catalogue: the cache lets it
    # through untouched (conditional GET still spares a client that has it; test_api_queries).
    from django.core.cache import cache

    from common.caching import _key

    url = "/api/v1/practices/?format=csv"
    first = client.get(url)
    assert first.streaming and "X-Cache" not in first
    body = b"".join(first.streaming_content)
    assert published.title.encode() in body
    assert cache.get(_key(first.wsgi_request)) is None
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
        assert again.streaming and "X-Cache" not in again
        assert b"".join(again.streaming_content) == body
    assert len(queries) > 0


def test_the_cache_stores_bytes_not_the_objects_behind_them(client, published):
    from django.core.cache import cache
    from django.http import HttpResponse

    from common.caching import _key

    response = client.get("/api/v1/practices/")
    stored = cache.get(_key(response.wsgi_request))
    assert type(stored) is HttpResponse
    assert stored.content == response.content


def test_each_write_of_a_transaction_replaces_the_version_and_a_rollback_restores_it(published):
    # What the transaction's own reads cache between two writes is under a token the next write
    # replaces; a rolled-back write leaves the version its rows had.
    from django.db import transaction

    from common.caching import content_version

    before = content_version()
    with transaction.atomic():
        published.title = "Renamed inside a transaction"
        published.save()
        after_one = content_version()
        published.summary = "And summarised again"
        published.save()
        after_two = content_version()
    assert len({before, after_one, after_two}) == 3
    assert content_version() == after_two

    class Undo(Exception):
        pass

    try:
        with transaction.atomic():
            published.title = "Renamed, then undone"
            published.save()
            assert content_version() != after_two
            raise Undo
    except Undo:
        pass
    assert content_version() == after_two


def test_the_next_request_sees_a_version_changed_by_another_process(client, published):
    # Another process's write changes the row in the database and nothing in this one's memory.
    from common.caching import content_version
    from common.models import ContentVersion

    client.get("/practices/")
    assert client.get("/practices/")["X-Cache"] == "hit"
    ContentVersion.objects.filter(pk=ContentVersion.ROW).update(token="written-by-another-process")
    # Outside a request (a command, a shell) every call reads the row.
    assert content_version() == "written-by-another-process"
    response, queries = get_with_queries(client, "/practices/")
    assert response["X-Cache"] == "miss" and queries > 1
    assert client.get("/practices/")["X-Cache"] == "hit"
