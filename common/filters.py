"""Filters shared by every FilterSet of the project: strict values and errors that say what is allowed.

django-filter's stock choice filters reject an unknown value with a generic message; ours name the
value and list the allowed ones, so `?country=URU` answers 400 with
`{"country": ["Unknown value 'URU'. Allowed: AR, BO, ..."]}` on the API and on the pages alike.

A filter naming rows (`?country=UY`, `?priority_area=service-quality`) cleans to the rows themselves,
found with one `code__in` / `slug__in` query, so a page can print their names without asking again.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.text import format_lazy
from django_filters import fields as filter_fields
from drf_spectacular.plumbing import build_choice_description_list
from drf_spectacular.utils import extend_schema_field

from .identifiers import canonical
from .search import SEARCH_MAX_LENGTH, matching_all_words

MAX_LISTED = 40


def allowed_text(values):
    values = [str(v) for v in values]
    shown = ", ".join(values[:MAX_LISTED])
    return shown + (f", ... ({len(values)} in all)" if len(values) > MAX_LISTED else "")


def split_values(value):
    """The values of a parameter given repeated (`?x=a&x=b`) or comma-separated (`?x=a,b`)."""
    if value in (None, "", []):
        return []
    values = value if isinstance(value, list | tuple) else [value]
    return [part.strip() for v in values for part in str(v).split(",") if part.strip()]


def unknown_values_error(unknown, allowed):
    return ValidationError(
        "Unknown value %(values)s. Allowed: %(allowed)s.",
        code="invalid_choice",
        params={"values": ", ".join(repr(v) for v in unknown), "allowed": allowed_text(allowed)},
    )


class RepeatableInput(forms.TextInput):
    """A text input that reads every value of a repeated parameter (`?x=a&x=b`), not just the last."""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            return data.getlist(name)
        return super().value_from_datadict(data, files, name)

    def format_value(self, value):
        if isinstance(value, list | tuple):
            value = ",".join(str(v) for v in value)
        return super().format_value(value)


class RowsByKeyField(forms.Field):
    """A repeatable parameter naming rows by a unique key (a code or a slug), in any case.

    Cleans to the rows, one per value and in the order given, found with one `<key>__in` query.
    Unknown keys are an error listing the allowed ones (read with a second query, on error only).
    """

    widget = RepeatableInput

    def __init__(self, *args, queryset, to_field_name="slug", **kwargs):
        self.queryset = queryset
        self.to_field_name = to_field_name
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return [canonical(self.to_field_name, part) for part in split_values(value)]

    def allowed(self):
        """Every key the parameter accepts now, in the queryset's order."""
        return list(self.queryset.values_list(self.to_field_name, flat=True))

    def clean(self, value):
        keys = self.to_python(value)
        self.validate(keys)
        self.run_validators(keys)
        if not keys:
            return []
        # No key holds a NUL character, which PostgreSQL refuses in a query: such a value is unknown.
        asked = {key for key in keys if "\x00" not in key}
        rows = self.queryset.filter(**{f"{self.to_field_name}__in": asked}) if asked else []
        found = {getattr(row, self.to_field_name): row for row in rows}
        unknown = [key for key in keys if key not in found]
        if unknown:
            raise unknown_values_error(unknown, self.allowed())
        return [found[key] for key in keys]


class RowsFilter(django_filters.Filter):
    """`?param=a&param=b`: items related to any of the rows named (by `to_field_name`).

    The cleaned value is the rows. `field_name` is the relation from the filtered model to them
    (`country`, `country__region`); `lookup(queryset, rows)`, when given, filters instead (for a
    relation that would repeat items in a join). `label_field` names the rows for people; a
    row's `name` is shown as its `display_name` when it has one (a country, region, priority area
    or tier in the reader's language: regions/names.py).
    """

    field_class = RowsByKeyField

    def __init__(self, *args, queryset, to_field_name="slug", lookup=None, label_field="name", **kwargs):
        self.lookup = lookup
        self.label_field = label_field
        super().__init__(*args, queryset=queryset, to_field_name=to_field_name, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        if self.lookup:
            return self.lookup(qs, value)
        return qs.filter(**{f"{self.field_name}__in": [row.pk for row in value]})

    def keys(self, value):
        return [str(getattr(row, self.field.to_field_name)) for row in value or []]

    def labels(self, value):
        field = self.label_field
        return [
            str(getattr(row, "display_name" if field == "name" and hasattr(row, "display_name") else field))
            for row in value or []
        ]


class StrictMultipleField(filter_fields.MultipleChoiceField):
    """MultipleChoiceField whose error lists the allowed values (for fixed choices).

    Values may be repeated (`?x=a&x=b`) or comma-separated (`?x=a,b`).
    """

    def to_python(self, value):
        return split_values(super().to_python(value))

    def validate(self, value):
        try:
            super().validate(value)
        except ValidationError as error:
            if error.code != "invalid_choice":
                raise
            allowed = [str(key) for key, _ in self.choices]
            unknown = [v for v in value if not self.valid_value(v)]
            raise unknown_values_error(unknown, allowed) from error


class StrictChoiceFilter(django_filters.MultipleChoiceFilter):
    """A repeatable filter over fixed choices, with an error naming the allowed ones."""

    field_class = StrictMultipleField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)

    def keys(self, value):
        return [str(v) for v in value or []]

    def labels(self, value):
        names = {str(key): str(label) for key, label in self.extra["choices"]}
        return [names.get(str(v), str(v)) for v in value or []]


