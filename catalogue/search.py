"""Practice search on both databases: the set of practices a parsed query (common.analysis) matches,
as a subquery of ids each database answers from its own full-text index of the same terms; and the
corrections offered when a search finds nothing ("Did you mean ...?").

PostgreSQL reads GIN indexes of tsvectors stored in catalogue_searchentry ('simple' configuration:
the terms arrive stemmed; migration 0016); SQLite reads the FTS5 table catalogue_searchentry_fts
(migration 0011). Both are made from what catalogue.services.search_index writes. A query's terms are
plain letters and digits (common.analysis.WORD), so quoting them is all either syntax needs.

Corrections are computed in Python over the vocabulary (catalogue.models.SearchTerm) for both
databases alike, so that both offer the same one: a typed word whose term the catalogue does not
hold is taken for the nearest word by edit distance (rapidfuzz), with swapped letters as one edit.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, F
from django.db.models.expressions import Expression, RawSQL
from rapidfuzz import process
from rapidfuzz.distance import OSA

from common.analysis import WORD, as_typed, parse, stem
from common.caching import per_content_version
from common.search import fold

# The tsvectors PostgreSQL matches: stored generated columns of catalogue_searchentry, each with a GIN
# index (migration 0016; a test checks that searches use the indexes). "all" joins the three texts
# with a marker word it then deletes, so that a phrase cannot run from the end of one text into the
# next, as on SQLite, where they are columns.
POSTGRESQL_DOCUMENTS = {"all": "document", "title": "title_document", "institution": "institution_document"}


def _alternatives(clauses, prefix):
    """Each clause's alternatives as (terms, prefix) pairs: with `prefix`, the last clause's end in a
    word's start, and the word being typed (the last alternative's last) matches as analysis.as_typed
    says, so "pensions", "easy" and "administrat" all find what their whole words would."""
    alternatives = [[(phrase, False) for phrase in clause.alternatives] for clause in clauses]
    if not (prefix and clauses):
        return alternatives
    last = clauses[-1]
    alternatives[-1] = [(phrase, True) for phrase in last.alternatives[:-1]]
    *before, term = last.alternatives[-1]
    typed = last.words[-1] if len(last.words) == sum(map(len, last.alternatives)) else term
    starts, terms = as_typed(typed)
    typed_alternatives = [((*before, s), True) for s in dict.fromkeys((term, *starts))]
    typed_alternatives += [((*before, t), False) for t in terms]
    alternatives[-1] += typed_alternatives
    return alternatives


def _tsquery(clauses, prefix):
    def phrase(terms, starts):
        quoted = [f"'{term}'" for term in terms]
        if starts:
            quoted[-1] += ":*"
        return " <-> ".join(quoted)

    parts = []
    for alternatives in _alternatives(clauses, prefix):
        parts.append("(" + " | ".join(phrase(*p) for p in alternatives) + ")")
    return " & ".join(parts)


def _fts5(clauses, prefix):
    def phrase(terms, starts):
        text = '"' + " ".join(terms) + '"'
        return text + "*" if starts else text

    parts = []
    for alternatives in _alternatives(clauses, prefix):
        parts.append("(" + " OR ".join(phrase(*p) for p in alternatives) + ")")
    return " AND ".join(parts)


def matching(clauses, field="all", prefix=False):
    """The ids (a subquery for `pk__in=`) of practices whose indexed `field` matches every clause.

    `prefix`: the last clause's last term is the start of a word ("pen" matches `pension`), as for
    suggestions while someone types; the last word typed also matches as typed, and by the terms it
    may have gone past (`_alternatives`).
    """
    if connection.vendor == "postgresql":
        document = POSTGRESQL_DOCUMENTS[field]
        return RawSQL(
            f"SELECT practice_id FROM catalogue_searchentry WHERE {document} @@ to_tsquery('simple', %s)",
            [_tsquery(clauses, prefix)],
        )
    expression = _fts5(clauses, prefix)
    if field != "all":  # an FTS5 column filter: the column of that name
        expression = "{" + field + "} : (" + expression + ")"
    return RawSQL(
        "SELECT rowid FROM catalogue_searchentry_fts WHERE catalogue_searchentry_fts MATCH %s",
        [expression],
    )


class EntryMatches(Expression):
    """Whether the search entry of the query's practice (joined) matches every clause in `field`:
    a condition on that row, where matching() selects every practice that matches. So a search
    (PracticeQuerySet.search) reads the index for its match, and its exclusions and ranks, and the
    ranks' walk of PracticeQuerySet.page_rows, test the rows they have. On PostgreSQL it reads the
    entry's stored tsvector (through its GIN index when the planner starts there); on SQLite the
    FTS5 table answers for the entry's id."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, clauses, field):
        super().__init__()
        self.clauses, self.searched = tuple(clauses), field
        # Any column of the entry other than its key (which Django would read from the practice
        # instead, without the join) gives the join's alias.
        self.anchor = F("search_entry__year")

    def get_source_expressions(self):
        return [self.anchor]

    def set_source_expressions(self, expressions):
        (self.anchor,) = expressions

    def as_sql(self, compiler, connection):
        column, params = compiler.compile(self.anchor)
        table = column.rsplit(".", 1)[0]
        if connection.vendor == "postgresql":
            document = f"{table}.{POSTGRESQL_DOCUMENTS[self.searched]}"
            return f"{document} @@ to_tsquery('simple', %s)", [*params, _tsquery(self.clauses, False)]
        ids = matching(self.clauses, self.searched)
        return f"{table}.practice_id IN ({ids.sql})", [*params, *ids.params]


