"""The practice list page (/practices/) as one object: built once from a validated PracticeFilterSet,
read by its template. Facet groups, chips, sort options, the links to the same view elsewhere.

Nothing here filters practices (that is the FilterSet's job) and nothing queries the database but
the page of results and the facet counts: chips and checked options read the rows the FilterSet
found when it validated the parameters.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.analysis import Query, parse
from common.pagination import Results, paginate_request, param_errors
from common.querystring import query_without, with_query

from .facets import DEFAULT_FACET_LIMIT, FACET_NAMES, facet_counts
from .search import suggestion

API_PRACTICES_PATH = "/api/v1/practices/"

# Parameters of the list that are not filters: they change what is shown, not which practices.
PAGE_PARAMS = ("page", "page_size")
# The sidebar's own: `facet` names the facet shown whole, `facet_search` finds values in it.
FACET_VIEW_PARAMS = ("facet", "facet_search")

# Public names of the parameters, as the sidebar, the chips and the error messages print them.
FILTER_LABELS = {
    "country": _("Country"),
    "priority_area": _("Priority area"),
    "tier": _("Award tier"),
    "institution": _("Institution"),
    "region": _("Region"),
    "liaison_office": _("Liaison office"),
    "competition": _("Competition"),
    "source": _("Source document"),
    "year": _("Year"),
    "outcome": _("Outcome"),
    "evidence": _("Evidence level"),
    "target_group": _("Target group"),
    "in_place": _("Still in place"),
    "search": _("Search"),
    "ordering": _("Sort order"),
    "page": _("Page"),
    "page_size": _("Practices per page"),
    "facet": _("Facet shown in full"),
    "facet_search": _("Find a value"),
}

# The sort select: (value of `ordering`, label). The empty value is the default order.
SORT_OPTIONS = (
    ("title", _("Title, A to Z")),
    ("-year", _("Year, newest first")),
    ("year", _("Year, oldest first")),
    ("tier", _("Award tier, highest first")),
    ("country", _("Country, A to Z")),
    ("institution", _("Institution, A to Z")),
)


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    checked: bool


@dataclass(frozen=True)
class FacetGroup:
    """One fieldset of the sidebar: a facet's options, each with its count.

    `total` is how many values the facet has; when the options shown are fewer, `show_all_url`
    shows them all. `expanded` is the facet shown whole (`?facet=institution`), with its find field
    (`find`: the words typed, `find_url` the form's address without them).
    """

    name: str
    legend: str
    options: list
    total: int = 0
    truncated: bool = False
    show_all_url: str = ""
    show_less_url: str = ""
    expanded: bool = False
    find: str = ""


@dataclass(frozen=True)
class Chip:
    """One value of an active filter, with the address of the view without it."""

    name: str
    label: str
    value: str
    remove_url: str


@dataclass(frozen=True)
class SortOption:
    value: str
    label: str
    selected: bool


def chosen(filterset, name):
    """[(as typed, key, label)] of the values given for `name`, from the FilterSet's cleaned data."""
    typed = filterset.given(name)
    value = filterset.form.cleaned_data.get(name)
    filter_ = filterset.filters[name]
    if not hasattr(filter_, "labels"):  # the search: one free text
        return [(text, text, text) for text in typed]
    return list(zip(typed, filter_.keys(value), filter_.labels(value), strict=True))


def facet_groups(filterset, counts, request, expanded="", find=""):
    """The sidebar: one group per facet, each option with its count and whether it is checked.

    Active values that the counts do not list (a country with no practice) are added with a count
    of 0 so the user can still untick them.
    """
    groups = []
    for name in filterset.facet_params:
        facet = counts.facets[name]
        values = chosen(filterset, name)
        checked = {key for _typed, key, _label in values}
        options = [
            FacetOption(str(row["value"]), row["label"], row["count"], str(row["value"]) in checked)
            for row in facet.options
        ]
        listed = {option.value for option in options}
        for _typed, key, label in values:
            if key not in listed:
                options.append(FacetOption(key, label, 0, True))
                listed.add(key)
        params = query_without(request.GET, *FACET_VIEW_PARAMS)
        show_all = "&".join(filter(None, [params, f"facet={name}"]))
        groups.append(
            FacetGroup(
                name=name,
                legend=str(FILTER_LABELS[name]),
                options=options,
                total=facet.total,
                truncated=facet.truncated,
                show_all_url=with_query(request.path, show_all) + f"#facet-{name}",
                show_less_url=with_query(request.path, params) + f"#facet-{name}",
                expanded=name == expanded,
                find=find if name == expanded else "",
            )
        )
    return groups


def facet_view(params):
    """(expanded facet, words to find) from `facet` and `facet_search`; a bad value is an error
    {param: [message]} (the sidebar cannot show a facet it does not have)."""
    errors = {}
    expanded = (params.get("facet") or "").strip()
    if expanded and expanded not in FACET_NAMES:
        errors["facet"] = [f"Unknown value {expanded!r}. Allowed: {', '.join(FACET_NAMES)}."]
    find = (params.get("facet_search") or "").strip()
    if find and not expanded:
        errors["facet_search"] = ["Give it with `facet`, the facet whose values to find."]
    return expanded, find, errors


def chips(filterset, request):
    """Active filters as chips, one per value, each removing that value (as typed) from the view."""
    result = []
    for name in filterset.active:
        if name == filterset.ordering_param:
            continue
        for typed, _key, label in chosen(filterset, name):
            remove = query_without(request.GET, name, value=typed, also=("page",))
            label_of_name = str(FILTER_LABELS.get(name, name))
            result.append(Chip(name, label_of_name, label, with_query(request.path, remove)))
    return result


def sort_options(params, searching):
    """Options of the sort select, the current one selected; an unlisted ordering is kept as is."""
    current = ",".join(v.strip() for v in params.getlist("ordering") if v.strip())
    default_label = _("Best match") if searching else _("Newest first, then by award tier")
    options = [SortOption("", str(default_label), not current)]
    options += [SortOption(value, str(label), value == current) for value, label in SORT_OPTIONS]
    if current and current not in dict(SORT_OPTIONS):
        options.append(SortOption(current, current, True))
    return options


def export_links(params):
    """The same view from the API: {"json": url, "csv": url, "ris": url, ...} (CSV and the citations
    have every page, so no page params)."""
    every_page = query_without(params, *PAGE_PARAMS, "format")
    same_page = query_without(params, "format")
    return {
        "json": with_query(API_PRACTICES_PATH, "&".join(filter(None, [same_page, "format=json"]))),
        "csv": with_query(API_PRACTICES_PATH, "&".join(filter(None, [every_page, "format=csv"]))),
        # Citations of every page too.
        **{
            kind: with_query(API_PRACTICES_PATH, "&".join(filter(None, [every_page, f"format={kind}"])))
            for kind in ("ris", "bibtex", "csljson")
        },
    }


@dataclass(frozen=True)
class PracticeListPage:
    """Everything /practices/ shows around and with its results; `status` is the page's HTTP status.

    With invalid filters there are no results and no sidebar, only the errors; with a bad page or
    page size the sidebar stays and the results give the errors.
    """

    search: str
    sort_options: list
    feed_url: str
    exports: dict
    hidden_params: list
    results: Results | None = None
    filter_errors: list = field(default_factory=list)
    facets: list = field(default_factory=list)
    chips: list = field(default_factory=list)
    clear_url: str = ""
    expanded_facet: str = ""
    find_params: list = field(default_factory=list)
    facets_api: str = ""
    # A search that found nothing, corrected ("Did you mean ...?"), and the address of its results.
    suggestion: str = ""
    suggestion_url: str = ""
    # The search parsed, for the cards to mark its matches (None without a search).
    query: Query | None = None

    @property
    def errors(self):
        return self.filter_errors or (self.results.errors if self.results else [])

    @property
    def status(self):
        return 400 if self.filter_errors else self.results.status

    @classmethod
    def build(cls, request, filterset):
        params = request.GET
        common = {
            "search": params.get("search", ""),
            "sort_options": sort_options(params, bool(params.get("search", "").strip())),
            "feed_url": with_query(
                reverse("practice-feed"), query_without(params, "page", "page_size", "ordering")
            ),
            "exports": export_links(params),
        }
        # The search and sort controls are always on the page; the facets only with the sidebar. The
        # form keeps every other parameter in hidden fields, except those that were in error.
        if not filterset.is_valid():
            errors = param_errors(filterset.errors, FILTER_LABELS, request)
            hidden = hidden_params(params, {"search", "ordering", *filterset.errors})
            return cls(**common, hidden_params=hidden, filter_errors=errors)
        expanded, find, view_errors = facet_view(params)
        if view_errors:
            hidden = hidden_params(params, {"search", "ordering", *view_errors})
            return cls(
                **common,
                hidden_params=hidden,
                filter_errors=param_errors(view_errors, FILTER_LABELS, request),
            )
        limits = {name: 0 if name == expanded else DEFAULT_FACET_LIMIT for name in FACET_NAMES}
        counts = facet_counts(filterset, limit=limits, find={expanded: find} if find else None)
        # The facet query counted the results too: the paginator need not count them again.
        results = paginate_request(request, filterset.qs, FILTER_LABELS, count=counts.count)
        corrected = suggestion(filterset, counts.count) or ""
        if corrected:
            query = params.copy()
            query["search"] = corrected
            common["suggestion"] = corrected
            common["suggestion_url"] = with_query(request.path, query_without(query, "page"))
        shown = {
            *filterset.facet_params,
            *FACET_VIEW_PARAMS,
            "search",
            "ordering",
            *(e.name for e in results.errors),
        }
        return cls(
            **common,
            hidden_params=hidden_params(params, shown),
            results=results,
            facets=facet_groups(filterset, counts, request, expanded, find),
            chips=chips(filterset, request),
            clear_url=with_query(request.path, query_without(params, *filterset.filters, "page")),
            expanded_facet=expanded,
            find_params=hidden_params(params, set(FACET_VIEW_PARAMS)),
            # Where the sidebar's script asks for a facet's values as the user types a name.
            facets_api=with_query(
                API_PRACTICES_PATH + "facets/",
                query_without(params, *PAGE_PARAMS, *FACET_VIEW_PARAMS, "ordering"),
            ),
            query=searched(filterset),
        )


def searched(filterset):
    """The validated search of `filterset`, parsed (once a request), or None when there is none."""
    search = (filterset.form.cleaned_data.get("search") or "").strip()
    return parse(search) if search else None


def hidden_params(params, shown):
    """(name, value) pairs of the query that the form has no visible control for, to keep them."""
    return [
        (name, value)
        for name in params
        if name not in shown and name != "page"
        for value in params.getlist(name)
        if value.strip()
    ]


def priority_area_rows(practices):
    """For /compare/: [{"area", "marks": [bool per practice]}] over every area any of them has."""
    areas = {}
    for practice in practices:
        for area in practice.priority_areas.all():
            areas.setdefault(area.pk, area)
    ordered = sorted(areas.values(), key=lambda a: (a.position, a.slug))
    return [
        {
            "area": area,
            "marks": [any(a.pk == area.pk for a in p.priority_areas.all()) for p in practices],
        }
        for area in ordered
    ]
