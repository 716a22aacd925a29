"""The fixture builder: deterministic, equal to the committed fixtures, and loud about bad input."""

import io
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from catalogue.services import fixture_builder, reference
from catalogue.services.fixture_builder import (
    FIXTURE_FILES,
    check_reported_totals,
    parse_competition,
    parse_workshop,
    read_source,
)
from catalogue.services.text import (
    Block,
    SourceParseError,
    blocks,
    clean_inline,
    clean_paragraph,
    join_paragraphs,
    normalize_apostrophes,
    slug_for,
    strip_emphasis,
)

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SOURCES = FIXTURES / "sources"


# --- the committed fixtures are a fresh build -----------------------------------------------------


def test_committed_fixtures_equal_a_fresh_build(tmp_path):
    counts = fixture_builder.write(tmp_path)
    assert list(counts) == FIXTURE_FILES
    for name in FIXTURE_FILES:
        built = (tmp_path / name).read_bytes()
        committed = (FIXTURES / name).read_bytes()
        assert built == committed, f"fixtures/{name} differs from a fresh build: run build_fixtures"


def test_no_stray_fixture_files():
    assert sorted(p.name for p in FIXTURES.glob("*.json")) == sorted(FIXTURE_FILES)


def test_two_builds_are_identical(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    fixture_builder.write(first)
    fixture_builder.write(second)
    for name in FIXTURE_FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert fixture_builder.render(fixture_builder.build()[FIXTURE_FILES[-1]]) == (
        first / FIXTURE_FILES[-1]
    ).read_text(encoding="utf-8")


def test_build_fixtures_command_writes_the_same_files(tmp_path):
    out = io.StringIO()
    call_command("build_fixtures", output=str(tmp_path), stdout=out)
    assert "05_practices.json: 68 objects" in out.getvalue()
    for name in FIXTURE_FILES:
        assert (tmp_path / name).read_bytes() == (FIXTURES / name).read_bytes(), name


def test_fixtures_use_natural_keys_not_primary_keys():
    for objects in fixture_builder.build().values():
        for obj in objects:
            assert set(obj) == {"model", "fields"}, obj


def test_every_source_file_is_documented_and_used():
    documented = (SOURCES / "README.md").read_text(encoding="utf-8")
    files = sorted(p.name for p in SOURCES.glob("*.txt"))
    assert files == sorted(meta["file"] for meta in reference.SOURCES.values())
    for meta in reference.SOURCES.values():
        assert meta["file"] in documented, meta["file"]
        assert meta["seed"] in documented, meta["seed"]


# --- text helpers ----------------------------------------------------------------------------------


def test_blocks_split_on_blank_lines_with_line_numbers():
    text = "\n\nFirst line  \n  second line\n\n \t\nthird\n\n\n"
    assert blocks(text) == [Block(3, "First line\nsecond line"), Block(7, "third")]
    assert blocks(text)[0].lines == ["First line", "second line"]


def test_blocks_of_a_text_without_trailing_newline_or_content():
    assert blocks("only") == [Block(1, "only")]
    assert blocks("") == []
    assert blocks("\n  \n") == []


def test_strip_emphasis():
    assert strip_emphasis("**bold** and *italic*") == "bold and italic"
    assert strip_emphasis("My ANSES Mobile (*Mi ANSES Móvil*)") == "My ANSES Mobile (Mi ANSES Móvil)"
    # A bold title broken over two lines (Social Insurance Bank, line 441 of the competition text).
    assert strip_emphasis("**Institutional training:\nMechanisms**") == "Institutional training:\nMechanisms"
    assert strip_emphasis("Awards **Americas 2017**") == "Awards Americas 2017"
    assert strip_emphasis("3 * 4 = 12") == "3 * 4 = 12"
    assert strip_emphasis("no markers") == "no markers"


def test_normalize_apostrophes_and_clean_inline():
    assert normalize_apostrophes("State Employees\u2019 \u2018x\u2019") == "State Employees' 'x'"
    assert (
        clean_inline("  Costa Rica\u2019s\n**health**   care\u00a0system ")
        == "Costa Rica's health care system"
    )


def test_clean_paragraph_keeps_list_items_on_their_own_lines():
    assert clean_paragraph("- increasing *access*;\n- providing protection.") == (
        "- increasing access;\n- providing protection."
    )
    # The workshop text's "- ▶ " bullets become plain "- " items.
    assert clean_paragraph("- \u25b6 21 countries\n- \u25b6 3 sectors") == "- 21 countries\n- 3 sectors"
    assert clean_paragraph("A sentence\nwrapped over two lines.") == "A sentence wrapped over two lines."


def test_join_paragraphs_mends_a_sentence_cut_by_a_page_break():
    paragraphs = ["It has enabled ESDC to", "automatically enrol approximately 60 per cent."]
    assert (
        join_paragraphs(paragraphs) == "It has enabled ESDC to automatically enrol approximately 60 per cent."
    )


@pytest.mark.parametrize(
    ("paragraphs", "joined"),
    [
        # A finished sentence followed by a lower-case paragraph stays apart.
        (["First sentence.", "second one"], "First sentence.\n\nsecond one"),
        # An unfinished line followed by a capitalised paragraph is a heading, not a cut sentence.
        (["Key benefits", "Efficient management."], "Key benefits\n\nEfficient management."),
        # A list stays a list, even when the next paragraph starts in lower case.
        (["by:", "- one;\n- two", "then more."], "by:\n\n- one;\n- two\n\nthen more."),
        (["A quote \u201cends\u201d", "here"], "A quote \u201cends\u201d\n\nhere"),
        ([], ""),
        (["Alone"], "Alone"),
    ],
)
def test_join_paragraphs_leaves_real_paragraphs_apart(paragraphs, joined):
    assert join_paragraphs(paragraphs) == joined


def test_join_paragraphs_mends_several_cuts_in_a_row():
    assert join_paragraphs(["one", "two", "three."]) == "one two three."


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Good Governance", "good-governance"),
        ("Catholic Workers\u2019 Circle", "catholic-workers-circle"),
        ("Saskatchewan Workers' Compensation Board", "saskatchewan-workers-compensation-board"),
        ("Old Age Security/Guaranteed Income Supplement", "old-age-security-guaranteed-income-supplement"),
        ("Mi ANSES Móvil", "mi-anses-movil"),
        ("EsSalud \u2013 Social Health Insurance Institute", "essalud-social-health-insurance-institute"),
    ],
)
def test_slug_for(text, slug):
    assert slug_for(text) == slug


