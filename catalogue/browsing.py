"""What the practice list page shows around its results: facet groups, chips, sort options, links.

Everything here works on the request's query string and on a validated PracticeFilterSet; nothing
filters practices (that is the FilterSet's job) and nothing queries the database except the labels
of the competitions and liaison offices a chip names.
"""

from django.utils.translation import gettext_lazy as _

from awards.models import Competition
from regions.models import LiaisonOffice

from .choices import Outcome

API_PRACTICES_PATH = "/api/v1/practices/"

# Parameters of the list that are not filters: they change what is shown, not which practices.
PAGE_PARAMS = ("page", "page_size")

# Public names of the filters, as the sidebar and the chips print them.
FILTER_LABELS = {
    "country": _("Country"),
    "priority_area": _("Priority area"),
    "tier": _("Award tier"),
    "institution": _("Institution"),
    "region": _("Region"),
    "liaison_office": _("Liaison office"),
    "competition": _("Competition"),
    "year": _("Year"),
    "outcome": _("Outcome"),
    "search": _("Search"),
    "ordering": _("Sort order"),
    "page": _("Page"),
    "page_size": _("Practices per page"),
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


def _split(raw):
    return [part.strip() for part in raw.split(",") if part.strip()]


def query_without(params, *names, value=None, also=()):
    """The query string of `params` (a QueryDict) without the parameters `names`.

    With `value`, only that value of them is dropped (a chip removes one country, not all), also
    from a comma-separated list (`?country=UY,MX`). Empty values (an unfilled search box) are
    dropped too: they add nothing to a shared link. Parameters in `also` are dropped whole.
    """
    query = params.copy()
    for name in also:
        query.pop(name, None)
    for name in names:
        if value is None:
            query.pop(name, None)
            continue
        kept = []
        for raw in query.getlist(name):
            if raw == value:
                continue
            parts = _split(raw)
            if "," in raw and value in parts:
                raw = ",".join(part for part in parts if part != value)
            kept.append(raw)
        query.setlist(name, kept)
    for key in list(query):
        kept = [v for v in query.getlist(key) if v.strip()]
        if kept:
            query.setlist(key, kept)
        else:
            query.pop(key)
    return query.urlencode()


def active_values(filterset):
    """{name: [value]} of the filters given, comma-separated lists split (search kept whole)."""
    return {
        name: values if name == "search" else [part for raw in values for part in _split(raw)]
        for name, values in filterset.active.items()
    }


def has_empty_values(params):
    return any(not v.strip() for key in params for v in params.getlist(key))


def with_query(path, query):
    return f"{path}?{query}" if query else path


def facet_groups(filterset, counts):
    """The sidebar: one group per facet, each option with its count and whether it is checked.

    Active values that the counts do not list (a country with no practice) are added with a count
    of 0 so the user can still untick them.
    """
    active = active_values(filterset)
    groups = []
    for name in filterset.facet_params:
        chosen = [str(v) for v in active.get(name, [])]
        chosen_folded = {v.upper() if name == "country" else v.lower() for v in chosen}
        options = []
        for row in counts.get(name, []):
            value = str(row["value"])
            options.append(
                {
                    "value": value,
                    "label": row["label"],
                    "count": row["count"],
                    "checked": (value.upper() if name == "country" else value.lower()) in chosen_folded,
                }
            )
        listed = {o["value"].upper() if name == "country" else o["value"].lower() for o in options}
        for value in chosen:
            if (value.upper() if name == "country" else value.lower()) not in listed:
                options.append({"value": value, "label": value, "count": 0, "checked": True})
        groups.append(
            {
                "name": name,
                "legend": FILTER_LABELS[name],
                "options": options,
                "active": bool(chosen),
            }
        )
    return groups


def hidden_params(params, shown):
    """(name, value) pairs of the query that the form has no visible control for, to keep them."""
    return [
        (name, value)
        for name in params
        if name not in shown and name != "page"
        for value in params.getlist(name)
        if value.strip()
    ]


def chips(filterset, counts, params, path):
    """Active filters as chips: [{"label", "value", "remove_url"}], one per value."""
    labels = {name: {str(r["value"]).lower(): r["label"] for r in rows} for name, rows in counts.items()}
    active = active_values(filterset)
    names = {
        "competition": dict(
            Competition.objects.filter(
                slug__in=[v.lower() for v in active.get("competition", [])]
            ).values_list("slug", "name")
        )
        if "competition" in active
        else {},
        "liaison_office": dict(
            LiaisonOffice.objects.filter(
                slug__in=[v.lower() for v in active.get("liaison_office", [])]
            ).values_list("slug", "name")
        )
        if "liaison_office" in active
        else {},
        "outcome": {value: str(label) for value, label in Outcome.choices},
    }
    result = []
    for name, values in active.items():
        if name in ("ordering",):
            continue
        for value in values:
            if name in labels:
                shown = labels[name].get(value.lower(), value)
            elif name in names:
                shown = names[name].get(value.lower(), value)
            else:
                shown = value
            result.append(
                {
                    "name": name,
                    "label": FILTER_LABELS.get(name, name),
                    "value": shown,
                    "remove_url": with_query(path, query_without(params, name, value=value, also=("page",))),
                }
            )
    return result


def sort_options(params, searching):
    """Options of the sort select, the current one selected; an unlisted ordering is kept as is."""
    current = ",".join(v.strip() for v in params.getlist("ordering") if v.strip())
    default_label = _("Best match") if searching else _("Newest first, then by award tier")
    options = [{"value": "", "label": default_label, "selected": not current}]
    options += [
        {"value": value, "label": label, "selected": value == current} for value, label in SORT_OPTIONS
    ]
    if current and current not in dict(SORT_OPTIONS):
        options.append({"value": current, "label": current, "selected": True})
    return options


def export_links(params):
    """The same view from the API: {"json": url, "csv": url} (CSV has every page, so no page params)."""
    every_page = query_without(params, *PAGE_PARAMS, "format")
    same_page = query_without(params, "format")
    return {
        "json": with_query(API_PRACTICES_PATH, "&".join(filter(None, [same_page, "format=json"]))),
        "csv": with_query(API_PRACTICES_PATH, "&".join(filter(None, [every_page, "format=csv"]))),
    }


def error_messages(errors):
    """[{"name", "label", "messages"}] from a form's or paginate()'s {param: [messages]}."""
    result = []
    for name, messages in errors.items():
        result.append(
            {
                "name": name,
                "label": FILTER_LABELS.get(name, name),
                "messages": [str(m) for m in messages],
            }
        )
    return result


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
