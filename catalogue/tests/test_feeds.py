"""/feeds/practices/ (Atom, a feed per list view), /sitemap.xml (an index of parts) and /robots.txt.

The sitemap at thousands of practices, split into many parts, is test_sitemaps.py.

Numbers are counted in the source texts (see test_api.py): 68 practices (62 competition entries
and 6 workshop strategies), 18 countries in the regions fixture's sources, 21 institutions, the 12
priority areas, 4 regions, 2 liaison offices, 1 competition.
"""

import xml.etree.ElementTree as ET
from datetime import datetime

import pytest

from catalogue.choices import Status
from catalogue.models import Practice

from .pages import SITEMAP, XHTML, sitemap_paths, sitemap_urls

ATOM = "{http://www.w3.org/2005/Atom}"


def atom(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


@pytest.mark.usefixtures("catalogue")
class TestFeed:
    def test_every_published_practice(self, client):
        feed = atom(client, "/feeds/practices/")
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == 50  # the feed's size; the catalogue holds 68
        assert feed.find(f"{ATOM}title").text == "Good-practice catalogue: practices"
        links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
        assert links == {
            "alternate": "http://testserver/practices/",
            "self": "http://testserver/feeds/practices/",
        }

    def test_a_request_in_between_does_not_change_another_requests_links(self, client, monkeypatch):
        # One PracticeFeed serves every request (it is the URL's view): what belongs to a request
        # must not be kept on it, or a request answered meanwhile would give this one its links.
        from catalogue.feeds import PracticeFeed

        original, meanwhile = PracticeFeed.get_feed, {}

        def get_feed_after_another_request(feed, obj, request):
            if "response" not in meanwhile:
                meanwhile["response"] = None  # the request in between goes straight through
                meanwhile["response"] = client.get("/feeds/practices/?country=MX")
            return original(feed, obj, request)

        monkeypatch.setattr(PracticeFeed, "get_feed", get_feed_after_another_request)
        feed = atom(client, "/feeds/practices/?country=UY")
        links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
        assert links == {
            "alternate": "http://testserver/practices/?country=UY",
            "self": "http://testserver/feeds/practices/?country=UY",
        }
        assert b"country=MX" in meanwhile["response"].content

    def test_a_feed_per_view(self, client):
        feed = atom(client, "/feeds/practices/?country=UY&tier=merit&page=2&page_size=5")
        titles = [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]
        assert len(titles) == 14
        assert "Distance training via videoconferencing" in titles
        links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
        # Page parameters are not part of a feed: it follows the whole view.
        assert links["alternate"] == "http://testserver/practices/?country=UY&tier=merit"
        assert links["self"] == "http://testserver/feeds/practices/?country=UY&tier=merit"
        title = "Good-practice catalogue: practices (Country: Uruguay; Award tier: Certificate of merit)"
        assert feed.find(f"{ATOM}title").text == title

    def test_an_entry(self, client):
        feed = atom(client, "/feeds/practices/?country=UY&tier=award")
        (entry,) = feed.findall(f"{ATOM}entry")
        assert entry.find(f"{ATOM}title").text.startswith(
            "Formalizing enterprises and workers in the shared economy"
        )
        assert entry.find(f"{ATOM}author/{ATOM}name").text == "Social Insurance Bank"
        summary = entry.find(f"{ATOM}summary").text
        assert summary.startswith("Social Insurance Bank · Uruguay · Award · 2017. The 21st century advent")
        assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == [
            "Administrative Solutions for Coverage Extension",
            "Contribution Collection and Compliance",
            "Service Quality",
        ]
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith("http://testserver/practices/formalizing-enterprises")

    def test_search_and_drafts(self, client):
        Practice.objects.filter(title="Video Service Delivery").update(status=Status.DRAFT)
        feed = atom(client, "/feeds/practices/?search=videoconferencing")
        assert [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")] == [
            "Distance training via videoconferencing"
        ]
        feed = atom(client, "/feeds/practices/?country=US")
        assert feed.findall(f"{ATOM}entry") == []

    @pytest.mark.parametrize(
        ("query", "name"), [("country=ZZ", "country"), ("year=twenty", "year"), ("tier=gold", "tier")]
    )
    def test_a_bad_value_answers_400_in_plain_text(self, client, query, name):
        response = client.get(f"/feeds/practices/?{query}")
        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert response.content.decode().startswith(f"{name}: ")


SECTIONS = ["pages", "practices", "countries", "institutions", "priority-areas", "regions",
            "liaison-offices", "competitions"]  # fmt: skip


@pytest.mark.usefixtures("catalogue")
class TestSitemapAndRobots:
    def test_the_index_names_one_part_a_section_at_this_size(self, client):
        response = client.get("/sitemap.xml")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/xml"
        entries = ET.fromstring(response.content).findall(f"{SITEMAP}sitemap")
        assert [e.find(f"{SITEMAP}loc").text for e in entries] == [
            f"http://testserver/sitemap-{section}.xml" for section in SECTIONS
        ]
        # Practices carry their last change: the section's latest is every practices part's lastmod.
        lastmods = {e.find(f"{SITEMAP}loc").text: e.find(f"{SITEMAP}lastmod") for e in entries}
        latest = Practice.objects.published().order_by("-updated_at").first().updated_at
        practices = lastmods.pop("http://testserver/sitemap-practices.xml")
        assert datetime.fromisoformat(practices.text) == latest
        assert set(lastmods.values()) == {None}

    def test_every_published_practice_and_entity_page_in_four_languages(self, client):
        Practice.objects.filter(title="Video Service Delivery").update(status=Status.WITHDRAWN)
        urls = sitemap_urls(client)
        paths = sitemap_paths(client)
        assert len(paths) == len(set(paths))
        english = {path for path in paths if not path.startswith(("/es/", "/fr/", "/de/"))}
        practices = {path for path in english if path.startswith("/practices/") and path != "/practices/"}
        assert len(practices) == 67  # 68 published, one withdrawn above
        assert (
            "/practices/" + Practice.objects.get(title="Video Service Delivery").slug + "/" not in practices
        )
        assert {"/", "/practices/", "/statistics/"} <= english
        assert len([p for p in english if p.startswith("/countries/")]) == 18
        assert len([p for p in english if p.startswith("/institutions/")]) == 21
        assert len([p for p in english if p.startswith("/priority-areas/")]) == 12
        assert {p for p in english if p.startswith("/regions/")} == {
            "/regions/africa/", "/regions/americas/", "/regions/asia-and-the-pacific/", "/regions/europe/"
        }  # fmt: skip
        assert {p for p in english if p.startswith("/liaison-offices/")} == {
            "/liaison-offices/andean-countries/", "/liaison-offices/north-and-central-america/"
        }  # fmt: skip
        assert "/competitions/americas-2017/" in english
        assert len(paths) == 4 * len(english)
        assert "/es/countries/UY/" in paths
        part, first = urls[0]
        assert part == "http://testserver/sitemap-pages.xml"
        assert {link.get("hreflang"): link.get("href") for link in first.findall(f"{XHTML}link")} == {
            "en": "http://testserver/",
            "es": "http://testserver/es/",
            "fr": "http://testserver/fr/",
            "de": "http://testserver/de/",
            "x-default": "http://testserver/",
        }

    def test_a_practice_carries_its_last_change(self, client):
        practice = Practice.objects.get(title="Video Service Delivery")
        for part, url in sitemap_urls(client):
            if url.find(f"{SITEMAP}loc").text == f"http://testserver/fr/practices/{practice.slug}/":
                assert part == "http://testserver/sitemap-practices.xml"
                assert url.find(f"{SITEMAP}lastmod").text == practice.updated_at.date().isoformat()
                break
        else:
            pytest.fail("The practice's French page is in no part.")

    def test_robots_names_the_sitemap(self, client):
        response = client.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        lines = response.content.decode().splitlines()
        assert "Sitemap: http://testserver/sitemap.xml" in lines
        assert "Disallow: /admin/" in lines
