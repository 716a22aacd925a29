"""The sitemap: every published practice and every entity page, in the four interface languages.

/sitemap.xml is a sitemap index (config/urls.py) naming the parts of every section below:
/sitemap-<section>.xml, then ?p=2, ?p=3... when a section holds more than `CatalogueSitemap.limit`
URLs. A part reads only its own rows (common/sitemaps.py), ordered by a unique, indexed column.
Practices carry their last change as lastmod; the index gives each part of that section the
section's latest change (one aggregate query), and the entity sections have none.
"""

from django.urls import reverse

from awards.models import Competition, PriorityArea
from common.sitemaps import PagedSitemap
from regions.models import Country, LiaisonOffice, Region

from .models import Institution, Practice


class CatalogueSitemap(PagedSitemap):
    # URLs a part: 250 items in 4 languages, about 0.9 MB, far below the protocol's 50,000 URLs
    # and 50 MB. Rendering costs about 0.1 ms of CPU a URL, so a part takes about 100 ms, and
    # stays under half a second on a busy machine (docs/pages.md).
    limit = 1000


class PageSitemap(CatalogueSitemap):
    """The pages that are not about one row: home, list, statistics, evidence."""

    priority = 0.8

    def items(self):
        return ["home", "practice-list", "statistics", "evidence"]

    def location(self, name):
        return reverse(name)


class PracticeSitemap(CatalogueSitemap):
    priority = 0.6

    def items(self):
        return Practice.objects.for_sitemap()

    def lastmod(self, practice):
        return practice.updated_at

    def get_latest_lastmod(self):
        # Django's default reads every item to take the latest; one aggregate does it.
        return Practice.objects.for_sitemap().last_updated()


class ModelSitemap(CatalogueSitemap):
    """Every row of `model` has a page; `ordering` is unique, `fields` are what its URL needs."""

    model = None
    ordering = ("slug",)
    fields = ("slug",)
    priority = 0.5

    def items(self):
        return self.model.objects.order_by(*self.ordering).only(*self.fields)


class CountrySitemap(ModelSitemap):
    model = Country
    ordering = fields = ("code",)


class InstitutionSitemap(ModelSitemap):
    model = Institution


class PriorityAreaSitemap(ModelSitemap):
    model = PriorityArea


class RegionSitemap(ModelSitemap):
    model = Region


class LiaisonOfficeSitemap(ModelSitemap):
    model = LiaisonOffice


class CompetitionSitemap(ModelSitemap):
    model = Competition


SITEMAPS = {
    "pages": PageSitemap,
    "practices": PracticeSitemap,
    "countries": CountrySitemap,
    "institutions": InstitutionSitemap,
    "priority-areas": PriorityAreaSitemap,
    "regions": RegionSitemap,
    "liaison-offices": LiaisonOfficeSitemap,
    "competitions": CompetitionSitemap,
}
