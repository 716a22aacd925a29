"""Keeping the search index current: each practice's SearchEntry (the terms of its texts) and the
vocabulary (SearchTerm), written in the transaction of the write they follow.

Signals (connect_signals, from CatalogueConfig.ready) cover every save and delete of a practice or an
institution, and every save of an award tier (whose rank orders the entries), whoever makes it:
admin, API, imports, the loader, a restore. Bulk writes send no signal: what makes them calls
index() itself (generate_synthetic), or runs `rebuild_search_index`. Raw saves (`loaddata`) are
left alone: `restore_catalogue` rebuilds the index once after its load, where indexing each
practice as it arrives would rewrite the vocabulary's counts each time (more than ten minutes for a
backup of 10,000 practices).
"""

from collections import Counter, defaultdict

from django.db import transaction
from django.db.models.signals import post_save, pre_delete

from awards.models import AwardTier
from common.analysis import stem, tokens

from ..models import NO_TIER_ORDER, Institution, Practice, SearchEntry, SearchTerm
from ..querysets import SEARCH_FIELDS

# How many practices index() reads, analyses and writes at a time.
BATCH = 2000

# What an entry is read from: the practice's id, tier rank and year (the entry's order), then the
# searched fields, by the entry's column their texts go to.
_TEXT_FIELDS = ("pk", "tier__rank", "year", *(name for names in SEARCH_FIELDS.values() for name in names))


class _Analysis:
    """Terms of many texts, with a memo of each word's term (a catalogue repeats its words) and a
    count of the words seen for each term, from which the vocabulary picks the word it shows."""

    def __init__(self):
        self.memo = {}
        self.words = defaultdict(Counter)

    def __call__(self, *texts):
        out = []
        for text in texts:
            for word in tokens(text):
                term = self.memo.get(word)
                if term is None:
                    term = self.memo[word] = stem(word)
                self.words[term][word] += 1
                out.append(term)
        return " ".join(out)


def _entry(row, analyse, model=SearchEntry):
    pk, tier_rank, year, *texts = row
    columns, start = {}, 0
    for column, names in SEARCH_FIELDS.items():
        columns[column] = analyse(*texts[start : start + len(names)])
        start += len(names)
    tier_order = NO_TIER_ORDER if tier_rank is None else tier_rank
    return model(practice_id=pk, tier_order=tier_order, year=year, **columns)


@transaction.atomic
def index(practice_ids):
    """Write the search entries of these practices from their current texts, and the vocabulary's
    counts with them. Ids of practices that no longer exist are ignored."""
    ids = list(practice_ids)
    for start in range(0, len(ids), BATCH):
        _index_batch(ids[start : start + BATCH])


def _index_batch(ids):
    analyse = _Analysis()
    entries = [
        _entry(row, analyse) for row in Practice._base_manager.filter(pk__in=ids).values_list(*_TEXT_FIELDS)
    ]
    old = {entry.pk: term_set(entry) for entry in SearchEntry.objects.filter(pk__in=ids)}
    change = Counter()
    for entry in entries:
        before, after = old.pop(entry.pk, set()), term_set(entry)
        change.update(after - before)
        change.subtract(before - after)
    for before in old.values():  # entries of practices gone (none: a delete cascades)
        change.subtract(before)
    # A delete that no signal receiver watches is one DELETE statement; the triggers of migration
    # 0011 update each database's full-text index from the rows written here.
    SearchEntry.objects.filter(pk__in=ids).delete()
    SearchEntry.objects.bulk_create(entries)
    _count(change, analyse.words)


def _words(counter, known=()):
    """The words to keep for a term: those known first, then the new ones by frequency."""
    kept = list(known)
    for word, _n in counter.most_common():
        if len(kept) >= SearchTerm.WORDS_PER_TERM:
            break
        if word not in kept:
            kept.append(word)
    return " ".join(kept)


def _count(change, words):
    """Apply `change` ({term: +n/-n practices}) to the vocabulary, with the words `words` ({term:
    Counter of words}) saw; a term no practice holds any more leaves it."""
    terms = {term for term, n in change.items() if n} | set(words)
    if not terms:
        return
    known = SearchTerm.objects.in_bulk(list(terms))
    updated, created, emptied = [], [], []
    for term in terms:
        n = change.get(term, 0)
        row = known.get(term)
        if row is None:
            if n > 0:
                created.append(SearchTerm(term=term, words=_words(words[term]), practices=n))
            continue
        forms = _words(words.get(term, Counter()), row.words.split())
        if not n and forms == row.words:
            continue
        row.practices, row.words = max(row.practices + n, 0), forms
        (updated if row.practices else emptied).append(row)
    SearchTerm.objects.bulk_create(created, batch_size=BATCH)
    SearchTerm.objects.bulk_update(updated, ["practices", "words"], batch_size=BATCH)
    SearchTerm.objects.filter(pk__in=[row.pk for row in emptied]).delete()


def term_set(entry):
    """The distinct terms of a search entry."""
    return {*entry.title.split(), *entry.institution.split(), *entry.body.split()}


@transaction.atomic
def rebuild(practice_model=Practice, entry_model=SearchEntry, term_model=SearchTerm):
    """Index every practice afresh: the entries and the vocabulary (with exact counts and each
    term's most frequent word). Returns how many practices were indexed.

    For a database whose entries were never written or are in doubt (`rebuild_search_index`); the
    migration that made the index passes its own historical models.
    """
    entry_model._base_manager.all().delete()
    term_model._base_manager.all().delete()
    analyse = _Analysis()
    counts = Counter()
    ids = list(practice_model._base_manager.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        rows = practice_model._base_manager.filter(pk__in=ids[start : start + BATCH]).values_list(
            *_TEXT_FIELDS
        )
        entries = [_entry(row, analyse, entry_model) for row in rows]
        for entry in entries:
            counts.update(term_set(entry))
        entry_model._base_manager.bulk_create(entries)
    term_model._base_manager.bulk_create(
        (
            term_model(term=term, words=_words(analyse.words[term]), practices=n)
            for term, n in counts.items()
        ),
        batch_size=BATCH,
    )
    return len(ids)


def _tier_saved(sender, instance, created, raw=False, **kwargs):
    # A tier's rank orders its practices' entries: one UPDATE (the tier's save has replaced the
    # content version already, in the same transaction).
    if not created and not raw:
        SearchEntry.objects.filter(practice__tier=instance).update(tier_order=instance.rank)


def _practice_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index([instance.pk])


def _institution_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:  # a new institution has no practice yet
        index(Practice._base_manager.filter(institution=instance).values_list("pk", flat=True))


@transaction.atomic
def forget(practice_ids):
    """Remove these practices' entries, and their terms from the vocabulary's counts: before the
    practices are deleted by a bulk DELETE (a deletion through the ORM calls it by itself)."""
    ids = list(practice_ids)
    for start in range(0, len(ids), BATCH):
        chunk = SearchEntry.objects.filter(pk__in=ids[start : start + BATCH])
        change = Counter()
        for entry in chunk:
            change.subtract(term_set(entry))
        chunk.delete()
        _count(change, {})


def _practice_deleted(sender, instance, **kwargs):
    forget([instance.pk])


def connect_signals():
    post_save.connect(_practice_saved, sender=Practice, dispatch_uid="search-index-practice")
    post_save.connect(_institution_saved, sender=Institution, dispatch_uid="search-index-institution")
    post_save.connect(_tier_saved, sender=AwardTier, dispatch_uid="search-index-tier")
    pre_delete.connect(_practice_deleted, sender=Practice, dispatch_uid="search-index-practice-delete")
