"""Disjunctive facet counts, in one aggregate query whatever the catalogue's size.

Each facet counts with every active filter applied except its own: with `?country=UY` the country
facet still shows every country (what choosing another would give), while the tier and area facets
count within Uruguay. So there are as many distinct sets of practices to count as active facet
parameters, plus one (every filter). Each set is written once as a materialised common table
expression (the search, if any, runs once per set, not once per facet) and every facet groups the
set it needs; one UNION ALL query returns all the counts and the number of matching practices.

What is the same for every visitor of one audience (the options each facet can list, their labels
and natural order, the counts without any filter and those of each filtered view or search) is
computed once per content version and kept in the cache: the unfiltered sidebar costs no query at
all, and a view asked again costs none for its counts.

Facets show their most frequent values (`limit`, 10 by default) with the number of values they have
in all (`total`), so that a page can offer "show all" and a find field; values given in the
request are always listed.
"""

import functools
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connections, models, router

from awards.models import AwardTier, PriorityArea
from common.caching import per_content_version, queryset_digest
from common.filters import split_values, unknown_values_error
from common.search import SEARCH_MAX_LENGTH, fold
from regions.models import Country, Region
from regions.names import collation_key, name_of

from .choices import Evidence, Outcome
from .filtersets import IN_PLACE_CHOICES, PracticeFilterSet
from .models import Institution, Practice, TargetGroup

DEFAULT_FACET_LIMIT = 10
# The largest `facet_limit` (nine digits; the schema says so): any facet has fewer values.
MAX_FACET_LIMIT = 999_999_999
# The facets are the FilterSet's facet parameters, in its order.
FACET_NAMES = PracticeFilterSet.facet_params

# Facets over a many-to-many relation: their groupings join the relation's table (a practice counts
# once under each of its areas or groups). Grouping "column" -> (through model, its field to the row).
_RELATIONS = {
    "areas": (Practice.priority_areas.through, "priorityarea"),
    "target_groups": (Practice.target_groups.through, "targetgroup"),
}


@dataclass(frozen=True)
class FacetSpec:
    """How one facet lists and counts: the reference rows (None for years and fixed choices), their
    key and label, the practice column it groups on, and whether options without any practice are
    listed too."""

    rows: object
    key: str
    label: str
    column: str
    always: bool
    # Other fields a facet's find field matches besides the label (an institution's acronym).
    find: tuple = ()
    # The model whose rows are named in the reader's language (regions/names.py); None: as stored.
    named: str | None = None
    # Options in the order of their name in the reader's language, not the stored one.
    by_name: bool = False
    # A facet of fixed choices (evidence, outcome, in place): () -> [(stored value, key, label)],
    # labels translated when the page is drawn, not when the cached base is counted.
    choices: object = None


def _choice_rows(choices):
    return lambda: [(value, value, label) for value, label in choices]


def _in_place_rows():
    words = dict(IN_PLACE_CHOICES)
    return [(True, "true", words["true"]), (False, "false", words["false"])]


def _specs():
    return {
        "country": FacetSpec(
            lambda: Country.objects.order_by("name", "code"),
            "code",
            "name",
            "country_id",
            False,
            ("code",),
            named="regions.country",
            by_name=True,
        ),
        "priority_area": FacetSpec(
            lambda: PriorityArea.objects.order_by("position", "slug"),
            "slug",
            "name",
            "",
            True,
            named="awards.priorityarea",
        ),
        "tier": FacetSpec(
            lambda: AwardTier.objects.order_by("rank"),
            "slug",
            "name",
            "tier_id",
            True,
            named="awards.awardtier",
        ),
        "institution": FacetSpec(
            lambda: Institution.objects.order_by("name", "slug"),
            "slug",
            "name",
            "institution_id",
            False,
            ("original_name", "acronym"),
        ),
        "region": FacetSpec(
            lambda: Region.objects.order_by("position", "slug"),
            "slug",
            "name",
            "",
            False,
            named="regions.region",
        ),
        "year": FacetSpec(None, "", "", "year", False),
        "evidence": FacetSpec(None, "", "", "evidence", True, choices=_choice_rows(Evidence.choices)),
        "outcome": FacetSpec(None, "", "", "outcome", True, choices=_choice_rows(Outcome.choices)),
        "target_group": FacetSpec(
            lambda: TargetGroup.objects.order_by("position", "slug"),
            "slug",
            "name",
            "",
            True,
            # Named in the reader's language once regions.names has a context for target groups.
            named="catalogue.targetgroup",
        ),
        "in_place": FacetSpec(None, "", "", "in_place", True, choices=_in_place_rows),
    }