def test_slug_for_cuts_long_slugs_at_a_word_boundary():
    assert slug_for("alpha beta gamma", max_length=12) == "alpha-beta"
    assert slug_for("alpha beta gamma", max_length=10) == "alpha-beta"
    assert slug_for("alpha beta", max_length=10) == "alpha-beta"
    assert slug_for("abcdefghijkl", max_length=5) == "abcde"
    long_title = "word " * 40
    assert len(slug_for(long_title)) <= 80
    assert not slug_for(long_title).endswith("-")


def test_source_parse_error_names_file_and_line():
    error = SourceParseError(Path("sources/x.txt"), 12, "something is wrong")
    assert str(error) == "sources/x.txt:12: something is wrong"
    assert (error.path, error.line) == (Path("sources/x.txt"), 12)


# --- the competition parser on modified texts ------------------------------------------------------


@pytest.fixture
def competition():
    """(path, text) of the competition results, as the builder reads them."""
    return read_source(fixture_builder.COMPETITION_SOURCE)


def modified(text, old, new):
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def line_of(text, line):
    """1-based number of a whole line of the text (found by hand, not by the parser)."""
    return text.splitlines().index(line) + 1


def test_the_unmodified_text_parses_and_agrees_with_its_totals(competition):
    path, text = competition
    doc = parse_competition(path, text)
    check_reported_totals(path, doc)
    assert doc.reported_line == 46
    assert doc.triennium == "2017-2019"
    assert (doc.year, doc.region_name) == (2017, "Americas")
    assert doc.winner == ("Social Insurance Bank", "Uruguay")
    assert len(doc.entries) == 62
    assert len(doc.areas) == 12


def test_unknown_priority_area(competition):
    path, text = competition
    assert line_of(text, "Priority area: Good Governance") == 482
    text = modified(text, "Priority area: Good Governance\n", "Priority area: Good Governments\n")
    with pytest.raises(SourceParseError) as raised:
        parse_competition(path, text)
    assert (raised.value.path, raised.value.line) == (path, 482)
    assert str(raised.value).startswith(f"{path}:482: ")
    assert "unknown priority area 'Good Governments'" in str(raised.value)


