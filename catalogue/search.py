"""Accent- and case-insensitive text matching shared by PostgreSQL and SQLite.

PostgreSQL has the `unaccent` extension (created by a migration). SQLite gets a function of the
same name, registered on every new connection, so one query expression serves both databases.
"""

import unicodedata

from django.db import models

# Apostrophes and dashes the sources print in several forms.
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-"})


def fold(text):
    """Lower-case, strip accents and unify apostrophes: 'Móvil' -> 'movil'."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


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
