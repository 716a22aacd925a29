"""Marked matches (common.highlight) in the catalogue's own texts: the words the search matched, in
their original form, and nothing else of the text as HTML."""

import json
import re
from pathlib import Path

from django.utils.safestring import SafeString

from common.analysis import parse
from common.highlight import ELLIPSIS, excerpt, highlight, matches, query_terms

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "05_practices.json"
PRACTICES = {row["fields"]["slug"]: row["fields"] for row in json.loads(FIXTURE.read_text())}
MARK = re.compile(r"<mark>(.*?)</mark>")


def marked(html):
    return MARK.findall(html)


def words(html):
    return len(html.split())


def practice(slug):
    return PRACTICES[slug]


class TestHighlight:
    def test_a_spanish_plural_marks_the_english_singular(self):
        title = practice("universal-pension-for-the-elderly")["title"]
        assert title == "Universal pension for the elderly"
        assert highlight(title, "pensiones") == "Universal <mark>pension</mark> for the elderly"

    def test_a_singular_marks_the_plural_and_keeps_its_case(self):
        title = practice("managing-the-pensions-advisory-service-fostering-a-culture-of-pension-awareness")[
            "title"
        ]
        assert highlight(title, "pension") == (
            "Managing the <mark>pensions</mark> advisory service: Fostering a culture of "
            "<mark>pension</mark> awareness"
        )

    def test_accents_and_case_aside_the_original_word_is_marked(self):
        original = practice("my-anses-mobile")["original_title"]
        assert original == "Mi ANSES Móvil"
        assert highlight(original, "movil") == "Mi ANSES <mark>Móvil</mark>"
        assert highlight(original, "MÓVIL anses") == "Mi <mark>ANSES</mark> <mark>Móvil</mark>"

    def test_a_decomposed_accent_stays_inside_its_mark(self):
        assert highlight("Mi ANSES Mo\u0301vil", "movil") == "Mi ANSES <mark>Mo\u0301vil</mark>"

    def test_spanish_inflections_meet(self):
        slug = "medical-assessment-system-for-patients-with-disabling-diseases"
        original = practice(slug)["original_title"]
        assert marked(highlight(original, "paciente enfermedad")) == ["Pacientes", "Enfermedades"]

    def test_each_word_of_a_phrase_is_marked_and_excluded_words_are_not(self):
        title = practice("managing-the-pensions-advisory-service-fostering-a-culture-of-pension-awareness")[
            "title"
        ]
        phrase = highlight(title, '"pension awareness" -culture')
        assert marked(phrase) == ["pensions", "pension", "awareness"]
        assert marked(highlight(title, "culture or advisory")) == ["advisory", "culture"]

    def test_function_words_are_never_marked(self):
        # "for" and "the" are not searched (common.analysis.STOP_WORDS): a query of them asks nothing.
        title = "Universal pension for the elderly"
        assert highlight(title, "for the") == title
        assert marked(highlight("Universal pension for the elderly", "the elderly")) == ["elderly"]

    def test_the_text_is_escaped_and_only_marks_are_html(self):
        text = 'Pensions <script>alert(1)</script> & "quotes" <b>bold</b>'
        html = highlight(text, "script pension bold")
        assert isinstance(html, SafeString)
        assert html == (
            "<mark>Pensions</mark> &lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; "
            "&amp; &quot;quotes&quot; &lt;b&gt;<mark>bold</mark>&lt;/b&gt;"
        )
        assert "<script>" not in html and "<b>" not in html
        assert set(re.findall(r"</?\w+", html)) == {"<mark", "</mark"}
        assert marked(html) == ["Pensions", "script", "script", "bold"]

    def test_no_query_no_match_or_no_text(self):
        title = practice("universal-pension-for-the-elderly")["title"]
        assert highlight(title, "") == title
        assert highlight(title, "retirement") == title
        assert highlight("", "pension") == ""
        assert highlight(None, "pension") == ""

    def test_a_query_is_a_parsed_query_its_text_or_terms(self):
        title = practice("universal-pension-for-the-elderly")["title"]
        assert highlight(title, parse("pensiones")) == highlight(title, "pensiones")
        assert highlight(title, {"pension"}) == highlight(title, "pensiones")
        assert query_terms(parse("-pension universal")) == {"universal"}

    def test_matches_are_offsets_in_the_original_text(self):
        title = practice("a-retirement-support-programme")["original_title"]
        assert [title[s:e] for s, e in matches(title, query_terms("acompañamiento jubilatorio"))] == [
            "Acompañamiento",
            "Jubilatorio",
        ]


class TestExcerpt:
    summary = practice("universal-pension-for-the-elderly")["summary"]

    def test_nothing_matches_the_beginning_of_the_text(self):
        html = excerpt(self.summary, "digital videoconferencing")
        assert html.startswith("The goal of the Universal Pension for the Elderly")
        assert not marked(html)
        assert html.endswith(" " + ELLIPSIS) and words(html) == 30 + 1

    def test_a_match_at_the_start_is_marked_in_the_first_words(self):
        html = excerpt(self.summary, "pensiones")
        assert html.startswith(
            "The goal of the Universal <mark>Pension</mark> for the Elderly (<mark>Pensión</mark>"
        )
        assert html.endswith(ELLIPSIS)

    def test_a_late_match_is_shown_in_its_sentence_cut_on_spaces(self):
        # "Congress" is the last word of the summary: the window ends there, 30 words long.
        html = excerpt(self.summary, "congress")
        assert html.startswith(ELLIPSIS + " ")
        assert html.endswith("both Chambers of the National <mark>Congress</mark>.")
        assert words(html) == 30 + 1
        plain = MARK.sub(r"\1", html).removeprefix(ELLIPSIS + " ")
        assert " ".join(self.summary.split()).endswith(plain)

    def test_the_window_with_most_terms_of_the_query_wins(self):
        # "pension" is in the first sentence, "chambers" only near the end, with "Pensioners".
        html = excerpt(self.summary, "pension chambers")
        assert marked(html) == ["Pensioners", "Chambers"]
        assert "Programme for Retirees and <mark>Pensioners</mark>" in html

    def test_a_few_words_before_the_first_match(self):
        html = excerpt(self.summary, "dignified")
        assert html.startswith(ELLIPSIS + " to guarantee the right to a <mark>dignified</mark> old age,")
        assert words(html) == 1 + 30 + 1

    def test_paragraphs_run_on(self):
        html = excerpt(self.summary, "embodies", words=12)
        assert "\n" not in html
        assert "individual contributory capacity. It <mark>embodies</mark> a comprehensive" in html

    def test_short_and_empty_texts(self):
        assert excerpt("", "pension") == ""
        assert excerpt(None, "pension") == ""
        assert excerpt("Universal pension", "pension") == "Universal <mark>pension</mark>"

    def test_escaped_with_marks_only(self):
        html = excerpt("A pension <script>alert(1)</script> for the elderly", "alert pension")
        assert html == (
            "A <mark>pension</mark> &lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; for the elderly"
        )
        assert isinstance(html, SafeString)
