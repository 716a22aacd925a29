"""The OpenAPI schema documents every filter with its type and the values the database holds; the
interactive docs are served from this server."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from awards.models import AwardTier, Competition, PriorityArea
from catalogue.models import Institution
from regions.models import Country, LiaisonOffice, Region
from regions.tests.factories import CountryFactory

FILTERS = (
    "country", "priority_area", "tier", "institution", "region", "liaison_office", "competition", "year",
    "outcome", "search", "ordering",
)  # fmt: skip


def schema(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def parameters(doc, path, method="get"):
    return {p["name"]: p for p in doc["paths"][path][method]["parameters"]}


def enum(parameter):
    schema = parameter["schema"]
    return set((schema["items"] if schema["type"] == "array" else schema)["enum"])


@pytest.mark.usefixtures("catalogue")
class TestPracticeParameters:
    def test_the_enums_are_the_databases(self, api):
        params = parameters(schema(api), "/api/v1/practices/")
        assert enum(params["country"]) == set(Country.objects.values_list("code", flat=True))
        assert enum(params["tier"]) == set(AwardTier.objects.values_list("slug", flat=True))
        assert enum(params["priority_area"]) == set(PriorityArea.objects.values_list("slug", flat=True))
        assert enum(params["institution"]) == set(Institution.objects.values_list("slug", flat=True))
        assert enum(params["region"]) == set(Region.objects.values_list("slug", flat=True))
        assert enum(params["competition"]) == set(Competition.objects.values_list("slug", flat=True))
        assert enum(params["liaison_office"]) == set(LiaisonOffice.objects.values_list("slug", flat=True))
        # And they are what the contract names.
        assert {"AR", "BR", "CA", "CL", "CR", "GT", "MX", "PE", "US", "UY"} <= enum(params["country"])
        assert enum(params["tier"]) == {"award", "merit-special-mention", "merit", "attestation"}
        assert len(enum(params["priority_area"])) == 12
        assert enum(params["region"]) == {"africa", "americas", "asia-and-the-pacific", "europe"}

    def test_every_filter_is_a_typed_repeatable_parameter(self, api):
        params = parameters(schema(api), "/api/v1/practices/")
        assert set(FILTERS) | {"page", "page_size", "format"} <= set(params)
        for name in FILTERS:
            parameter = params[name]
            assert parameter["in"] == "query" and parameter.get("description"), name
            if name != "search":
                assert parameter["schema"]["type"] == "array", name
                assert parameter["explode"] is True and parameter["style"] == "form", name
        assert params["year"]["schema"]["items"]["type"] == "integer"
        assert enum(params["outcome"]) == {"successful", "partly-successful", "unsuccessful", "not-assessed"}
        assert {"title", "-year", "tier", "country", "institution"} <= enum(params["ordering"])
        assert params["search"]["schema"] == {"type": "string", "maxLength": 200}
        assert params["page_size"]["schema"]["maximum"] == 100
        assert params["page_size"]["schema"]["minimum"] == 1

    def test_facets_take_the_same_filters(self, api):
        doc = schema(api)
        facets = parameters(doc, "/api/v1/practices/facets/")
        assert set(FILTERS) <= set(facets)
        assert enum(facets["country"]) == enum(parameters(doc, "/api/v1/practices/")["country"])
        assert "page" not in facets

    def test_a_new_country_is_in_the_next_schema(self, api):
        CountryFactory(code="QQ")
        assert "QQ" in enum(parameters(schema(api), "/api/v1/practices/")["country"])

    def test_other_lists_document_their_filters(self, api):
        doc = schema(api)
        assert enum(parameters(doc, "/api/v1/countries/")["region"]) == {
            "africa", "americas", "asia-and-the-pacific", "europe",
        }  # fmt: skip
        assert "country" in parameters(doc, "/api/v1/institutions/")
        assert "year" in parameters(doc, "/api/v1/competitions/")


@pytest.mark.django_db
def test_schema_is_openapi_3_with_every_endpoint(api):
    doc = schema(api)
    assert doc["openapi"].startswith("3.")
    for path in (
        "/api/v1/practices/",
        "/api/v1/practices/{slug}/",
        "/api/v1/practices/facets/",
        "/api/v1/practices/suggest/",
        "/api/v1/countries/",
        "/api/v1/countries/{code}/",
        "/api/v1/institutions/",
        "/api/v1/priority-areas/",
        "/api/v1/tiers/",
        "/api/v1/competitions/",
        "/api/v1/regions/",
        "/api/v1/liaison-offices/",
    ):
        assert path in doc["paths"], path
    practice = doc["components"]["schemas"]["Practice"]["properties"]
    for field in ("slug", "url", "html_url", "title", "institution", "country", "tier", "priority_areas"):
        assert field in practice
    assert {"post", "get"} <= set(doc["paths"]["/api/v1/practices/"])
    assert {"tokenAuth", "cookieAuth"} <= set(doc["components"]["securitySchemes"])


@pytest.mark.django_db
def test_schema_generation_has_no_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert "openapi:" in (tmp_path / "schema.yaml").read_text()


@pytest.mark.django_db
def test_docs_are_served_from_this_server(api):
    response = api.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    for cdn in ("cdn.", "unpkg", "jsdelivr", "//"):
        assert cdn not in re.sub(r"<!DOCTYPE[^>]*>", "", html).replace("http://testserver/", ""), cdn
    # Swagger UI's files come from drf-spectacular-sidecar through our static files.
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    sidecar = [a for a in assets if "drf_spectacular_sidecar" in a]
    assert len(sidecar) >= 3
    for asset in sidecar:
        path = asset.split("/static/", 1)[1]
        assert finders.find(path), asset
    # No inline script or style: the start-up script is a separate, same-origin request.
    assert "<style" not in html
    assert all("src=" in attrs for attrs in re.findall(r"<script([^>]*)>", html))
    script = api.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert "/api/v1/schema/" in script.content.decode()


# The response cache reads the content version (a database row) for the HEAD.
@pytest.mark.django_db
def test_the_docs_page_answers_options_with_405_not_an_error(client):
    assert client.options("/api/v1/docs/").status_code == 405
    assert client.head("/api/v1/docs/").status_code == 200


@pytest.mark.django_db
def test_suggest_documents_its_parameters_answer_and_errors(api):
    doc = schema(api)
    operation = doc["paths"]["/api/v1/practices/suggest/"]["get"]
    params = parameters(doc, "/api/v1/practices/suggest/")
    # Its own two parameters, not the list's filters nor its pages.
    assert {name for name, p in params.items() if p["in"] == "query"} == {"q", "language"}
    assert params["q"]["schema"] == {"type": "string", "maxLength": 200}
    assert enum(params["language"]) == {"en", "es", "fr", "de"}
    assert set(operation["responses"]) == {"200", "304", "400", "401", "406", "429"}
    # Its own description of the 400, with the body every 400 has.
    assert "`q` longer than 200 characters" in operation["responses"]["400"]["description"]
    assert "content" in operation["responses"]["400"]
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(doc["components"]["schemas"][body]["properties"]) == {"query", "results"}
    item = doc["components"]["schemas"]["Suggestion"]
    assert set(item["properties"]) == {"label", "kind", "url"}
    kind = item["properties"]["kind"]["$ref"].rsplit("/", 1)[1]
    assert set(doc["components"]["schemas"][kind]["enum"]) == {
        "country",
        "priority_area",
        "institution",
        "practice",
    }


def ref(response):
    schema = response["content"]["application/json"]["schema"]
    refs = [item["$ref"] for item in schema["anyOf"]] if "anyOf" in schema else [schema["$ref"]]
    return {r.rsplit("/", 1)[1] for r in refs}


@pytest.mark.django_db
class TestStatuses:
    """Every status an operation can answer is in the schema, with its JSON body (common/api/schema.py)."""

    def test_each_operation_lists_the_statuses_it_can_answer(self, api):
        paths = schema(api)["paths"]
        statuses = {
            (method.upper(), path): set(operation["responses"])
            for path, methods in paths.items()
            for method, operation in methods.items()
        }
        reads = {"200", "304", "400", "401", "406", "429"}
        assert statuses[("GET", "/api/v1/practices/")] == {"404", *reads}
        assert statuses[("GET", "/api/v1/practices/{slug}/")] == {"404", *reads}
        assert statuses[("GET", "/api/v1/practices/facets/")] == reads
        assert statuses[("GET", "/api/v1/countries/{code}/")] == {"404", *reads}
        assert statuses[("POST", "/api/v1/practices/")] == {"201", "400", "401", "403", "406", "415", "429"}
        writes = {"400", "401", "403", "404", "406", "412", "429"}
        assert statuses[("PUT", "/api/v1/practices/{slug}/")] == {"200", "415", *writes}
        assert statuses[("PATCH", "/api/v1/practices/{slug}/")] == {"200", "415", *writes}
        assert statuses[("DELETE", "/api/v1/practices/{slug}/")] == {"204", *writes}
        # Every operation may be throttled, and may meet an Accept header it cannot satisfy.
        assert all({"400", "401", "406", "429"} <= answered for answered in statuses.values())

    def test_error_bodies_are_components(self, api):
        doc = schema(api)
        components = doc["components"]["schemas"]
        messages = {"type": "array", "items": {"type": "string"}}
        assert components["FieldErrors"]["additionalProperties"] == messages
        assert components["Error"]["required"] == ["detail"]
        put = doc["paths"]["/api/v1/practices/{slug}/"]["put"]["responses"]
        assert ref(put["400"]) == {"FieldErrors", "Error"}
        assert {status: ref(put[status]) for status in ("401", "403", "404", "412", "429")} == {
            status: {"Error"} for status in ("401", "403", "404", "412", "429")
        }
        assert set(put["412"]["headers"]) == {"ETag"}
        assert set(put["429"]["headers"]) == {"Retry-After"}
        assert put["429"]["headers"]["Retry-After"]["schema"]["type"] == "integer"
        assert set(put["401"]["headers"]) == {"WWW-Authenticate"}

    def test_writes_to_a_practice_take_if_match(self, api):
        paths = schema(api)["paths"]
        for method in ("put", "patch", "delete"):
            if_match = parameters({"paths": paths}, "/api/v1/practices/{slug}/", method)["If-Match"]
            assert if_match["in"] == "header" and if_match["required"] is False, method
        assert "If-Match" not in parameters({"paths": paths}, "/api/v1/practices/{slug}/", "get")

    def test_reads_are_conditional(self, api):
        doc = schema(api)
        for path in ("/api/v1/practices/", "/api/v1/practices/{slug}/", "/api/v1/tiers/"):
            assert {"If-None-Match", "If-Modified-Since"} <= set(parameters(doc, path)), path
            responses = doc["paths"][path]["get"]["responses"]
            assert "content" not in responses["304"], path
            assert {name: h["required"] for name, h in responses["200"]["headers"].items()} == {
                "ETag": True,
                "Last-Modified": True,
            }

    def test_reads_need_no_authentication_and_writes_do(self, api):
        paths = schema(api)["paths"]
        for path, methods in paths.items():
            for method, operation in methods.items():
                schemes = [requirement for requirement in operation["security"] if requirement]
                assert schemes == [{"tokenAuth": []}, {"cookieAuth": []}], (method, path)
                assert ({} in operation["security"]) is (method == "get"), (method, path)

    def test_page_is_a_number_or_last(self, api):
        page = parameters(schema(api), "/api/v1/practices/")["page"]["schema"]
        assert page == {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 999999999},
                {"type": "string", "enum": ["last"]},
            ]
        }