def test_one_unknown_area_among_several(competition):
    path, text = competition
    old = "Priority areas: Actuarial Work for Social Security, Service Quality\n"
    assert line_of(text, old.strip()) == 532
    text = modified(text, old, "Priority areas: Actuarial Work for Social Security, Service Qualiy\n")
    with pytest.raises(SourceParseError, match="unknown priority area 'Service Qualiy'") as raised:
        parse_competition(path, text)
    assert raised.value.line == 532


@pytest.mark.parametrize(
    ("entry_line", "header", "title", "areas"),
    [
        pytest.param(
            472,
            "Argentina: National Social Security Administration",
            "Documentation and workflow platform",
            "Priority areas: Information and Communication Technology, Service Quality",
            id="attestation-without-summary",
        ),
        pytest.param(
            134,
            "Chile: Mutual for Safety CChC",
            "A comprehensive health care model",
            "Priority areas: Return to Work and Reintegration, Service Quality",
            id="special-mention-with-summary",
        ),
    ],
)
def test_entry_without_its_priority_areas_line(competition, entry_line, header, title, areas):
    path, text = competition
    assert text.splitlines()[entry_line - 1 : entry_line + 2] == [header, "", title]
    text = modified(text, f"{title}\n\n{areas}\n", f"{title}\n")
    with pytest.raises(SourceParseError, match="no 'Priority areas:' line") as raised:
        parse_competition(path, text)
    # The error names the entry that lacks the line, not the block that happens to follow it.
    assert (raised.value.path, raised.value.line) == (path, entry_line)


def test_changed_total_of_entries(competition):
    path, text = competition
    assert line_of(text, next(ln for ln in text.splitlines() if ln.startswith("There were 62"))) == 46
    text = modified(text, "There were 62 entries", "There were 63 entries")
    doc = parse_competition(path, text)
    with pytest.raises(SourceParseError) as raised:
        check_reported_totals(path, doc)
    assert (raised.value.path, raised.value.line) == (path, 46)
    assert "entries: parsed 62, reported 63" in str(raised.value)


def test_changed_certificates_and_special_mentions(competition):
    path, text = competition
    text = modified(
        text, "gave 51 Certificates of Merit, 11 of which", "gave 50 Certificates of Merit, 12 of which"
    )
    with pytest.raises(SourceParseError) as raised:
        check_reported_totals(path, parse_competition(path, text))
    assert raised.value.line == 46
    assert "certificates_of_merit: parsed 51, reported 50" in str(raised.value)
    assert "special_mentions: parsed 11, reported 12" in str(raised.value)


def test_an_apostrophe_variant_that_made_a_second_institution_would_fail_the_totals(competition):
    # If "State Employees'" and another spelling were not one institution, the parse would find
    # 22 organizations where the document reports 21.
    path, text = competition
    text = modified(
        text,
        "Mexico: State Employees' Social Security and Social Services Institute\n\nA medical certificates",
        "Mexico: State Employee's Social Security and Social Services Institute\n\nA medical certificates",
    )
    with pytest.raises(SourceParseError, match="organizations: parsed 22, reported 21") as raised:
        check_reported_totals(path, parse_competition(path, text))
    assert raised.value.line == 46


def test_winner_that_does_not_match_the_award_entry(competition):
    path, text = competition
    text = modified(
        text,
        "give the Award to the Social Insurance Bank, Uruguay",
        "give the Award to the Social Insurance Fund, Uruguay",
    )
    with pytest.raises(SourceParseError, match="does not match the reported winner") as raised:
        check_reported_totals(path, parse_competition(path, text))
    assert raised.value.line == 46


def test_unreadable_totals(competition):
    path, text = competition
    text = modified(
        text,
        "There were 62 entries from 21 organizations",
        "There were sixty-two entries from 21 organizations",
    )
    with pytest.raises(SourceParseError, match="cannot read the totals") as raised:
        parse_competition(path, text)
    assert raised.value.line == 46


def test_unknown_country_in_an_entry_header(competition):
    path, text = competition
    header = "Guatemala: Social Security Institute of Guatemala"
    assert line_of(text, header) == 311
    text = modified(text, header, "Guatemaala: Social Security Institute of Guatemala")
    with pytest.raises(SourceParseError, match="unexpected text after entry of line 305") as raised:
        parse_competition(path, text)
    assert raised.value.line == 311


def test_missing_end_marker(competition):
    path, text = competition
    assert line_of(text, "Promoting excellence in social security") == 534
    text = modified(
        text, "Promoting excellence in social security\n", "Promoting quality in social security\n"
    )
    with pytest.raises(SourceParseError, match="unexpected text after entry of line 526") as raised:
        parse_competition(path, text)
    assert raised.value.line == 534


