"""Disjunctive facet counts: each facet counts with every active filter applied except its own.

So with `?country=UY` the country facet still shows every country (what choosing another would
give), while the tier and area facets show counts within Uruguay. One query per facet.
"""

from django.db.models import Count, Q

from awards.models import AwardTier, PriorityArea
from regions.models import Country, Region

from .models import Institution


def facet_counts(filterset):
    """{facet: [{value, label, count}]} for the facets of a valid PracticeFilterSet.

    Options listed: every priority area and every tier (zeros included); countries, institutions,
    regions and years that have at least one practice in the base queryset (what the user may see).
    """
    base = filterset.queryset.order_by().values("pk")
    selected = {
        name: filterset.apply(filterset.queryset, exclude=name).order_by().values("pk")
        for name in filterset.facet_params
    }

    def rows(queryset, value, label, relation, always=False):
        queryset = queryset.annotate(
            facet_count=Count(relation, filter=Q(**{f"{relation}__in": selected_for}), distinct=True),
            facet_total=Count(relation, filter=Q(**{f"{relation}__in": base}), distinct=True),
        )
        return [
            {"value": getattr(obj, value), "label": str(getattr(obj, label)), "count": obj.facet_count}
            for obj in queryset
            if always or obj.facet_total
        ]

    result = {}
    selected_for = selected["country"]
    result["country"] = rows(Country.objects.order_by("name", "code"), "code", "name", "practices")
    selected_for = selected["priority_area"]
    result["priority_area"] = rows(
        PriorityArea.objects.order_by("position", "slug"), "slug", "name", "practices", always=True
    )
    selected_for = selected["tier"]
    result["tier"] = rows(AwardTier.objects.order_by("rank"), "slug", "name", "practices", always=True)
    selected_for = selected["institution"]
    result["institution"] = rows(Institution.objects.order_by("name", "slug"), "slug", "name", "practices")
    selected_for = selected["region"]
    result["region"] = rows(
        Region.objects.order_by("position", "slug"), "slug", "name", "countries__practices"
    )

    years = (
        filterset.queryset.model.objects.filter(pk__in=base)
        .values("year")
        .annotate(facet_count=Count("pk", filter=Q(pk__in=selected["year"])))
        .order_by("-year")
    )
    result["year"] = [
        {"value": row["year"], "label": str(row["year"]), "count": row["facet_count"]} for row in years
    ]
    return result
