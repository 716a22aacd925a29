"""Read shaping for source documents, institutions and practices, attached to the models as their
managers: every join and annotation a page or the API needs lives here, under a name."""

import operator
from collections import defaultdict
from contextlib import nullcontext
from functools import reduce
from itertools import islice, product

from django.core.exceptions import EmptyResultSet
from django.db import connections, models, transaction
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from awards.models import PriorityArea
from common.analysis import Clause, Query, parse, phrases_of
from common.caching import per_content_version, queryset_digest
from common.querysets import NaturalKeyQuerySet
from common.search import matching_all_words
from regions.querysets import PracticeCountQuerySet

from .choices import Status
from .roles import sees_drafts
from .search import EntryMatches, matching
from .similarity import candidates_for, terms_of

# Public sort order when the client asks for none: newest first, then by tier, then by title.
DEFAULT_ORDERING = (
    F("year").desc(),
    F("tier__rank").asc(nulls_last=True),
    F("title").asc(),
    F("slug").asc(),
)

# The order of a search's results: best match (PracticeQuerySet.search's rank), then by tier, then
# newest first.
SEARCH_ORDERING = (
    F("search_rank").desc(),
    F("tier__rank").asc(nulls_last=True),
    F("year").desc(),
    F("title").asc(),
    F("slug").asc(),
)

# How many practices an export (for_export) reads at a time: one fetch from the rows' cursor and one
# query for their priority areas per chunk. Django's own default for iterator() with prefetching.
EXPORT_CHUNK_SIZE = 2000

# Many-to-many relations an export reads a chunk at a time (for_export's `related`): the through
# table's column of the exported practice, of the related row, what names that row, and its order.
EXPORT_RELATIONS = {
    "target_groups": ("practice_id", "targetgroup", "name", ("position", "slug")),
    "adapted_from": ("from_practice_id", "to_practice", "title", ("year", "title", "slug")),
    "adopted_by": ("to_practice_id", "from_practice", "title", ("year", "title", "slug")),
}

# How many of the practices a search box's text matches its suggestions are chosen from (completing).
COMPLETING_CANDIDATES = 200

# A search's pages are read a rank at a time (PracticeQuerySet.page_rows) when it has at most this
# many required items (each earns one of 3 ranks: 3**n combinations to read) and the page ends
# within this many results. Longer searches and deeper pages are read by the one query that sorts
# every match, in the same order.
RANKED_PAGE_ITEMS = 3
RANKED_PAGE_DEPTH = 2000

# The order of a search's equal matches as the search entries hold it (SearchEntry.tier_order and
# year, indexed in this order): SEARCH_ORDERING after the rank.
_ENTRY_ORDERING = (
    F("search_entry__tier_order").asc(),
    F("search_entry__year").desc(),
    F("title").asc(),
    F("slug").asc(),
)
_ENTRY_COLUMNS = tuple(key.expression.name for key in _ENTRY_ORDERING)

# Fields searched (indexed by catalogue.services.search_index), by the rank a match in them earns.
SEARCH_FIELDS = {
    "title": ("title", "original_title"),
    "institution": ("institution__name", "institution__acronym", "institution__original_name"),
    # What the practice did and learnt: results, lessons and what did not work are found too.
    "body": ("summary", "jury_comment", "results", "lessons", "challenges"),
}

# Fields an institution is found by, by name (InstitutionQuerySet.named).
INSTITUTION_NAME_FIELDS = ("name", "original_name", "acronym", "slug")

# Tiers a competition's document counts as certificates of merit (special mentions included).
MERIT_TIERS = ("merit", "merit-special-mention")


class SourceDocumentQuerySet(NaturalKeyQuerySet):
    pass


class InstitutionQuerySet(PracticeCountQuerySet):
    def named(self, text):
        """The institution whose slug is `text`, or else those whose name, original name, acronym or
        slug contains every word of `text`, case and accents aside ("prevision" finds "Previsión")."""
        text = (text or "").strip()
        by_words = matching_all_words(self.model.objects.all(), INSTITUTION_NAME_FIELDS, text)
        slug_taken = Exists(self.model.objects.filter(slug=text))
        return self.filter(Q(slug=text) | (~slug_taken & Q(pk__in=by_words.values("pk"))))

    def for_list(self):
        return self.select_related("country")

    def for_api(self):
        """Institutions with their country, by name (/api/v1/institutions/): one query a page."""
        return self.for_list().order_by("name", "slug")


