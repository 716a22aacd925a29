"""Reference data in the reader's language: countries, regions, priority areas and tiers on the pages
(list: facets, chips, cards; detail; statistics; home; entity pages; the feed) and in the API
(`name` follows Accept-Language, with Content-Language and Vary; the cache keeps each language's
answer apart). Slugs and codes never change.
"""

import html as html_lib
import re

import pytest

from common.api.language import accepted_language

PRACTICE = "/practices/imss-digital-mobile-application/"

# language: (Mexico, Brazil, Service Quality, Certificate of merit with special mention, Americas)
LABELS = {
    "es": (
        "México",
        "Brasil",
        "Calidad del servicio",
        "Certificado de mérito con mención especial",
        "Américas",
    ),
    "fr": (
        "Mexique",
        "Brésil",
        "Qualité des services",
        "Certificat de mérite avec mention spéciale",
        "Amériques",
    ),
    "de": (
        "Mexiko",
        "Brasilien",
        "Servicequalität",
        "Verdienstzertifikat mit besonderer Erwähnung",
        "Amerika",
    ),
}
ENGLISH = ("Mexico", "Brazil", "Service Quality", "Certificate of merit with special mention", "Americas")
LANGUAGES = list(LABELS)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html_lib.unescape(response.content.decode())


def between(html, start, end):
    return html[html.index(start) : html.index(end, html.index(start))]


@pytest.mark.usefixtures("catalogue")
class TestPages:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_list_facets_chips_and_cards(self, client, language):
        mexico, brazil, area, tier, americas = LABELS[language]
        html = page(client, f"/{language}/practices/?country=MX&tier=merit-special-mention")
        facets = between(html, 'id="facet-country"', "</fieldset>")
        assert re.search(rf'<label for="facet-country-\d+">{mexico} <span class="count">', facets)
        assert f">{brazil} <" in facets and ">Brazil <" not in facets
        assert f">{americas} <" in between(html, 'id="facet-region"', "</fieldset>")
        assert f">{area} <" in between(html, 'id="facet-priority_area"', "</fieldset>")
        assert f">{tier} <" in between(html, 'id="facet-tier"', "</fieldset>")
        # The chips name the chosen values; their links keep the codes.
        chips = between(html, 'class="chips"', "</ul>")
        assert mexico in chips and tier in chips and "Mexico" not in chips
        assert "country=MX" in html and "tier=merit-special-mention" in html
        card = between(html, 'class="card', "</article>")
        assert f">{mexico}</a>" in card and f'">{tier}</span>' in card and f'"tag">{area}</span>' in card
        for english in ENGLISH:
            assert f">{english}<" not in html

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_detail(self, client, language):
        mexico, _brazil, area, tier, americas = LABELS[language]
        html = page(client, f"/{language}{PRACTICE}")
        for label in (mexico, area, tier, americas):
            assert f">{label}</" in html, label
        assert f'href="/{language}/countries/MX/"' in html
        for english in ENGLISH[:1] + ENGLISH[2:]:
            assert f">{english}</" not in html

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_statistics(self, client, language):
        mexico, brazil, area, tier, _americas = LABELS[language]
        html = page(client, f"/{language}/statistics/")
        for label in (mexico, brazil, area, tier):
            assert f">{label}</" in html, label
        # The chart's description names the country with the most practices in the reader's words.
        assert re.search(rf"{mexico}[^<]*: 18", html)
        assert ">Mexico</" not in html and ">Service Quality</" not in html

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_home(self, client, language):
        mexico, brazil, area, _tier, americas = LABELS[language]
        html = page(client, f"/{language}/")
        for label in (mexico, brazil, area, americas):
            assert f">{label}</a>" in html, label
        assert ">Mexico</a>" not in html

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_entity_pages(self, client, language):
        mexico, _brazil, area, _tier, americas = LABELS[language]
        assert f"<h1>{mexico}</h1>" in page(client, f"/{language}/countries/MX/")
        region = page(client, f"/{language}/regions/americas/")
        assert f"<h1>{americas}</h1>" in region and f">{mexico}</a>" in region
        assert f"<h1>{area}</h1>" in page(client, f"/{language}/priority-areas/service-quality/")

    def test_english_keeps_the_stored_names(self, client):
        html = page(client, PRACTICE)
        for label in (ENGLISH[0], *ENGLISH[2:]):
            assert f">{label}</" in html, label

    def test_countries_sort_in_the_readers_language(self, client):
        # In French the United States are "États-Unis": among the E's, after "Équateur", not last.
        html = page(client, "/fr/regions/americas/")
        names = re.findall(r'<li><a href="[^"]*/countries/[A-Z]{2}/">([^<]+)</a>', html)
        assert names.index("Équateur") < names.index("États-Unis") < names.index("Guatemala")
        assert names[-1] == "Uruguay"
        # The facet lists countries in that order too (after the most frequent ones when truncated).
        html = page(client, "/fr/practices/?facet=country")
        facet = re.findall(
            r'for="facet-country-\d+">([^<]+) <', between(html, 'id="facet-country"', "</fieldset>")
        )
        assert facet.index("Équateur") < facet.index("États-Unis") < facet.index("Guatemala")

    def test_a_facet_finds_a_country_by_its_translated_name(self, client):
        html = page(client, "/de/practices/?facet=country&facet_search=brasil")
        facet = between(html, 'id="facet-country"', "</fieldset>")
        assert ">Brasilien <" in facet and ">Mexiko <" not in facet

    def test_the_feed_follows_accept_language(self, client):
        response = client.get(
            "/feeds/practices/?country=MX&tier=merit-special-mention", HTTP_ACCEPT_LANGUAGE="es"
        )
        assert response.status_code == 200
        assert (response["Content-Language"], "Accept-Language" in response["Vary"]) == ("es", True)
        feed = html_lib.unescape(response.content.decode())
        assert 'term="Calidad del servicio"' in feed and 'term="Service Quality"' not in feed
        assert "México · Certificado de mérito con mención especial · 2017" in feed
        # The feed's title names the view's filters as the chips do, in the reader's language.
        assert (
            "<title>Catálogo de buenas prácticas: prácticas (País: México; "
            "Nivel de reconocimiento: Certificado de mérito con mención especial)</title>"
        ) in feed
        english = html_lib.unescape(client.get("/feeds/practices/?country=MX").content.decode())
        assert 'term="Service Quality"' in english and "Mexico · " in english


