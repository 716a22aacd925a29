"""`highlight` in the practices list: with `search`, each result's title and a summary excerpt with
the matched words in `<mark>` (escaped HTML otherwise); null without `search`; no extra query."""

import pytest
from django.core.cache import cache

from catalogue.models import Practice
from catalogue.tests.factories import PracticeFactory

API = "/api/v1/practices/"


def results(api, query):
    response = api.get(f"{API}?{query}")
    assert response.status_code == 200, response.content[:300]
    return {row["slug"]: row for row in response.json()["results"]}


@pytest.mark.usefixtures("catalogue")
class TestHighlightInTheCatalogue:
    def test_a_spanish_plural_marks_the_english_title_and_summary(self, api):
        found = results(api, "search=pensiones&page_size=100")
        universal = found["universal-pension-for-the-elderly"]["highlight"]
        assert universal["title"] == "Universal <mark>pension</mark> for the elderly"
        assert universal["excerpt"].startswith(
            "The goal of the Universal <mark>Pension</mark> for the Elderly (<mark>Pensión</mark> Universal"
        )
        assert universal["excerpt"].endswith(" …")
        managing = found["managing-the-pensions-advisory-service-fostering-a-culture-of-pension-awareness"]
        assert managing["highlight"]["title"] == (
            "Managing the <mark>pensions</mark> advisory service: Fostering a culture of "
            "<mark>pension</mark> awareness"
        )

    def test_every_result_has_a_highlight_and_no_summary_gives_an_empty_excerpt(self, api):
        found = results(api, "search=pensiones&page_size=100")
        assert all(set(row["highlight"]) == {"title", "excerpt"} for row in found.values())
        # Matched by its institution's name (the Bank Employees' Pension Fund): nothing to mark here.
        retirement = found["a-retirement-support-programme"]["highlight"]
        assert retirement == {"title": "A retirement support programme", "excerpt": ""}

    def test_a_phrase_marks_its_words_and_an_excluded_word_is_not_marked(self, api):
        found = results(api, 'search="health care" -costa')
        title = found["a-comprehensive-health-care-model"]["highlight"]["title"]
        assert title == "A comprehensive <mark>health</mark> <mark>care</mark> model"
        assert "the-implementation-of-single-digital-health-records-across-all-three-levels-of" not in found

    def test_the_title_is_marked_only_where_it_matched(self, api):
        # "movil" is in the original title (Mi ANSES Móvil), not in the English one.
        found = results(api, "search=movil")
        assert found["my-anses-mobile"]["highlight"]["title"] == "My ANSES Mobile"
        assert found["my-anses-mobile"]["original_title"] == "Mi ANSES Móvil"

    def test_without_search_highlight_is_null(self, api):
        found = results(api, "country=AR")
        assert found and all(row["highlight"] is None for row in found.values())
        blank = results(api, "search=+++&country=AR")  # a blank search is no search
        assert blank.keys() == found.keys() and all(row["highlight"] is None for row in blank.values())

    def test_a_practice_has_no_highlight(self, api):
        response = api.get(f"{API}universal-pension-for-the-elderly/?search=pension")
        assert response.status_code == 200
        assert "highlight" not in response.json()


@pytest.mark.django_db
def test_the_text_is_escaped_and_only_marks_are_html(api):
    PracticeFactory(
        slug="scripted",
        title="Pension <script>alert(1)</script> & more",
        summary='A <b>bold</b> "pension" <img src=x onerror=alert(2)>.',
    )
    row = results(api, "search=pension+alert")["scripted"]
    assert row["highlight"] == {
        "title": "<mark>Pension</mark> &lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; &amp; more",
        "excerpt": "A &lt;b&gt;bold&lt;/b&gt; &quot;<mark>pension</mark>&quot; &lt;img src=x "
        "onerror=<mark>alert</mark>(2)&gt;.",
    }
    assert row["title"] == "Pension <script>alert(1)</script> & more"  # the field itself stays text


@pytest.mark.usefixtures("no_cache")
def test_highlights_add_no_query(api, db, expected_queries):
    PracticeFactory.create_batch(30, summary="A pension practice of the institution.")
    # The count pinned for every search of the list (test_api_queries.test_search_list_queries).
    with expected_queries("api practices list, search"):
        small = api.get(f"{API}?page_size=5&search=pensiones")
    cache.clear()  # the search's count, computed once per content version
    with expected_queries("api practices list, search"):
        large = api.get(f"{API}?page_size=30&search=pensiones")
    assert len(small.json()["results"]) == 5 and len(large.json()["results"]) == 30
    assert all(
        row["highlight"]["excerpt"] == "A <mark>pension</mark> practice of the institution."
        for row in large.json()["results"]
    )
    assert Practice.objects.count() == 30


@pytest.mark.django_db
def test_the_schema_says_highlight_is_an_object_or_null(api):
    doc = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    schemas = doc["components"]["schemas"]
    listed = doc["paths"][API]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert listed == {"$ref": "#/components/schemas/PaginatedPracticeResultList"}
    result = schemas["PracticeResult"]
    field = result["properties"]["highlight"]
    assert field["nullable"] is True and field["readOnly"] is True
    assert field["allOf"] == [{"$ref": "#/components/schemas/Highlight"}]
    assert "highlight" in result["required"]
    assert schemas["Highlight"]["required"] == ["excerpt", "title"]
    assert set(schemas["Highlight"]["properties"]) == {"title", "excerpt"}
    # A practice alone (and what writes answer) has no highlight.
    assert "highlight" not in schemas["Practice"]["properties"]
    assert set(result["properties"]) - {"highlight"} == set(schemas["Practice"]["properties"])
