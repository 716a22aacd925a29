"""How text becomes search terms, and a search box's text a query: one analysis, in Python, for every
database, so that SQLite and PostgreSQL index and look up the very same terms.

A term is a word folded (lower case, no accents), then stemmed by the English and then the Spanish
Snowball stemmer (PyStemmer). Applying both, in that order, makes the inflections of either language
meet: "pensions", "pension" and "pensiones" are all `pension`; "medicamento" and "medicamentos" are
`medicament`; "trabajador" and "trabajadores" are `trabaj`. The catalogue's texts are in English with
Spanish (and some Portuguese and French) names and titles, and a reader may type either language, so
a word is never stemmed for one language only. Short function words of those languages are dropped
on both sides, so "pensions for the elderly" asks for `pension` and `elder`.

The query syntax is the web search one: words are all required, `"a phrase"` needs its words in that
order, `-word` and `-"a phrase"` exclude, and `or` between two items accepts either
(`pension or retirement digital` is (pension or retirement) and digital).
"""

import re
import threading
from dataclasses import dataclass

import Stemmer

from .search import fold

# A word: letters and digits (the underscore, a "word" character to Python's `re`, is a separator).
WORD = re.compile(r"[^\W_]+")
# An item of a search box: an optionally negated quoted phrase (a missing closing quote ends it at
# the end of the text), or an optionally negated run of non-blank characters.
_ITEM = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')

# Function words of English, Spanish, Portuguese and French the catalogue's texts hold: never indexed,
# never required. Kept short on purpose: every word left out here is a word nobody can search for.
STOP_WORDS = frozenset(
    """
    a an and are as at be by for from has have in into is it its of on or that the their this to was
    were which with
    al con de del el en es la las lo los para por que se su sus un una uno y o
    da das do dos e em na nas no nos os ao
    au aux d des du et l le les par pour sur
    """.split()
)

# Longer "words" (an address, a run of digits) are neither indexed nor looked for.
MAX_WORD = 60

# English forms no suffix rule reaches, mapped to the form their siblings stem like.
IRREGULAR = {
    "children": "child",
    "women": "woman",
    "men": "man",
    "people": "person",
    "paid": "pay",
}

_local = threading.local()  # a Stemmer keeps a cache and is not safe to share between threads


def _stemmers():
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = (Stemmer.Stemmer("english"), Stemmer.Stemmer("spanish"))
    return stemmers


def tokens(text):
    """The folded words of `text`, function words and lone letters dropped, in order.

    'Mi ANSES: the Móvil app' -> ['mi', 'anses', 'movil', 'app'].
    """
    return [
        w
        for w in WORD.findall(fold(text or ""))
        if w not in STOP_WORDS and (len(w) > 1 or w.isdigit()) and len(w) <= MAX_WORD
    ]


def stem(word):
    """The term of one folded word: 'pensiones' -> 'pension'."""
    english, spanish = _stemmers()
    return spanish.stemWord(english.stemWord(IRREGULAR.get(word, word)))


def terms(text):
    """The terms of `text`, in order, as indexed: 'Universal pensions' -> ['universal', 'pension']."""
    words = tokens(text)
    if not words:
        return []
    english, spanish = _stemmers()
    return spanish.stemWords(english.stemWords([IRREGULAR.get(w, w) for w in words]))


def indexed(*texts):
    """The terms of `texts` as one space-separated string, as the search index stores them."""
    return " ".join(term for text in texts for term in terms(text))


@dataclass(frozen=True)
class Clause:
    """One required (or excluded) item of a query: any of `alternatives`, each a phrase of terms
    (a single word is a phrase of one). `words` are the folded words as typed, for corrections."""

    alternatives: tuple
    words: tuple = ()


@dataclass(frozen=True)
class Query:
    """A parsed search box: every clause of `required` must match and none of `excluded`."""

    text: str
    required: tuple = ()
    excluded: tuple = ()

    def __bool__(self):
        return bool(self.required or self.excluded)

    def terms(self):
        """Every term the query asks for (not those it excludes): what a highlight marks."""
        return {term for clause in self.required for phrase in clause.alternatives for term in phrase}


def parse(text):
    """The Query of a search box's text. An item with no term left (a function word, punctuation)
    asks for nothing; a text with nothing left is an empty (false) Query."""
    text = (text or "").strip()
    required, excluded = [], []
    pending_or = False
    for match in _ITEM.finditer(text):
        negated = bool(match.group(1) or match.group(3))
        quoted = match.group(2) is not None
        raw = match.group(2) if quoted else match.group(4)
        if not quoted and not negated and raw.lower() == "or":
            pending_or = bool(required)
            continue
        words = tuple(tokens(raw))
        phrase = tuple(stem(w) for w in words)
        if not phrase:
            continue
        clause = Clause(alternatives=(phrase,), words=words)
        if negated:
            excluded.append(clause)
            pending_or = False
        elif pending_or:
            previous = required.pop()
            required.append(
                Clause(
                    alternatives=(*previous.alternatives, phrase),
                    words=(*previous.words, *words),
                )
            )
            pending_or = False
        else:
            required.append(clause)
    return Query(text=text, required=tuple(required), excluded=tuple(excluded))


def phrases_of(clauses):
    """The alternatives of several clauses, as one clause: 'any of them' (how exclusions combine)."""
    return Clause(alternatives=tuple(p for c in clauses for p in c.alternatives))


# Endings of English and Spanish words (folded), whose last letters a reader may not have typed yet:
# a word being typed is completed with each tail of each, and the terms of those completions that
# the word already starts with are terms it has typed past ("administrat" + "ion" is `administr`).
ENDINGS = """
    s es ies ed ing ings ion ions ation ations ition itions ment ments ness ity ities ive ives al ally
    ly ic ics ical ism ist ists er ers or ors ance ence ant ent able ible ous ful ize ise izing ization
    y e o os a as cion ciones iones miento mientos ado ados ada adas ido idos ida idas ar ir ante antes
    ente entes idad idades ivo iva ivos ivas ales ico ica icos icas mente anza encia encias ista istas
""".split()
_TAILS = tuple(sorted({ending[start:] for ending in ENDINGS for start in range(len(ending))}))
# Terms shorter than this are not taken for what a longer word typed has gone past.
TYPED_MIN_TERM = 3


def as_typed(word):
    """How a folded `word` that is still being typed matches the index: (starts, terms).

    `starts` are what an indexed term may begin with: the word's term ("pensions" -> `pension`) and
    the word itself ("easy" begins `easygo`, whose term is `easi`; "men" begins `mental`, while its
    term is `man`). `terms` are whole terms the reader has already typed past: a stemmer cuts more off
    a whole word than its start holds ("administration" is `administr`, and "administrat", on the way
    to it, neither is nor starts that term), so the word is completed with the tails of common
    English and Spanish endings (`ENDINGS`) and the terms of the completions that the word starts
    with are kept.
    """
    starts = tuple(dict.fromkeys((stem(word), word)))
    english, spanish = _stemmers()
    completed = spanish.stemWords(english.stemWords([word + tail for tail in _TAILS]))
    passed = (term for term in completed if len(term) >= TYPED_MIN_TERM and word.startswith(term))
    terms = tuple(dict.fromkeys(term for term in passed if not term.startswith(starts)))
    return starts, terms
