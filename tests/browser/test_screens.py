"""Every page kind on a 360 px phone and on paper, in the four languages; axe-core in each of them.

Spanish, French and German words are longer than English ones (a list page in Spanish was 517 px
wide before the small-screen rules), so every page kind is measured in every language. The
entities are the real catalogue's with the longest names, which are the hardest to fit.
"""

import pytest
from django.db import transaction
from django.db.models.functions import Length
from playwright.sync_api import expect

from awards.models import AwardTier, Competition, PriorityArea
from catalogue.models import Institution, Practice
from common.caching import bump_content_version
from regions.models import Country, LiaisonOffice, Region

from .axe import serious_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
LANGUAGES = {"en": "", "es": "/es", "fr": "/fr", "de": "/de"}

# The elements whose right edge passes the viewport, outside a box that scrolls or clips its own
# overflow (a table's scroller), the deepest first: each named by tag, id or classes and its text.
WIDER_THAN_THE_VIEWPORT = """() => {
  const width = document.documentElement.clientWidth;
  const contained = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const overflow = getComputedStyle(p).overflowX;
      if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden' || overflow === 'clip') {
        return true;
      }
    }
    return false;
  };
  const wide = [...document.body.querySelectorAll('*')].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 0.5 && !contained(el);
  });
  return wide
    .filter((el) => !wide.some((other) => other !== el && el.contains(other)))
    .slice(0, 5)
    .map((el) => {
      const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + [...el.classList].map((c) => '.' + c).join('');
      const right = Math.round(el.getBoundingClientRect().right);
      return `${name} (right edge ${right} px): ${el.textContent.trim().slice(0, 60)}`;
    });
}"""


def longest(model, field="name"):
    return model.objects.order_by(Length(field).desc(), field).first()


def page_kinds():
    """Every kind of page, by name: its path under a language's prefix."""
    practice = longest(Practice, "title")
    return {
        "home": "/",
        "list": "/practices/",
        "list filtered and searched": "/practices/?country=UY"
        "&priority_area=information-and-communication-technology&search=videoconferencing&ordering=tier",
        "list with one facet whole": "/practices/?facet=institution&facet_search=social",
        "list with a bad parameter": "/practices/?page_size=lots",
        "practice": practice.get_absolute_url(),
        "country": longest(Country).get_absolute_url(),
        "region": longest(Region).get_absolute_url(),
        "institution": longest(Institution).get_absolute_url(),
        "priority area": longest(PriorityArea).get_absolute_url(),
        "competition": longest(Competition).get_absolute_url(),
        "liaison office": longest(LiaisonOffice).get_absolute_url(),
        "statistics": "/statistics/",
        "evidence": "/evidence/",
        "open data": "/data/",
        "share": "/share/",
        "compare": "/compare/?practices=distance-training-via-videoconferencing,specialists-in-one-click,"
        "video-service-delivery",
        "not found": "/no-such-page/",
    }


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_fits_a_360_px_phone(phone, site, language):
    problems = []
    for kind, path in page_kinds().items():
        url = path if language == "en" else LANGUAGES[language] + path
        phone.goto(site + url)
        assert phone.locator("html").get_attribute("lang") == language, url
        scroll_width = phone.evaluate("document.documentElement.scrollWidth")
        wide = phone.evaluate(WIDER_THAN_THE_VIEWPORT)
        if scroll_width > PHONE["width"] or wide:
            problems.append(f"{kind} {url}: {scroll_width} px wide; " + "; ".join(wide))
    assert problems == [], "\n".join(problems)


# Reference-data names as long as their translations will be, with a compound word longer than a
# 360 px line: tiers, priority areas, regions.
LONG_NAMES = {
    AwardTier: "Zertifikat für besondere Leistungen mit lobender Erwähnung",
    PriorityArea: "Kommunikationsmaßnahmen der Sozialversicherungsträgerverwaltungen",
    Region: "Lateinamerika und die Karibik (Sozialversicherungszusammenarbeitsgebiet)",
}