@dataclass
class Facet:
    """One facet's answer: `options` [{value, label, count}] and how many values it has in all."""

    name: str
    options: list
    total: int

    @property
    def truncated(self):
        return len([o for o in self.options if not o.get("extra")]) < self.total


@dataclass
class FacetCounts:
    count: int
    facets: dict = field(default_factory=dict)

    def as_api(self):
        """The API's shape: {"count", facet: [{value, label, count}], "total_options": {facet: n}}."""
        doc = {"count": self.count}
        for name, facet in self.facets.items():
            doc[name] = [{k: option[k] for k in ("value", "label", "count")} for option in facet.options]
        doc["total_options"] = {name: facet.total for name, facet in self.facets.items()}
        return doc


# ---------------------------------------------------------------------------------------------
# The SQL: one query over materialised sets of practices.

_SET_COLUMNS = ("id", "country_id", "tier_id", "institution_id", "year", "evidence", "outcome", "in_place")


def _set_sql(queryset, connection, set_columns=_SET_COLUMNS):
    """(sql, params) selecting `set_columns` (of _SET_COLUMNS) of the practices of `queryset`."""
    rows = queryset.order_by().values_list(*("pk" if c == "id" else c for c in set_columns))
    try:
        return rows.query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:  # a search with no word in it: no practice
        columns = ", ".join(connection.ops.quote_name(c) for c in set_columns)
        return f"SELECT {columns} FROM {connection.ops.quote_name(Practice._meta.db_table)} WHERE 1 = 0", ()


def _columns_of_sets(count, groupings):
    """The columns each set needs: its id (counted whole, or joined to a relation) and the columns
    its groupings group on, no more, so that a set without a facet's filter reads the one column it
    counts (the facets index holds the original ones: status, year, country, tier, institution)."""
    needed = [{"id"} for _ in range(count)]
    for _tag, index, column in groupings:
        if column not in _RELATIONS:
            needed[index].add(column)
    return [tuple(c for c in _SET_COLUMNS if c in columns) for columns in needed]


def _materialized(connection):
    if connection.vendor == "postgresql" or (
        connection.vendor == "sqlite" and connection.Database.sqlite_version_info >= (3, 35)
    ):
        return "MATERIALIZED "
    return ""


def _count_sets(sets, groupings, using):
    """Run one query. `sets` is [queryset]; `groupings` is [(tag, set index, column or a relation
    of _RELATIONS)].

    Returns {tag: {value: count}} and, under the tag "", {0: number of rows of set 0}.
    """
    connection = connections[using]
    q = connection.ops.quote_name
    ctes, params = [], []
    uses = [1] + [0] * (len(sets) - 1)  # set 0 is counted whole, besides its groupings
    for _tag, index, _column in groupings:
        uses[index] += 1
    set_columns = _columns_of_sets(len(sets), groupings)
    for index, queryset in enumerate(sets):
        sql, set_params = _set_sql(queryset, connection, set_columns[index])
        columns = ", ".join(q(c) for c in set_columns[index])
        # A set read by several groupings is computed once (the search runs once); a set read by
        # one is left to the planner, which folds it into its grouping.
        hint = _materialized(connection) if uses[index] > 1 else ""
        ctes.append(f"s{index} ({columns}) AS {hint}({sql})")
        params.extend(set_params)
    # The values are read as text, every grouping alike: PostgreSQL's UNION wants one type per
    # column, and the columns grouped on are integers, strings and a boolean (_from_text reads them).
    selects = ["SELECT '' AS tag, CAST(0 AS TEXT) AS value, COUNT(*) AS n FROM s0"]
    for tag, index, column in groupings:
        if column in _RELATIONS:
            through, row_field = _RELATIONS[column]
            practice_col = q(through._meta.get_field("practice").column)
            row_col = q(through._meta.get_field(row_field).column)
            selects.append(
                f"SELECT '{tag}', CAST(t.{row_col} AS TEXT), COUNT(*) FROM s{index} "
                f"INNER JOIN {q(through._meta.db_table)} t ON t.{practice_col} = s{index}.{q('id')} "
                f"GROUP BY t.{row_col}"
            )
        else:
            selects.append(
                f"SELECT '{tag}', CAST({q(column)} AS TEXT), COUNT(*) FROM s{index} GROUP BY {q(column)}"
            )
    sql = f"WITH {', '.join(ctes)} " + " UNION ALL ".join(selects)
    columns = {tag: column for tag, _index, column in groupings}
    result = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for tag, value, n in cursor.fetchall():
            if value is not None:
                result.setdefault(tag, {})[_from_text(columns.get(tag), value)] = n
    return result


