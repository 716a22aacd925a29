"""Read shaping for regions, countries and liaison offices (counts of the practices they hold).

The models keep Django's default manager for now; start reads from `countries()`, `regions()` and
`liaison_offices()`, which return these querysets. (Attaching them as managers is a one-line change
per model: `objects = CountryManager.from_queryset(CountryQuerySet)()`.)
"""

from catalogue.querysets import PracticeCountQuerySet

from .models import Country, LiaisonOffice, Region


class CountryQuerySet(PracticeCountQuerySet):
    practice_path = "practices"

    def for_detail(self):
        return self.select_related("region")


class RegionQuerySet(PracticeCountQuerySet):
    practice_path = "countries__practices"


class LiaisonOfficeQuerySet(PracticeCountQuerySet):
    """A liaison office's practices are those of the countries it serves."""

    practice_path = "countries__practices"

    def for_detail(self):
        from django.db.models import Prefetch

        return self.select_related("region", "source").prefetch_related(
            Prefetch("countries", queryset=Country.objects.order_by("name", "code"))
        )


def countries():
    return CountryQuerySet(Country)


def regions():
    return RegionQuerySet(Region)


def liaison_offices():
    return LiaisonOfficeQuerySet(LiaisonOffice)