def test_priority_area_list_with_a_line_that_is_not_an_item(competition):
    path, text = competition
    text = modified(
        text,
        "- Service Quality\n- Workplace Health Promotion\n",
        "- Service Quality\nWorkplace Health Promotion\n",
    )
    with pytest.raises(SourceParseError, match="expected a priority area") as raised:
        parse_competition(path, text)
    assert raised.value.line == 42


def test_entry_with_a_summary_but_no_jury_comment(competition):
    path, text = competition
    old = "Special mention from the Jury: This good practice innovates on a very important aspect"
    text = modified(text, old, "This good practice innovates on a very important aspect")
    with pytest.raises(SourceParseError, match="summary has no jury comment") as raised:
        parse_competition(path, text)
    assert raised.value.line == line_of(text, "Costa Rica: Social Insurance Fund of Costa Rica") == 166


# --- the other sources ---------------------------------------------------------------------------


def test_workshop_without_one_of_its_strategies():
    path, text = read_source(fixture_builder.WORKSHOP_SOURCE)
    text = modified(text, "the National Strategy for Good Living (Ecuador)", "a strategy of Ecuador")
    with pytest.raises(SourceParseError, match="National Strategy for Good Living") as raised:
        parse_workshop(path, text)
    assert raised.value.line == 82


@pytest.fixture
def copied_project(tmp_path, settings):
    """A copy of fixtures/sources/ under a temporary BASE_DIR, to break one file at a time."""
    shutil.copytree(SOURCES, tmp_path / "fixtures" / "sources")
    settings.BASE_DIR = tmp_path
    return tmp_path / "fixtures" / "sources"


def test_build_fails_on_a_missing_source_file(copied_project):
    missing = copied_project / "issa-liaison-office-andean-countries.de.txt"
    missing.unlink()
    with pytest.raises(SourceParseError, match="source file is missing") as raised:
        fixture_builder.build()
    assert raised.value.path == missing


def test_build_fails_on_a_misplaced_source_file(copied_project):
    # The workshop's text where the competition's should be.
    shutil.copy(
        copied_project / "oas-ciss-workshop-mexico-city-2014.en.txt",
        copied_project / "issa-good-practice-awards-americas-2017.en.txt",
    )
    with pytest.raises(SourceParseError, match="wrong document"):
        fixture_builder.build()


def test_build_fixtures_command_reports_file_and_line(copied_project, tmp_path):
    path = copied_project / "issa-good-practice-awards-americas-2017.en.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(modified(text, "There were 62 entries", "There were 63 entries"), encoding="utf-8")
    with pytest.raises(CommandError, match=re.escape(f"{path}:46: the parse disagrees")):
        call_command("build_fixtures", output=str(tmp_path / "out"), stdout=io.StringIO())
    assert not (tmp_path / "out" / "01_sources.json").exists()


# --- one shape for every practice ------------------------------------------------------------------


def test_every_practice_fixture_has_exactly_the_data_fields_in_their_order():
    from catalogue.models import PRACTICE_DATA_FIELDS

    practices = fixture_builder.build()["05_practices.json"]
    assert len(practices) == 68
    assert {tuple(p["fields"]) for p in practices} == {tuple(PRACTICE_DATA_FIELDS)}


def test_a_practice_field_the_model_does_not_have_is_a_builder_error():
    with pytest.raises(ValueError, match=r"unknown \['jury'\]"):
        fixture_builder.practice_fields(slug="a", title="A", country=["UY"], year=2017, summary="",
                                        source=None, source_position=1, jury="?")  # fmt: skip
    with pytest.raises(ValueError, match=r"missing \['summary'\]"):
        fixture_builder.practice_fields(slug="a", title="A", country=["UY"], year=2017,
                                        source=None, source_position=1)  # fmt: skip


# --- the evidence fields: only what the sources state ---------------------------------------------


def _practices():
    return {p["fields"]["slug"]: p["fields"] for p in fixture_builder.build()["05_practices.json"]}


