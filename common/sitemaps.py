"""Sitemaps that stay small and fast at any number of rows: a part reads only its own rows.

Django's `Sitemap` with `i18n = True` pages a list of (item, language) pairs that it builds from
*every* item, so each part of a 100,000-row section would read all 100,000 rows to show a few
thousand. `PagedSitemap` pages the same pairs lazily instead: counting them is one COUNT query,
and a part is one LIMIT/OFFSET query over the items' queryset, whose order must be a unique,
indexed column so that parts neither overlap nor skip a row.

The size of a part, `limit`, is counted in URLs (one item in every language is that many URLs),
as in Django; keep it a multiple of the number of languages so that an item's languages stay in
one part. A section's parts are `?p=1` (or none) to `?p=N`; the sitemap index lists them.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as section_sitemap
from django.db.models import QuerySet
from django.http import Http404, HttpResponse

from .caching import per_content_version, queryset_digest


class LanguagePairs:
    """The sequence (item, language) for every item of `items` and every language, read by slices.

    `items` is a queryset (or a list); only `count()`/`len()` and slicing are used, which the
    paginator needs, so a slice of pairs reads just the rows it covers.
    """

    def __init__(self, items, languages):
        self.items = items
        self.languages = list(languages)

    @property
    def ordered(self):
        # The paginator warns about an unordered queryset through this, as it would for the queryset.
        return getattr(self.items, "ordered", True)

    def count(self):
        if isinstance(self.items, QuerySet):
            # The same for every visitor: counted once per content version (the index counts every
            # section's rows, 100,000 practices among them).
            counted = per_content_version("sitemap-count", self.items.count, queryset_digest(self.items))
        else:
            counted = len(self.items)
        return counted * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("LanguagePairs is read by slices of consecutive pairs.")
        start, stop = index.start or 0, index.stop
        if start < 0 or stop is None or stop < 0:
            raise TypeError("LanguagePairs is read by slices with a start and a stop from 0.")
        width = len(self.languages)
        first_row, end_row = start // width, -(-stop // width)
        pairs = [(item, language) for item in self.items[first_row:end_row] for language in self.languages]
        skip = start - first_row * width
        return pairs[skip : skip + max(stop - start, 0)]


class PagedSitemap(Sitemap):
    """Every item in every interface language, with hreflang alternates, `limit` URLs a part.

    Every item is listed in all of `settings.LANGUAGES` (`get_languages_for_item` is not asked per
    item). `location` is reversed once per item and language, not once per link. `limit` is left at
    Django's 50,000, the protocol's maximum: a subclass sets the size its parts can render quickly.
    """

    i18n = True
    alternates = True
    x_default = True

    def _items(self):
        return LanguagePairs(self.items(), self._languages())

    def _location(self, item, force_lang_code=None):
        # Each URL names its item in every language (alternates): 6 reverses per URL and 24 per
        # item in four languages, of which 4 differ. They are kept while the part is built.
        key = (id(item[0]), force_lang_code or item[1])
        memo = self.__dict__.setdefault("_locations", {})
        if key not in memo:
            memo[key] = super()._location(item, force_lang_code)
        return memo[key]

    def _urls(self, page, protocol, domain):
        try:
            return super()._urls(page, protocol, domain)
        finally:
            self.__dict__.pop("_locations", None)


def sitemap_part(request, sitemaps, section, **kwargs):
    """A part of one section, `?p=N` (1 when absent): Django's sitemap view with plain-text errors.

    A `p` that is not a whole number from 1 is a 400, a section or part that does not exist a 404;
    both name what is allowed.
    """
    if section not in sitemaps:
        names = ", ".join(sitemaps)
        return _plain(404, f"No sitemap section {section!r}. Sections: {names}.")
    page = request.GET.get("p", "1")
    if not page.isascii() or not page.isdigit() or int(page) < 1:
        return _plain(400, f"p: a part number, a whole number from 1; not {page!r}.")
    try:
        return section_sitemap(request, sitemaps, section=section, **kwargs)
    except Http404:
        site = sitemaps[section]
        parts = (site() if callable(site) else site).paginator.num_pages
        return _plain(404, f"p: the {section} sitemap has parts 1 to {parts}; not {page}.")


def _plain(status, message):
    return HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")
