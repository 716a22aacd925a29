"""Regions, countries and liaison offices in the API, against the real catalogue.

Practice counts are counted by hand in the sources (see catalogue/tests/test_api.py): the
competition's entries per country plus the 2014 workshop's national strategies.
"""

import pytest

PRACTICES_PER_COUNTRY = {
    "UY": 16, "MX": 16 + 2, "AR": 13, "PE": 5 + 1, "CA": 3, "CL": 3, "CR": 3, "BR": 1 + 1, "GT": 1, "US": 1,
    "EC": 1, "CO": 1, "BO": 0,
}  # fmt: skip


def rows(api, url):
    response = api.get(url + ("&" if "?" in url else "?") + "page_size=100")
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.usefixtures("catalogue")
class TestCountries:
    def test_list_with_practice_counts(self, api):
        counts = {row["code"]: row["practice_count"] for row in rows(api, "/api/v1/countries/")}
        for code, expected in PRACTICES_PER_COUNTRY.items():
            assert counts[code] == expected, code
        assert sum(counts.values()) == 68

    def test_list_is_sorted_by_name(self, api):
        names = [row["name"] for row in rows(api, "/api/v1/countries/")]
        assert names == sorted(names)

    def test_detail_by_code_in_any_case(self, api):
        for code in ("UY", "uy"):
            response = api.get(f"/api/v1/countries/{code}/")
            assert response.status_code == 200
            body = response.json()
            assert body["code"] == "UY" and body["name"] == "Uruguay"
            assert body["region"]["slug"] == "americas"
            assert body["practice_count"] == 16
            assert body["url"] == "http://testserver/api/v1/countries/UY/"

    def test_unknown_code(self, api):
        assert api.get("/api/v1/countries/ZZ/").status_code == 404
        assert api.get("/api/v1/countries/URU/").status_code == 404

    def test_served_by_liaison_offices(self, api):
        body = api.get("/api/v1/countries/PE/").json()
        assert [office["slug"] for office in body["liaison_offices"]] == ["andean-countries"]

    def test_filters(self, api):
        codes = {row["code"] for row in rows(api, "/api/v1/countries/?liaison_office=andean-countries")}
        assert codes == {"BO", "CO", "EC", "PE"}
        assert len(rows(api, "/api/v1/countries/?region=americas")) == len(rows(api, "/api/v1/countries/"))
        assert rows(api, "/api/v1/countries/?region=europe") == []
        assert [row["code"] for row in rows(api, "/api/v1/countries/?search=mexi")] == ["MX"]
        assert [row["code"] for row in rows(api, "/api/v1/countries/?search=PERÚ")] == ["PE"]

    def test_bad_filter(self, api):
        response = api.get("/api/v1/countries/", {"region": "atlantis"})
        assert response.status_code == 400
        assert "Allowed: africa, americas, asia-and-the-pacific, europe" in response.json()["region"][0]


@pytest.mark.usefixtures("catalogue")
class TestRegions:
    def test_the_four_issa_regions(self, api):
        regions = rows(api, "/api/v1/regions/")
        assert {row["slug"] for row in regions} == {"africa", "americas", "asia-and-the-pacific", "europe"}
        counts = {row["slug"]: row["practice_count"] for row in regions}
        assert counts == {"africa": 0, "americas": 68, "asia-and-the-pacific": 0, "europe": 0}

    def test_detail(self, api):
        body = api.get("/api/v1/regions/americas/").json()
        codes = {country["code"] for country in body["countries"]}
        assert set(PRACTICES_PER_COUNTRY) <= codes
        assert api.get("/api/v1/regions/atlantis/").status_code == 404


@pytest.mark.usefixtures("catalogue")
class TestLiaisonOffices:
    def test_list(self, api):
        offices = {row["slug"]: row for row in rows(api, "/api/v1/liaison-offices/")}
        assert set(offices) == {"andean-countries", "north-and-central-america"}

    def test_andean_countries(self, api):
        body = api.get("/api/v1/liaison-offices/andean-countries/").json()
        # "Von den etwa 145 Millionen Einwohnern der Andenländer sind nur 32 Prozent dem
        # Sozialschutz unterstellt."
        assert body["population"] == 145_000_000
        assert body["social_protection_share"] == 32
        assert body["language"] == "de"
        assert sorted(country["code"] for country in body["countries"]) == ["BO", "CO", "EC", "PE"]
        # Peru's 5 entries and 1 strategy, Colombia's and Ecuador's strategies.
        assert body["practice_count"] == 8
        assert body["region"]["slug"] == "americas"
        assert body["source"]["title"]

    def test_north_and_central_america(self, api):
        body = api.get("/api/v1/liaison-offices/north-and-central-america/").json()
        # "With a population of about 550 million people"
        assert body["population"] == 550_000_000
        assert body["social_protection_share"] is None
        assert body["practice_count"] == 3 + 3 + 1 + 18 + 1  # CA, CR, GT, MX, US

    def test_filters(self, api):
        assert [row["slug"] for row in rows(api, "/api/v1/liaison-offices/?country=pe")] == [
            "andean-countries"
        ]
        assert len(rows(api, "/api/v1/liaison-offices/?region=americas")) == 2
        assert [row["slug"] for row in rows(api, "/api/v1/liaison-offices/?search=andean")] == [
            "andean-countries"
        ]
        response = api.get("/api/v1/liaison-offices/", {"country": "ZZ"})
        assert response.status_code == 400 and "country" in response.json()