class StrictBooleanFilter(StrictChoiceFilter):
    """`?param=true`, `?param=false`, or both (either: a known value, not an unknown one).

    Only the words `true` and `false` are allowed; anything else is an error naming them. Cleans to
    the booleans. `labels` are what a page prints for each: (label of true, label of false).
    """

    WORDS = {"true": True, "false": False}

    def __init__(self, *args, labels, **kwargs):
        true_label, false_label = labels
        choices = (("true", true_label), ("false", false_label))
        super().__init__(*args, choices=choices, **kwargs)
        # The schema says the two words: left to drf-spectacular, the model's BooleanField would make
        # it a boolean restricted to the strings "true" and "false", which no client can send.
        extend_schema_field({
            "type": "string",
            "enum": list(self.WORDS),
            "description": format_lazy("{}\n\n{}", self.label, build_choice_description_list(choices)),
        })(self)  # fmt: skip

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": sorted({self.WORDS[word] for word in value})})


class YearField(forms.Field):
    """One or more four-digit years."""

    widget = RepeatableInput

    def to_python(self, value):
        years = []
        for raw in split_values(value):
            if not (raw.isdecimal() and len(raw) == 4 and 1900 <= int(raw) <= 2200):
                raise ValidationError(
                    "%(value)r is not a year. Allowed: a four-digit year, e.g. 2017.",
                    code="invalid",
                    params={"value": raw},
                )
            years.append(int(raw))
        return years


class YearFilter(django_filters.Filter):
    field_class = YearField

    def filter(self, qs, value):
        return qs.filter(**{f"{self.field_name}__in": value}) if value else qs

    def keys(self, value):
        return [str(year) for year in value or []]

    labels = keys


class StrictOrderingFilter(django_filters.Filter):
    """Sorting by public names (`?ordering=-year&ordering=title` or `?ordering=-year,title`).

    `fields` maps public names to model fields; every sort ends with a unique `tiebreak`, so pages
    never repeat or skip rows; empty values sort last in both directions (a practice with no tier
    comes after the attestations).
    """

    field_class = StrictMultipleField

    def __init__(self, *args, fields, tiebreak=("slug",), **kwargs):
        self.param_map = dict(fields)
        self.tiebreak = list(tiebreak)
        choices = []
        for name in self.param_map:
            choices += [(name, name), (f"-{name}", f"-{name}")]
        kwargs.setdefault("required", False)
        super().__init__(*args, choices=choices, **kwargs)

    def order_by(self, param):
        expression = F(self.param_map[param.lstrip("-")])
        if param.startswith("-"):
            return expression.desc(nulls_last=True)
        return expression.asc(nulls_last=True)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.order_by(*[self.order_by(p) for p in value], *self.tiebreak)


class FoldedSearchFilter(django_filters.CharFilter):
    """`?search=words`: rows where every word occurs in one of `fields`, ignoring case and accents.

    For the short lists (countries, institutions, ...); practices search with their own queryset
    method. Works on PostgreSQL and SQLite alike (both have `unaccent()`, see common/search.py).
    """

    def __init__(self, *args, fields, **kwargs):
        self.search_fields = tuple(fields)
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not (value or "").strip():
            return qs
        return matching_all_words(qs, self.search_fields, value)


class StrictFilterSet(django_filters.FilterSet):
    """Base of the project's FilterSets: filters, then a default order, then the client's `ordering`.

    `apply(queryset, exclude=name)` filters by every valid parameter but one, which is what
    disjunctive facet counts need, without validating the parameters again.
    """

    ordering_param = "ordering"

    def apply(self, queryset, exclude=None):
        for name, value in self.form.cleaned_data.items():
            if name not in (exclude, self.ordering_param) and name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def default_ordering(self, queryset):
        return queryset

    def filter_queryset(self, queryset):
        queryset = self.default_ordering(self.apply(queryset))
        ordering = self.filters.get(self.ordering_param)
        if ordering is None:
            return queryset
        return ordering.filter(queryset, self.form.cleaned_data.get(self.ordering_param))

    def given(self, name):
        """The values given for parameter `name`, as typed: comma-separated lists split, a free-text
        parameter (a search) kept whole, empty values left out."""
        if not hasattr(self.data, "getlist"):
            return []
        raw = [value for value in self.data.getlist(name) if value.strip()]
        if isinstance(self.filters.get(name), django_filters.CharFilter):
            return raw
        return split_values(raw)

    @property
    def active(self):
        """{name: [values as typed]} of the parameters given (for chips, feed titles, facets)."""
        return {name: values for name in self.filters if (values := self.given(name))}
