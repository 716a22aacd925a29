"""Browsing by evidence on the API and the pages: the filters `evidence`, `outcome`, `target_group`
and `in_place` (match, no match, several values, a bad value), their facets (each counted with every
other filter but its own) and the sidebar. The practices are those of catalogue/tests/evidence_data.py;
the real catalogue's counts are checked against its fixture file."""

import json
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from catalogue.models import TargetGroup
from catalogue.tests import evidence_data

API = "/api/v1/practices/"
LEVELS_ALLOWED = "not-assessed, reported, monitored, evaluated, impact-evaluated"
OUTCOMES_ALLOWED = "successful, partly-successful, unsuccessful, not-assessed"


@pytest.fixture
def data(db):
    return evidence_data.build()


def api_slugs(api, query):
    response = api.get(f"{API}?{query}")
    assert response.status_code == 200, response.content
    return sorted(row["slug"] for row in response.json()["results"])


def page_slugs(client, query):
    response = client.get(f"/practices/?{query}")
    assert response.status_code == 200, response.content[:300]
    return sorted(p.slug for p in response.context["page"].results.object_list)


CASES = [
    # Match, no match, several values (repeated or comma-separated: either of them).
    ("evidence=reported", ["mobile-app", "pension-advice"]),
    ("evidence=impact-evaluated", ["rural-strategy"]),
    ("evidence=evaluated", []),  # only the draft is evaluated
    ("evidence=monitored&evidence=impact-evaluated", ["rural-strategy", "video-training"]),
    ("evidence=not-assessed", []),
    ("outcome=successful", ["mobile-app", "pension-advice"]),
    ("outcome=not-assessed", []),
    ("outcome=unsuccessful,partly-successful", ["rural-strategy", "video-training"]),
    ("target_group=rural-workers", ["rural-strategy", "video-training"]),
    ("target_group=employers", []),
    ("target_group=older-persons&target_group=rural-workers", ["pension-advice", "rural-strategy",
                                                               "video-training"]),
    ("in_place=true", ["pension-advice"]),
    ("in_place=false", ["rural-strategy", "video-training"]),
    ("in_place=true&in_place=false", ["pension-advice", "rural-strategy", "video-training"]),
    ("in_place=false,true", ["pension-advice", "rural-strategy", "video-training"]),
    # With each other and with the older filters: all of them.
    ("evidence=reported&in_place=true", ["pension-advice"]),
    ("evidence=reported&in_place=false", []),
    ("target_group=older-persons&priority_area=ict", ["video-training"]),
]  # fmt: skip


@pytest.mark.parametrize(("query", "slugs"), CASES)
def test_filters_on_the_api_and_the_page(api, client, data, query, slugs):
    assert api_slugs(api, query) == slugs
    assert page_slugs(client, query) == slugs


BAD = [
    ("evidence=strong", "evidence", f"Unknown value 'strong'. Allowed: {LEVELS_ALLOWED}."),
    ("evidence=reported,weak", "evidence", f"Unknown value 'weak'. Allowed: {LEVELS_ALLOWED}."),
    ("outcome=failed", "outcome", f"Unknown value 'failed'. Allowed: {OUTCOMES_ALLOWED}."),
    ("target_group=nurses", "target_group",
     "Unknown value 'nurses'. Allowed: older-persons, rural-workers, employers."),
    ("in_place=yes", "in_place", "Unknown value 'yes'. Allowed: true, false."),
    ("in_place=1", "in_place", "Unknown value '1'. Allowed: true, false."),
    ("in_place=true&in_place=unknown", "in_place", "Unknown value 'unknown'. Allowed: true, false."),
]  # fmt: skip


