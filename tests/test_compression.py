"""Answers are gzip-compressed for clients that accept it (config.middleware.GZipMiddleware), cached
ones too, the admin's excepted; the API's conditional GET still answers 304, to the weak ETag that
compression gives."""

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
API = "/api/v1/practices/"


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


def test_the_list_page_is_compressed_cached_or_not_and_says_it_varies(client, catalogue):
    plain = client.get("/practices/")  # computed, and cached
    compressed = client.get("/practices/", **GZIP)  # from the cache, compressed on the way out
    assert plain.status_code == compressed.status_code == 200
    assert plain["X-Cache"] == "miss" and compressed["X-Cache"] == "hit"
    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    html = gzip.decompress(compressed.content)
    assert html == plain.content
    assert '<h2 class="result-count">68 practices' in html.decode()
    assert int(compressed["Content-Length"]) == len(compressed.content)
    # Caches between here and the client keep the two apart.
    assert "accept-encoding" in vary(plain) and "accept-encoding" in vary(compressed)
    # The fixture catalogue's page (50 KB) compresses to about 7 KB; the budget is 60 KB.
    assert len(compressed.content) < 60_000
    # Computed (not cached) and compressed, the same page again.
    fresh = client.get("/practices/?page=1", **GZIP)
    assert fresh["X-Cache"] == "miss" and fresh["Content-Encoding"] == "gzip"
    assert '<h2 class="result-count">68 practices' in gzip.decompress(fresh.content).decode()


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_csv_is_compressed_whether_it_streams_or_not(client, practice):
    plain = client.get(API, {"format": "csv"})
    compressed = client.get(API, {"format": "csv"}, **GZIP)
    assert compressed["Content-Encoding"] == "gzip"
    csv = gzip.decompress(body(compressed)).decode()
    assert csv == body(plain).decode()
    assert practice.title in csv


def test_the_admin_is_not_compressed(editor_client):
    response = editor_client.get("/admin/catalogue/practice/?q=pension", **GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert "accept-encoding" not in vary(response)


@pytest.mark.parametrize("cache_seconds", [600, 0], ids=["cache-on", "cache-off"])
def test_the_api_answers_304_to_the_weak_etag_of_a_compressed_answer(api, practice, settings, cache_seconds):
    settings.CATALOGUE_CACHE_SECONDS = cache_seconds
    first = api.get(API, **GZIP)
    assert first.status_code == 200 and first["Content-Encoding"] == "gzip"
    etag = first["ETag"]
    assert etag.startswith('W/"')
    strong = etag.removeprefix("W/")
    assert practice.title in gzip.decompress(first.content).decode()

    for validator in (etag, strong):  # a cache sends back what it stored; either form matches
        with CaptureQueriesContext(connection) as queries:
            again = api.get(API, HTTP_IF_NONE_MATCH=validator, **GZIP)
        assert again.status_code == 304, validator
        assert again.content == b"" and len(queries) == 1  # the content version
        # The validator and Vary of the 200 it stands for.
        assert again["ETag"] == etag
        assert {"accept-encoding", "accept"} <= vary(again)

    # A client without gzip gets the uncompressed answer's strong ETag, and 304 to it.
    identity = api.get(API)
    assert "Content-Encoding" not in identity and identity["ETag"] == strong
    assert api.get(API, HTTP_IF_NONE_MATCH=strong)["ETag"] == strong

    # A write changes the answer: the old validator gets the new list.
    practice.title = "Digital pension certificates"
    practice.save()
    changed = api.get(API, HTTP_IF_NONE_MATCH=etag, **GZIP)
    assert changed.status_code == 200
    assert "Digital pension certificates" in gzip.decompress(changed.content).decode()
