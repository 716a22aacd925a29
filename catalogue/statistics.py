"""The numbers of /statistics/: practices by country and tier, by priority area, country x area.

Five aggregate queries whatever the size of the catalogue, and two of the reference data (the
countries and regions the map names); the charts are drawn from the same numbers the tables print
(catalogue/charts.py). The world map is drawn per request from these numbers (`world_map`).
"""

import math
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.models import AwardTier, PriorityArea
from regions.models import Country, Region
from regions.names import collation_key, country_name
from regions.world import region_slugs

from . import charts

NO_TIER = "no-tier"
HEAT_LEVELS = 5


def heat_level(count, maximum):
    """0 for none, else 1..HEAT_LEVELS in proportion to the largest count (a CSS class, heat-N)."""
    if not count or not maximum:
        return 0
    return max(1, math.ceil(HEAT_LEVELS * count / maximum))


@dataclass(frozen=True)
class Series:
    """A stack of the country chart: an award tier, or the practices without one."""

    key: str
    label: str


@dataclass
class CountryCounts:
    """A country's practices, in total and per series (`values`, in the order of the series)."""

    code: str
    name: str
    url: str
    by_tier: dict

    @property
    def values(self):
        return list(self.by_tier.values())

    @property
    def count(self):
        return sum(self.by_tier.values())


@dataclass(frozen=True)
class MatrixCell:
    area: PriorityArea
    count: int
    level: int


@dataclass(frozen=True)
class MatrixRow:
    country: CountryCounts
    cells: list
    without_area: int


@dataclass(frozen=True)
class PracticeStatistics:
    """What /statistics/ shows of a set of practices; `PracticeStatistics.of(practices)` counts it."""

    totals: dict
    series: list
    tier_totals: list
    countries: list
    areas: list
    matrix: list
    country_chart: dict
    area_chart: dict
    reference: dict
    regions: list

    @property
    def any_without_area(self):
        return any(row.without_area for row in self.matrix)

    @property
    def top_country(self):
        return self.countries[0] if self.countries else None

    @property
    def top_area(self):
        return max(self.areas, key=lambda area: area.practice_count, default=None)

    def world_map(self, region=None):
        """The world map (catalogue.charts.world_map), whole or zoomed on the region with slug `region`."""
        counts = [{"code": c.code, "name": c.name, "count": c.count, "url": c.url} for c in self.countries]
        return charts.world_map(counts, self.reference, region)

    @classmethod
    def of(cls, practices):
        """Count `practices` (Practice.objects.visible_to(user) for the page): seven queries."""
        tiers = list(AwardTier.objects.all())
        by_country_tier = practices.counts_by("country__code", "country__name", "tier__slug")
        by_country_area = practices.counts_by("country__code", "priority_areas__slug")
        areas = list(PriorityArea.objects.with_practice_counts(practices))
        totals = practices.totals()

        series = [Series(tier.slug, tier.display_name) for tier in tiers]
        if any(row["tier__slug"] is None for row in by_country_tier):
            series.append(Series(NO_TIER, _("No award tier (not a competition entry)")))

        countries = {}
        for row in by_country_tier:
            code = row["country__code"]
            if code not in countries:
                countries[code] = CountryCounts(
                    code=code,
                    name=country_name(code, row["country__name"]),
                    url=reverse("country-detail", args=[code]),
                    by_tier={serie.key: 0 for serie in series},
                )
            countries[code].by_tier[row["tier__slug"] or NO_TIER] += row["count"]
        country_rows = sorted(countries.values(), key=lambda c: (-c.count, collation_key(c.name)))
        tier_totals = [sum(c.by_tier[serie.key] for c in country_rows) for serie in series]

        cells = {(row["country__code"], row["priority_areas__slug"]): row["count"] for row in by_country_area}
        maximum = max((n for (_code, slug), n in cells.items() if slug), default=0)
        matrix = [
            MatrixRow(
                country=country,
                cells=[
                    MatrixCell(
                        area=area,
                        count=cells.get((country.code, area.slug), 0),
                        level=heat_level(cells.get((country.code, area.slug), 0), maximum),
                    )
                    for area in areas
                ],
                without_area=cells.get((country.code, None), 0),
            )
            for country in country_rows
        ]

        chart_series = [{"key": serie.key, "label": serie.label} for serie in series]
        area_rows = [
            {"label": area.display_name, "values": [area.practice_count], "url": area.get_absolute_url()}
            for area in areas
        ]
        return cls(
            totals=totals,
            series=series,
            tier_totals=tier_totals,
            countries=country_rows,
            areas=areas,
            matrix=matrix,
            country_chart=charts.bar_chart(
                [{"label": c.name, "values": c.values, "url": c.url} for c in country_rows],
                chart_series,
                label_width=130,
            ),
            area_chart=charts.bar_chart(area_rows, [{"key": "area", "label": ""}], label_width=330),
            reference={
                code: country_name(code, name) for code, name in Country.objects.values_list("code", "name")
            },
            regions=[region for region in Region.objects.all() if region.slug in region_slugs()],
        )
