"""Citations of practices (`?format=ris|bibtex|csljson` on /api/v1/practices/ and on a practice):
what a reference manager is given of each, made from plain values as the CSV's rows are.

Each practice is cited as a record of the catalogue: its title, its institution as corporate
author, its year, its page (`html_url`, the English one, as in the JSON and CSV), the day it was
read (today, UTC), the catalogue as who keeps it, and the source document it was taken from
(title, publisher, year). The key is the practice's slug: unique, and stable as long as the slug.
"""

from datetime import UTC
from itertools import chain

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from common.api.citations import Citation

CATALOGUE = "Good-practice catalogue"
NOTE = f"A record of the {CATALOGUE}, which takes its text from the source document named."

# What a citation reads of a practice, by the path values_list() takes.
FIELDS = ("slug", "title", "institution__name", "year", "source__title", "source__publisher", "source__year")

_MARKER = "citation-slug-marker-0"


def filename(renderer, slug=None):
    """`practices.ris` for a list, `<slug>.ris` for one practice (`.bib`, `.json` for the others)."""
    return f"{slug or 'practices'}.{renderer.extension}"


def today():
    """Today in UTC (timezone.now() is UTC with USE_TZ)."""
    return timezone.now().astimezone(UTC).date()


class PracticeCitations:
    """The citations of practices for one request (its scheme and host make the page URLs)."""

    def __init__(self, request, accessed=None):
        with translation.override(settings.LANGUAGE_CODE):
            page_url = request.build_absolute_uri(reverse("practice-detail", args=[_MARKER]))
        self.page_before, self.page_after = page_url.split(_MARKER)
        self.accessed = accessed or today()

    def __call__(self, practices, chunk_size):
        """Citations of a queryset of practices, in its order, read `chunk_size` at a time; the first
        chunk is read now, so that a query that fails does so while the view can still answer."""
        records = practices.for_export(list(FIELDS), chunk_size=chunk_size)
        first = next(records, None)
        if first is None:
            return iter(())
        return (self.citation(*values) for values, _areas in chain([first], records))

    def of(self, practice):
        """The citation of one practice (an instance read with its institution and source)."""
        institution, source = practice.institution, practice.source
        return self.citation(
            practice.slug,
            practice.title,
            institution.name if institution else None,
            practice.year,
            source.title if source else None,
            source.publisher if source else None,
            source.year if source else None,
        )

    def citation(self, slug, title, institution, year, source_title, source_publisher, source_year):
        return Citation(
            key=slug,
            title=title,
            author=institution,
            year=year,
            url=f"{self.page_before}{slug}{self.page_after}",
            accessed=self.accessed,
            publisher=CATALOGUE,
            note=NOTE,
            source_title=source_title,
            source_publisher=source_publisher,
            source_year=source_year,
        )
