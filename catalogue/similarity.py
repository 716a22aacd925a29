"""What a practice is about, in the search index's terms: the few terms that tell it from the rest of
the catalogue, each with a weight, from which PracticeQuerySet.related_to finds the practices that
say the same things.

A term weighs what it weighs in tf-idf: how often the practice says it (a word of the title or the
original title counts TITLE_WEIGHT times a word of the summary or jury comment; the institution's
names are left to the "same institution" tie-breaker), times how rare it is in the catalogue (the
log of the number of practices over the number holding it, from SearchTerm). A term no other
practice holds relates it to nothing, and one held by more than half the catalogue ("social",
"security" in a catalogue of social security) relates it to everything: both are left out.

Weights are whole numbers (hundredths), so the sums both databases make of them are exact and order
the same practices the same way.
"""

import math
from collections import Counter

from django.db.models.expressions import RawSQL

from common.analysis import Clause, stem

from .search import matching

# How many of its terms describe a practice: enough for its title and the gist of a summary, few
# enough that the query stays small (each term is one index lookup).
MAX_TERMS = 20
# A term of the title weighs this many times a term the summary says once (a summary's term weighs
# more the more often it is said, as 1 + log of that number).
TITLE_WEIGHT = 3
# The most practices the chosen terms may be held by, together: the ranking reads each holder, so
# this bounds its cost in a large catalogue (the heaviest terms, the rarest, come first). The 68 of the
# fixtures never reach it.
POSTINGS_BUDGET = 3000
# A term held by more than this share of the catalogue's practices says nothing of any of them.
MAX_SHARE = 0.5

# Words that say nothing of what a practice is about, beyond the search's own function words
# (common.analysis.STOP_WORDS, which stay few so that anything can be searched for): as terms.
FUNCTION_TERMS = frozenset(
    stem(word)
    for word in """
    about across after again against all also am any been before being between both but can could
    did do does each either else even ever every few had he her here him his how however i if
    many may me might more most much must my neither no non nor not now off once one only other
    our ours out over own same she should since so some such than then there these they those
    though through thus too under until up upon us very via was we well what when where whether
    while who whom whose why will within without would yet you your
    """.split()
)


def distinctive_terms(title, body, frequencies, total):
    """{term: weight} of the (at most MAX_TERMS) terms that best tell a practice from the others.

    `title` and `body` are its search entry's texts (space-separated terms), `frequencies` the
    number of practices holding each of those terms, `total` the number of practices indexed. The
    heaviest first; among equal weights, in alphabetical order, so the choice is the same each time.
    """
    in_title = set(title.split())
    in_body = Counter(body.split())
    weights = {}
    for term in in_title | set(in_body):
        held_by = frequencies.get(term, 0)
        if term in FUNCTION_TERMS or held_by < 2 or held_by > MAX_SHARE * total:
            continue
        said = TITLE_WEIGHT if term in in_title else 0
        if in_body[term]:
            said += 1 + math.log(in_body[term])
        weights[term] = round(100 * said * math.log(total / held_by))
    chosen, postings = {}, 0
    for term, weight in sorted(weights.items(), key=lambda item: (-item[1], item[0])):
        if len(chosen) == MAX_TERMS:
            break
        if weight > 0 and postings + frequencies[term] <= POSTINGS_BUDGET:
            chosen[term] = weight
            postings += frequencies[term]
    return chosen


def terms_of(practice):
    """distinctive_terms() of `practice`, read in two queries (its search entry with the number of
    entries, then its terms' frequencies); {} when it has no entry."""
    # Imported here: catalogue.models imports the querysets, which import this module.
    from .models import SearchEntry, SearchTerm

    total = RawSQL(f"SELECT COUNT(*) FROM {SearchEntry._meta.db_table}", [])
    entry = (
        SearchEntry.objects.filter(pk=practice.pk)
        .annotate(total=total)
        .values_list("title", "body", "total")
        .first()
    )
    if entry is None:
        return {}
    title, body, total = entry
    words = set(title.split()) | set(body.split())
    if not words:
        return {}
    frequencies = dict(SearchTerm.objects.filter(term__in=words).values_list("term", "practices"))
    return distinctive_terms(title, body, frequencies, total)


def candidates_for(terms, institution_id=None):
    """The ids (a subquery for `pk__in=`) of the practices holding any of `terms`, and of those of
    the institution `institution_id`: one index lookup each, and their union. (A single query for
    any of the terms would read every search entry on PostgreSQL when many practices hold them: its
    planner does not see what matching a row costs.)"""
    from .models import Practice

    parts = [matching([Clause(alternatives=((term,),))]) for term in terms]
    sql = [part.sql for part in parts]
    params = [param for part in parts for param in part.params]
    if institution_id is not None:
        sql.append(f"SELECT id FROM {Practice._meta.db_table} WHERE institution_id = %s")
        params.append(institution_id)
    return RawSQL(" UNION ".join(sql), params)
