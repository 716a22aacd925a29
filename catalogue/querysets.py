"""Read shaping for practices: every join and annotation a page or the API needs lives here."""

import re

from django.db import connection, models
from django.db.models import F, Prefetch, Q, Value
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


class PracticeManager(models.Manager.from_queryset(PracticeQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)
