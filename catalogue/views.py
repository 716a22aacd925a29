"""Pages of the catalogue: home, the practice list and a practice, statistics, evidence, compare.

Views are thin: reads start from named queryset methods, filtering is PracticeFilterSet's (the
API's), the list page is one object (catalogue.listing). Bad parameters answer 400 with the page
and a message naming the parameter; a page past the end answers 404 with a message. The pages of
countries, institutions and the other entities are in catalogue/entity_views.py.
"""

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, TemplateView

from awards.models import AwardTier, Competition, PriorityArea
from common.caching import per_content_version, queryset_digest
from common.identifiers import canonical
from common.pagination import param_errors
from common.querystring import has_empty_values, query_without, with_query
from regions.models import Country, LiaisonOffice, Region
from regions.names import sort_by_name

from .evidence import LEVELS
from .evidence_map import EvidenceMap
from .filtersets import PracticeFilterSet
from .listing import FILTER_LABELS, PracticeListPage, priority_area_rows
from .models import Practice
from .statistics import PracticeStatistics
from .structured_data import json_ld, practice_data

COMPARE_MIN, COMPARE_MAX = 2, 4


class HomeView(TemplateView):
    """What the catalogue holds, a search box, and the ways in."""

    template_name = "catalogue/home.html"

    def get_context_data(self, **kwargs):
        visible = Practice.objects.visible_to(self.request.user)
        counts = per_content_version("home", lambda: home_counts(visible), queryset_digest(visible))
        return {**super().get_context_data(**kwargs), **counts}


def home_counts(visible):
    """The home page's numbers of the practices `visible`: seven aggregate queries."""
    return {
        "totals": visible.totals(),
        "countries": sort_by_name(Country.objects.having_practices(visible)),
        "priority_areas": list(PriorityArea.objects.with_practice_counts(visible)),
        "tiers": list(AwardTier.objects.with_practice_counts(visible)),
        "competitions": list(Competition.objects.for_list().with_practice_counts(visible)),
        "liaison_offices": list(LiaisonOffice.objects.with_practice_counts(visible)),
        "regions": list(Region.objects.with_practice_counts(visible)),
    }


class PracticeListView(TemplateView):
    """/practices/: the shared FilterSet, facet counts, search, sort, chips and pagination.

    The URL carries the whole view. A form that submits empty fields (an unfilled search box) is
    redirected to the same view without them, so the address a user copies is the short one. The
    template reads `page`, a PracticeListPage.
    """

    template_name = "catalogue/practice_list.html"
    filterset_class = PracticeFilterSet

    def get_queryset(self):
        return Practice.objects.visible_to(self.request.user).for_list()

    def get(self, request, *args, **kwargs):
        if has_empty_values(request.GET):
            return HttpResponseRedirect(with_query(request.path, query_without(request.GET)))
        filterset = self.filterset_class(request.GET, queryset=self.get_queryset(), request=request)
        page = PracticeListPage.build(request, filterset)
        return self.render_to_response(self.get_context_data(page=page), status=page.status)


class PracticeDetailView(DetailView):
    """One practice: its facts, summary, jury comment, source, related practices; JSON-LD for machines."""

    template_name = "catalogue/practice_detail.html"
    context_object_name = "practice"

    def get_queryset(self):
        return Practice.objects.visible_to(self.request.user).for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        practice = self.object
        related = list(Practice.objects.visible_to(self.request.user).for_list().related_to(practice))
        context["related"] = related
        context["evidence_level"] = LEVELS[practice.evidence]
        context["json_ld"] = json_ld(practice_data(practice, self.request))
        if related:
            slugs = [practice.slug] + [p.slug for p in related[: COMPARE_MAX - 1]]
            context["compare_related_url"] = f"{reverse('compare')}?practices={','.join(slugs)}"
        return context


class StatisticsView(TemplateView):
    """/statistics/: charts and tables of the published catalogue, from aggregate queries only.

    `?map=<region slug>` zooms the world map on an ISSA region (a view box of its own); any other
    value answers 400 with the page, the whole world drawn, and a message naming the regions.
    """

    template_name = "catalogue/statistics.html"

    def get(self, request, *args, **kwargs):
        visible = Practice.objects.visible_to(request.user)
        # The same for every visitor who sees the same practices: counted once per content version.
        stats = per_content_version(
            "statistics", lambda: PracticeStatistics.of(visible), queryset_digest(visible)
        )
        region = request.GET.get("map") or None
        slugs = [r.slug for r in stats.regions]
        errors = []
        if region is not None and region not in slugs:
            message = _("Unknown map view “%(value)s”. Choose one of: %(allowed)s.") % {
                "value": region,
                "allowed": ", ".join(slugs),
            }
            errors = param_errors({"map": [message]}, {"map": _("Map view")}, request)
            region = None
        context = self.get_context_data(
            stats=stats,
            world_map=stats.world_map(region),
            map_region=next((r for r in stats.regions if r.slug == region), None),
            errors=errors,
            **kwargs,
        )
        return self.render_to_response(context, status=400 if errors else 200)


class EvidenceView(TemplateView):
    """/evidence/: the evidence rubric, with how many practices are at each level, and the gap maps
    (priority area x evidence level, x outcome): aggregate queries only, counted once per content
    version (catalogue/evidence_map.py)."""

    template_name = "catalogue/evidence.html"

    def get_context_data(self, **kwargs):
        visible = Practice.objects.visible_to(self.request.user)
        evidence = per_content_version("evidence", lambda: EvidenceMap.of(visible), queryset_digest(visible))
        return {**super().get_context_data(**kwargs), "evidence": evidence}


class CompareView(TemplateView):
    """/compare/?practices=a,b,c: two to four practices side by side.

    `practices` may be comma-separated or repeated (the list page's checkboxes repeat it).
    """

    template_name = "catalogue/compare.html"

    def get(self, request, *args, **kwargs):
        slugs = []
        for raw in request.GET.getlist("practices"):
            for slug in raw.split(","):
                slug = canonical("slug", slug)
                if slug and slug not in slugs:
                    slugs.append(slug)
        context = self.get_context_data(slugs=slugs, **kwargs)
        if not slugs:
            return self.render_to_response(context)
        if not COMPARE_MIN <= len(slugs) <= COMPARE_MAX:
            message = ngettext(
                "You chose %(count)d practice. Choose from %(min)d to %(max)d.",
                "You chose %(count)d practices. Choose from %(min)d to %(max)d.",
                len(slugs),
            ) % {"count": len(slugs), "min": COMPARE_MIN, "max": COMPARE_MAX}
            context["errors"] = param_errors({"practices": [message]}, FILTER_LABELS)
            return self.render_to_response(context, status=400)
        found = {
            p.slug: p for p in Practice.objects.visible_to(request.user).for_detail().filter(slug__in=slugs)
        }
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            message = ngettext(
                "No practice has the slug %(slugs)s.", "No practices have the slugs %(slugs)s.", len(unknown)
            ) % {"slugs": ", ".join(repr(s) for s in unknown)}
            context["errors"] = param_errors({"practices": [message]}, FILTER_LABELS)
            return self.render_to_response(context, status=400)
        practices = [found[slug] for slug in slugs]
        context["practices"] = practices
        context["area_rows"] = priority_area_rows(practices)
        return self.render_to_response(context)
