"""Bad input gets a 4xx that names the parameter and says what is allowed; nothing answers 500; anonymous
writes change nothing."""

import csv
import io

import pytest

from catalogue.models import Practice
from catalogue.tests.factories import PracticeFactory
from regions.tests.factories import LiaisonOfficeFactory

from .fixtures import authenticate, make_user

API = "/api/v1/practices/"


@pytest.fixture
def practice(db):
    practice = PracticeFactory(title="Pensión móvil", summary="Servicios <b>en línea</b>")
    LiaisonOfficeFactory(slug="andean-countries", countries=[practice.country])
    return practice


BAD_VALUES = [
    ("country", "URU"),
    ("country", "ZZ"),
    ("country", "1"),
    ("country", "U\x00Y"),  # a NUL character, which PostgreSQL refuses in a query (found by schemathesis)
    ("source", "\x00"),
    ("institution", "a\x00"),
    ("tier", "gold"),
    ("priority_area", "no-such-area"),
    ("institution", "no-such-institution"),
    ("region", "atlantis"),
    ("liaison_office", "no-such-office"),
    ("competition", "no-such-competition"),
    ("outcome", "no-such-outcome"),
    ("year", "twenty"),
    ("year", "17"),
    ("year", "2017.5"),
    ("year", "-2017"),
    ("year", "²⁰¹⁷"),
    ("year", "1" * 5000),
    ("ordering", "no_such_field"),
    ("ordering", "-"),
    ("ordering", "--year"),
    ("ordering", "summary"),
    ("page_size", "1000"),
    ("page_size", "101"),
    ("page_size", "0"),
    ("page_size", "-5"),
    ("page_size", "abc"),
    ("page_size", "²"),
    ("page", "0"),
    ("page", "-1"),
    ("page", "abc"),
    ("page", "1" * 5000),
    ("search", "x" * 201),
    ("search", "\x00"),
]


