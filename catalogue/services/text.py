"""Cleaning the noise that PDF and web extraction leaves in the source texts."""

import re
from dataclasses import dataclass

from django.utils.text import slugify

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
_ITALIC = re.compile(r"\*(.+?)\*", re.DOTALL)
_SPACES = re.compile(r"[ \t\u00a0]+")


class SourceParseError(ValueError):
    """The text of a source does not have the shape the builder expects; names file and line."""

    def __init__(self, path, line, message):
        self.path, self.line = path, line
        super().__init__(f"{path}:{line}: {message}")


@dataclass(frozen=True)
class Block:
    """A paragraph of the source: consecutive non-blank lines, with the number of its first line."""

    line: int
    text: str

    @property
    def lines(self):
        return self.text.split("\n")


def blocks(text):
    """Split a text into paragraphs (runs of non-blank lines), keeping 1-based line numbers."""
    result, current, start = [], [], 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            result.append(Block(start, "\n".join(current)))
            current = []
    if current:
        result.append(Block(start, "\n".join(current)))
    return result


def normalize_apostrophes(text):
    """One apostrophe for one institution: the sources mix ' and the typographic \u2019."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def strip_emphasis(text):
    """Remove **bold** and *italic* markers, keeping their words."""
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text))


def clean_inline(text):
    """One line of running text: markers gone, apostrophes unified, whitespace collapsed."""
    return _SPACES.sub(" ", normalize_apostrophes(strip_emphasis(text)).replace("\n", " ")).strip()


def slug_for(text, max_length=80):
    """A slug of at most `max_length` characters, cut at a word boundary."""
    slug = slugify(normalize_apostrophes(text).replace("'", "").replace("/", " "))
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    return cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]


_SENTENCE_END = (".", ":", ";", "!", "?", "\u201d", '"', ")")


def join_paragraphs(paragraphs):
    """Join a section's paragraphs, mending the ones a page break cut in the middle of a sentence.

    A paragraph that ends without closing punctuation, followed by one that starts in lower case,
    is one paragraph split by the page layout (e.g. "enabled ESDC to" / "automatically enrol").
    List items ("- ...") stay one per line; paragraphs are separated by a blank line.
    """
    merged = []
    for paragraph in paragraphs:
        if (
            merged
            and not merged[-1].startswith("- ")
            and not merged[-1].endswith(_SENTENCE_END)
            and paragraph[:1].islower()
        ):
            merged[-1] = f"{merged[-1]} {paragraph}"
        else:
            merged.append(paragraph)
    return "\n\n".join(merged)


def clean_paragraph(block_text):
    """A paragraph or a bullet list of the source, cleaned; list items keep their own lines."""
    lines = [line.strip() for line in block_text.split("\n")]
    if all(line.startswith(("- ", "\u25b6 ", "- \u25b6")) for line in lines):
        return "\n".join("- " + clean_inline(line.lstrip("-\u25b6 ")) for line in lines)
    return clean_inline(block_text)
