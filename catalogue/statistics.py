"""The numbers of /statistics/: practices by country and tier, by priority area, country x area.

Five aggregate queries whatever the size of the catalogue; the charts are drawn from the same
numbers the tables print (catalogue/charts.py).
"""

import math

from django.utils.translation import gettext_lazy as _

from awards.querysets import priority_areas, tiers

from . import charts

NO_TIER = "no-tier"
HEAT_LEVELS = 5


def heat_level(count, maximum):
    """0 for none, else 1..HEAT_LEVELS in proportion to the largest count (a CSS class, heat-N)."""
    if not count or not maximum:
        return 0
    return max(1, math.ceil(HEAT_LEVELS * count / maximum))


def practice_statistics(practices):
    """{"totals", "series", "countries", "areas", "matrix", "country_chart", "area_chart", "map"}.

    `practices` is the set counted (Practice.objects.published() for the public page).
    """
    from django.urls import reverse

    tier_list = list(tiers().order_by("rank"))
    by_country_tier = practices.counts_by("country__code", "country__name", "tier__slug")
    by_country_area = practices.counts_by("country__code", "priority_areas__slug")
    areas = list(priority_areas().with_practice_counts(practices).order_by("position", "slug"))
    totals = practices.totals()

    series = [{"key": tier.slug, "label": tier.name} for tier in tier_list]
    if any(row["tier__slug"] is None for row in by_country_tier):
        series.append({"key": NO_TIER, "label": _("No award tier (not a competition entry)")})
    keys = [s["key"] for s in series]

    countries = {}
    for row in by_country_tier:
        country = countries.setdefault(
            row["country__code"],
            {
                "code": row["country__code"],
                "name": row["country__name"],
                "url": reverse("country-detail", args=[row["country__code"]]),
                "by_tier": dict.fromkeys(keys, 0),
            },
        )
        country["by_tier"][row["tier__slug"] or NO_TIER] += row["count"]
    for country in countries.values():
        country["values"] = [country["by_tier"][key] for key in keys]
        country["count"] = sum(country["values"])
    country_rows = sorted(countries.values(), key=lambda c: (-c["count"], c["name"]))
    tier_totals = [sum(c["by_tier"][key] for c in country_rows) for key in keys]

    cells = {(row["country__code"], row["priority_areas__slug"]): row["count"] for row in by_country_area}
    maximum = max((n for (_code, slug), n in cells.items() if slug), default=0)
    matrix = [
        {
            "country": country,
            "cells": [
                {
                    "area": area,
                    "count": cells.get((country["code"], area.slug), 0),
                    "level": heat_level(cells.get((country["code"], area.slug), 0), maximum),
                }
                for area in areas
            ],
            "without_area": cells.get((country["code"], None), 0),
        }
        for country in country_rows
    ]

    area_rows = [
        {"label": area.name, "values": [area.practice_count], "url": area.get_absolute_url()}
        for area in areas
    ]
    return {
        "totals": totals,
        "series": series,
        "tier_totals": tier_totals,
        "countries": country_rows,
        "areas": areas,
        "matrix": matrix,
        "any_without_area": any(row["without_area"] for row in matrix),
        "country_chart": charts.bar_chart(
            [{"label": c["name"], "values": c["values"], "url": c["url"]} for c in country_rows],
            series,
            label_width=130,
        ),
        "area_chart": charts.bar_chart(area_rows, [{"key": "area", "label": ""}], label_width=330),
        "map": charts.country_map(
            [
                {"code": c["code"], "name": c["name"], "count": c["count"], "url": c["url"]}
                for c in country_rows
            ]
        ),
        "top_country": country_rows[0] if country_rows else None,
        "top_area": max(areas, key=lambda a: a.practice_count, default=None),
    }
