"""Filters shared by every FilterSet of the project: strict values and errors that say what is allowed.

django-filter's stock choice filters reject an unknown value with a generic message; ours name the
value and list the allowed ones, so `?country=URU` answers 400 with
`{"country": ["Unknown value 'URU'. Allowed: AR, BO, ..."]}` on the API and on the pages alike.
"""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, Lower
from django_filters import fields as filter_fields

from .search import Unaccent, fold

MAX_LISTED = 40

# Longest `?search=` accepted: longer input is an error (400), not a query of hundreds of words.
SEARCH_MAX_LENGTH = 200
_SEARCH_WORD = re.compile(r"[\w'-]+")


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


class StrictMultipleValueField(forms.Field):
    """A repeatable parameter whose every value must belong to a set known only at validation time."""

    widget = RepeatableInput

    def __init__(self, *args, allowed=None, normalize=None, **kwargs):
        self.allowed = allowed
        self.normalize = normalize or (lambda value: value)
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return [self.normalize(part) for part in split_values(value)]

    def validate(self, value):
        super().validate(value)
        if not value:
            return
        allowed = list(self.allowed())
        unknown = [v for v in value if v not in set(allowed)]
        if unknown:
            raise unknown_values_error(unknown, allowed)


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


class CodeFilter(django_filters.Filter):
    """`?param=a&param=b`: rows whose `field_name` is any of the given codes or slugs.

    `allowed` returns the known values (queried at validation time, so new rows are accepted at once);
    `lookup` filters the queryset, by default `<field_name>__in`.
    """

    field_class = StrictMultipleValueField

    def __init__(self, *args, allowed, normalize=None, lookup=None, **kwargs):
        self.lookup = lookup
        super().__init__(*args, allowed=allowed, normalize=normalize, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        if self.lookup:
            return self.lookup(qs, value)
        return qs.filter(**{f"{self.field_name}__in": value})


class StrictChoiceFilter(django_filters.MultipleChoiceFilter):
    """A repeatable filter over fixed choices, with an error naming the allowed ones."""

    field_class = StrictMultipleField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


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


class FoldedSearchFilter(django_filters.CharFilter):
    """`?search=words`: rows where every word occurs in one of `fields`, ignoring case and accents.

    For the short lists (countries, institutions, ...); practices use `PracticeQuerySet.search()`.
    Works on PostgreSQL and SQLite alike (both have `unaccent()`, see catalogue/search.py).
    """

    def __init__(self, *args, fields, **kwargs):
        self.search_fields = tuple(fields)
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not (value or "").strip():
            return qs
        words = _SEARCH_WORD.findall(fold(value))
        if not words:
            return qs.none()
        aliases = {name: "_folded_" + name.replace("__", "_") for name in self.search_fields}
        annotations = {alias: Lower(Unaccent(Coalesce(name, Value("")))) for name, alias in aliases.items()}
        condition = Q()
        for word in words:
            any_field = Q()
            for alias in aliases.values():
                any_field |= Q(**{f"{alias}__contains": word})
            condition &= any_field
        return qs.annotate(**annotations).filter(condition)
