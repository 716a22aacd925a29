"""Helpers of the apps' test_filtersets.py: run a query string through a FilterSet, and check that a
test case exists for every filter (a filter added without one fails)."""

from django.http import QueryDict


def filtered(filterset_class, query, queryset, key="slug"):
    """The `key`s of what `query` selects, in order; AssertionError with the errors when invalid."""
    filterset = filterset_class(QueryDict(query), queryset=queryset)
    assert filterset.is_valid(), filterset.errors
    return [getattr(row, key) for row in filterset.qs]


def errors(filterset_class, query, queryset):
    filterset = filterset_class(QueryDict(query), queryset=queryset)
    assert not filterset.is_valid()
    return filterset.errors


def assert_every_filter_has_cases(filterset_class, cases):
    """`cases` maps filter names to their test cases: it must name every filter, and only those."""
    filters = set(filterset_class.base_filters)
    assert set(cases) == filters, (
        f"{filterset_class.__name__}: filters without cases {filters - set(cases)}, "
        f"cases without a filter {set(cases) - filters}"
    )
