"""Disjunctive facet counts: each facet counts with every active filter applied except its own.

So with `?country=UY` the country facet still shows every country (what choosing another would
give), while the tier and area facets show counts within Uruguay. One query per facet.
"""

from django.db.models import Count, Q

from awards.models import AwardTier, PriorityArea
from regions.models import Country, Region

from .models import Institution

# Facet -> (the rows it lists, the key and label of an option, whether options with no practice
# in the user's view are listed too).
FACET_ROWS = {
    "country": (lambda: Country.objects.order_by("name", "code"), "code", "name", False),
    "priority_area": (lambda: PriorityArea.objects.order_by("position", "slug"), "slug", "name", True),
    "tier": (lambda: AwardTier.objects.order_by("rank"), "slug", "name", True),
    "institution": (lambda: Institution.objects.order_by("name", "slug"), "slug", "name", False),
    "region": (lambda: Region.objects.order_by("position", "slug"), "slug", "name", False),
}


def facet_counts(filterset):
    """{facet: [{value, label, count}]} for the facets of a valid PracticeFilterSet.

    Options listed: every priority area and every tier (zeros included); countries, institutions,
    regions and years that have at least one practice in the base queryset (what the user may see).
    """
    base = filterset.queryset
    result = {}
    for name, (rows, key, label, always) in FACET_ROWS.items():
        selected = filterset.apply(filterset.queryset, exclude=name)
        options = (
            rows()
            .with_practice_counts(selected, name="facet_count")
            .with_practice_counts(base, name="facet_total")
        )
        result[name] = [
            {"value": getattr(row, key), "label": str(getattr(row, label)), "count": row.facet_count}
            for row in options
            if always or row.facet_total
        ]
    selected_years = filterset.apply(filterset.queryset, exclude="year").order_by().values("pk")
    years = (
        base.model.objects.filter(pk__in=base.order_by().values("pk"))
        .values("year")
        .annotate(facet_count=Count("pk", filter=Q(pk__in=selected_years)))
        .order_by("-year")
    )
    result["year"] = [
        {"value": row["year"], "label": str(row["year"]), "count": row["facet_count"]} for row in years
    ]
    return result
