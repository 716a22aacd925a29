"""Read shaping for practices: every join and annotation a page or the API needs lives here."""

import re

from django.db import connection, models
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower

from .search import Unaccent, fold

# Public sort order when the client asks for none: newest first, then by tier, then by title.
DEFAULT_ORDERING = (
    F("year").desc(),
    F("tier__rank").asc(nulls_last=True),
    F("title").asc(),
    F("slug").asc(),
)

# Fields searched, with their PostgreSQL full-text weights.
SEARCH_FIELDS = (
    ("title", "A"),
    ("original_title", "A"),
    ("institution__name", "B"),
    ("institution__acronym", "B"),
    ("institution__original_name", "B"),
    ("summary", "C"),
    ("jury_comment", "D"),
)

_WORD = re.compile(r"[\w'-]+")


class PracticeQuerySet(models.QuerySet):
    def published(self):
        """Practices the public may see."""
        return self.filter(status="published")

    def visible_to(self, user):
        """Published practices for everyone; drafts and withdrawn ones too for users who may view them."""
        if user is not None and user.is_authenticated and user.has_perm("catalogue.view_practice"):
            return self.all()
        return self.published()

    def for_list(self):
        """Everything a list row shows (API result, page card, CSV row) in a fixed number of queries."""
        from awards.models import PriorityArea

        return self.select_related(
            "institution", "country", "competition", "tier", "source"
        ).prefetch_related(
            Prefetch("priority_areas", queryset=PriorityArea.objects.order_by("position", "slug"))
        )

    def for_detail(self):
        """A single practice with its relations, for the detail page and API."""
        return self.for_list().select_related("country__region", "competition__region")

    def default_order(self):
        return self.order_by(*DEFAULT_ORDERING)

    def related_to(self, practice, limit=6):
        """Practices that share priority areas or the institution with `practice`, most related first.

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

    def totals(self):
        """{"practices", "countries", "institutions", "competitions"}: distinct counts, in one query."""
        return self.order_by().aggregate(
            practices=Count("pk", distinct=True),
            countries=Count("country", distinct=True),
            institutions=Count("institution", distinct=True),
            competitions=Count("competition", distinct=True),
        )

    def search(self, query):
        """Practices matching every word of `query`, ignoring case and accents ("movil" finds "Móvil").

        On PostgreSQL: full-text search (websearch syntax, English stemming) over unaccented, weighted
        fields, annotated with `search_rank`. Elsewhere: each word must occur in one of the same fields,
        compared lower-cased and unaccented; `search_rank` is 1 for all rows.
        """
        query = (query or "").strip()
        if not query:
            return self
        if connection.vendor == "postgresql":
            return self._search_postgresql(query)
        words = _WORD.findall(fold(query))
        if not words:
            # Punctuation only: nothing matches, but callers may still order by `search_rank`.
            return self.annotate(search_rank=Value(1.0)).none()
        condition = Q()
        for word in words:
            any_field = Q()
            for name, _weight in SEARCH_FIELDS:
                any_field |= Q(**{f"_search_{name}__contains": word})
            condition &= any_field
        annotations = {
            f"_search_{name}": Lower(Unaccent(Coalesce(name, Value("")))) for name, _ in SEARCH_FIELDS
        }
        return self.annotate(**annotations, search_rank=Value(1.0)).filter(condition)

    def _search_postgresql(self, query):
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = None
        for name, weight in SEARCH_FIELDS:
            part = SearchVector(Unaccent(Coalesce(name, Value(""))), weight=weight, config="english")
            vector = part if vector is None else vector + part
        search_query = SearchQuery(fold(query), search_type="websearch", config="english")
        return (
            self.annotate(_search_vector=vector)
            .filter(_search_vector=search_query)
            .annotate(search_rank=SearchRank(F("_search_vector"), search_query))
        )


class PracticeCountQuerySet(models.QuerySet):
    """Base of the querysets of models that practices belong to (countries, areas, tiers, ...).

    `practice_path` is the lookup from the model to its practices.
    """

    practice_path = "practices"

    def with_practice_counts(self, practices):
        """Annotate `practice_count`: how many of `practices` (a Practice queryset) each row has.

        Pass `Practice.objects.visible_to(user)` so the counts match what the user can open. One query.
        """
        path = self.practice_path
        visible = practices.order_by().values("pk")
        return self.annotate(
            practice_count=Count(path, filter=Q(**{f"{path}__in": visible}), distinct=True)
        )


class InstitutionQuerySet(PracticeCountQuerySet):
    """Institutions; until the model's manager uses it, start from `institutions()`."""

    def for_list(self):
        return self.select_related("country")


def institutions():
    from .models import Institution

    return InstitutionQuerySet(Institution)


class PracticeManager(models.Manager.from_queryset(PracticeQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)
