"""The list page marks a search's matches: in each card's title, original title and summary excerpt,
the words matched in `<mark>`, the rest of the text escaped; nothing marked without a search."""

import re

import pytest

from catalogue.tests.factories import PracticeFactory

from .pages import between, card_slugs, get

LIST = "/practices/"


def card(html, slug):
    """The HTML of the card of `slug`, from its title's link to the end of its article."""
    return between(html, f'href="/practices/{slug}/"', "</article>")


@pytest.mark.usefixtures("catalogue")
class TestMarkedMatches:
    def test_a_spanish_plural_marks_the_title_and_the_summary(self, client):
        html = get(client, LIST + "?search=pensiones")
        universal = card(html, "universal-pension-for-the-elderly")
        assert ">Universal <mark>pension</mark> for the elderly</a>" in universal
        summary = between(universal, '<p class="card-summary"', "</p>")
        assert (
            ">The goal of the Universal <mark>Pension</mark> for the Elderly (<mark>Pensión</mark> Universal"
            in summary
        )
        assert summary.endswith(" …</p>")
        managing = card(
            html, "managing-the-pensions-advisory-service-fostering-a-culture-of-pension-awareness"
        )
        assert (
            "Managing the <mark>pensions</mark> advisory service: Fostering a culture of "
            "<mark>pension</mark> awareness</a>"
        ) in managing

    def test_the_original_title_is_marked_accents_aside(self, client):
        html = get(client, LIST + "?search=movil")
        mobile = card(html, "my-anses-mobile")
        assert '<p class="original-title" lang="es">Mi ANSES <mark>Móvil</mark></p>' in mobile
        assert ">My ANSES Mobile</a>" in mobile  # the English title did not match

    def test_a_late_match_shows_the_summary_around_it(self, client):
        html = get(client, LIST + "?search=congress")
        summary = between(card(html, "universal-pension-for-the-elderly"), '<p class="card-summary"', "</p>")
        assert re.search(r'lang="en">… .*both Chambers of the National <mark>Congress</mark>\.</p>$', summary)

    def test_the_spanish_interface_marks_the_same_words(self, client):
        html = get(client, "/es" + LIST + "?search=pensiones")
        assert "Universal <mark>pension</mark> for the elderly</a>" in html

    def test_nothing_is_marked_without_a_search_nor_outside_the_list(self, client):
        assert "<mark>" not in get(client, LIST + "?country=AR")
        # The card of the list, shown elsewhere (related practices), is not marked by a query string.
        assert "<mark>" not in get(client, LIST + "universal-pension-for-the-elderly/?search=pension")
        assert "<mark>" not in get(client, "/countries/AR/?search=pension")

    def test_without_a_search_the_card_keeps_the_first_words_of_the_summary(self, client):
        html = get(client, LIST + "?country=AR&page_size=100")
        summary = between(card(html, "universal-pension-for-the-elderly"), '<p class="card-summary"', "</p>")
        assert ">The goal of the Universal Pension for the Elderly (Pensión Universal" in summary


@pytest.mark.django_db
def test_a_script_in_a_practice_is_text_and_only_marks_are_html(client):
    PracticeFactory(
        slug="scripted",
        title="Pension <script>alert(1)</script> & more",
        summary='A <b>bold</b> "pension" <img src=x onerror=alert(2)>.',
    )
    html = get(client, LIST + "?search=pension+alert")
    scripted = card(html, "scripted")
    assert (
        'href="/practices/scripted/"><mark>Pension</mark> &lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; '
        "&amp; more</a>"
    ) in scripted
    assert (
        ">A &lt;b&gt;bold&lt;/b&gt; &quot;<mark>pension</mark>&quot; "
        "&lt;img src=x onerror=<mark>alert</mark>(2)&gt;.</p>"
    ) in scripted
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold" not in html


@pytest.mark.django_db
@pytest.mark.usefixtures("no_cache")
def test_marks_add_no_query(client, expected_queries):
    PracticeFactory.create_batch(25, summary="A pension practice of the institution.")
    # The count pinned for a searched list (test_views.TestQueryCounts): marks are computed in Python.
    with expected_queries("page /practices/, search"):
        html = get(client, LIST + "?search=pensiones&page_size=100")
    assert len(card_slugs(html)) == 25
    assert html.count("A <mark>pension</mark> practice of the institution.") == 25
