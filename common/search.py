"""Accent- and case-insensitive text matching shared by PostgreSQL and SQLite.

PostgreSQL has the `unaccent` extension (created by a migration). SQLite gets a function of the
same name, registered on every new connection, so one query expression serves both databases.
"""

import re
import unicodedata

from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce, Lower

# Longest `?search=` accepted: longer input is an error (400), not a query of hundreds of words.
SEARCH_MAX_LENGTH = 200

# Apostrophes and dashes the sources print in several forms.
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-"})
_WORD = re.compile(r"[\w'-]+")


def fold(text):
    """Lower-case, strip accents and unify apostrophes: 'Móvil' -> 'movil'."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text):
    """The folded words of a search, punctuation dropped: 'Mi ANSES, Móvil!' -> ['mi', 'anses', 'movil']."""
    return _WORD.findall(fold(text or ""))


def _sqlite_unaccent(text):
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def register_sqlite_functions(sender, connection, **kwargs):
    """Give SQLite an `unaccent()` like PostgreSQL's, so the same ORM expressions run on both."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("unaccent", 1, _sqlite_unaccent, deterministic=True)


class Unaccent(models.Func):
    function = "unaccent"
    output_field = models.TextField()


def matching_all_words(queryset, fields, text):
    """Rows of `queryset` where every word of `text` occurs in one of `fields`, case and accents aside.

    The one word search of the project: the short lists' `?search=` (FoldedSearchFilter) and the
    practices' search on SQLite. Text with no word at all (punctuation) matches nothing.
    """
    query_words = words(text)
    if not query_words:
        return queryset.none()
    aliases = {f"_folded_{name.replace('__', '_')}": name for name in fields}
    condition = Q()
    for word in query_words:
        any_field = Q()
        for alias in aliases:
            any_field |= Q(**{f"{alias}__contains": word})
        condition &= any_field
    annotations = {alias: Lower(Unaccent(Coalesce(name, Value("")))) for alias, name in aliases.items()}
    return queryset.annotate(**annotations).filter(condition)