def test_long_translated_names_still_fit(phone, site):
    for model, name in LONG_NAMES.items():
        for i, row in enumerate(model.objects.order_by("pk")):
            model.objects.filter(pk=row.pk).update(name=f"{name} {i}")
    with transaction.atomic():
        bump_content_version()
    kinds = page_kinds()
    problems = []
    for kind in (
        "home",
        "list",
        "list filtered and searched",
        "practice",
        "priority area",
        "competition",
        "region",
        "statistics",
        "compare",
    ):
        phone.goto(f"{site}/de{kinds[kind]}")
        scroll_width = phone.evaluate("document.documentElement.scrollWidth")
        wide = phone.evaluate(WIDER_THAN_THE_VIEWPORT)
        if scroll_width > PHONE["width"] or wide:
            problems.append(f"{kind}: {scroll_width} px wide; " + "; ".join(wide))
    expect(phone.locator(".tier").first).to_contain_text("Zertifikat für besondere Leistungen")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_filters_fold_away_on_a_phone(phone, site, language):
    phone.goto(f"{site}{LANGUAGES[language]}/practices/?country=UY")
    filters = phone.locator("details.filters-fold")
    expect(filters).not_to_have_attribute("open", "")
    expect(phone.locator("#facet-country")).to_be_hidden()
    filters.locator("summary").click()
    expect(phone.locator("#facet-country")).to_be_visible()
    # Wide, the sidebar is open beside the results, with nothing to unfold.
    phone.set_viewport_size({"width": 1280, "height": 900})
    phone.goto(f"{site}{LANGUAGES[language]}/practices/?country=UY")
    expect(phone.locator("#facet-country")).to_be_visible()
    expect(filters.locator("summary")).to_be_hidden()


PRINT_HIDDEN = [
    ".site-nav",
    ".languages",
    ".skip-link",
    "#practice-filters",
    "[role=search]",
    "button",
    ".pagination",
]

AFTER = "(el) => getComputedStyle(el, '::after').content"


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_list_and_a_practice_print_cleanly(page, site, language):
    prefix = LANGUAGES[language]
    page.emulate_media(media="print")
    page.goto(f"{site}{prefix}/practices/?country=UY&page_size=5")
    for selector in PRINT_HIDDEN:
        hidden = page.locator(selector)
        assert hidden.count() > 0, selector
        for i in range(hidden.count()):
            expect(hidden.nth(i)).to_be_hidden()
    cards = page.locator(".card")
    expect(cards).to_have_count(5)
    assert {cards.nth(i).evaluate("(el) => getComputedStyle(el).breakInside") for i in range(5)} == {"avoid"}
    title = cards.first.locator(".card-title a")
    href = title.get_attribute("href")
    assert href.startswith(f"{prefix}/practices/")
    assert title.evaluate(AFTER) == f'" ({href})"'
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"

    page.goto(f"{site}{prefix}/practices/distance-training-via-videoconferencing/")
    for selector in PRINT_HIDDEN:
        hidden = page.locator(selector)
        for i in range(hidden.count()):
            expect(hidden.nth(i)).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # A fact's link is printed with its address after its text.
    country = page.locator(".facts a[href*='/countries/']")
    href = country.get_attribute("href")
    assert href == f"{prefix}/countries/UY/"
    assert country.evaluate(AFTER) == f'" ({href})"'
    # An in-page or a tag link says nothing more.
    for link in page.locator("main a.tag").all():
        assert link.evaluate(AFTER) in ("none", "normal")


AXE_KINDS = [
    "home",
    "list filtered and searched",
    "list with one facet whole",
    "practice",
    "country",
    "institution",
    "priority area",
    "competition",
    "statistics",
    "evidence",
    "open data",
    "share",
    "not found",
]


@pytest.mark.parametrize("language", ["es", "fr", "de"])
def test_axe_finds_no_serious_violation_in_each_language(page, site, axe_source, language):
    kinds = page_kinds()
    problems = []
    for kind in AXE_KINDS:
        page.goto(site + LANGUAGES[language] + kinds[kind])
        problems += [f"{kind}: {line}" for line in serious_violations(page, axe_source)]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_on_a_phone(phone, site, axe_source, language):
    kinds = page_kinds()
    problems = []
    for kind in ("list filtered and searched", "practice", "statistics", "evidence", "share"):
        phone.goto(site + LANGUAGES[language] + kinds[kind])
        problems += [f"{kind}: {line}" for line in serious_violations(phone, axe_source)]
    assert problems == [], "\n".join(problems)