# How many edits (a letter added, removed, changed, or two swapped) a typed word may be from the word
# it is taken for: none below 4 letters, where nearly every word is near another.
def _edits_allowed(word):
    return 0 if len(word) < 4 else 1 if len(word) < 7 else 2


@dataclass(frozen=True)
class Vocabulary:
    """The catalogue's terms ({term: practices holding it}) and the words they are written with
    ({word: term}), as corrections read them."""

    practices: dict
    term_of: dict


def vocabulary():
    """The Vocabulary of the whole catalogue, read once per content version."""
    from .models import SearchTerm

    def read():
        practices, term_of = {}, {}
        for term, words, count in SearchTerm.objects.values_list("term", "words", "practices"):
            practices[term] = count
            term_of.update(dict.fromkeys(words.split(), term))
        return Vocabulary(practices=practices, term_of=term_of)

    return per_content_version("search-vocabulary", read)


def nearest_word(word, known):
    """The word of `known` (a Vocabulary) that a typed, folded `word` most likely meant, or None:
    the fewest edits from the word (or from its term, for another form of the same word), then the
    word whose term most practices hold."""
    allowed = _edits_allowed(word)
    if not allowed:
        return None
    by_word = process.extract(
        word, list(known.term_of), scorer=OSA.distance, score_cutoff=allowed, limit=None
    )
    by_term = process.extract(
        stem(word), list(known.practices), scorer=OSA.distance, score_cutoff=allowed, limit=None
    )
    spellings = {term: [] for term, _edits, _i in by_term}
    for spelling, term in known.term_of.items():
        if term in spellings:
            spellings[term].append(spelling)
    candidates = [(edits, spelling) for spelling, edits, _i in by_word]
    candidates += [
        (edits, min(spellings[term], key=lambda w: (OSA.distance(word, w), w)))
        for term, edits, _i in by_term
        if spellings[term]
    ]
    if not candidates:
        return None
    _edits, best = min(
        candidates,
        key=lambda c: (c[0], OSA.distance(word, c[1]), -known.practices[known.term_of[c[1]]], c[1]),
    )
    return best


def _as_typed(typed, word):
    """`word` in the case `typed` was written in: ANSSES -> ANSES, Pensoin -> Pension."""
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word.capitalize()
    return word


def correction(text):
    """`text` with each word the catalogue holds no term of replaced by the nearest word it holds
    ("telemedecine for retirees" -> "telemedicine for retirees"), or None when there is nothing to
    correct or no word near enough. Quotes, exclusions and `or` are kept as typed."""
    parsed = parse(text)
    known = vocabulary()
    replacements = {}
    for clause in parsed.required:
        for word in clause.words:
            if stem(word) not in known.practices and word not in replacements:
                better = nearest_word(word, known)
                if better:
                    replacements[word] = better

    def replace(match):
        better = replacements.get(fold(match.group()))
        return _as_typed(match.group(), better) if better else match.group()

    return WORD.sub(replace, parsed.text) if replacements else None


def suggestion(filterset, count):
    """The corrected search to offer ("Did you mean ...?") when the valid `filterset`'s search found
    nothing (`count` 0) and the correction, with the same other filters, finds something."""
    text = filterset.form.cleaned_data.get("search") if filterset.is_valid() else None
    if count or not text:
        return None
    corrected = correction(text)
    if not corrected:
        return None
    data = filterset.data.copy()
    data["search"] = corrected
    other = type(filterset)(data, queryset=filterset.queryset, request=filterset.request)
    return corrected if other.is_valid() and other.qs.exists() else None
