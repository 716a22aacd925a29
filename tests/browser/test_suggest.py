"""The search boxes' suggestions in a real browser (static/js/suggest.js): typing lists what the
catalogue holds, the keyboard moves through it and opens a suggestion's page, Escape closes then
clears, Enter with nothing chosen submits the search; axe-core finds nothing serious with the list
open."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .axe import serious_violations

pytestmark = pytest.mark.browser

PENSION_FUND = "Bank Employees' Pension Fund"
FIRST_PENSION_PRACTICE = (
    "Improving the pension survivors verification programme of the Mexican Social Security Institute"
)


def test_type_move_and_open_a_suggestion(page, site):
    page.goto(f"{site}/practices/")
    box = page.get_by_role("combobox", name="Search practices")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("pen", delay=30)
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(options).to_have_count(6)
    expect(options.nth(0)).to_contain_text(PENSION_FUND)
    expect(options.nth(0)).to_contain_text("Institution")
    expect(options.nth(1)).to_contain_text(FIRST_PENSION_PRACTICE)
    expect(page.locator(".suggest [role=status]")).to_have_text("6 suggestions")
    expect(box).to_have_attribute("aria-controls", listbox.get_attribute("id"))

    box.press("ArrowDown")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(0).get_attribute("id"))
    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(options.nth(0)).to_have_attribute("aria-selected", "false")
    expect(box).to_be_focused()
    box.press("Enter")
    page.wait_for_url(re.compile(r"/practices/improving-the-pension-survivors-verification-programme"))
    expect(page.locator("h1")).to_have_text(FIRST_PENSION_PRACTICE)


def test_escape_closes_then_clears_and_enter_without_a_choice_searches(page, site):
    page.goto(f"{site}/practices/")
    box = page.get_by_role("combobox", name="Search practices")
    box.press_sequentially("workplace", delay=30)
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox.get_by_role("option")).to_have_text(
        [re.compile(r"^A guidance manual on workplace health promotion\s*Practice$")]
    )
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("workplace")
    box.press("Escape")
    expect(box).to_have_value("")

    box.press_sequentially("pension", delay=30)
    expect(listbox).to_be_visible()
    box.press("Enter")  # nothing chosen: the form is submitted, as without the script
    page.wait_for_url(re.compile(r"search=pension"))
    assert urlsplit(page.url).path == "/practices/"
    expect(page.locator("h2.result-count")).to_contain_text("practices")


def test_the_home_page_suggests_in_the_readers_language(page, site):
    page.goto(f"{site}/es/")
    box = page.locator("#home-search")
    expect(box).to_have_attribute("role", "combobox")
    box.press_sequentially("urugu", delay=30)
    listbox = page.get_by_role("listbox", name="Sugerencias")
    first = listbox.get_by_role("option").first
    expect(first).to_contain_text("Uruguay")
    expect(first).to_contain_text("País")
    expect(page.locator(".suggest [role=status]")).to_have_text(re.compile(r"^\d+ sugerencias?$"))
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/es/countries/UY/$"))


def test_axe_finds_no_serious_violation_with_the_suggestions_open(page, site, axe_source, artifacts):
    page.goto(f"{site}/practices/")
    box = page.get_by_role("combobox", name="Search practices")
    box.press_sequentially("pen", delay=30)
    expect(page.get_by_role("listbox").get_by_role("option")).to_have_count(6)
    box.press("ArrowDown")
    page.screenshot(path=artifacts / "practices-suggestions.png")
    serious = serious_violations(page, axe_source)
    assert serious == [], "\n".join(serious)
