"""/sitemap.xml: every published practice and every entity page, in the four interface languages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from awards.models import Competition, PriorityArea
from regions.models import Country, LiaisonOffice, Region

from .models import Institution, Practice


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PageSitemap(I18nSitemap):
    """The pages that are not about one row: home, list, statistics."""

    priority = 0.8

    def items(self):
        return ["home", "practice-list", "statistics"]

    def location(self, name):
        return reverse(name)


class PracticeSitemap(I18nSitemap):
    priority = 0.6

    def items(self):
        return Practice.objects.for_sitemap()

    def lastmod(self, practice):
        return practice.updated_at


class ModelSitemap(I18nSitemap):
    """Every row of `model` has a page."""

    model = None
    ordering = ("pk",)
    priority = 0.5

    def items(self):
        return self.model.objects.order_by(*self.ordering)


class CountrySitemap(ModelSitemap):
    model = Country
    ordering = ("code",)


class InstitutionSitemap(ModelSitemap):
    model = Institution
    ordering = ("slug",)


class PriorityAreaSitemap(ModelSitemap):
    model = PriorityArea
    ordering = ("slug",)


class RegionSitemap(ModelSitemap):
    model = Region
    ordering = ("slug",)


class LiaisonOfficeSitemap(ModelSitemap):
    model = LiaisonOffice
    ordering = ("slug",)


class CompetitionSitemap(ModelSitemap):
    model = Competition
    ordering = ("slug",)


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