@pytest.mark.usefixtures("catalogue")
class TestApi:
    @pytest.mark.parametrize(
        ("header", "language", "mexico"),
        [
            (None, "en", "Mexico"),
            ("es", "es", "México"),
            ("fr-CH, fr;q=0.9, en;q=0.8", "fr", "Mexique"),
            ("de-DE,de;q=0.9", "de", "Mexiko"),
            ("pt-BR, es;q=0.5", "es", "México"),
            ("ja", "en", "Mexico"),
        ],
    )
    def test_country_names_follow_accept_language(self, api, header, language, mexico):
        headers = {"HTTP_ACCEPT_LANGUAGE": header} if header else {}
        response = api.get("/api/v1/countries/MX/", **headers)
        assert response.status_code == 200
        body = response.json()
        assert (body["code"], body["name"]) == ("MX", mexico)
        assert response["Content-Language"] == language
        assert "Accept-Language" in response["Vary"]

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_nested_names_in_a_practice(self, api, language):
        mexico, _brazil, area, tier, americas = LABELS[language]
        body = api.get(f"/api/v1{PRACTICE}", HTTP_ACCEPT_LANGUAGE=language).json()
        assert (body["country"]["code"], body["country"]["name"]) == ("MX", mexico)
        assert (body["tier"]["slug"], body["tier"]["name"]) == ("merit-special-mention", tier)
        assert area in [a["name"] for a in body["priority_areas"]]
        assert "service-quality" in [a["slug"] for a in body["priority_areas"]]
        region = api.get("/api/v1/regions/americas/", HTTP_ACCEPT_LANGUAGE=language).json()
        assert region["name"] == americas and "MX" in [c["code"] for c in region["countries"]]

    def test_lists_of_areas_and_tiers(self, api):
        areas = api.get("/api/v1/priority-areas/?page_size=100", HTTP_ACCEPT_LANGUAGE="de").json()["results"]
        assert {"slug": "service-quality", "name": "Servicequalität"}.items() <= next(
            a for a in areas if a["slug"] == "service-quality"
        ).items()
        tiers = api.get("/api/v1/tiers/", HTTP_ACCEPT_LANGUAGE="fr").json()["results"]
        assert [t["name"] for t in tiers] == [
            "Prix",
            "Certificat de mérite avec mention spéciale",
            "Certificat de mérite",
            "Attestation",
        ]

    def test_facet_labels(self, api):
        url = "/api/v1/practices/facets/?facet=country,tier&facet_limit=0"
        body = api.get(url, HTTP_ACCEPT_LANGUAGE="fr").json()
        countries = {option["value"]: option["label"] for option in body["country"]}
        assert (countries["MX"], countries["US"]) == ("Mexique", "États-Unis")
        assert {"value": "award", "label": "Prix"}.items() <= body["tier"][0].items()

    def test_a_cookie_or_a_prefix_does_not_choose_the_apis_language(self, api):
        api.cookies["django_language"] = "de"
        response = api.get("/api/v1/countries/BR/")
        assert (response.json()["name"], response["Content-Language"]) == ("Brazil", "en")
        assert api.get("/es/api/v1/countries/BR/").status_code == 404

    def test_the_cache_and_the_etags_keep_languages_apart(self, api, settings):
        url = "/api/v1/countries/BR/"
        english = api.get(url)
        spanish = api.get(url, HTTP_ACCEPT_LANGUAGE="es")
        again = api.get(url)
        german = api.get(url, HTTP_ACCEPT_LANGUAGE="de")
        assert [r.json()["name"] for r in (english, spanish, again, german)] == [
            "Brazil",
            "Brasil",
            "Brazil",
            "Brasilien",
        ]
        assert [r["Content-Language"] for r in (english, spanish, again, german)] == ["en", "es", "en", "de"]
        assert (
            len({english["ETag"], spanish["ETag"], german["ETag"]}) == 3 and again["ETag"] == english["ETag"]
        )
        # An English ETag does not validate the Spanish answer.
        assert api.get(url, HTTP_ACCEPT_LANGUAGE="es", HTTP_IF_NONE_MATCH=english["ETag"]).status_code == 200
        assert api.get(url, HTTP_ACCEPT_LANGUAGE="es", HTTP_IF_NONE_MATCH=spanish["ETag"]).status_code == 304


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("", "en"),
        ("es-MX", "es"),
        ("*", "en"),
        ("xx, de;q=0.1", "de"),
        ("en-GB,fr;q=0.9", "en"),
        (";;;", "en"),
    ],
)
def test_accepted_language(header, language):
    assert accepted_language(header) == language
