"""Reference data in the reader's language: the one place that names a country, region, tier or area.

Countries are named by CLDR (the Unicode Common Locale Data Repository, shipped with Babel) from their
ISO 3166-1 alpha-2 code; the ISSA's own vocabulary (its regions, the priority areas of its awards,
the award tiers) is translated in locale/*/LC_MESSAGES/django.po, one message context per kind of
row, its message id the English name the database stores (listed in regions/vocabulary.py so that
`make messages` finds them). Every label on a page, in a feed or in the API goes through
`display_name`; the database keeps the English names, and codes and slugs never change.

Nothing here queries the database: CLDR's tables and the compiled catalogues are in memory.
"""

import functools
import unicodedata

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.utils import translation

# Message contexts of the ISSA vocabulary in the .po files, by model label.
CONTEXTS = {
    "regions.region": "ISSA region",
    "awards.priorityarea": "priority area",
    "awards.awardtier": "award tier",
}


def active_language(language=None):
    """The language a label is wanted in: `language`, else the active one, else the site's default."""
    return (language or translation.get_language() or settings.LANGUAGE_CODE).lower()


@functools.cache
def _territories(language):
    try:
        return Locale.parse(language.replace("-", "_")).territories
    except (UnknownLocaleError, ValueError):
        return {}


def country_name(code, stored_name, language=None):
    """A country's name in `language` (default: the active one) from CLDR by its ISO code.

    In English the stored name is the name: it is the catalogue's own English and what the sources
    print. A code CLDR does not know (or an unknown language) gives the stored name.
    """
    language = active_language(language)
    if language.split("-")[0] == "en" or not code:
        return stored_name
    return _territories(language).get(code.upper()) or stored_name


def vocabulary_name(context, stored_name, language=None):
    """A term of the ISSA vocabulary in `language`: its .po translation, else the stored English name."""
    if language is None:
        return translation.pgettext(context, stored_name)
    with translation.override(language):
        return translation.pgettext(context, stored_name)


def name_of(model_label, key, stored_name, language=None):
    """The display name of the row of `model_label` ("regions.country") whose code or slug is `key`
    and whose stored name is `stored_name`: what `display_name` answers, for code that holds values
    rather than model instances (facets, aggregates)."""
    if model_label == "regions.country":
        return country_name(key, stored_name, language)
    context = CONTEXTS.get(model_label)
    if context is None:
        return stored_name
    return vocabulary_name(context, stored_name, language)


def display_name(row, language=None):
    """The name of a reference row (country, region, priority area, award tier) for the reader.

    Any other object with a `name` (an institution, a competition, a liaison office: names the
    sources give in their own language) keeps it as it is.
    """
    key = row.code if row._meta.label_lower == "regions.country" else None
    return name_of(row._meta.label_lower, key, row.name, language)


# Letters that the reader's alphabet sorts as letters of their own, after their base letter
# (CLDR's tailorings): Spanish ñ after n. German (DIN 5007-1) and French sort accented letters
# with their base letter, accents deciding only between otherwise equal words, which the default
# below does.
_OWN_LETTERS = {
    "es": {"ñ": "n\U0010ffff"},
}


def collation_key(text, language=None):
    """A sort key that orders names as a reader of `language` expects, not by code point.

    A small, dependency-free approximation of the Unicode collation algorithm, enough for the short
    reference lists (tens of names): letters compare without their accents and case first
    ("Österreich" between "Oman" and "Panama", "États-Unis" among the E's), then accents, then case,
    then the text itself so the order is total.
    """
    language = active_language(language).split("-")[0]
    own = _OWN_LETTERS.get(language, {})
    primary = []
    for char in text.casefold():
        if char in own:
            primary.append(own[char])
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        primary.append(base)
    accents = unicodedata.normalize("NFD", text.casefold())
    return ("".join(primary), accents, text.swapcase(), text)


def sort_by_name(rows, language=None, name=display_name):
    """`rows` sorted by their display name in `language` (a list; the lists are small)."""
    return sorted(rows, key=lambda row: collation_key(name(row, language), language))