def test_target_groups_are_seeded_in_order_from_the_groups_the_sources_name():
    from catalogue.services.evidence_facts import TARGET_GROUPS

    groups = fixture_builder.build()["04_target_groups.json"]
    slugs = [g["fields"]["slug"] for g in groups]
    for named in ("older-persons", "informal-economy-workers", "self-employed", "migrant-workers",
                  "persons-with-disabilities", "children-and-families", "rural-workers", "employers",
                  "indigenous-peoples", "people-in-poverty"):  # fmt: skip
        assert named in slugs
    assert [g["fields"]["position"] for g in groups] == list(range(1, len(groups) + 1))
    older = next(g["fields"] for g in groups if g["fields"]["slug"] == "older-persons")
    assert older["name"] == "Older persons"
    assert older["description"]
    # Every group rests on a phrase of a source.
    for group in TARGET_GROUPS:
        _path, text = read_source(group.source)
        assert clean_inline(group.quote) in clean_inline(text), group.slug


def test_target_groups_load_before_the_practices_that_name_them():
    assert FIXTURE_FILES.index("04_target_groups.json") < FIXTURE_FILES.index("05_practices.json")


def test_each_quoted_phrase_is_in_its_practices_text():
    from catalogue.services.evidence_facts import PRACTICE_FACTS

    practices = _practices()
    for slug, facts in PRACTICE_FACTS.items():
        for fact in facts:
            fields = practices[fact.of or slug]
            text = clean_inline(" ".join((fields["title"], fields["summary"], fields["jury_comment"])))
            assert clean_inline(fact.quote) in text, (slug, fact.field)


def test_canada_automatic_enrolment_reports_its_share_of_new_pensioners():
    oas = _practices()["old-age-security-guaranteed-income-supplement-automatic-enrolment"]
    assert oas["evidence"] == "reported"
    assert oas["beneficiaries_note"] == (
        "Approximately 60 per cent of all new OAS Pensioners, enrolled automatically."
    )
    assert oas["beneficiaries_count"] is None and oas["beneficiaries_year"] is None
    assert "approximately 60 per cent of all new OAS Pensioners" in oas["results"]
    assert oas["target_groups"] == [["older-persons"]]
    # The source says when the next phase starts, not when this one did, nor whether it still runs.
    assert oas["implementation_started"] is None and oas["in_place"] is None


def test_argentina_universal_pension_started_with_act_27260_in_2016():
    practices = _practices()
    puam = practices["universal-pension-for-the-elderly"]
    assert puam["implementation_started"] == 2016
    assert puam["target_groups"] == [["older-persons"]]
    # A jury's praise is no evidence of effect.
    assert puam["evidence"] == "not-assessed" and puam["results"] == ""
    reparation = practices["national-historical-reparation-programme-for-retirees-and-pensioners"]
    assert reparation["implementation_started"] == 2016
    assert reparation["target_groups"] == [["older-persons"], ["retirees-and-pensioners"]]


def test_groups_named_in_titles_and_the_workshops_poverty_strategies():
    practices = _practices()
    assert practices["welfare-for-our-people-a-social-security-programme-for-indigenous-groups"][
        "target_groups"
    ] == [["indigenous-peoples"]]
    assert practices["housing-loans-for-persons-with-incapacities"]["target_groups"] == [
        ["persons-with-disabilities"]
    ]
    assert practices["unidos-network"]["target_groups"] == [["people-in-poverty"]]
    imss = practices["imss-digital-mobile-application"]
    assert imss["results"].startswith("More than 1.3 million downloads")


def test_what_no_source_states_stays_empty():
    practices = list(_practices().values())
    counts = {
        "evidence": sum(p["evidence"] != "not-assessed" for p in practices),
        "implementation_started": sum(p["implementation_started"] is not None for p in practices),
        "target_groups": sum(bool(p["target_groups"]) for p in practices),
        "beneficiaries_note": sum(bool(p["beneficiaries_note"]) for p in practices),
        "results": sum(bool(p["results"]) for p in practices),
    }
    assert counts == {
        "evidence": 4,
        "implementation_started": 3,
        "target_groups": 26,
        "beneficiaries_note": 3,
        "results": 4,
    }
    for p in practices:
        assert p["implementation_ended"] is None and p["in_place"] is None and p["last_verified"] is None
        assert p["beneficiaries_count"] is None and p["challenges"] == "" and p["adapted_from"] == []
        assert p["provenance"] == ""


def test_a_fact_whose_phrase_is_not_in_the_text_stops_the_build(copied_project):
    path = copied_project / "issa-good-practice-awards-americas-2017.en.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(modified(text, "approximately 60 per cent", "about 60 per cent"), encoding="utf-8")
    with pytest.raises(SourceParseError, match="old-age-security-guaranteed-income-supplement"):
        fixture_builder.build()
