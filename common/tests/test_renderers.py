"""The CSV writer: RFC 4180 quoting, exactly as the csv module writes it (once formula-like texts are
neutralised, test_api_csv_formulas.py), in pieces of whole lines."""

import csv
import datetime
import io

import pytest

from common.api import renderers
from common.api.renderers import CSVRenderer, neutralise

HEADER = ["text", "number", "flag", "date", "empty"]
# Cells a summary or a title may hold, and the values the other columns take.
ROWS = [
    ["Mi ANSES Móvil", 2017, True, datetime.date(2017, 5, 1), None],
    ["Quality, service and care", 3, False, None, ""],
    ['The "Uruguay Crece Contigo" programme', 0, None, None, None],
    ["First paragraph.\n\nSecond paragraph.", -1, True, None, None],
    ["Windows line\r\nend, and a lone\rCR", 1.5, False, None, None],
    ['"', ",", "\n", " spaced ", "tab\there"],
    ["=SUM(A1)", "+1", "-1", "@home", "'quoted'"],
    ["", "", "", "", ""],
]


def csv_module(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([
            "true" if v is True else "false" if v is False else neutralise(v) if type(v) is str else v
            for v in row
        ])  # fmt: skip
    return buffer.getvalue().encode("utf-8")


def test_the_same_bytes_as_the_csv_module():
    assert b"".join(CSVRenderer().stream(HEADER, ROWS)) == csv_module(HEADER, ROWS)


def test_a_reader_gets_the_cells_back():
    text = b"".join(CSVRenderer().stream(HEADER, ROWS)).decode("utf-8")
    read = list(csv.reader(io.StringIO(text, newline="")))
    assert read[0] == HEADER
    assert read[1] == ["Mi ANSES Móvil", "2017", "true", "2017-05-01", ""]
    assert read[3][0] == 'The "Uruguay Crece Contigo" programme'
    assert read[5][0] == "Windows line\r\nend, and a lone\rCR"
    # Cells are written as they are: nothing is escaped for spreadsheets (docs/api.md).
    # A text a spreadsheet would run comes back with its mark; a number stays a number (-1 above).
    assert read[7] == ["'=SUM(A1)", "'+1", "'-1", "'@home", "'quoted'"]
    assert len(read) == 1 + len(ROWS)


def test_a_single_empty_cell_is_not_a_blank_line():
    assert b"".join(CSVRenderer().stream(["only"], [[""], [None]])) == csv_module(["only"], [[""], [None]])


@pytest.mark.parametrize("piece_chars", [1, 40, 10_000])
def test_pieces_are_whole_lines_that_make_the_same_file(monkeypatch, piece_chars):
    monkeypatch.setattr(renderers, "PIECE_CHARS", piece_chars)
    pieces = list(CSVRenderer().stream(HEADER, ROWS * 3))
    assert b"".join(pieces) == csv_module(HEADER, ROWS * 3)
    assert all(piece.endswith(b"\r\n") for piece in pieces)
    if piece_chars == 1:
        assert len(pieces) == 3 * len(ROWS)  # a row each, the header with the first


def test_an_empty_list_has_its_header():
    assert list(CSVRenderer().stream(HEADER, [])) == [b"text,number,flag,date,empty\r\n"]


def test_render_writes_dicts_under_the_context_header():
    data = [{"number": 1, "text": "a,b", "other": "ignored"}]
    rendered = CSVRenderer().render(data, renderer_context={"csv_header": ["text", "number", "flag"]})
    assert rendered == b'text,number,flag\r\n"a,b",1,\r\n'
