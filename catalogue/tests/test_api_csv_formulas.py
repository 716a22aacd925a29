"""The CSV neutralises cells a spreadsheet would run as a formula (common/api/renderers.py): a text
starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`; numbers and other
texts are written as they are."""

import csv
import io

import pytest

from common.api.renderers import CSVRenderer, neutralise

from .factories import PracticeFactory

API = "/api/v1/practices/"


def csv_records(api, query):
    response = api.get(API, {"format": "csv", **query})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://example.org/","click")', '\'=HYPERLINK("http://example.org/","click")'),
        ("@SUM(1)", "'@SUM(1)"),
        ("-2+3", "'-2+3"),
        ("+1", "'+1"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("Universal pension for the elderly", "Universal pension for the elderly"),
        ("2+2", "2+2"),
        ("", ""),
        ("a = b", "a = b"),
    ],
)
def test_neutralise(text, written):
    assert neutralise(text) == written


def test_numbers_stay_numbers():
    renderer = CSVRenderer()
    body = b"".join(renderer.stream(["n", "x", "t"], [(-2, -1.5, "-2")])).decode()
    assert body == "n,x,t\r\n-2,-1.5,'-2\r\n"


@pytest.mark.usefixtures("no_cache")
def test_formula_like_title_and_summary_are_neutralised(api, db):
    PracticeFactory(
        slug="formula",
        title='=HYPERLINK("http://example.org/?leak","Open")',
        summary="@SUM(1)",
        jury_comment="-2+3",
        lessons="+cmd|' /C calc'!A0",
    )
    (row,) = csv_records(api, {"search": "hyperlink"})
    assert row["title"] == '\'=HYPERLINK("http://example.org/?leak","Open")'
    assert row["summary"] == "'@SUM(1)"
    assert row["jury_comment"] == "'-2+3"
    assert row["lessons"] == "'+cmd|' /C calc'!A0"
    # The JSON says the text as it is.
    (result,) = api.get(API, {"search": "hyperlink"}).json()["results"]
    assert result["title"] == '=HYPERLINK("http://example.org/?leak","Open")'


@pytest.mark.usefixtures("no_cache")
def test_a_tab_or_return_at_the_start(api, db):
    PracticeFactory(slug="tabbed", summary="\tIndented", jury_comment="\rReturned")
    (row,) = csv_records(api, {})
    assert row["summary"] == "'\tIndented"
    # A carriage return makes the cell quoted; the csv module reads it back.
    assert row["jury_comment"] == "'\rReturned"


@pytest.mark.usefixtures("no_cache")
def test_a_normal_row_is_unchanged(api, db):
    practice = PracticeFactory(slug="plain", title="Universal pension for the elderly", year=2016)
    response = api.get(API, {"format": "csv"})
    lines = b"".join(response.streaming_content).decode().split("\r\n")
    assert lines[1].startswith("plain,Universal pension for the elderly,,,")
    (row,) = csv_records(api, {})
    assert row["title"] == practice.title
    assert row["summary"] == practice.summary  # "What the institution did.\n\n- One thing. ..."
    assert row["year"] == "2016" and row["tier_rank"] == str(practice.tier.rank)
