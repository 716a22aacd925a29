"""A practitioner's session in a real browser: facets, search, sort, pages, languages, a practice,
comparison; axe-core finds no serious or critical accessibility violation; nothing is fetched from
a third party and the strict Content-Security-Policy blocks nothing.

Numbers are the sources' (see catalogue/tests/test_views.py): Uruguay 16 practices, 9 of them in
Information and Communication Technology, one with "videoconferencing" in its title; Mexico 18.
"""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .axe import serious_violations

pytestmark = pytest.mark.browser

VIDEOCONFERENCING = "Distance training via videoconferencing"


def query(page):
    return parse_qs(urlsplit(page.url).query)


def test_filter_search_sort_and_share(page, site, browser, artifacts):
    page.goto(f"{site}/practices/")
    expect(page.locator("h2.result-count")).to_have_text(re.compile(r"^68 practices, showing 1 to 20"))

    filters = page.locator("#practice-filters")
    filters.locator("fieldset", has_text="Country").get_by_label(re.compile(r"^Uruguay \d+")).check()
    filters.locator("fieldset", has_text="Priority area").get_by_label(
        re.compile(r"^Information and Communication Technology \d+")
    ).check()
    filters.get_by_role("button", name="Apply filters").first.click()
    expect(page.locator("h2.result-count")).to_have_text("9 practices")
    assert query(page) == {"country": ["UY"], "priority_area": ["information-and-communication-technology"]}
    # The sidebar says what each other choice would give, within the other filters.
    expect(filters.get_by_label(re.compile(r"^Uruguay \d+"))).to_be_checked()
    expect(filters.get_by_label(re.compile(r"^Mexico"))).to_have_accessible_name(
        re.compile(r"^Mexico \d+ practices")
    )

    page.get_by_label("Search practices").fill("videoconferencing")
    page.get_by_label("Sort by").select_option("tier")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("h2.result-count")).to_have_text("1 practice")
    expect(page.locator(".card-title")).to_have_text([VIDEOCONFERENCING])
    assert query(page) == {
        "country": ["UY"],
        "priority_area": ["information-and-communication-technology"],
        "search": ["videoconferencing"],
        "ordering": ["tier"],
    }
    page.screenshot(path=artifacts / "practices-list.png", full_page=True)

    # A colleague opening the copied address sees the same view.
    shared = browser.new_context().new_page()
    shared.goto(page.url)
    expect(shared.locator(".card-title")).to_have_text([VIDEOCONFERENCING])
    expect(shared.get_by_label("Search practices")).to_have_value("videoconferencing")
    shared.context.close()

    # A chip removes its filter and only it.
    page.get_by_role("link", name=re.compile(r"^Search: videoconferencing")).click()
    expect(page.locator("h2.result-count")).to_have_text("9 practices")
    assert "search" not in query(page) and query(page)["country"] == ["UY"]


def test_find_a_facet_value_as_you_type(page, site):
    # 21 institutions: the sidebar shows ten, and a find field that asks as the reader types.
    page.goto(f"{site}/practices/")
    institutions = page.locator("#facet-institution")
    expect(institutions.locator('input[type="checkbox"]')).to_have_count(10)
    institutions.get_by_label("Institution: find a value").fill("prevision")  # its original name, no accent
    expect(institutions.locator('input[type="checkbox"]')).to_have_count(1)
    expect(institutions.get_by_role("status")).to_have_text("Values found: 1")
    institutions.get_by_label(re.compile(r"^Social Insurance Bank 11")).check()
    page.locator("#practice-filters").get_by_role("button", name="Apply filters").first.click()
    expect(page.locator("h2.result-count")).to_have_text("11 practices")
    assert query(page) == {"institution": ["social-insurance-bank"]}


