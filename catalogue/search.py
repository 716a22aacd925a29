"""Practice search on both databases: the set of practices a parsed query (common.analysis) matches,
as a subquery of ids each database answers from its own full-text index of the same terms.

PostgreSQL reads the GIN-indexed tsvectors of catalogue_searchentry ('simple' configuration: the
terms arrive stemmed); SQLite reads the FTS5 table catalogue_searchentry_fts. Both are made by
migration 0011_search_entries from what catalogue.services.search_index writes. A query's terms are
plain letters and digits (common.analysis._WORD), so quoting them is all either syntax needs.
"""

from django.db import connection
from django.db.models.expressions import RawSQL

# The indexed texts a match can be limited to: the name the SQLite FTS5 table gives each column,
# and the PostgreSQL tsvector column of catalogue_searchentry that holds it (None: all three).
FIELDS = {
    "all": None,
    "title": "title_document",
    "institution": "institution_document",
}
_FTS5_COLUMNS = {"title": "title", "institution": "institution"}


def _tsquery(clauses, prefix):
    def phrase(terms, last):
        quoted = [f"'{term}'" for term in terms]
        if prefix and last:
            quoted[-1] += ":*"
        return " <-> ".join(quoted)

    parts = []
    for index, clause in enumerate(clauses):
        last = index == len(clauses) - 1
        alternatives = [phrase(p, last) for p in clause.alternatives]
        parts.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(parts)


def _fts5(clauses, prefix):
    def phrase(terms, last):
        text = '"' + " ".join(terms) + '"'
        return text + "*" if prefix and last else text

    parts = []
    for index, clause in enumerate(clauses):
        last = index == len(clauses) - 1
        parts.append("(" + " OR ".join(phrase(p, last) for p in clause.alternatives) + ")")
    return " AND ".join(parts)


def matching(clauses, field="all", prefix=False):
    """The ids (a subquery for `pk__in=`) of practices whose indexed `field` matches every clause.

    `prefix`: the last clause's last term is the start of a word ("pen" matches `pension`), as for
    suggestions while someone types.
    """
    if connection.vendor == "postgresql":
        column = FIELDS[field] or "document"
        return RawSQL(
            f"SELECT practice_id FROM catalogue_searchentry WHERE {column} @@ to_tsquery('simple', %s)",
            [_tsquery(clauses, prefix)],
        )
    expression = _fts5(clauses, prefix)
    if field != "all":
        expression = "{" + _FTS5_COLUMNS[field] + "} : (" + expression + ")"
    return RawSQL(
        "SELECT rowid FROM catalogue_searchentry_fts WHERE catalogue_searchentry_fts MATCH %s",
        [expression],
    )
