"""Citations of practices (RIS, BibTeX, CSL-JSON) on the list and on a practice, read back by the
parsers reference managers use: rispy for RIS, bibtexparser for BibTeX, json for CSL-JSON.

The practices are the real catalogue's (fixtures/05_practices.json): the competition's Award, the
Social Insurance Bank's (BPS, Uruguay) "Formalizing enterprises and workers in the shared economy
...", taken from "ISSA Good Practice Awards Americas 2017: Competition results" (International
Social Security Association (ISSA), 2017); 62 competition entries and 6 workshop strategies.
"""

import json
import re
from datetime import UTC, date, datetime

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware

from catalogue.api import citations as practice_citations
from catalogue.choices import Status
from catalogue.models import Practice

from .factories import PracticeFactory

API = "/api/v1/practices/"
AWARD = "formalizing-enterprises-and-workers-in-the-shared-economy-transporting"
AWARD_TITLE = (
    "Formalizing enterprises and workers in the shared economy (transporting passengers using mobile "
    "phone applications: Uber, Cabify, EasyGo)"
)
CALIFICACION = "calificacion-tributaria-contributor-profiling-system-a-management-tool-based-on"
SOURCE_TITLE = "ISSA Good Practice Awards Americas 2017: Competition results"
SOURCE_PUBLISHER = "International Social Security Association (ISSA)"
ACCESSED = date(2026, 3, 14)

MEDIA_TYPES = {
    "ris": "application/x-research-info-systems",
    "bibtex": "application/x-bibtex",
    "csljson": "application/vnd.citationstyles.csl+json",
}
EXTENSIONS = {"ris": "ris", "bibtex": "bib", "csljson": "json"}
# An RIS line: a tag of two capitals (or a capital and a digit), two spaces, a hyphen and a space.
RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]  - (.*)$")


@pytest.fixture
def accessed(monkeypatch):
    """A fixed access date (the citations' own `today`)."""
    monkeypatch.setattr(practice_citations, "today", lambda: ACCESSED)
    return ACCESSED


def body(response, kind):
    assert response.status_code == 200, response.content
    assert response.streaming
    assert response["Content-Type"] == f"{MEDIA_TYPES[kind]}; charset=utf-8"
    return b"".join(response.streaming_content).decode("utf-8")


def ris_records(text):
    """RIS read strictly (every line a tag line, TY first and ER last, CRLF, a blank line between
    records), then by rispy."""
    assert "\n" not in text.replace("\r\n", "")
    records, current = [], None
    for line in text.split("\r\n"):
        if not line:
            assert current is None, "a blank line inside a record"
            continue
        match = RIS_LINE.match(line)
        assert match, line
        tag = line[:2]
        if current is None:
            assert tag == "TY", line
            current = []
        current.append(line)
        if tag == "ER":
            assert line == "ER  - "
            records.append(current)
            current = None
    assert current is None, "a record without ER"
    parsed = rispy.loads(text)
    assert len(parsed) == len(records)
    return parsed


def bibtex_entries(text):
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks, [block.error for block in library.failed_blocks]
    return library.entries


def strip_braces(value):
    return value.strip("{}")


def listed_slugs(api, query):
    slugs, url = [], f"{API}?page_size=100&{query}"
    while url:
        page = api.get(url).json()
        slugs += [row["slug"] for row in page["results"]]
        url = page["next"]
    return slugs