def _from_text(column, text):
    """A grouped value read back from its text, by the type of the practice's column: a boolean
    from PostgreSQL's `true`/`false` or SQLite's `1`/`0`, a string as it is, anything else (an id,
    a year, a related row's id) an integer."""
    model_field = _practice_columns().get(column)
    if isinstance(model_field, models.BooleanField):
        return text in ("true", "1")
    if isinstance(model_field, models.CharField):
        return text
    return int(text)


@functools.cache
def _practice_columns():
    return {f.column: f for f in Practice._meta.concrete_fields}


def _groupings(set_of):
    """[(tag, set index, column)] for every facet, `set_of(facet)` giving the index of its set."""
    specs = _specs()
    groupings = []
    for name in FACET_NAMES:
        spec = specs[name]
        if name == "priority_area":
            groupings.append((name, set_of(name), "areas"))
        elif name == "target_group":
            groupings.append((name, set_of(name), "target_groups"))
        elif name == "region":
            # A practice has one country, so a region's count is the sum of its countries' counts.
            groupings.append((name, set_of(name), "country_id"))
        else:
            groupings.append((name, set_of(name), spec.column))
    return groupings


# ---------------------------------------------------------------------------------------------
# What every visitor of an audience shares: options, labels, natural order, unfiltered counts.


@dataclass
class _Base:
    count: int
    # facet -> [(id, key, label, folded text the find field matches)] in the facet's natural order,
    # options without practices included
    rows: dict
    # facet -> {id: count} without any filter
    counts: dict
    # country id -> region id
    region_of: dict


def _base(queryset):
    using = router.db_for_read(Practice)
    return per_content_version("facets", lambda: _compute_base(queryset, using), queryset_digest(queryset))


def _compute_base(queryset, using):
    counts = _count_sets([queryset], _groupings(lambda name: 0), using)
    rows, region_of = {}, {}
    for name, spec in _specs().items():
        if spec.rows is None:  # years (below) and fixed choices (when drawn)
            continue
        # Countries bring their region along: a region's count is the sum of its countries'.
        extra = ("region_id",) if name == "country" else ()
        rows[name] = []
        for pk, key, label, *more in spec.rows().values_list("pk", spec.key, spec.label, *extra, *spec.find):
            if extra:
                region_of[pk], *more = more
            rows[name].append((pk, str(key), str(label), fold(" ".join([str(label), *map(str, more)]))))
    base_counts = {name: counts.get(name, {}) for name in FACET_NAMES}
    base_counts["region"] = _regions(base_counts["region"], region_of)
    years = sorted(base_counts["year"], reverse=True)
    rows["year"] = [(year, str(year), str(year), str(year)) for year in years]
    return _Base(count=counts.get("", {}).get(0, 0), rows=rows, counts=base_counts, region_of=region_of)


def _regions(country_counts, region_of):
    regions = {}
    for country_id, n in country_counts.items():
        region = region_of.get(country_id)
        if region is not None:
            regions[region] = regions.get(region, 0) + n
    return regions


# ---------------------------------------------------------------------------------------------