def _forgetting_search(combine):
    """`combine` (`|`, `&`, `^`, union ...), whose result is no longer one search's results."""

    def combined(self, *args, **kwargs):
        result = combine(self, *args, **kwargs)
        result._search = None
        return result

    return combined


class PracticeQuerySet(NaturalKeyQuerySet):
    # The parsed query of search(), carried to the querysets made from this one (filters, orderings),
    # for page_rows() and count(); combining querysets (`|`, `&`) forgets it.
    _search = None

    def _clone(self):
        clone = super()._clone()
        clone._search = self._search
        return clone

    __or__ = _forgetting_search(NaturalKeyQuerySet.__or__)
    __and__ = _forgetting_search(NaturalKeyQuerySet.__and__)
    __xor__ = _forgetting_search(NaturalKeyQuerySet.__xor__)
    _combinator_query = _forgetting_search(NaturalKeyQuerySet._combinator_query)

    def count(self):
        """The number of practices here; for a search, once per content version (the same for every
        visitor of an audience, and its costliest part: a word that half the catalogue holds is
        counted over half the catalogue)."""
        if self._search is None or self._result_cache is not None:
            return super().count()
        return per_content_version("search-count", super().count, queryset_digest(self))

    def page_rows(self, bottom, top):
        """The practices from `bottom` to `top` (0-based, end excluded) of this search's results in
        SEARCH_ORDERING, as a list, in two queries (and the prefetches): common.pagination's
        Paginator reads a page this way. None when this is not a search in that order, has more
        than RANKED_PAGE_ITEMS required items or the page ends past RANKED_PAGE_DEPTH: then slice.

        The results of one rank are those whose items match in the same fields (every item in a
        title: 4 each; ...), and within a rank they are in the entries' order (_ENTRY_ORDERING). So
        each rank's first `top` matches are read by walking the entries in that order and stopping
        once there are enough, and the page is cut from those, best rank first: a word that 60,000
        practices hold reads a few hundred entries for the first page instead of sorting 60,000.
        """
        parsed = self._search
        if (
            parsed is None
            or not 0 < len(parsed.required) <= RANKED_PAGE_ITEMS
            or top > RANKED_PAGE_DEPTH
            or self.query.order_by != SEARCH_ORDERING
            or self.query.is_sliced
            or self._fields is not None
        ):
            return None
        if top <= bottom:
            return []
        parts, params = [], []
        for rank, condition in _ranks(parsed.required):
            branch = (
                self.filter(condition)
                .annotate(page_rank=Value(rank, output_field=IntegerField()))
                .order_by(*_ENTRY_ORDERING)
                .values_list("pk", "page_rank", *_ENTRY_COLUMNS)
            )[:top]
            try:
                sql, branch_params = branch.query.get_compiler(using=self.db).as_sql()
            except EmptyResultSet:
                continue
            parts.append(f"SELECT * FROM ({sql}) AS rank{rank}")
            params.extend(branch_params)
        if not parts:
            return []
        # By rank, then the entries' order: the columns selected, by position.
        order = ", ".join(
            f"{position} {'DESC' if key.descending else 'ASC'}"
            for position, key in enumerate(_ENTRY_ORDERING, start=3)
        )
        sql = " UNION ALL ".join(parts) + f" ORDER BY 2 DESC, {order} LIMIT %s OFFSET %s"
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, [*params, top - bottom, bottom])
            ranked = [(pk, rank) for pk, rank, *_keys in cursor.fetchall()]
        if not ranked:
            return []
        # The rows, their rank given (not computed again for every match).
        ranks = [models.When(pk=pk, then=Value(r)) for pk, r in ranked]
        found = self.annotate(search_rank=models.Case(*ranks, output_field=IntegerField()))
        rows = {row.pk: row for row in found.filter(pk__in=[pk for pk, _ in ranked]).order_by()}
        return [rows[pk] for pk, _ in ranked if pk in rows]

    def published(self):
        """Practices the public may see."""
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """Published practices for everyone; drafts and withdrawn ones too for users who may see them."""
        return self.all() if sees_drafts(user) else self.published()

    def for_list(self):
        """Everything a list row shows (API result, page card) in a fixed number of queries; the CSV
        reads the same rows as plain values (for_export)."""
        return self.select_related(
            "institution", "country", "competition", "tier", "source"
        ).prefetch_related(
            Prefetch("priority_areas", queryset=PriorityArea.objects.order_by("position", "slug"))
        )

    def with_evidence(self):
        """for_list(), and what the evidence fields show of each row: its target groups and its
        lineage (the practices it was adapted from and those that adopted it), three queries more
        whatever the number of rows. For the API's results and a practice's page; the pages'
        cards, which show none of it, do without.

        Lineage names published practices only, whoever asks: a draft's title is not public, and
        the list must not depend on who reads it to stay cacheable."""
        return self.for_list().prefetch_related(
            Prefetch("target_groups", queryset=self._target_groups()),
            Prefetch("adapted_from", queryset=self._lineage()),
            Prefetch("adopted_by", queryset=self._lineage()),
        )

    def _target_groups(self):
        return self.model._meta.get_field("target_groups").related_model.objects.order_by("position", "slug")

    def _lineage(self):
        return self.model.objects.published().only("slug", "title", "year").order_by("year", "title", "slug")

    def for_export(self, fields, chunk_size=EXPORT_CHUNK_SIZE, related=()):
        """Every practice here, in this queryset's order, as (values of `fields`, priority areas):
        `fields` are paths as values_list() takes them, the areas a list of (name, slug) in the
        areas' order, as for_list() prefetches them. With `related` (names of EXPORT_RELATIONS), one
        more list per name after the areas: a list of (name, slug) again, in for_list()'s order, the
        lineage naming published practices only (title as the name), as the JSON does.

        For exports of the whole catalogue: rows are plain tuples (no model instances) read
        `chunk_size` at a time, so memory holds one chunk whatever the number of rows. One query for
        the rows (a server-side cursor on PostgreSQL, fetched a chunk at a time), then one per chunk
        for their areas. A generator: nothing is read until its first row is asked for.

        On PostgreSQL the rows are read inside a transaction, held until the last row or until
        the generator is closed (the response is). In autocommit, as a web request reads, the
        server-side cursor would be declared WITH HOLD and computed whole when its DECLARE
        commits, which no statement timeout can stop (common/statement_timeout.py); inside a
        transaction each FETCH is a statement of its own, which the timeout bounds.
        """
        connection = connections[self.db]
        in_transaction = connection.vendor == "postgresql" and connection.get_autocommit()
        with transaction.atomic(using=self.db) if in_transaction else nullcontext():
            rows = self.prefetch_related(None).values_list("pk", *fields).iterator(chunk_size=chunk_size)
            # From the database the rows come from (with several, a router could send it elsewhere).
            links = self.model.priority_areas.through.objects.using(self.db).order_by(
                "priorityarea__position", "priorityarea__slug"
            )
            while chunk := list(islice(rows, chunk_size)):
                areas = defaultdict(list)
                chunk_links = links.filter(practice_id__in=[row[0] for row in chunk]).values_list(
                    "practice_id", "priorityarea__name", "priorityarea__slug"
                )
                for practice_id, name, slug in chunk_links:
                    areas[practice_id].append((name, slug))
                ids = [row[0] for row in chunk]
                others = [self._export_relation(name, ids) for name in related]
                for row in chunk:
                    yield (row[1:], areas.get(row[0], []), *(other.get(row[0], []) for other in others))

    def _export_relation(self, name, ids):
        """{practice id: [(name, slug), ...]} of one relation of EXPORT_RELATIONS, for `ids`: one query."""
        own, other, label, order = EXPORT_RELATIONS[name]
        links = getattr(self.model, name).through.objects.using(self.db).filter(**{f"{own}__in": ids})
        if other != "targetgroup":
            links = links.filter(**{f"{other}__status": Status.PUBLISHED})
        found = defaultdict(list)
        rows = links.order_by(*(f"{other}__{key}" for key in order)).values_list(
            own, f"{other}__{label}", f"{other}__slug"
        )
        for practice_id, text, slug in rows:
            found[practice_id].append((text, slug))
        return found

    def for_detail(self):
        """A single practice with its relations, for the detail page and API."""
        return self.with_evidence().select_related("country__region", "competition__region")

    def for_sitemap(self):
        """Slugs and dates of the published practices, in a stable order."""
        return self.published().order_by("slug").only("slug", "updated_at")

    def last_updated(self):
        """When the latest of these practices last changed (None when there are none): one query."""
        return self.aggregate(latest=models.Max("updated_at"))["latest"]

    def default_order(self):
        return self.order_by(*DEFAULT_ORDERING)

    def related_to(self, practice, limit=6):
        """Up to `limit` other practices here that say what `practice` says, most related first.

        Each of the practice's distinctive terms (catalogue.similarity) scores its weight for a
        practice that holds it, twice that when in its title. Ties go to the practice sharing more
        priority areas, then to one of the same institution, then to the catalogue's default order.
        Only practices holding one of the terms, or of the same institution, are candidates. A
        practice with no distinctive term (no search entry, or only words nobody else uses or that
        everybody uses) falls back to related_by_facts().

        Three queries (plus the list's prefetch) whatever the size of the catalogue: the practice's
        terms (two), then the ranking, in which each term's holders are one index lookup that the
        database makes once for the whole query, not once per row.
        """
        terms = terms_of(practice)
        if not terms:
            return self.related_by_facts(practice, limit)
        content = Value(0)
        for term, weight in terms.items():
            clause = [Clause(alternatives=((term,),))]
            # Most candidates lack most terms: one lookup tells them, the title's only for holders.
            content = content + models.Case(
                models.When(
                    pk__in=matching(clause),
                    then=models.Case(
                        models.When(pk__in=matching(clause, "title"), then=2 * weight), default=weight
                    ),
                ),
                default=0,
            )
        through = self.model.priority_areas.through.objects
        shared = Value(0)
        for area in practice.priority_areas.all():
            holders = through.filter(priorityarea_id=area.pk).values("practice_id")
            shared = shared + models.Case(models.When(pk__in=holders, then=1), default=0)
        same_institution = Value(0)
        if practice.institution_id:
            same_institution = models.Case(
                models.When(institution_id=practice.institution_id, then=1), default=0
            )
        candidates = candidates_for(terms, practice.institution_id)
        return (
            self.exclude(pk=practice.pk)
            .filter(pk__in=candidates)
            .annotate(
                similarity=models.ExpressionWrapper(content, output_field=IntegerField()),
                shared_areas=models.ExpressionWrapper(shared, output_field=IntegerField()),
                same_institution=models.ExpressionWrapper(same_institution, output_field=IntegerField()),
            )
            .order_by(
                F("similarity").desc(),
                F("shared_areas").desc(),
                F("same_institution").desc(),
                *DEFAULT_ORDERING,
            )[:limit]
        )

    def related_by_facts(self, practice, limit=6):
        """Practices that share priority areas or the institution with `practice`, most related first:
        what related_to() falls back to when the practice's texts give it nothing to go on.

        Each shared priority area scores 1 and the same institution 2. A practice with neither areas
        nor an institution (a workshop's national strategy) is related to the other practices of its
        source document that are not competition entries. Reads the areas of `practice` from its
        prefetch (for_detail), so this adds one query (plus the list's prefetch).
        """
        area_ids = [area.pk for area in practice.priority_areas.all()]
        through = self.model.priority_areas.through.objects.filter(
            practice_id=OuterRef("pk"), priorityarea_id__in=area_ids
        )
        shared = Coalesce(
            Subquery(
                through.order_by().values("practice_id").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            0,
        )
        score = F("shared_areas")
        if practice.institution_id:
            score = score + models.Case(
                models.When(institution_id=practice.institution_id, then=2),
                default=0,
                output_field=IntegerField(),
            )
        if not area_ids and not practice.institution_id and practice.source_id:
            score = score + models.Case(
                models.When(source_id=practice.source_id, competition__isnull=True, then=1),
                default=0,
                output_field=IntegerField(),
            )
        return (
            self.exclude(pk=practice.pk)
            .annotate(shared_areas=shared)
            .annotate(relatedness=score)
            .filter(relatedness__gt=0)
            .order_by(F("relatedness").desc(), *DEFAULT_ORDERING)[:limit]
        )

    def counts_by(self, *fields):
        """Rows of {field: value, ..., "count": n}: how many practices share each combination of values.

        One aggregate query, e.g. counts_by("country__code", "tier__slug") for a chart; a field across a
        many-to-many relation (priority_areas__slug) counts a practice once per related row.
        """
        rows = self.order_by().values(*fields).annotate(count=Count("pk", distinct=True))
        return list(rows.order_by(*fields))

    def counts_by_area_and_evidence(self):
        """Rows of {"priority_areas__slug", "evidence", "outcome", "count"}: one aggregate query, the
        cells of both gap maps of /evidence/ (catalogue/evidence_map.py). A practice counts once under
        each of its priority areas, under None when it has none."""
        return self.counts_by("priority_areas__slug", "evidence", "outcome")

    def counts_by_evidence(self):
        """Rows of {"evidence", "outcome", "count"}: one aggregate query, each practice counted once
        (the gap maps' column totals and the rubric's count per level)."""
        return self.counts_by("evidence", "outcome")

    def totals(self):
        """{"practices", "countries", "institutions", "competitions"}: distinct counts, in one query."""
        return self.order_by().aggregate(
            practices=Count("pk", distinct=True),
            countries=Count("country", distinct=True),
            institutions=Count("institution", distinct=True),
            competitions=Count("competition", distinct=True),
        )

    def competition_totals(self, competition):
        """What these practices hold of `competition`, to set beside the totals its document reports.

        {"entries", "organizations", "countries", "certificates_of_merit", "special_mentions",
        "awards"}, in one query. Certificates of merit include those with a special mention, as the
        results document counts them.
        """
        return (
            self.filter(competition=competition)
            .order_by()
            .aggregate(
                entries=Count("pk", distinct=True),
                organizations=Count("institution", distinct=True),
                countries=Count("country", distinct=True),
                certificates_of_merit=Count("pk", filter=Q(tier__slug__in=MERIT_TIERS), distinct=True),
                special_mentions=Count("pk", filter=Q(tier__slug="merit-special-mention"), distinct=True),
                awards=Count("pk", filter=Q(tier__slug="award"), distinct=True),
            )
        )

    def search(self, query):
        """Practices matching `query` (text or a parsed common.analysis.Query), annotated with
        `search_rank`: the same on SQLite and PostgreSQL.

        Words match across inflections in English and Spanish ("pensiones" finds "pensions"), case
        and accents aside; `"a phrase"`, `-word` and `or` as in web search. Each required item adds
        4 to the rank when it is in the title or original title, 2 when in the institution's names,
        1 when only in the summary, jury comment, results, lessons or challenges. Text with no word in
        it matches nothing.
        """
        parsed = query if isinstance(query, Query) else parse(query)
        if not parsed:
            return self if not parsed.text else self.annotate(search_rank=Value(0)).none()
        # Tested on each practice's search entry (joined): the match reads the full-text index, the
        # exclusion and the ranks the entry's own row.
        found = self
        if parsed.required:
            found = found.filter(EntryMatches(parsed.required, "all"))
        if parsed.excluded:
            found = found.exclude(EntryMatches([phrases_of(parsed.excluded)], "all"))
        rank = Value(0)
        for clause in parsed.required:
            rank = rank + models.Case(
                models.When(EntryMatches([clause], "title"), then=4),
                models.When(EntryMatches([clause], "institution"), then=2),
                default=1,
            )
        found = found.annotate(search_rank=models.ExpressionWrapper(rank, output_field=IntegerField()))
        found._search = parsed
        return found

    def editor_search(self, query):
        """What the admin's search box finds: search(), and the practice whose slug is `query`."""
        query = (query or "").strip()
        if not query:
            return self
        return self.search(query) | self.filter(slug=query)

    def completing(self, text):
        """Practices whose title or original title holds the words of `text`, the last one as the
        start of a word ("pen" finds "Universal pension for the elderly"), by title among the first
        COMPLETING_CANDIDATES found: what a search box suggests while someone types
        (catalogue.suggestions). Text with no word in it matches nothing."""
        parsed = parse(text)
        if not parsed.required:
            return self.none()
        found = matching(parsed.required, "title", prefix=True)
        # The first COMPLETING_CANDIDATES matches the index gives, then by title: sorting every match
        # costs as many rows as match (a start such as "co" matches most titles), and reading titles
        # in order until enough match (which PostgreSQL plans for a start it thinks common) costs as
        # many rows as do not; a bounded set of matches costs neither.
        candidates = RawSQL(
            f"SELECT * FROM ({found.sql}) AS found LIMIT %s", (*found.params, COMPLETING_CANDIDATES)
        )
        return self.filter(pk__in=candidates).order_by("title", "slug")


def _ranks(clauses):
    """[(rank, condition)] of a search's results, best rank first: each condition holds the results
    of that rank (search()'s ranks: each clause earns 4 in a title, else 2 in the institution's
    names, else 1), tested on the practice's search entry (search.EntryMatches)."""
    levels = []
    for clause in clauses:
        title = Q(EntryMatches([clause], "title"))
        institution = Q(EntryMatches([clause], "institution"))
        levels.append(((4, title), (2, ~title & institution), (1, ~title & ~institution)))
    by_rank = {}
    for combination in product(*levels):
        rank = sum(level for level, _condition in combination)
        condition = reduce(operator.and_, (condition for _level, condition in combination))
        by_rank[rank] = by_rank[rank] | condition if rank in by_rank else condition
    return sorted(by_rank.items(), key=lambda item: -item[0])
