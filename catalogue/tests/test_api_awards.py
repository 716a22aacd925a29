"""Priority areas, award tiers and competitions in the API, against the real catalogue.

Counts are the source's (seeds/003_ab306eafde76e4b1.txt), counted by hand: entries under each
tier heading, and entries whose "Priority area(s):" line names each area.
"""

import pytest

from .test_api import AREA_ENTRIES

TIERS = [
    # slug, rank, entries
    ("award", 1, 1),
    ("merit-special-mention", 2, 11),
    ("merit", 3, 40),
    ("attestation", 4, 10),
]


def rows(api, url, **params):
    response = api.get(url, {"page_size": 100, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.usefixtures("catalogue")
class TestTiers:
    def test_ranked_with_practice_counts(self, api):
        tiers = rows(api, "/api/v1/tiers/")
        assert [(t["slug"], t["rank"], t["practice_count"]) for t in tiers] == TIERS

    def test_detail(self, api):
        body = api.get("/api/v1/tiers/merit-special-mention/").json()
        assert body["name"] == "Certificate of merit with special mention"
        assert body["practice_count"] == 11
        assert body["html_url"] == "http://testserver/practices/?tier=merit-special-mention"
        assert api.get("/api/v1/tiers/gold/").status_code == 404


@pytest.mark.usefixtures("catalogue")
class TestPriorityAreas:
    def test_the_twelve_areas_in_the_sources_order(self, api):
        areas = rows(api, "/api/v1/priority-areas/")
        assert [a["slug"] for a in areas] == list(AREA_ENTRIES)  # the source lists them alphabetically
        assert {a["slug"]: a["practice_count"] for a in areas} == AREA_ENTRIES

    def test_detail(self, api):
        body = api.get("/api/v1/priority-areas/workplace-health-promotion/").json()
        assert body["name"] == "Workplace Health Promotion"
        assert body["triennium"] == "2017-2019"
        assert body["practice_count"] == 0

    def test_search_ignores_case_and_accents(self, api):
        found = rows(api, "/api/v1/priority-areas/", search="RETURN wörk")
        assert [a["slug"] for a in found] == ["return-to-work-and-reintegration"]
        assert rows(api, "/api/v1/priority-areas/", search="nothing-like-this") == []


@pytest.mark.usefixtures("catalogue")
class TestCompetitions:
    def test_americas_2017(self, api):
        competitions = rows(api, "/api/v1/competitions/")
        assert [c["slug"] for c in competitions] == ["americas-2017"]
        body = api.get("/api/v1/competitions/americas-2017/").json()
        assert body["year"] == 2017
        assert body["region"]["slug"] == "americas"
        # "There were 62 entries from 21 organizations in 10 countries. [...] 51 Certificates of
        # Merit, 11 of which received a special mention."
        assert body["reported_entries"] == 62
        assert body["reported_organizations"] == 21
        assert body["reported_countries"] == 10
        assert body["reported_certificates_of_merit"] == 51
        assert body["reported_special_mentions"] == 11
        assert body["practice_count"] == 62
        assert [a["slug"] for a in body["priority_areas"]] == list(AREA_ENTRIES)
        assert "International Social Security Review" in body["jury"]

    def test_filters(self, api):
        assert len(rows(api, "/api/v1/competitions/", year=2017)) == 1
        assert rows(api, "/api/v1/competitions/", year=2014) == []
        assert len(rows(api, "/api/v1/competitions/", region="americas")) == 1
        assert rows(api, "/api/v1/competitions/", region="europe") == []
        response = api.get("/api/v1/competitions/", {"year": "twenty"})
        assert response.status_code == 400 and "year" in response.json()

    def test_unknown_slug(self, api):
        assert api.get("/api/v1/competitions/americas-2018/").status_code == 404