def facet_counts(filterset, limit=DEFAULT_FACET_LIMIT, only=None, find=""):
    """FacetCounts for a valid PracticeFilterSet.

    `limit` options per facet (0: all; or {facet: limit}), the most frequent first, then in the
    facet's order (countries and institutions by name, areas by position, tiers by rank, years
    newest first); when a facet has no more values than `limit`, all are listed in that order.
    `only` names the facets to compute (default: all). `find` (or {facet: words}) keeps the values
    whose name (or original name, acronym, country code) holds every word of it, ignoring case and
    accents (a facet's find field). Values given in the request are always listed, with counts.

    Options listed: every priority area and tier (zeros included); countries, institutions,
    regions and years that have at least one practice in the base queryset (what the user may see).
    """
    names = [name for name in FACET_NAMES if not only or name in only]
    limits = limit if isinstance(limit, dict) else dict.fromkeys(names, limit)
    finds = find if isinstance(find, dict) else dict.fromkeys(names, find or "")
    base = _base(filterset.queryset)
    active = [name for name in FACET_NAMES if filterset.form.cleaned_data.get(name)]
    filtered = any(
        value for key, value in filterset.form.cleaned_data.items() if key != filterset.ordering_param
    )
    if not filtered:
        counts, count = base.counts, base.count
    else:
        # Set 0 has every filter; each active facet that is asked for gets a set without its own,
        # unless it is the only filter: that set is the unfiltered one, whose counts are known.
        filters = {key for key, value in filterset.form.cleaned_data.items() if value} - {
            filterset.ordering_param
        }
        sets = [filterset.apply(filterset.queryset)]
        index, from_base = {}, set()
        for name in active:
            if name not in names:
                continue
            if filters == {name}:
                from_base.add(name)
            else:
                index[name] = len(sets)
                sets.append(filterset.apply(filterset.queryset, exclude=name))
        wanted = [
            grouping
            for grouping in _groupings(lambda name: index.get(name, 0))
            if grouping[0] in names and grouping[0] not in from_base
        ]
        # The counts of a view are the same for every visitor of its audience, and cost as many rows
        # as its filters (or its search) let through: once per content version (the sets' SQL says
        # which counts these are).
        using = router.db_for_read(Practice)
        parts = [*map(queryset_digest, sets), repr(wanted)]
        raw = per_content_version("facets:filtered", lambda: _count_sets(sets, wanted, using), *parts)
        count = raw.get("", {}).get(0, 0)
        counts = {name: raw.get(name, {}) for name in names}
        if "region" in counts and "region" not in from_base:
            counts["region"] = _regions(counts["region"], base.region_of)
        counts.update({name: base.counts[name] for name in from_base})
    specs = _specs()
    result = FacetCounts(count=count)
    for name in names:
        words = fold(finds.get(name) or "").split()
        chosen = _chosen_ids(filterset, name, specs[name])
        options = []
        spec = specs[name]
        for pk, key, label, text in _named(spec, _rows(spec, base, name)):
            if not (spec.always or base.counts[name].get(pk) or pk in chosen):
                continue
            if words and pk not in chosen and not all(word in text for word in words):
                continue
            value = pk if name == "year" else key
            options.append({"value": value, "label": label, "count": counts[name].get(pk, 0), "id": pk})
        result.facets[name] = Facet(
            name, _top(options, limits.get(name, DEFAULT_FACET_LIMIT), chosen), total=len(options)
        )
    return result


def _rows(spec, base, name):
    """A facet's rows (pk, key, label, find text): the cached ones, or its choices in the reader's
    language (the stored value is the pk)."""
    if spec.choices is None:
        return base.rows[name]
    return [(value, key, str(label), fold(str(label))) for value, key, label in spec.choices()]


def _named(spec, rows):
    """A facet's rows (pk, key, label, find text) with their labels in the active language, the find
    text matching the English name too, and countries in the reader's order (regions/names.py)."""
    if spec.named is None:
        return rows
    named = []
    for pk, key, label, text in rows:
        shown = name_of(spec.named, key, label)
        named.append((pk, key, shown, text if shown == label else f"{text} {fold(shown)}"))
    if spec.by_name:
        named.sort(key=lambda row: collation_key(row[2]))
    return named


def _chosen_ids(filterset, name, spec):
    value = filterset.form.cleaned_data.get(name) or []
    if name == "year":
        return set(value)
    if spec.choices is not None:
        stored = {key: stored for stored, key, _label in spec.choices()}
        return {stored[key] for key in value}
    return {row.pk for row in value}


def _top(options, limit, chosen):
    """The `limit` most frequent options (all when 0), ties in the given order, then any chosen
    option that did not make it, marked `extra`."""
    if not limit or len(options) <= limit:
        return options
    ranked = sorted(range(len(options)), key=lambda i: (-options[i]["count"], i))[:limit]
    shown = [options[i] for i in ranked]
    listed = {option["id"] for option in shown}
    shown += [
        {**option, "extra": True}
        for option in options
        if option["id"] in chosen and option["id"] not in listed
    ]
    return shown


def facet_request(params):
    """(limit, only, find) from the parameters `facet_limit`, `facet` and `facet_search`.

    Raises ValidationError {param: [message]} naming what is allowed.
    """
    errors = {}
    limit = DEFAULT_FACET_LIMIT
    raw = (params.get("facet_limit") or "").strip()
    if raw:
        if raw.isdecimal() and len(raw) <= len(str(MAX_FACET_LIMIT)):
            limit = int(raw)
        else:
            errors["facet_limit"] = [
                f"{raw!r} is not allowed. Allowed: a number of values per facet from 1 to {MAX_FACET_LIMIT}, "
                "0 for all of them."
            ]
    only = split_values(params.getlist("facet") if hasattr(params, "getlist") else params.get("facet"))
    unknown = [name for name in only if name not in FACET_NAMES]
    if unknown:
        errors["facet"] = list(unknown_values_error(unknown, FACET_NAMES).messages)
    find = (params.get("facet_search") or "").strip()
    if len(find) > SEARCH_MAX_LENGTH:
        errors["facet_search"] = [f"At most {SEARCH_MAX_LENGTH} characters are allowed (it has {len(find)})."]
    if errors:
        raise ValidationError(errors)
    return limit, only, find
