"""The world map of /statistics/ in a real browser: each country with practices a link reached by
keyboard and named, the zoom views, the legend; axe-core finds nothing serious in any view or
language; nothing is fetched and the strict CSP blocks nothing.

Numbers are the sources' (catalogue/tests/test_statistics.py): Mexico 18 practices, Colombia 1.
"""

import pytest
from playwright.sync_api import expect

from .axe import serious_violations

pytestmark = pytest.mark.browser

VIEWS = [
    "/statistics/",
    "/statistics/?map=africa",
    "/statistics/?map=americas",
    "/statistics/?map=asia-and-the-pacific",
    "/statistics/?map=europe",
    "/es/statistics/?map=americas",
    "/fr/statistics/",
    "/de/statistics/",
]


@pytest.mark.parametrize("path", VIEWS)
def test_axe_finds_no_serious_violation_in_the_map_views(page, site, axe_source, path):
    page.goto(site + path)
    serious = serious_violations(page, axe_source)
    assert serious == [], "\n".join(serious)


def test_countries_are_named_links_and_regions_zoom(browser, site, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # CSP enforced
    page = context.new_page()
    problems, hosts = [], set()
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    page.goto(f"{site}/statistics/")
    the_map = page.locator("svg.world-map")
    expect(the_map).to_have_accessible_name("Practices by country: the world")
    mexico = the_map.get_by_role("link", name="Mexico: 18 practices")
    expect(mexico).to_have_count(1)
    expect(the_map.get_by_role("link")).to_have_count(12)
    expect(the_map.get_by_role("link", name="Colombia: 1 practice")).to_have_count(1)
    # Countries without practices are no links, and screen readers skip them (the table has them).
    expect(the_map.get_by_role("link", name="Belize", exact=False)).to_have_count(0)
    legend = page.get_by_role("list", name="Legend: practices per country")
    expect(legend.get_by_role("listitem")).to_have_text(
        ["No practices", "1", "2", "3 to 5", "6 to 10", "11 to 18"]
    )
    the_map.screenshot(path=artifacts / "statistics-world-map.png")
    # The keyboard reaches a country; Enter opens its page.
    mexico.focus()
    expect(mexico).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/countries/MX/")
    # The zoom on the Americas: a view box of its own, the same links.
    page.goto(f"{site}/statistics/")
    page.get_by_role("navigation", name="Map views").get_by_role("link", name="Americas").click()
    page.wait_for_url(f"{site}/statistics/?map=americas#map")
    zoomed = page.locator("svg.world-map")
    assert zoomed.get_attribute("viewBox") != "0 0 1000 437.4"
    expect(zoomed).to_have_accessible_name("Practices by country: Americas")
    expect(zoomed.get_by_role("link")).to_have_count(12)
    zoomed.screenshot(path=artifacts / "statistics-americas-map.png")
    assert problems == [] and hosts == {site.split("/")[2]}
    context.close()
