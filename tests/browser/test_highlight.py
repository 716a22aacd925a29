"""A search's matched words, marked on the list page in a real browser: visible (a background of
their own, the text's colour kept) and found by axe-core to have enough contrast."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_matched_words_are_marked_and_readable(page, site, axe_source):
    page.goto(f"{site}/practices/?search=pensiones")
    card = page.locator(
        "article.card", has=page.locator('a[href="/practices/universal-pension-for-the-elderly/"]')
    )
    expect(card.locator(".card-title mark")).to_have_text(["pension"])
    expect(card.locator(".card-summary mark").first).to_have_text("Pension")
    style = card.locator(".card-title mark").evaluate(
        "m => { const s = getComputedStyle(m), a = getComputedStyle(m.closest('a'));"
        " return [s.backgroundColor, s.color === a.color]; }"
    )
    assert style == ["rgb(255, 240, 168)", True]  # the link keeps its colour on the mark
    page.add_script_tag(content=axe_source)
    results = page.evaluate(
        "async () => await axe.run('.cards', {runOnly: ['color-contrast'], resultTypes: ['violations']})"
    )
    assert results["violations"] == []
