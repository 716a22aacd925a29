"""Pages of a country, a region and a liaison office, against the real catalogue.

Counts come from the sources: Uruguay's 16 entries (11 of the Social Insurance Bank, 3 of the
Catholic Workers' Circle, 2 of the Bank Employees' Pension Fund); Mexico's 16 entries and 2
workshop strategies. The Andean office's page (German) gives "etwa 145 Millionen Einwohnern" and
"nur 32 Prozent"; the North and Central America office's page "about 550 million people". The
countries each office serves are those the fixtures record (with their basis); their practices:
Colombia 1, Ecuador 1 and Peru 6 (5 entries, 1 strategy) for the Andean office; Canada 3, Costa
Rica 3, Guatemala 1, Mexico 18 and the United States 1 for North and Central America.
"""

import re

import pytest

from catalogue.tests.pages import card_slugs, counts, get, section, text


@pytest.mark.usefixtures("catalogue")
class TestCountry:
    def test_uruguay(self, client):
        html = get(client, "/countries/UY/")
        page = text(html)
        assert "<h1>Uruguay</h1>" in html
        assert "16 practices" in page
        assert len(card_slugs(html)) == 16
        assert counts(section(html, "institutions-heading")) == {
            "Social Insurance Bank": 11,
            "Catholic Workers' Circle of the Uruguay Mutual Fund": 3,
            "Bank Employees' Pension Fund": 2,
        }
        assert "Award 1" in page
        assert "Certificate of merit with special mention 1" in page
        assert "Certificate of merit 14" in page
        assert "Liaison office" not in page
        assert 'href="/practices/?country=UY"' in html
        assert 'href="/regions/americas/"' in html

    def test_mexico_and_its_liaison_office(self, client):
        html = get(client, "/countries/MX/")
        assert "18 practices" in text(html)
        assert '<a href="/liaison-offices/north-and-central-america/">' in html

    def test_a_country_without_practices(self, client):
        html = get(client, "/countries/BZ/")
        assert "0 practices" in text(html)
        assert "No practices match this view." in text(html)

    def test_lower_case_code_redirects(self, client):
        response = client.get("/es/countries/uy/?page=1")
        assert response.status_code == 301
        assert response["Location"] == "/es/countries/UY/?page=1"

    def test_unknown_country(self, client):
        get(client, "/countries/ZZ/", status=404)

    def test_pages_of_practices(self, client):
        html = get(client, "/countries/MX/?page_size=5&page=4")
        assert len(card_slugs(html)) == 3
        assert 'href="?page_size=5&amp;page=3"' in html
        assert "<code>page_size</code>" in get(client, "/countries/MX/?page_size=0", status=400)
        assert "Page 5 does not exist" in text(get(client, "/countries/MX/?page_size=5&page=5", status=404))


@pytest.mark.usefixtures("catalogue")
class TestRegion:
    def test_americas(self, client):
        html = get(client, "/regions/americas/")
        assert "68 practices" in text(html)
        countries = counts(section(html, "countries-heading"))
        assert len(countries) == 18
        assert countries["Uruguay"] == 16 and countries["Mexico"] == 18 and countries["Belize"] == 0
        assert counts(section(html, "structures-heading")) == {
            "ISSA Liaison Office for the Andean Countries": 8,
            "ISSA Liaison Office for North and Central America": 26,
            "ISSA Good Practice Awards, Americas 2017": 62,
        }

    def test_a_region_without_practices(self, client):
        html = get(client, "/regions/europe/")
        assert "0 practices" in text(html)

    def test_unknown_region(self, client):
        get(client, "/regions/atlantis/", status=404)


@pytest.mark.usefixtures("catalogue")
class TestLiaisonOffice:
    def test_andean_countries_in_german(self, client):
        html = get(client, "/liaison-offices/andean-countries/")
        page = text(html)
        assert "Population of the countries served about 145 million" in page
        assert "Share covered by social protection 32 per cent" in page
        quoted = re.search(r'<div class="quoted" lang="de">(.*?)</div>', html, re.S).group(1)
        assert "Von den etwa 145 Millionen Einwohnern der Andenländer sind nur 32 Prozent" in text(quoted)
        assert "Quoted in its original language (German)." in page
        assert counts(section(html, "countries-heading")) == {
            "Bolivia": 0,
            "Colombia": 1,
            "Ecuador": 1,
            "Peru": 6,
        }
        assert "How this list was drawn up: Member states of the Andean Community" in page
        assert "8 practices" in page
        assert 'href="/practices/?liaison_office=andean-countries"' in html

    def test_north_and_central_america_in_english(self, client):
        html = get(client, "/liaison-offices/north-and-central-america/")
        page = text(html)
        assert "about 550 million" in page
        assert "Share covered by social protection" not in page  # the page gives no share
        assert '<div class="quoted" lang="en">' in html
        assert "Quoted in its original language" not in page
        assert set(counts(section(html, "countries-heading"))) == {
            "Belize", "Canada", "Costa Rica", "El Salvador", "Guatemala", "Honduras", "Mexico", "Nicaragua",
            "Panama", "United States",
        }  # fmt: skip
        assert "26 practices" in page
        assert len(card_slugs(html)) == 20
        assert "Page 1 of 2" in page

    def test_in_a_german_interface_the_german_text_is_not_flagged(self, client):
        html = get(client, "/de/liaison-offices/andean-countries/")
        assert '<html lang="de">' in html
        assert '<div class="quoted" lang="de">' in html

    def test_unknown_office(self, client):
        get(client, "/liaison-offices/no-such-office/", status=404)
