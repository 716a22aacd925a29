"""The practices' CSV (`/api/v1/practices/?format=csv`): its public columns and how a practice
becomes a row.

Rows are built from plain values (Practice.objects.for_export), not by a serializer per practice:
at 100,000 practices DRF's fields cost more than the database. The cells are what the API's JSON
says of the same practice (a test compares them column by column): names and slugs of the related
rows, empty for a missing one, areas, target groups and lineage joined with `; `, the same absolute
`url` and `html_url` (the JSON's own `url`, without the `?format=csv` of the request).
"""

from itertools import chain
from operator import itemgetter

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from common.api import NAMESPACE

FILENAME = "practices.csv"

# Columns read from the database, by the path values_list() takes; the slug first (row() finds it there).
STORED = {
    "slug": "slug",
    "title": "title",
    "original_title": "original_title",
    "original_title_language": "original_title_language",
    "institution": "institution__name",
    "institution_slug": "institution__slug",
    "institution_acronym": "institution__acronym",
    "country_code": "country__code",
    "country": "country__name",
    "year": "year",
    "competition": "competition__name",
    "competition_slug": "competition__slug",
    "tier": "tier__name",
    "tier_slug": "tier__slug",
    "tier_rank": "tier__rank",
    "outcome": "outcome",
    "summary": "summary",
    "jury_comment": "jury_comment",
    "lessons": "lessons",
    "evidence": "evidence",
    "implementation_started": "implementation_started",
    "implementation_ended": "implementation_ended",
    "in_place": "in_place",
    "last_verified": "last_verified",
    "beneficiaries_count": "beneficiaries_count",
    "beneficiaries_year": "beneficiaries_year",
    "beneficiaries_note": "beneficiaries_note",
    "results": "results",
    "challenges": "challenges",
    "source_title": "source__title",
    "source_publisher": "source__publisher",
    "source_year": "source__year",
    "last_reviewed": "last_reviewed",
    "status": "status",
    "synthetic": "synthetic",
}

# The public column names, in their order (scripts rely on both; docs/api.md lists them): those of
# STORED, the priority areas' and target groups' names and slugs, the lineage's slugs (published
# practices only), and the practice's API and page URLs.
COLUMNS = (
    "slug",
    "title",
    "original_title",
    "original_title_language",
    "institution",
    "institution_slug",
    "institution_acronym",
    "country_code",
    "country",
    "year",
    "competition",
    "competition_slug",
    "tier",
    "tier_slug",
    "tier_rank",
    "priority_areas",
    "priority_area_slugs",
    "outcome",
    "summary",
    "jury_comment",
    "lessons",
    "evidence",
    "implementation_started",
    "implementation_ended",
    "in_place",
    "last_verified",
    "target_groups",
    "target_group_slugs",
    "beneficiaries_count",
    "beneficiaries_year",
    "beneficiaries_note",
    "results",
    "challenges",
    "adapted_from",
    "adopted_by",
    "source_title",
    "source_publisher",
    "source_year",
    "last_reviewed",
    "status",
    "synthetic",
    "url",
    "html_url",
)

AREA_SEPARATOR = "; "

# Columns made from the stored values, after them in a record (see PracticeRows.row).
COMPUTED = (
    "priority_areas",
    "priority_area_slugs",
    "target_groups",
    "target_group_slugs",
    "adapted_from",
    "adopted_by",
    "url",
    "html_url",
)

# Relations read a chunk at a time besides the areas (PracticeQuerySet.for_export's `related`).
RELATED = ("target_groups", "adapted_from", "adopted_by")

# A record's cells in COLUMNS' order, picked in C: a row costs little more than its csv line.
_IN_COLUMN_ORDER = itemgetter(*[(*STORED, *COMPUTED).index(column) for column in COLUMNS])

# A slug no practice has, to reverse a URL once and put each practice's slug in its place.
_MARKER = "csv-slug-marker-0"


class PracticeRows:
    """The CSV rows of a queryset of practices, for one request (its scheme and host make the URLs)."""

    def __init__(self, request):
        # Not DRF's reverse(), which would carry this request's `?format=csv` into every link: a
        # practice's API URL answers JSON, and CSV only exists for the list.
        api_url = request.build_absolute_uri(reverse(f"{NAMESPACE}:practice-detail", args=[_MARKER]))
        with translation.override(settings.LANGUAGE_CODE):
            page_url = request.build_absolute_uri(reverse("practice-detail", args=[_MARKER]))
        # Before the slug and after it; slugs are ASCII letters, digits, - and _: nothing to quote.
        self.api_before, self.api_after = api_url.split(_MARKER)
        self.page_before, self.page_after = page_url.split(_MARKER)

    def __call__(self, practices, chunk_size):
        """Tuples of cells in COLUMNS' order, one per practice, in the queryset's order.

        The first chunk is read now, so that a query that fails does so while the view can still
        answer with an error; the rest as the rows are asked for.
        """
        records = practices.for_export(list(STORED.values()), chunk_size=chunk_size, related=RELATED)
        first = next(records, None)
        if first is None:
            return iter(())
        return map(self.row, chain([first], records))

    def row(self, record):
        values, areas, groups, adapted_from, adopted_by = record
        slug = values[0]  # STORED starts with the slug
        computed = (
            AREA_SEPARATOR.join([name for name, _slug in areas]),
            AREA_SEPARATOR.join([area_slug for _name, area_slug in areas]),
            AREA_SEPARATOR.join([name for name, _slug in groups]),
            AREA_SEPARATOR.join([group_slug for _name, group_slug in groups]),
            AREA_SEPARATOR.join([other for _title, other in adapted_from]),
            AREA_SEPARATOR.join([other for _title, other in adopted_by]),
            f"{self.api_before}{slug}{self.api_after}",
            f"{self.page_before}{slug}{self.page_after}",
        )
        return _IN_COLUMN_ORDER(values + computed)
