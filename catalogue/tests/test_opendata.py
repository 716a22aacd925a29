"""Open data: the licence in the API schema, the practice pages' JSON-LD and the /data/ page, and
the whole-catalogue downloads (JSON in the API's result shape, CSV), published practices only.

The real catalogue (fixtures/05_practices.json) has 68 published practices: the 62 entries of the
Americas 2017 competition and the 6 strategies of the 2014 OAS/CISS workshop.
"""

import csv
import io
import json
import re
from datetime import UTC, datetime

import pytest

from catalogue import opendata
from catalogue.choices import Status
from catalogue.models import Practice
from common.caching import content_state

from .factories import PracticeFactory

LICENSE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
AWARD = "formalizing-enterprises-and-workers-in-the-shared-economy-transporting"


def download(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response
    assert response.streaming
    return response, b"".join(response.streaming_content).decode("utf-8")


def json_ld(html):
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


@pytest.mark.django_db
def test_the_schema_states_the_licence(api):
    doc = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert doc["info"]["license"] == LICENSE
    assert "keep the rights of the source" in doc["info"]["description"]


@pytest.mark.usefixtures("catalogue", "no_cache")
class TestDownloads:
    def test_json_holds_every_published_practice_in_the_api_shape(self, client, api):
        response, text = download(client, "/data/practices.json")
        assert response["Content-Type"] == "application/json"
        assert response["Content-Disposition"] == 'attachment; filename="practices.json"'
        data = json.loads(text)
        assert data["license"] == LICENSE
        assert data["quoted_fields"] == ["title", "original_title", "summary", "jury_comment", "source.title"]
        built = datetime.fromtimestamp(content_state().last_modified, UTC)
        assert data["built"] == built.isoformat()
        slugs = [result["slug"] for result in data["results"]]
        assert len(slugs) == len(set(slugs)) == 68
        # The API list's order and shape: each result is what /api/v1/practices/ says of it.
        listed = api.get("/api/v1/practices/", {"page_size": 100}).json()["results"]
        assert data["results"] == listed
        award = next(result for result in data["results"] if result["slug"] == AWARD)
        assert award["institution"]["name"] == "Social Insurance Bank"
        assert award["tier"]["slug"] == "award"
        assert award["html_url"] == f"http://testserver/practices/{AWARD}/"

    def test_drafts_and_withdrawn_practices_are_left_out_even_for_editors(self, client, editor):
        Practice.objects.filter(slug=AWARD).update(status=Status.DRAFT)
        withdrawn = Practice.objects.filter(country__code="US").get()
        Practice.objects.filter(pk=withdrawn.pk).update(status=Status.WITHDRAWN)
        client.force_login(editor)
        _response, text = download(client, "/data/practices.json")
        slugs = {result["slug"] for result in json.loads(text)["results"]}
        assert len(slugs) == 66 and AWARD not in slugs and withdrawn.slug not in slugs
        _response, text = download(client, "/data/practices.csv")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert {row["slug"] for row in rows} == slugs
        assert {row["status"] for row in rows} == {"published"}

    def test_csv_is_the_apis(self, client, api):
        response, text = download(client, "/data/practices.csv")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="practices.csv"'
        _api_response, api_text = download(api, "/api/v1/practices/?format=csv")
        assert text == api_text
        assert text.count("\r\n") == 1 + 68

    def test_names_are_in_english_whatever_the_language(self, client):
        _response, text = download(client, "/data/practices.json", HTTP_ACCEPT_LANGUAGE="de")
        results = json.loads(text)["results"]
        award = next(result for result in results if result["slug"] == AWARD)
        assert award["country"]["name"] == "Uruguay"
        assert award["tier"]["name"] == "Award"

    def test_conditional_get_and_head(self, client):
        response, _text = download(client, "/data/practices.json")
        assert response["Last-Modified"] and response["ETag"]
        again = client.get("/data/practices.json", HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304
        head = client.head("/data/practices.json")
        assert head.status_code == 200 and b"".join(head.streaming_content) == b""
        # A write makes a new version: the old tag no longer holds.
        Practice.objects.get(slug=AWARD).save()
        assert client.get("/data/practices.json", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 200

    def test_read_in_chunks_the_same(self, client, monkeypatch):
        _response, whole = download(client, "/data/practices.json")
        monkeypatch.setattr(opendata, "JSON_CHUNK_SIZE", 7)
        _response, chunked = download(client, "/data/practices.json")
        assert chunked == whole


@pytest.mark.usefixtures("db", "no_cache")
def test_json_queries_do_not_grow_with_rows(client, django_assert_num_queries):
    # The content version; the rows (institution, country, competition, tier and source joined); their
    # priority areas, target groups, adapted-from and adopted-by: one chunk.
    PracticeFactory.create_batch(3)
    PracticeFactory(status=Status.DRAFT)
    with django_assert_num_queries(6):
        _response, text = download(client, "/data/practices.json")
    assert len(json.loads(text)["results"]) == 3
    PracticeFactory.create_batch(40)
    with django_assert_num_queries(6):
        _response, text = download(client, "/data/practices.json")
    assert len(json.loads(text)["results"]) == 43


@pytest.mark.usefixtures("db", "no_cache")
def test_an_empty_catalogue_is_valid_json(client):
    PracticeFactory(status=Status.DRAFT)
    _response, text = download(client, "/data/practices.json")
    assert json.loads(text)["results"] == []


@pytest.mark.usefixtures("catalogue", "no_cache")
class TestPages:
    def test_json_ld_names_the_licence(self, client):
        html = client.get(f"/practices/{AWARD}/").content.decode()
        data = json_ld(html)
        assert data["license"] == LICENSE["url"]
        assert data["usageInfo"] == "http://testserver/data/"

    def test_data_page(self, client):
        response = client.get("/data/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<a href="{LICENSE["url"]}" rel="license">' in html
        assert "(CC BY 4.0)" in html
        assert "keep that source\u2019s rights" in html
        assert "68 published practices" in html
        assert '<a href="/data/practices.csv" type="text/csv" download>' in html
        assert '<a href="/data/practices.json" type="application/json" download>' in html
        assert 'href="/data/">Open data</a>' in html  # the footer

    def test_the_footer_links_the_data_page_in_every_language(self, client):
        html = client.get("/es/practices/").content.decode()
        assert 'href="/es/data/"' in html
        assert client.get("/es/data/").status_code == 200

    def test_practice_page_offers_citations(self, client):
        html = client.get(f"/practices/{AWARD}/").content.decode()
        for kind in ("ris", "bibtex", "csljson"):
            assert f'href="/api/v1/practices/{AWARD}/?format={kind}"' in html

    def test_list_offers_citations_of_the_view(self, client):
        html = client.get("/practices/?country=UY&tier=merit&page=2&page_size=5").content.decode()
        for kind in ("ris", "bibtex", "csljson"):
            assert f'href="/api/v1/practices/?country=UY&amp;tier=merit&amp;format={kind}"' in html
