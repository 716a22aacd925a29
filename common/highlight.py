"""Matched words of a search, marked in a text: `<mark>` around each word a query asks for, and a
short excerpt of a long text around its first matches.

A word matches when its term (common.analysis: folded, then stemmed in English and Spanish) is one
of the terms the query asks for, which is the rule the search index matches by: what is marked is
why the practice was found ("pensions" and "Pensión" are marked for a search "pensiones", "Móvil"
for "movil"). Words are split exactly as the index splits them, on the folded text, and marked in
the original one, so the reader sees the text's own casing and accents.

Computed in Python for the rows a page shows, never in the database, so SQLite and PostgreSQL mark
the same words. The result is HTML: the text escaped, `<mark>` its only tags.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .analysis import MAX_WORD, STOP_WORDS, Query, parse, stem
from .search import fold
from .text import text_blocks

# A word, as common.analysis finds them in folded text.
_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")

# Words of an excerpt (the list page's cards and the API's `highlight.excerpt`).
EXCERPT_WORDS = 30
# Words an excerpt keeps before its first match, so the match is read in its sentence.
EXCERPT_LEAD = 6
ELLIPSIS = "\u2026"


def query_terms(query):
    """The terms to mark for `query`: a parsed Query, the text of a search box, or a set of terms."""
    if isinstance(query, Query):
        return query.terms()
    if isinstance(query, str) or query is None:
        return parse(query).terms()
    return set(query)


def _folded(text):
    """`text` folded, and for each folded character the index of the original one it comes from.

    Folding one character at a time gives the folded text whole (common.search.fold decomposes and
    lower-cases characters one by one), and says where each folded word starts and ends in `text`.
    """
    if text.isascii():
        return text.lower(), None
    pieces, origins = [], []
    for index, char in enumerate(text):
        folded = char.lower() if char.isascii() else fold(char)
        pieces.append(folded)
        origins.extend([index] * len(folded))
    return "".join(pieces), origins


def _terms(text):
    """(start, end, term) of each word of `text` the index keeps, in order (offsets in `text`)."""
    folded, origins = _folded(text)
    for found in _WORD.finditer(folded):
        word = found.group()
        # The words common.analysis.tokens() keeps: others are never indexed, so never marked.
        if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()) or len(word) > MAX_WORD:
            continue
        if origins is None:
            yield found.start(), found.end(), stem(word)
            continue
        start, end = origins[found.start()], origins[found.end() - 1] + 1
        # The accents after the word's last letter (a decomposed "é") belong to the word.
        while end < len(text) and not fold(text[end]):
            end += 1
        yield start, end, stem(word)


def matches(text, terms):
    """[(start, end)] of the words of `text` whose term is in `terms`, in order (offsets in `text`)."""
    if not text or not terms:
        return []
    return [(start, end) for start, end, term in _terms(text) if term in terms]


def _marked(text, spans):
    out, position = [], 0
    for start, end in spans:
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # every piece of text is escaped above


def highlight(text, query):
    """`text` as safe HTML, escaped, with each word `query` asks for in `<mark>`.

    highlight("Universal pension for the elderly", "pensiones")
    -> 'Universal <mark>pension</mark> for the elderly'
    """
    text = text or ""
    return _marked(text, matches(text, query_terms(query)))


def excerpt(text, query, words=EXCERPT_WORDS):
    """About `words` words of `text` as safe HTML, escaped and marked as highlight() does.

    The window holds the first match (a few words before it, so it reads in its sentence) and, of
    the windows that start at a match, the one holding the most different terms of the query; the
    beginning of the text when nothing matches. Cut on spaces, with "…" where text is left out.
    Paragraphs and list items of stored text (common.text) run on, separated by a space.
    """
    terms = query_terms(query)
    blocks = text_blocks(text)
    flat = " ".join(block.get("text") or " ".join(block.get("items", ())) for block in blocks)
    chunks = _SPACE.split(flat.strip()) if flat.strip() else []
    if not chunks:
        return mark_safe("")
    start = _window_start(chunks, terms, words)
    end = min(len(chunks), start + words)
    start = max(0, min(start, end - words))  # near the end: a full window, started earlier
    shown = " ".join(chunks[start:end])
    marked = _marked(shown, matches(shown, terms))
    before = ELLIPSIS + " " if start > 0 else ""
    after = " " + ELLIPSIS if end < len(chunks) else ""
    return mark_safe(f"{before}{marked}{after}")  # `marked` is escaped HTML


def _window_start(chunks, terms, words):
    """Index of the chunk an excerpt of `words` chunks starts at (0 when nothing matches)."""
    if not terms:
        return 0
    found = [(index, {term for _s, _e, term in _terms(chunk)} & terms) for index, chunk in enumerate(chunks)]
    found = [(index, hits) for index, hits in found if hits]
    if not found:
        return 0
    best, best_count = None, 0
    for index, _hits in found:
        start = max(0, index - EXCERPT_LEAD)
        covered = set().union(*(hits for i, hits in found if start <= i < start + words))
        if len(covered) > best_count:
            best, best_count = start, len(covered)
    return best