@pytest.mark.parametrize(("param", "value"), BAD_VALUES)
def test_a_bad_value_answers_400_naming_the_parameter(api, practice, param, value):
    response = api.get(API, {param: value}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400, response.content[:200]
    body = response.json()
    assert list(body) == [param]
    message = " ".join(body[param])
    assert "<" not in message and "&lt;" not in message  # plain text, no HTML
    if param not in ("search",):
        assert "Allowed:" in message


def test_the_error_lists_what_is_allowed(api, practice):
    body = api.get(API, {"country": "URU"}).json()
    assert body == {"country": [f"Unknown value 'URU'. Allowed: {practice.country.code}."]}
    body = api.get(API, {"tier": "gold"}).json()
    assert body == {"tier": [f"Unknown value 'gold'. Allowed: {practice.tier.slug}."]}
    body = api.get(API, {"page_size": "1000"}).json()
    assert body == {"page_size": ["'1000' is not allowed. Allowed: a whole number from 1 to 100."]}
    body = api.get(API, {"year": "twenty"}).json()
    assert body == {"year": ["'twenty' is not a year. Allowed: a four-digit year, e.g. 2017."]}


def test_one_bad_value_among_good_ones_is_named(api, practice):
    body = api.get(f"{API}?country={practice.country.code}&country=ZZ").json()
    assert body["country"][0].startswith("Unknown value 'ZZ'.")


def test_several_bad_parameters_are_all_named(api, practice):
    body = api.get(API, {"country": "ZZ", "tier": "gold", "year": "x"}).json()
    assert set(body) == {"country", "tier", "year"}


def test_unknown_format_is_named(api, practice):
    response = api.get(API, {"format": "xml"})
    assert response.status_code == 400
    allowed = "json, api, csv, ris, bibtex, csljson"
    assert response.json() == {"format": [f"Unknown value 'xml'. Allowed: {allowed}."]}
    response = api.get(f"{API}facets/", {"format": "csv"})
    assert response.status_code == 400 and "format" in response.json()


@pytest.mark.parametrize("endpoint", ["list", "facets", "csv"])
@pytest.mark.parametrize(
    ("param", "value"), [("country", "ZZ"), ("tier", "gold"), ("year", "x"), ("search", "\x00")]
)
def test_facets_and_csv_validate_like_the_list(api, practice, endpoint, param, value):
    url = f"{API}facets/" if endpoint == "facets" else API
    query = {param: value, **({"format": "csv"} if endpoint == "csv" else {})}
    response = api.get(url, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert param in response.json()


def test_unknown_slug_answers_404(api, practice):
    assert api.get(f"{API}no-such-practice/").status_code == 404
    for path in (
        "countries/ZZ/",
        "institutions/no-such-institution/",
        "priority-areas/no-such-area/",
        "tiers/gold/",
        "competitions/no-such-competition/",
        "regions/atlantis/",
        "liaison-offices/no-such-office/",
    ):
        assert api.get(f"/api/v1/{path}").status_code == 404, path


def test_page_past_the_end_says_how_many_pages_there_are(api, practice):
    response = api.get(API, {"page": 9})
    assert response.status_code == 404
    assert response.json() == {"detail": "Page 9 does not exist: this list has only page 1."}


ODD_QUERIES = [
    "country=",
    "country=&tier=",
    "country=%20",
    "page=",
    "page_size=",
    "page=last",
    "search=",
    "search=%20%20",
    "search=!!!",
    "search=%22",
    "search=-",
    "search=or",
    "search=%27%3B--",
    "search=%E2%80%99",
    "search=a%20b%20c%20d%20e%20f%20g%20h%20i%20j%20k%20l%20m%20n%20o%20p%20q%20r%20s%20t%20u%20v%20w%20x%20y",
    "search=" + "ab%20" * 66,
    "ordering=",
    "ordering=title,-year",
    "ordering=title&ordering=-year",
    "year=",
    "year=%202017%20",
    "unknown_parameter=1",
    "format=json",
    "format=api",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
@pytest.mark.parametrize("endpoint", [API, f"{API}facets/"])
def test_odd_input_never_answers_500(api, practice, endpoint, query):
    response = api.get(f"{endpoint}?{query}")
    assert response.status_code in (200, 400), (query, response.status_code)


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_input_in_csv_never_answers_500(api, practice, query):
    response = api.get(f"{API}?format=csv&{query.replace('format=', 'x=')}")
    assert response.status_code in (200, 400)


@pytest.mark.parametrize(
    "path",
    [
        "countries/?region=atlantis",
        "countries/?liaison_office=nowhere",
        "institutions/?country=ZZ",
        "institutions/?region=atlantis",
        "competitions/?year=twenty",
        "competitions/?region=atlantis",
        "liaison-offices/?country=ZZ",
        "countries/?page_size=1000",
        "regions/?search=" + "x" * 201,
    ],
)
def test_the_other_lists_are_strict_too(api, practice, path):
    response = api.get(f"/api/v1/{path}")
    assert response.status_code == 400
    assert path.split("?")[1].split("=")[0] in response.json()


# Anonymous and unprivileged writes --------------------------------------------------------------


def snapshot():
    return sorted(Practice.objects.values_list("slug", "title", "status", "summary"))


def new_practice_payload(practice):
    return {
        "title": "Written by a stranger",
        "country": practice.country.code,
        "year": 2017,
        "status": "published",
    }


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_anonymous_writes_are_refused_and_change_nothing(api, practice, method):
    before = snapshot()
    url = API if method == "post" else f"{API}{practice.slug}/"
    response = getattr(api, method)(url, new_practice_payload(practice), format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert snapshot() == before


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_user_without_permissions_is_refused_and_changes_nothing(api, practice, method):
    before = snapshot()
    authenticate(api, make_user("reader"))
    url = API if method == "post" else f"{API}{practice.slug}/"
    response = getattr(api, method)(url, new_practice_payload(practice), format="json")
    assert response.status_code == 403
    assert snapshot() == before


def test_a_bad_token_is_refused(api, practice):
    before = snapshot()
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api.patch(f"{API}{practice.slug}/", {"title": "x"}, format="json")
    assert response.status_code == 401
    assert snapshot() == before


def test_session_writes_need_the_csrf_token(practice):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(make_user("session-editor", "catalogue.change_practice", "catalogue.view_practice"))
    before = snapshot()
    response = client.patch(f"{API}{practice.slug}/", {"title": "x"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert snapshot() == before


def test_error_bodies_of_csv_requests_are_parseable_json(api, practice):
    response = api.get(API, {"format": "csv", "page_size": "1000"})
    # Page parameters do not apply to the CSV export (it is the whole set), so this is no error.
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 2


@pytest.mark.parametrize(
    "path", ["/api/v1/nope/", "/api/v1/countries/ABC/", "/api/v1/practices/a/b/", "/api/", "/api/v2/"]
)
def test_a_url_no_endpoint_answers_is_a_json_404(api, db, path):
    # Unknown endpoints, and an object's URL that its router's pattern refuses (a code is 2 letters).
    for method in (api.get, api.post, api.delete):
        response = method(path)
        assert response.status_code == 404, (method, path)
        assert response["Content-Type"] == "application/json"
        assert response.json() == {
            "detail": f"No API endpoint at {path}: the endpoints are listed in the schema, /api/v1/schema/."
        }


def test_a_missing_slash_still_redirects_and_pages_keep_their_404(client, db):
    assert client.get("/api/v1/practices")["Location"] == "/api/v1/practices/"
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_method_not_allowed_is_json(api, api_editor):
    authenticate(api, api_editor)
    response = api.delete(API)  # an editor who may delete practices, at the list's URL
    assert (response.status_code, response["Allow"]) == (405, "GET, POST, HEAD, OPTIONS")
    assert response.json() == {"detail": 'Method "DELETE" not allowed.'}
    # The views whose answers are YAML or HTML answer their errors in JSON too.
    for method, path, body in (
        (api.post, "/api/v1/schema/", {"detail": 'Method "POST" not allowed.'}),
        (api.options, "/api/v1/docs/", {"detail": 'Method "OPTIONS" not allowed.'}),
        (api.get, "/api/v1/schema/?format=xml", {"format": ["Unknown value 'xml'. Allowed: yaml, json."]}),
    ):
        response = method(path)
        assert response["Content-Type"] == "application/json", path
        assert response.json() == body, path


def test_errors_are_json_in_the_browsable_api_and_for_an_accept_no_format_matches(api, practice):
    response = api.get(API, {"format": "api", "country": "URU"})
    assert (response.status_code, response["Content-Type"]) == (400, "application/json")
    assert response.json() == {"country": [f"Unknown value 'URU'. Allowed: {practice.country.code}."]}
    response = api.get(f"/api/v1/countries/{practice.country.code}/", HTTP_ACCEPT="application/xml")
    assert (response.status_code, response["Content-Type"]) == (406, "application/json")
    assert response.json() == {"detail": "Could not satisfy the request Accept header."}


def test_a_facet_limit_says_its_bounds(api, practice):
    response = api.get(f"{API}facets/", {"facet_limit": "4389936832223809"})
    assert response.json() == {
        "facet_limit": [
            "'4389936832223809' is not allowed. Allowed: a number of values per facet from 1 to 999999999, "
            "0 for all of them."
        ]
    }
    assert api.get(f"{API}facets/", {"facet_limit": "999999999"}).status_code == 200
