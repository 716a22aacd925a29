"""Citations of catalogue records in three formats reference managers read: RIS, BibTeX and CSL-JSON.

A `Citation` says what a reference needs of a record (its title, a corporate author, a year, the
record's page and the day it was read, who keeps the record, the document it was taken from); the
functions here write one as an RIS record, a BibTeX entry or a CSL-JSON item, and the renderers of
common/api/renderers.py stream many of them.

- RIS: one `TAG  - value` line per field (two capitals or a capital and a digit, two spaces, a
  hyphen, a space), from `TY` to `ER`, CRLF line ends, a blank line between records, UTF-8.
- BibTeX: `@misc` entries, UTF-8, with LaTeX's special characters escaped in the text fields
  (`\\ { } & % $ # _ ^ ~`) and accents left as they are (biber, bibtex8 and the parsers read
  UTF-8); the corporate author in a second pair of braces, so styles do not split it into a first
  and a last name. `url` and `urldate` are biblatex's; `origtitle`, `origpublisher` and `origdate`
  name the source document.
- CSL-JSON: an array of items, the source document as `original-title`, `original-publisher` and
  `original-date`.

Every value is on one line: line breaks in a text become spaces.
"""

import json
from dataclasses import dataclass
from datetime import date

RIS_MEDIA_TYPE = "application/x-research-info-systems"
BIBTEX_MEDIA_TYPE = "application/x-bibtex"
CSLJSON_MEDIA_TYPE = "application/vnd.citationstyles.csl+json"


@dataclass(frozen=True)
class Citation:
    key: str  # stable and unique among the records: the BibTeX key, the RIS ID and the CSL id
    title: str
    author: str | None  # a corporate author (an institution), whole; None when unknown
    year: int | None
    url: str  # the record's page
    accessed: date
    publisher: str  # who keeps the record (the catalogue)
    note: str
    source_title: str | None = None
    source_publisher: str | None = None
    source_year: int | None = None

    @property
    def source(self):
        """The source document in one line: `Title. Publisher, 2017.`; empty without one."""
        if not self.source_title:
            return ""
        publisher = ", ".join(str(part) for part in (self.source_publisher, self.source_year) if part)
        return f"{self.source_title}. {publisher}." if publisher else f"{self.source_title}."


def one_line(text):
    return " ".join(str(text).split())


# --- RIS ---------------------------------------------------------------------------------------


def _ris_line(tag, value):
    return f"{tag}  - {one_line(value)}"


def ris(citation):
    """The RIS record of `citation` (type ELEC, an electronic source), CRLF line ends and a blank
    line after `ER`."""
    lines = ["TY  - ELEC", _ris_line("ID", citation.key), _ris_line("TI", citation.title)]
    if citation.author:
        lines.append(_ris_line("AU", citation.author))
    if citation.year:
        lines.append(_ris_line("PY", citation.year))
    lines.append(_ris_line("DB", citation.publisher))
    lines.append(_ris_line("UR", citation.url))
    lines.append(_ris_line("Y2", citation.accessed.strftime("%Y/%m/%d")))
    if citation.source:
        lines.append(_ris_line("OP", citation.source))
    lines.append(_ris_line("N1", citation.note))
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n\r\n"


# --- BibTeX ------------------------------------------------------------------------------------

_LATEX_SPECIALS = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "^": r"\textasciicircum{}",
        "~": r"\textasciitilde{}",
    }
)


def bibtex_text(text):
    """`text` for a braced BibTeX field: one line, LaTeX's special characters escaped, UTF-8 kept."""
    return one_line(text).translate(_LATEX_SPECIALS)


def bibtex(citation):
    """The BibTeX entry of `citation`: `@misc{key, ...}`, one field a line, then a blank line."""
    fields = [("title", bibtex_text(citation.title))]
    if citation.author:
        fields.append(("author", "{" + bibtex_text(citation.author) + "}"))
    if citation.year:
        fields.append(("year", str(citation.year)))
    fields.append(("howpublished", bibtex_text(citation.publisher)))
    # A URL is taken verbatim (biblatex, the url package): it holds no brace.
    fields.append(("url", citation.url))
    fields.append(("urldate", citation.accessed.isoformat()))
    if citation.source_title:
        fields.append(("origtitle", bibtex_text(citation.source_title)))
        if citation.source_publisher:
            fields.append(("origpublisher", bibtex_text(citation.source_publisher)))
        if citation.source_year:
            fields.append(("origdate", str(citation.source_year)))
    note = citation.note + (f" Source: {citation.source}" if citation.source else "")
    fields.append(("note", bibtex_text(note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{citation.key},\n{body}\n}}\n\n"


# --- CSL-JSON ----------------------------------------------------------------------------------


def _date_parts(*parts):
    return {"date-parts": [list(parts)]}


def csl_item(citation):
    """The CSL-JSON item of `citation`, a dict."""
    item = {"id": citation.key, "type": "webpage", "title": one_line(citation.title)}
    if citation.author:
        item["author"] = [{"literal": one_line(citation.author)}]
    if citation.year:
        item["issued"] = _date_parts(citation.year)
    item["container-title"] = citation.publisher
    item["publisher"] = citation.publisher
    item["URL"] = citation.url
    accessed = citation.accessed
    item["accessed"] = _date_parts(accessed.year, accessed.month, accessed.day)
    if citation.source_title:
        item["original-title"] = one_line(citation.source_title)
        if citation.source_publisher:
            item["original-publisher"] = one_line(citation.source_publisher)
        if citation.source_year:
            item["original-date"] = _date_parts(citation.source_year)
    item["note"] = citation.note + (f" Source: {citation.source}" if citation.source else "")
    return item


def csl_json_array(citations):
    """Pieces of text that make a CSL-JSON array of `citations`, one item a line, as they come."""
    yield "["
    separator = "\n"
    for citation in citations:
        yield separator + json.dumps(csl_item(citation), ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"
