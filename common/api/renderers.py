"""CSV for API lists: one row per item, a header row of stable column names, UTF-8, CRLF line ends.

`CSVRenderer.stream()` writes rows as they come, in pieces of about 64 KiB, for a
StreamingHttpResponse: memory holds one piece, whatever the number of rows. `render()` is the same
writer over a list already in memory.

The quoting is RFC 4180's, as the csv module's QUOTE_MINIMAL writes it (a test compares the two
on awkward cells): a cell holding a comma, a double quote, CR or LF is put in double quotes, its
double quotes doubled. It is done here with str methods, which scan a long summary in C at memory
speed, because the csv module's writer, which looks at every character in turn, was most of the
time of a 100,000-practice export.

A text cell that a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or
a carriage return) gets a leading `'`, which spreadsheets read as "this is text" and do not show:
`=HYPERLINK(...)` is written `'=HYPERLINK(...)`. Texts can come from the public (proposals), and a
formula run on opening a file could fetch a URL or worse. Numbers (`-2` as a number, not as text)
stay as they are; a program reading the CSV sees the `'` and can strip it (docs/api.md).

The citation renderers (RIS, BibTeX, CSL-JSON, common/api/citations.py) stream the same way, from
Citation objects.
"""

from rest_framework.renderers import BaseRenderer

from . import citations

# Characters written before a piece of the stream is handed to the server.
PIECE_CHARS = 64 * 1024

# What a spreadsheet takes for the start of a formula, and what makes it a text again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


def neutralise(text):
    """`text` with a leading `'` when a spreadsheet would run it as a formula; else `text`."""
    return TEXT_MARK + text if text.startswith(FORMULA_STARTS) else text


def _cell(value):
    """A cell as JSON would say it (empty for null, `true`/`false` for a boolean), quoted if need be."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    # Only texts: a number (int, float, Decimal) written as itself stays a number.
    text = neutralise(value) if type(value) is str else str(value)
    if '"' in text:
        return '"' + text.replace('"', '""') + '"'
    if "," in text or "\n" in text or "\r" in text:
        return '"' + text + '"'
    return text


def _line(row):
    line = ",".join([_cell(value) for value in row])
    # A row of one empty cell is `""`, not a blank line (which readers skip), as the csv module has it.
    return '""' if not line and len(row) == 1 else line


class CSVRenderer(BaseRenderer):
    """Renders rows under a header. A view that streams calls `stream(header, rows)` itself; DRF
    calls `render()` with a list of flat dicts, the column names in the renderer context
    (`csv_header`), so an empty list still has its header row.

    No byte-order mark: it is plain UTF-8, what programs expect (see docs/api.md for Excel).
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    @property
    def content_type(self):
        return f"{self.media_type}; charset={self.charset}"

    def stream(self, header, rows):
        """The CSV of `rows` (sequences of cells in `header`'s order, under a header row) as UTF-8
        byte strings, written as the rows are read: a piece of whole lines whenever about
        PIECE_CHARS characters are ready, then the rest."""
        lines = [_line(header)]
        size = len(lines[0])
        for row in rows:
            line = _line(row)
            lines.append(line)
            size += len(line)
            if size >= PIECE_CHARS:
                lines.append("")
                yield "\r\n".join(lines).encode(self.charset)
                lines, size = [], 0
        if lines:
            lines.append("")
            yield "\r\n".join(lines).encode(self.charset)

    def render(self, data, accepted_media_type=None, renderer_context=None):
        renderer_context = renderer_context or {}
        if data is None:
            return b""
        rows = [data] if isinstance(data, dict) else list(data)
        header = renderer_context.get("csv_header") or (list(rows[0]) if rows else [])
        cells = ([row.get(column) for column in header] for row in rows)
        return b"".join(self.stream(header, cells))


def _in_pieces(texts, charset):
    """`texts` joined, as byte strings of about PIECE_CHARS characters (whole texts), as they come."""
    pieces, size = [], 0
    for text in texts:
        pieces.append(text)
        size += len(text)
        if size >= PIECE_CHARS:
            yield "".join(pieces).encode(charset)
            pieces, size = [], 0
    if pieces:
        yield "".join(pieces).encode(charset)


class CitationRenderer(BaseRenderer):
    """Base of the citation formats: a view streams `stream(citations)` itself (an iterable of
    common.api.citations.Citation); DRF never renders data with these (errors are JSON)."""

    charset = "utf-8"
    extension = ""

    @property
    def content_type(self):
        return f"{self.media_type}; charset={self.charset}"

    def texts(self, items):
        raise NotImplementedError

    def stream(self, items):
        return _in_pieces(self.texts(items), self.charset)

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        items = data if isinstance(data, list | tuple) else [data]
        return b"".join(self.stream(items))


class RISRenderer(CitationRenderer):
    media_type = citations.RIS_MEDIA_TYPE
    format = "ris"
    extension = "ris"

    def texts(self, items):
        return map(citations.ris, items)


class BibTeXRenderer(CitationRenderer):
    media_type = citations.BIBTEX_MEDIA_TYPE
    format = "bibtex"
    extension = "bib"

    def texts(self, items):
        return map(citations.bibtex, items)


class CSLJSONRenderer(CitationRenderer):
    media_type = citations.CSLJSON_MEDIA_TYPE
    format = "csljson"
    extension = "json"

    def texts(self, items):
        return citations.csl_json_array(items)


CITATION_RENDERERS = (RISRenderer, BibTeXRenderer, CSLJSONRenderer)
