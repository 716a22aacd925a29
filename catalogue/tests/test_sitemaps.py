"""The sitemap at a few thousand practices, cut into parts of 400 URLs (100 pages in 4 languages).

The real catalogue plus 3,000 synthetic practices (catalogue/services/synthetic.py, which also
adds about 1,500 synthetic institutions and 52 countries), some of them then made drafts or
withdrawn. What the sitemap should hold is written out here from the rows themselves, not with
the code under test: every published practice and every entity page, in English (no prefix),
Spanish, French and German.
"""

import math
from collections import Counter
from datetime import datetime

import pytest
from django.core.cache import cache

from awards.models import Competition, PriorityArea
from catalogue import sitemaps
from catalogue.choices import Status
from catalogue.models import Institution, Practice
from catalogue.services import synthetic
from regions.models import Country, LiaisonOffice, Region

from .pages import SITEMAP, XHTML, sitemap_parts, sitemap_urls, xml

PART = 400
PREFIXES = ("", "/es", "/fr", "/de")
ENTITIES = [
    ("countries", Country, "code"),
    ("institutions", Institution, "slug"),
    ("priority-areas", PriorityArea, "slug"),
    ("regions", Region, "slug"),
    ("liaison-offices", LiaisonOffice, "slug"),
    ("competitions", Competition, "slug"),
]


@pytest.fixture(scope="class")
def _many_for_class(_catalogue_for_class, django_db_blocker):
    """3,068 practices of which 3,033 published, made once for the class (rolled back after it)."""
    with django_db_blocker.unblock():
        synthetic.synchronise(3000, seed=3)
        slugs = list(Practice.objects.filter(synthetic=True).order_by("slug").values_list("slug", flat=True))
        Practice.objects.filter(slug__in=slugs[10:30]).update(status=Status.DRAFT)
        Practice.objects.filter(slug__in=slugs[-15:]).update(status=Status.WITHDRAWN)


@pytest.fixture
def many(_many_for_class, catalogue, monkeypatch):
    """The class's practices, and parts of PART URLs."""
    monkeypatch.setattr(sitemaps.CatalogueSitemap, "limit", PART)


def expected_by_section():
    """{section: the paths its parts should hold}, from the rows."""
    published = Practice.objects.filter(status=Status.PUBLISHED).values_list("slug", flat=True)
    pages = {
        "pages": ["/", "/practices/", "/statistics/", "/evidence/"],
        "practices": [f"/practices/{slug}/" for slug in published],
    }
    for section, model, key in ENTITIES:
        pages[section] = [f"/{section}/{value}/" for value in model.objects.values_list(key, flat=True)]
    return {
        section: {prefix + path for path in paths for prefix in PREFIXES} for section, paths in pages.items()
    }


def number_of_parts(urls):
    return max(1, math.ceil(urls / PART))