def test_paginate(page, site):
    page.goto(f"{site}/practices/?country=MX&page_size=5")
    expect(page.locator("h2.result-count")).to_contain_text("18 practices")
    pages = page.get_by_role("navigation", name="Pages")
    pages.get_by_role("link", name="Next page").click()
    expect(page.locator(".pagination [aria-current=page]")).to_have_text("Page 2")
    assert query(page) == {"country": ["MX"], "page_size": ["5"], "page": ["2"]}
    pages.get_by_role("link", name="Page 4", exact=True).click()
    expect(page.locator(".card")).to_have_count(3)
    expect(page.get_by_role("link", name="Next page")).to_have_count(0)


def test_switch_language(page, site):
    page.goto(f"{site}/practices/?country=UY")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert urlsplit(page.url).path == "/es/practices/"
    assert query(page) == {"country": ["UY"]}
    expect(page.locator("h2.result-count")).to_have_text("16 prácticas")
    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="Deutsch").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("h2.result-count")).to_have_text("16 Praktiken")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_open_a_practice(page, site, artifacts):
    page.goto(f"{site}/practices/?country=CL")
    page.get_by_role("link", name=re.compile("^Automatic generation of lists of beneficiaries")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Automatic generation of lists of beneficiaries"
    )
    expect(page.locator("[lang=es]", has_text="Aporte Familiar Permanente")).to_be_visible()
    expect(page.get_by_role("heading", name="Summary")).to_be_visible()
    expect(page.get_by_role("heading", name="Special mention from the jury")).to_be_visible()
    expect(page.get_by_role("heading", name="Where the text comes from")).to_be_visible()
    expect(page.locator(".related .card")).to_have_count(6)
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["alternateName"] == "Aporte Familiar Permanente"
    page.screenshot(path=artifacts / "practice-detail.png", full_page=True)


def test_compare_from_the_list(page, site):
    page.goto(f"{site}/practices/?country=UY&tier=merit")
    page.get_by_label(f"Compare {VIDEOCONFERENCING}").check()
    page.get_by_label("Compare Specialists in one click").check()
    page.get_by_label("Compare Shared software and collaborative work").check()
    page.get_by_role("button", name="Compare selected practices").click()
    assert urlsplit(page.url).path == "/compare/"
    headers = page.locator("table.compare thead th")
    expect(headers).to_have_count(3)
    expect(page.locator("table.compare caption")).to_have_text("3 practices side by side")


def test_usable_on_a_phone(browser, site, artifacts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    for path in (
        "/",
        "/practices/?country=UY",
        "/statistics/",
        "/practices/distance-training-via-videoconferencing/",
    ):
        page.goto(site + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, overflow)
    page.goto(site + "/practices/?country=UY")
    page.get_by_role("link", name="Go to the filters").click()
    expect(page.locator("#practice-filters")).to_be_in_viewport()
    page.screenshot(path=artifacts / "practices-list-phone.png")
    context.close()


def test_keyboard_skip_link(page, site):
    page.goto(f"{site}/practices/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert urlsplit(page.url).fragment == "main"


PAGES = {
    "home": "/",
    "list": "/practices/?country=UY&tier=merit",
    "detail": "/practices/distance-training-via-videoconferencing/",
    "statistics": "/statistics/",
    "compare": "/compare/?practices=distance-training-via-videoconferencing,specialists-in-one-click,"
    "video-service-delivery",
    "spanish list": "/es/practices/?search=pension",
    "competition": "/competitions/americas-2017/",
    "liaison office": "/liaison-offices/andean-countries/",
}


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_violation(page, site, axe_source, name):
    page.goto(site + PAGES[name])
    serious = serious_violations(page, axe_source)
    assert serious == [], "\n".join(serious)


def test_strict_csp_blocks_nothing_and_nothing_leaves_the_site(browser, site):
    context = browser.new_context()  # CSP enforced
    page = context.new_page()
    problems, hosts = [], set()
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
    for path in [*PAGES.values(), reverse("api:docs")]:
        response = page.goto(site + path)
        assert "default-src 'self'" in response.headers["content-security-policy"]
    context.close()
    assert problems == []
    assert hosts == {urlsplit(site).netloc}