@pytest.mark.usefixtures("catalogue", "no_cache", "accessed")
class TestListCitations:
    def test_ris_of_the_whole_set(self, api):
        response = api.get(API, {"format": "ris"})
        assert response["Content-Disposition"] == 'attachment; filename="practices.ris"'
        records = ris_records(body(response, "ris"))
        assert len(records) == 68
        assert [record["id"] for record in records] == listed_slugs(api, "")
        award = next(record for record in records if record["id"] == AWARD)
        assert award["type_of_reference"] == "ELEC"
        assert award["title"] == AWARD_TITLE
        assert award["authors"] == ["Social Insurance Bank"]
        assert award["year"] == "2017"
        assert award["urls"] == [f"http://testserver/practices/{AWARD}/"]
        assert award["access_date"] == "2026/03/14"
        assert award["name_of_database"] == "Good-practice catalogue"
        assert award["original_publication"] == f"{SOURCE_TITLE}. {SOURCE_PUBLISHER}, 2017."
        assert award["notes"] == [practice_citations.NOTE]

    def test_ris_of_a_filtered_view_in_the_lists_order(self, api):
        query = "country=UY&tier=merit&ordering=title"
        records = ris_records(body(api.get(f"{API}?format=ris&{query}"), "ris"))
        # The 14 Uruguayan certificates of merit, every page of the list, in its order.
        assert len(records) == 14
        assert [record["id"] for record in records] == listed_slugs(api, query)
        assert all(record["authors"] for record in records)

    def test_workshop_strategies_have_no_author(self, api):
        # The workshop's strategies name no institution: no AU line, the workshop as source.
        query = {"format": "ris", "source": "oas-ciss-workshop-mexico-city-2014"}
        records = ris_records(body(api.get(API, query), "ris"))
        assert len(records) == 6
        for record in records:
            assert "authors" not in record
            assert record["original_publication"].startswith("Results of the workshop “Toward an")
            assert record["original_publication"].endswith(
                "Organization of American States (OAS) and Inter-American Conference on Social Security "
                "(CISS), 2014."
            )

    def test_bibtex_of_the_whole_set(self, api):
        response = api.get(API, {"format": "bibtex"})
        assert response["Content-Disposition"] == 'attachment; filename="practices.bib"'
        text = body(response, "bibtex")
        entries = bibtex_entries(text)
        keys = [entry.key for entry in entries]
        assert keys == listed_slugs(api, "")
        assert len(set(keys)) == 68
        award = next(entry for entry in entries if entry.key == AWARD)
        assert award.entry_type == "misc"
        assert award["title"] == AWARD_TITLE
        # The corporate author in its own braces: one name, never "Bank, Social Insurance".
        assert "author = {{Social Insurance Bank}}" in text
        assert strip_braces(award["author"]) == "Social Insurance Bank"
        assert award["year"] == "2017"
        assert award["url"] == f"http://testserver/practices/{AWARD}/"
        assert award["urldate"] == "2026-03-14"
        assert award["origtitle"] == SOURCE_TITLE
        assert award["origpublisher"] == SOURCE_PUBLISHER
        assert award["origdate"] == "2017"
        assert award["note"].startswith(practice_citations.NOTE)
        assert award["note"].endswith(f"Source: {SOURCE_TITLE}. {SOURCE_PUBLISHER}, 2017.")

    def test_bibtex_keeps_accents_as_utf8(self, api):
        text = body(api.get(API, {"format": "bibtex", "search": "calificacion"}), "bibtex")
        assert "title = {Calificación Tributaria (Contributor profiling system)," in text
        (entry,) = bibtex_entries(text)
        assert entry.key == CALIFICACION
        assert entry["title"].startswith("Calificación Tributaria")

    def test_csljson_of_the_whole_set(self, api):
        response = api.get(API, {"format": "csljson"})
        assert response["Content-Disposition"] == 'attachment; filename="practices.json"'
        items = json.loads(body(response, "csljson"))
        assert [item["id"] for item in items] == listed_slugs(api, "")
        for item in items:
            assert {"id", "type", "title", "publisher", "issued", "URL", "accessed"} <= set(item)
        award = next(item for item in items if item["id"] == AWARD)
        assert award == {
            "id": AWARD,
            "type": "webpage",
            "title": AWARD_TITLE,
            "author": [{"literal": "Social Insurance Bank"}],
            "issued": {"date-parts": [[2017]]},
            "container-title": "Good-practice catalogue",
            "publisher": "Good-practice catalogue",
            "URL": f"http://testserver/practices/{AWARD}/",
            "accessed": {"date-parts": [[2026, 3, 14]]},
            "original-title": SOURCE_TITLE,
            "original-publisher": SOURCE_PUBLISHER,
            "original-date": {"date-parts": [[2017]]},
            "note": f"{practice_citations.NOTE} Source: {SOURCE_TITLE}. {SOURCE_PUBLISHER}, 2017.",
        }

    def test_an_empty_view(self, api):
        assert body(api.get(API, {"format": "ris", "year": 2000}), "ris") == ""
        assert body(api.get(API, {"format": "bibtex", "year": 2000}), "bibtex") == ""
        assert json.loads(body(api.get(API, {"format": "csljson", "year": 2000}), "csljson")) == []

    @pytest.mark.parametrize("kind", MEDIA_TYPES)
    def test_accept_header(self, api, kind):
        response = api.get(API, {"country": "CA"}, HTTP_ACCEPT=MEDIA_TYPES[kind])
        text = body(response, kind)
        if kind == "ris":
            assert len(ris_records(text)) == 3
        elif kind == "bibtex":
            assert len(bibtex_entries(text)) == 3
        else:
            assert len(json.loads(text)) == 3

    @pytest.mark.parametrize("kind", MEDIA_TYPES)
    def test_a_bad_filter_answers_400_in_json(self, api, kind):
        response = api.get(API, {"format": kind, "country": "ZZ"})
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert response.json()["country"][0].startswith("Unknown value 'ZZ'.")

    def test_head_has_the_headers_and_no_body(self, api):
        response = api.head(API, {"format": "bibtex"})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
        assert b"".join(response.streaming_content) == b""

    def test_conditional_get(self, api):
        first = api.get(API, {"format": "ris"})
        assert first["ETag"] and first["Last-Modified"]
        again = api.get(API, {"format": "ris"}, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        # Another format is another representation.
        assert api.get(API, {"format": "bibtex"})["ETag"] != first["ETag"]


@pytest.mark.usefixtures("catalogue", "no_cache", "accessed")
class TestPracticeCitations:
    @pytest.mark.parametrize("kind", MEDIA_TYPES)
    def test_one_practice_in_each_format(self, api, kind):
        response = api.get(f"{API}{AWARD}/", {"format": kind})
        filename = f"{AWARD}.{EXTENSIONS[kind]}"
        assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
        text = body(response, kind)
        if kind == "ris":
            (record,) = ris_records(text)
            assert (record["id"], record["title"], record["authors"]) == (
                AWARD,
                AWARD_TITLE,
                ["Social Insurance Bank"],
            )
        elif kind == "bibtex":
            (entry,) = bibtex_entries(text)
            assert (entry.key, entry["title"], entry["urldate"]) == (AWARD, AWARD_TITLE, "2026-03-14")
        else:
            (item,) = json.loads(text)
            assert (item["id"], item["title"], item["URL"]) == (
                AWARD,
                AWARD_TITLE,
                f"http://testserver/practices/{AWARD}/",
            )

    def test_the_same_record_as_in_the_list(self, api):
        one = body(api.get(f"{API}{AWARD}/", {"format": "bibtex"}), "bibtex")
        listed = body(api.get(API, {"format": "bibtex", "search": "cabify"}), "bibtex")
        assert one == listed

    def test_accept_header(self, api):
        text = body(api.get(f"{API}{AWARD}/", HTTP_ACCEPT="application/x-research-info-systems"), "ris")
        assert ris_records(text)[0]["id"] == AWARD

    def test_unknown_practice_answers_404_in_json(self, api):
        response = api.get(f"{API}no-such-practice/", {"format": "ris"})
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"

    def test_conditional_get(self, api):
        first = api.get(f"{API}{AWARD}/", {"format": "csljson"})
        again = api.get(f"{API}{AWARD}/", {"format": "csljson"}, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        assert api.get(f"{API}{AWARD}/")["ETag"] != first["ETag"]


@pytest.mark.usefixtures("db", "no_cache")
class TestCitationText:
    def test_bibtex_escapes_latex_specials_and_parses_back(self, api, accessed):
        title = r"Costs & benefits: 100% of $5 for #1, a_b, {braces}, ~ ^ and \ too"
        practice = PracticeFactory(title=title, slug="costs-and-benefits")
        text = body(api.get(f"{API}{practice.slug}/", {"format": "bibtex"}), "bibtex")
        assert (
            r"title = {Costs \& benefits: 100\% of \$5 for \#1, a\_b, \{braces\}, \textasciitilde{} "
            r"\textasciicircum{} and \textbackslash{} too}" in text
        )
        (entry,) = bibtex_entries(text)
        # pylatexenc reads \textasciicircum as the modifier letter (U+02C6); LaTeX prints a caret.
        assert entry["title"] == title.replace("^", "\u02c6")

    def test_line_breaks_become_spaces(self, api, accessed):
        practice = PracticeFactory(title="Two\r\nlines", slug="two-lines")
        (record,) = ris_records(body(api.get(f"{API}{practice.slug}/", {"format": "ris"}), "ris"))
        assert record["title"] == "Two lines"
        (entry,) = bibtex_entries(body(api.get(f"{API}{practice.slug}/", {"format": "bibtex"}), "bibtex"))
        assert entry["title"] == "Two lines"

    def test_the_access_date_is_today_in_utc(self, api):
        practice = PracticeFactory()
        (item,) = json.loads(body(api.get(f"{API}{practice.slug}/", {"format": "csljson"}), "csljson"))
        today = datetime.now(UTC).date()
        assert item["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}

    def test_drafts_are_cited_to_editors_only(self, api, api_editor, accessed):
        from .fixtures import authenticate

        published = PracticeFactory()
        draft = PracticeFactory(status=Status.DRAFT)
        items = json.loads(body(api.get(API, {"format": "csljson"}), "csljson"))
        assert [item["id"] for item in items] == [published.slug]
        assert api.get(f"{API}{draft.slug}/", {"format": "csljson"}).status_code == 404
        authenticate(api, api_editor)
        items = json.loads(body(api.get(API, {"format": "csljson"}), "csljson"))
        assert {item["id"] for item in items} == {published.slug, draft.slug}


@pytest.mark.usefixtures("db", "no_cache")
@pytest.mark.parametrize("kind", MEDIA_TYPES)
def test_citations_of_5_and_of_60_practices_run_the_same_queries(api, django_assert_num_queries, kind):
    practices = PracticeFactory.create_batch(60)
    Practice.objects.exclude(pk__in=[p.pk for p in practices[:5]]).update(year=2016)
    # The content version, the rows (institution and source joined), the areas of their one chunk
    # (for_export reads them; citations do not use them).
    for query, count in (("year=2017", 5), ("", 60)):
        with django_assert_num_queries(3):
            text = body(api.get(f"{API}?format={kind}&{query}"), kind)
        assert text.count("http://testserver/practices/") == count


@pytest.mark.parametrize("url", [f"{API}facets/", f"{API}suggest/"])
def test_other_endpoints_do_not_cite(api, db, url):
    response = api.get(url, {"format": "ris"})
    assert response.status_code == 400
    assert response.json() == {"format": ["Unknown value 'ris'. Allowed: json, api."]}