@pytest.mark.usefixtures("many")
class TestManyParts:
    def test_every_page_in_every_language_once_across_the_parts(self, client):
        expected = expected_by_section()
        assert len(expected["practices"]) == 4 * 3033
        urls = sitemap_urls(client)
        paths = [url.find(f"{SITEMAP}loc").text.removeprefix("http://testserver") for _, url in urls]
        assert len(paths) == len(set(paths)), "a URL is in two parts"
        assert set(paths) == set().union(*expected.values())
        for section, wanted in expected.items():
            found = {
                path for path, (part, _) in zip(paths, urls, strict=True) if f"/sitemap-{section}." in part
            }
            assert found == wanted, section
        assert Practice.objects.exclude(status=Status.PUBLISHED).count() == 35
        hidden = Practice.objects.exclude(status=Status.PUBLISHED).values_list("slug", flat=True)
        assert not [path for path in paths if path.split("/")[-2] in set(hidden)]
        sizes = Counter(part for part, _ in urls)
        assert max(sizes.values()) == PART
        assert sizes["http://testserver/sitemap-practices.xml?p=31"] == 4 * 3033 - 30 * PART

    def test_the_index_lists_every_part_of_every_section(self, client):
        expected = expected_by_section()
        parts = {section: number_of_parts(len(paths)) for section, paths in expected.items()}
        assert parts["practices"] == 31  # 12,132 URLs
        assert parts["institutions"] > 1
        wanted = []
        for section in sitemaps.SITEMAPS:
            first = f"http://testserver/sitemap-{section}.xml"
            wanted += [first] + [f"{first}?p={n}" for n in range(2, parts[section] + 1)]
        assert sitemap_parts(client) == wanted
        # The index gives every part of the practices the section's latest change (one query).
        latest = Practice.objects.for_sitemap().order_by("-updated_at").first().updated_at
        lastmods = {
            entry.find(f"{SITEMAP}loc").text: entry.find(f"{SITEMAP}lastmod")
            for entry in xml(client, "/sitemap.xml").iter(f"{SITEMAP}sitemap")
        }
        practices = [lastmods.pop(part) for part in list(lastmods) if "/sitemap-practices." in part]
        assert {datetime.fromisoformat(lastmod.text) for lastmod in practices} == {latest}
        assert set(lastmods.values()) == {None}

    def test_a_page_and_its_languages_are_in_one_part(self, client):
        part = xml(client, "/sitemap-practices.xml?p=7")
        urls = part.findall(f"{SITEMAP}url")
        locations = {url.find(f"{SITEMAP}loc").text for url in urls}
        slugs = Practice.objects.for_sitemap().values_list("slug", flat=True)[600:700]
        assert locations == {
            f"http://testserver{prefix}/practices/{slug}/" for slug in slugs for prefix in PREFIXES
        }
        for url in urls:
            alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
            assert set(alternates) == {"en", "es", "fr", "de", "x-default"}
            assert set(alternates.values()) <= locations
            assert alternates["x-default"] == alternates["en"]

    def test_a_part_past_the_end_is_a_404_naming_the_parts(self, client):
        response = client.get("/sitemap-practices.xml?p=32")
        assert response.status_code == 404
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert response.content.decode() == "p: the practices sitemap has parts 1 to 31; not 32.\n"
        assert client.get("/sitemap-regions.xml?p=2").content.decode() == (
            "p: the regions sitemap has parts 1 to 1; not 2.\n"
        )

    @pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", "", "²"])
    def test_a_part_number_that_is_not_a_whole_number_from_1_is_a_400(self, client, value):
        response = client.get("/sitemap-practices.xml", {"p": value})
        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert response.content.decode() == f"p: a part number, a whole number from 1; not {value!r}.\n"

    def test_an_unknown_section_is_a_404_naming_the_sections(self, client):
        response = client.get("/sitemap-awards.xml")
        assert response.status_code == 404
        assert response.content.decode() == (
            "No sitemap section 'awards'. Sections: pages, practices, countries, institutions, "
            "priority-areas, regions, liaison-offices, competitions.\n"
        )

    @pytest.mark.usefixtures("no_cache")  # counted as in test_views (a miss adds the content version)
    def test_a_part_reads_its_rows_in_one_query_wherever_it_is(self, client, expected_queries):
        # A count (how many parts) and the part's rows, by slug from an offset: never a query a row.
        # The count is kept per content version (read first): emptied, the cache makes each count.
        for query in ["", "?p=16", "?p=31"]:
            cache.clear()
            with expected_queries("page /sitemap-practices.xml"):
                assert client.get(f"/sitemap-practices.xml{query}").status_code == 200
        # Asked again, a part reads the content version and its rows.
        with expected_queries("at any size: /sitemap-practices.xml"):
            assert client.get("/sitemap-practices.xml?p=16").status_code == 200
        cache.clear()
        with expected_queries("page /sitemap-institutions.xml"):
            assert client.get("/sitemap-institutions.xml?p=2").status_code == 200

    @pytest.mark.usefixtures("no_cache")
    def test_the_index_does_not_read_the_rows(self, client, expected_queries):
        # A count a section and the practices' latest change, whatever the number of parts.
        with expected_queries("page /sitemap.xml"):
            assert len(sitemap_parts(client)) > 40