@pytest.mark.parametrize(("query", "param", "message"), BAD)
@pytest.mark.parametrize("endpoint", [API, f"{API}facets/", f"{API}?format=csv&"])
def test_a_bad_value_is_a_400_naming_the_parameter_on_the_api(api, data, endpoint, query, param, message):
    separator = "" if endpoint.endswith("&") else "?"
    response = api.get(f"{endpoint}{separator}{query}")
    assert response.status_code == 400
    assert response.json() == {param: [message]}


@pytest.mark.parametrize(("query", "param", "message"), BAD)
def test_a_bad_value_is_a_400_naming_the_parameter_on_the_page(client, data, query, param, message):
    response = client.get(f"/practices/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert message.replace("'", "&#x27;") in html
    errors = response.context["page"].errors
    assert [e.name for e in errors] == [param]


# ---------------------------------------------------------------------------------------------
# Facets


def facets(api, query="", **headers):
    response = api.get(f"{API}facets/?facet_limit=0&{query}", **headers)
    assert response.status_code == 200, response.content
    doc = response.json()
    names = ("evidence", "outcome", "target_group", "in_place")
    return doc, {name: {o["value"]: o["count"] for o in doc[name]} for name in names if name in doc}


NONE_FILTERED = {
    "evidence": {"not-assessed": 0, "reported": 2, "monitored": 1, "evaluated": 0, "impact-evaluated": 1},
    "outcome": {"successful": 2, "partly-successful": 1, "unsuccessful": 1, "not-assessed": 0},
    "target_group": {"older-persons": 2, "rural-workers": 2, "employers": 0},
    "in_place": {"true": 1, "false": 2},
}


def test_facets_without_filters_list_every_value_in_order(api, data):
    doc, counts = facets(api)
    assert doc["count"] == 4
    assert counts == NONE_FILTERED
    # In the rubric's order, weakest first; the groups in their order; yes before no.
    assert [o["value"] for o in doc["evidence"]] == list(NONE_FILTERED["evidence"])
    assert [o["label"] for o in doc["evidence"]] == [
        "Not assessed", "Reported", "Monitored", "Evaluated", "Impact evaluated"]  # fmt: skip
    assert [o["label"] for o in doc["target_group"]] == ["Older persons", "Rural workers", "Employers"]
    assert doc["in_place"] == [
        {"value": "true", "label": "Still in place", "count": 1},
        {"value": "false", "label": "No longer in place", "count": 2},
    ]
    assert {name: doc["total_options"][name] for name in NONE_FILTERED} == {
        "evidence": 5, "outcome": 4, "target_group": 3, "in_place": 2}  # fmt: skip


def test_each_facet_counts_without_its_own_filter(api, data):
    doc, counts = facets(api, "evidence=reported")
    assert doc["count"] == 2  # pension-advice and mobile-app
    assert counts["evidence"] == NONE_FILTERED["evidence"]  # what choosing another level would give
    assert counts["outcome"] == {
        "successful": 2, "partly-successful": 0, "unsuccessful": 0, "not-assessed": 0}  # fmt: skip
    assert counts["target_group"] == {"older-persons": 1, "rural-workers": 0, "employers": 0}
    assert counts["in_place"] == {"true": 1, "false": 0}  # mobile-app is not known either way


def test_two_evidence_filters_each_counted_under_the_other(api, data):
    doc, counts = facets(api, "evidence=reported&in_place=false")
    assert doc["count"] == 0
    # Levels among the practices no longer in place (video-training, rural-strategy) ...
    assert counts["evidence"] == {
        "not-assessed": 0, "reported": 0, "monitored": 1, "evaluated": 0, "impact-evaluated": 1}  # fmt: skip
    # ... and in place or not among the reported ones (pension-advice; mobile-app is unknown).
    assert counts["in_place"] == {"true": 1, "false": 0}
    assert counts["target_group"] == {"older-persons": 0, "rural-workers": 0, "employers": 0}


def test_a_target_group_facet_over_the_relation(api, data):
    doc, counts = facets(api, "target_group=rural-workers")
    assert doc["count"] == 2
    assert counts["target_group"] == NONE_FILTERED["target_group"]
    assert counts["evidence"]["monitored"] == 1 and counts["evidence"]["impact-evaluated"] == 1
    assert counts["evidence"]["reported"] == 0
    doc, counts = facets(api, "target_group=rural-workers,older-persons&priority_area=service-quality")
    assert doc["count"] == 2  # pension-advice, video-training
    assert counts["target_group"] == {"older-persons": 2, "rural-workers": 1, "employers": 0}


def test_both_values_of_in_place_mean_either(api, data):
    doc, counts = facets(api, "in_place=true&in_place=false")
    assert doc["count"] == 3
    assert counts["in_place"] == NONE_FILTERED["in_place"]
    assert counts["outcome"]["successful"] == 1  # mobile-app (unknown) is not among them


def test_older_facets_count_under_the_new_filters(api, data):
    response = api.get(f"{API}facets/?facet_limit=0&outcome=successful")
    areas = {o["value"]: o["count"] for o in response.json()["priority_area"]}
    assert areas == {"service-quality": 1, "ict": 1, "good-governance": 0}


def test_facet_limit_and_only_some_facets(api, data):
    response = api.get(f"{API}facets/?facet=evidence&facet=in_place&facet_limit=2")
    doc = response.json()
    assert set(doc) == {"count", "total_options", "evidence", "in_place"}
    # The two most frequent levels, the more frequent first.
    assert [(o["value"], o["count"]) for o in doc["evidence"]] == [("reported", 2), ("monitored", 1)]
    assert doc["total_options"] == {"evidence": 5, "in_place": 2}
    # A value given as a filter is listed beyond the limit.
    doc = api.get(f"{API}facets/?facet=evidence&facet_limit=1&evidence=evaluated").json()
    assert [(o["value"], o["count"]) for o in doc["evidence"]] == [("reported", 2), ("evaluated", 0)]
    doc = api.get(f"{API}facets/?facet=target_group&facet_limit=1&facet_search=rural").json()
    assert [(o["value"], o["count"]) for o in doc["target_group"]] == [("rural-workers", 2)]


def test_facet_labels_are_in_the_readers_language(api, data):
    facets(api)  # counted once, in English, for every language
    doc, _ = facets(api, HTTP_ACCEPT_LANGUAGE="es")
    with translation.override("es"):
        expected = translation.gettext("Partly successful")
    assert expected != "Partly successful"
    assert {o["value"]: o["label"] for o in doc["outcome"]}["partly-successful"] == expected


@pytest.mark.usefixtures("no_cache")
def test_facets_take_one_counting_query_with_the_new_filters(api, data, django_assert_num_queries):
    url = f"{API}facets/?evidence=reported&in_place=false&target_group=rural-workers&outcome=successful"
    assert api.get(f"{API}facets/").status_code == 200  # the unfiltered base, kept per content version
    # The content version (the ETag), the target groups named, every facet's counts in one query.
    with django_assert_num_queries(3) as queries:
        assert api.get(url).status_code == 200
    assert sum("UNION ALL" in q["sql"] for q in queries.captured_queries) == 1
    # Those counts are kept per content version too: asked again, they cost no query.
    with django_assert_num_queries(2) as queries:
        assert api.get(url).status_code == 200
    assert not any("UNION ALL" in q["sql"] for q in queries.captured_queries)


@pytest.mark.usefixtures("no_cache")
def test_the_unfiltered_facets_take_no_counting_query(api, data, django_assert_num_queries):
    assert api.get(f"{API}facets/").status_code == 200
    # Only the content version (the ETag): the unfiltered counts are kept per content version.
    with django_assert_num_queries(1) as queries:
        assert api.get(f"{API}facets/").status_code == 200
    assert not any("UNION ALL" in q["sql"] for q in queries.captured_queries)


# ---------------------------------------------------------------------------------------------
# The sidebar of /practices/


def fieldset(html, name):
    start = html.index(f'id="facet-{name}"')
    return html[start : html.index("</fieldset>", start)]


def test_the_sidebar_shows_the_evidence_facets(client, data):
    response = client.get("/practices/?evidence=reported")
    html = response.content.decode()
    evidence = fieldset(html, "evidence")
    assert "<legend>Evidence level</legend>" in evidence
    assert 'name="evidence" value="reported" checked' in evidence
    assert "Impact evaluated <span class=\"count\">1<" in evidence
    outcome = fieldset(html, "outcome")
    assert "Successful <span class=\"count\">2<" in outcome
    groups = fieldset(html, "target_group")
    assert "<legend>Target group</legend>" in groups
    assert "Older persons <span class=\"count\">1<" in groups
    in_place = fieldset(html, "in_place")
    assert "Still in place <span class=\"count\">1<" in in_place
    assert "No longer in place <span class=\"count\">0<" in in_place
    # The chip names the filter and its value.
    chips = [(chip.label, chip.value) for chip in response.context["page"].chips]
    assert chips == [("Evidence level", "Reported")]


def test_the_sidebar_chips_of_in_place_and_target_groups(client, data):
    page = client.get("/practices/?in_place=false&target_group=rural-workers").context["page"]
    assert [(c.label, c.value) for c in page.chips] == [
        ("Target group", "Rural workers"), ("Still in place", "No longer in place")]  # fmt: skip


@pytest.mark.usefixtures("no_cache")
def test_the_page_with_the_new_filters_counts_in_one_query(client, data, django_assert_num_queries):
    url = "/practices/?evidence=reported,monitored&target_group=older-persons&in_place=true"
    assert client.get("/practices/").status_code == 200  # the unfiltered base, kept per content version
    # The target groups named, the content version, every facet's counts (and the total) in one
    # query, the page's rows, their priority areas.
    with django_assert_num_queries(5) as queries:
        response = client.get(url)
    assert sorted(p.slug for p in response.context["page"].results.object_list) == ["pension-advice"]
    assert sum("UNION ALL" in q["sql"] for q in queries.captured_queries) == 1


# ---------------------------------------------------------------------------------------------
# The real catalogue: its facets count what its fixture file holds.


def fixture_practices():
    path = Path(settings.BASE_DIR) / "fixtures" / "05_practices.json"
    rows = [row["fields"] for row in json.loads(path.read_text())]
    return [row for row in rows if row["status"] == "published"]


@pytest.mark.usefixtures("catalogue")
class TestTheCatalogue:
    def test_evidence_and_outcome_facets_count_the_fixtures(self, api):
        rows = fixture_practices()
        doc, counts = facets(api)
        assert doc["count"] == len(rows) == 68
        levels = Counter(row.get("evidence", "not-assessed") for row in rows)
        assert counts["evidence"] == {level: levels.get(level, 0) for level in NONE_FILTERED["evidence"]}
        outcomes = Counter(row["outcome"] for row in rows)
        assert counts["outcome"] == {o: outcomes.get(o, 0) for o in NONE_FILTERED["outcome"]}
        in_place = Counter(row.get("in_place") for row in rows)
        assert counts["in_place"] == {"true": in_place[True], "false": in_place[False]}
        groups = Counter(slug for row in rows for (slug,) in row.get("target_groups", []))
        assert counts["target_group"] == {
            group.slug: groups.get(group.slug, 0) for group in TargetGroup.objects.all()
        }

    def test_every_practice_of_the_sources_is_not_assessed_until_a_source_says_more(self, api):
        # What the sources state moves a practice up the rubric; the rest stays "not assessed".
        rows = fixture_practices()
        assessed = sum(row.get("evidence", "not-assessed") != "not-assessed" for row in rows)
        assert api_slugs(api, "evidence=not-assessed&page_size=100").__len__() == 68 - assessed
