"""Pages of the catalogue: home, the practice list and a practice, institutions, statistics, compare.

Views are thin: reads start from named queryset methods, filtering is PracticeFilterSet's (the
API's), pagination is catalogue.pagination's. Bad parameters answer 400 with the page and a
message naming the parameter; a page past the end answers 404 with a message.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, TemplateView

from awards.querysets import competitions, priority_areas, tiers
from regions.querysets import countries, liaison_offices, regions

from . import browsing
from .facets import facet_counts
from .filtersets import PracticeFilterSet
from .models import Practice
from .pagination import PageNotFound, paginate
from .querysets import institutions
from .statistics import practice_statistics
from .structured_data import json_ld, practice_data

COMPARE_MIN, COMPARE_MAX = 2, 4


def without(request, name):
    """The address of the same view without the parameter `name` (and on its first page)."""
    return browsing.with_query(request.path, browsing.query_without(request.GET, name, "page"))


def paginated_context(request, practices):
    """(context, status): the page of `practices` the request asks for, or the errors to show."""
    context = {"pagination_query": browsing.query_without(request.GET, "page")}
    try:
        page, paginator = paginate(practices, request.GET)
    except ValidationError as error:
        errors = [
            {**e, "without_url": without(request, e["name"])}
            for e in browsing.error_messages(error.message_dict)
        ]
        return {**context, "errors": errors}, 400
    except PageNotFound as error:
        errors = browsing.error_messages({"page": [str(error)]})
        return {**context, "errors": errors, "page_not_found": True}, 404
    return {
        **context,
        "page_obj": page,
        "paginator": paginator,
        "practice_list": page.object_list,
        "page_range": list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
    }, 200


class HomeView(TemplateView):
    """What the catalogue holds, a search box, and the ways in."""

    template_name = "catalogue/home.html"

    def get_context_data(self, **kwargs):
        visible = Practice.objects.visible_to(self.request.user)
        return {
            **super().get_context_data(**kwargs),
            "totals": visible.totals(),
            "countries": [c for c in countries().with_practice_counts(visible) if c.practice_count],
            "priority_areas": priority_areas().with_practice_counts(visible).order_by("position", "slug"),
            "tiers": tiers().with_practice_counts(visible).order_by("rank"),
            "competitions": competitions().with_practice_counts(visible).select_related("region"),
            "liaison_offices": liaison_offices().with_practice_counts(visible).order_by("name", "slug"),
            "regions": regions().with_practice_counts(visible).order_by("position", "slug"),
        }


class PracticeListView(TemplateView):
    """/practices/: the shared FilterSet, facet counts, search, sort, chips and pagination.

    The URL carries the whole view. A form that submits empty fields (an unfilled search box) is
    redirected to the same view without them, so the address a user copies is the short one.
    """

    template_name = "catalogue/practice_list.html"

    def get(self, request, *args, **kwargs):
        params = request.GET
        if browsing.has_empty_values(params):
            return HttpResponseRedirect(browsing.with_query(request.path, browsing.query_without(params)))
        filterset = PracticeFilterSet(
            params, queryset=Practice.objects.visible_to(request.user).for_list(), request=request
        )
        shown = {*filterset.facet_params, "search", "ordering"}
        context = {
            "filterset": filterset,
            "search": params.get("search", ""),
            "sort_options": browsing.sort_options(params, bool(params.get("search", "").strip())),
            "hidden_params": browsing.hidden_params(params, shown),
            "feed_url": browsing.with_query(
                reverse("practice-feed"), browsing.query_without(params, "page", "page_size", "ordering")
            ),
            "exports": browsing.export_links(params),
        }
        if not filterset.is_valid():
            context["errors"] = [
                {**error, "without_url": without(request, error["name"])}
                for error in browsing.error_messages(filterset.errors)
            ]
            # No sidebar to show: a new search keeps the valid filters and drops the bad ones.
            context["hidden_params"] = browsing.hidden_params(
                params, {"search", "ordering", *filterset.errors}
            )
            return self.render_to_response(context, status=400)
        page_context, status = paginated_context(request, filterset.qs)
        counts = facet_counts(filterset)
        context.update(page_context)
        if status == 400:
            # The sidebar must not carry a bad page_size into the next view.
            bad = {error["name"] for error in page_context["errors"]}
            context["hidden_params"] = [(n, v) for n, v in context["hidden_params"] if n not in bad]
        context["facets"] = browsing.facet_groups(filterset, counts)
        context["chips"] = browsing.chips(filterset, counts, params, request.path)
        context["clear_url"] = browsing.with_query(
            request.path, browsing.query_without(params, *filterset.filters, "page")
        )
        return self.render_to_response(context, status=status)


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
        context["json_ld"] = json_ld(practice_data(practice, self.request))
        if related:
            slugs = [practice.slug] + [p.slug for p in related[: COMPARE_MAX - 1]]
            context["compare_related_url"] = f"{reverse('compare')}?practices={','.join(slugs)}"
        return context


class EntityPracticesView(TemplateView):
    """Base of the pages of a country, institution, area, region, office or competition.

    Subclasses give `get_object()`, `practices_of(obj, practices)`, `browse_query(obj)` (the
    /practices/ filter that shows the same set) and `facts(obj, visible)` (extra context).
    """

    def get_object(self):
        raise NotImplementedError

    def practices_of(self, obj, practices):
        raise NotImplementedError

    def browse_query(self, obj):
        return ""

    def facts(self, obj, visible):
        return {}

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        visible = Practice.objects.visible_to(request.user)
        practices = self.practices_of(obj, visible.for_list()).default_order()
        page_context, status = paginated_context(request, practices)
        context = {
            **self.get_context_data(**kwargs),
            "object": obj,
            **self.facts(obj, visible),
            **page_context,
            "browse_url": browsing.with_query(reverse("practice-list"), self.browse_query(obj)),
        }
        return self.render_to_response(context, status=status)


class InstitutionDetailView(EntityPracticesView):
    template_name = "catalogue/institution_detail.html"

    def get_object(self):
        try:
            return institutions().for_list().get(slug=self.kwargs["slug"])
        except institutions().model.DoesNotExist as error:
            raise Http404(_("No institution has this address.")) from error

    def practices_of(self, obj, practices):
        return practices.filter(institution=obj)

    def browse_query(self, obj):
        return f"institution={obj.slug}"

    def facts(self, obj, visible):
        mine = visible.filter(institution=obj)
        return {
            "institution": obj,
            "tiers": [t for t in tiers().with_practice_counts(mine).order_by("rank") if t.practice_count],
            "areas": [a for a in priority_areas().with_practice_counts(mine) if a.practice_count],
        }


class StatisticsView(TemplateView):
    """/statistics/: charts and tables of the published catalogue, from aggregate queries only."""

    template_name = "catalogue/statistics.html"

    def get_context_data(self, **kwargs):
        stats = practice_statistics(Practice.objects.visible_to(self.request.user))
        return {**super().get_context_data(**kwargs), "stats": stats}


class CompareView(TemplateView):
    """/compare/?practices=a,b,c: two to four practices side by side.

    `practices` may be comma-separated or repeated (the list page's checkboxes repeat it).
    """

    template_name = "catalogue/compare.html"

    def get(self, request, *args, **kwargs):
        slugs = []
        for raw in request.GET.getlist("practices"):
            for slug in raw.split(","):
                slug = slug.strip().lower()
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
            context["errors"] = browsing.error_messages({"practices": [message]})
            return self.render_to_response(context, status=400)
        found = {
            p.slug: p for p in Practice.objects.visible_to(request.user).for_detail().filter(slug__in=slugs)
        }
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            message = ngettext(
                "No practice has the slug %(slugs)s.", "No practices have the slugs %(slugs)s.", len(unknown)
            ) % {"slugs": ", ".join(repr(s) for s in unknown)}
            context["errors"] = browsing.error_messages({"practices": [message]})
            return self.render_to_response(context, status=400)
        practices = [found[slug] for slug in slugs]
        context["practices"] = practices
        context["area_rows"] = browsing.priority_area_rows(practices)
        return self.render_to_response(context)


def robots_txt(request):
    """robots.txt: everything may be crawled but the admin and the API; the sitemap's absolute URL."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Allow: /",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
