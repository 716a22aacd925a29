"""The strict filters: rows found in one query and handed over, errors that name what is allowed.

On Django's own groups, so that common's tests need no app of the project.
"""

import django_filters
import pytest
from django.contrib.auth.models import Group
from django.http import QueryDict

from common.filters import (
    FoldedSearchFilter,
    RowsFilter,
    StrictChoiceFilter,
    StrictFilterSet,
    StrictOrderingFilter,
    YearFilter,
    allowed_text,
    split_values,
)


class GroupFilterSet(StrictFilterSet):
    name = RowsFilter(field_name="pk", queryset=Group.objects.order_by("name"), to_field_name="name")
    kind = StrictChoiceFilter(field_name="name", choices=[("a", "Kind A"), ("b", "Kind B")])
    year = YearFilter(field_name="id")
    search = FoldedSearchFilter(fields=("name",))
    ordering = StrictOrderingFilter(fields=(("name", "name"),), tiebreak=("id",))

    class Meta:
        model = Group
        fields = []


def filterset(query):
    return GroupFilterSet(QueryDict(query), queryset=Group.objects.all())


@pytest.fixture
def groups(db):
    Group.objects.all().delete()  # the project's own roles, which a migration creates
    return {name: Group.objects.create(name=name) for name in ("editors", "viewers", "owners")}


def test_values_are_repeated_or_comma_separated():
    assert split_values(["a,b", " c ", ""]) == ["a", "b", "c"]
    assert split_values("") == []


def test_allowed_values_are_cut_after_forty():
    assert allowed_text(range(3)) == "0, 1, 2"
    assert allowed_text(range(45)).endswith("39, ... (45 in all)")


def test_rows_are_found_with_one_query_in_the_order_given(groups, django_assert_num_queries):
    found = filterset("name=viewers,EDITORS&name=viewers")
    with django_assert_num_queries(1):
        assert found.is_valid()
    rows = found.form.cleaned_data["name"]
    assert rows == [groups["viewers"], groups["editors"], groups["viewers"]]
    assert found.filters["name"].labels(rows) == ["viewers", "editors", "viewers"]
    assert found.filters["name"].keys(rows) == ["viewers", "editors", "viewers"]
    assert found.given("name") == ["viewers", "EDITORS", "viewers"]
    assert sorted(g.name for g in found.qs) == ["editors", "viewers"]


def test_an_unknown_row_names_it_and_lists_the_allowed_ones(groups, django_assert_num_queries):
    bad = filterset("name=editors,admins")
    with django_assert_num_queries(2):  # the rows given, then (on error only) the allowed ones
        assert not bad.is_valid()
    assert bad.errors == {"name": ["Unknown value 'admins'. Allowed: editors, owners, viewers."]}


def test_fixed_choices_and_years(db):
    bad = filterset("kind=c&year=17")
    assert not bad.is_valid()
    assert bad.errors == {
        "kind": ["Unknown value 'c'. Allowed: a, b."],
        "year": ["'17' is not a year. Allowed: a four-digit year, e.g. 2017."],
    }
    good = filterset("kind=b,a&year=2017")
    assert good.is_valid()
    assert good.filters["kind"].labels(good.form.cleaned_data["kind"]) == ["Kind B", "Kind A"]
    assert good.filters["year"].labels(good.form.cleaned_data["year"]) == ["2017"]


def test_a_free_text_parameter_is_kept_whole(groups):
    found = filterset("search=edit,ors")
    assert found.given("search") == ["edit,ors"]
    assert found.active == {"search": ["edit,ors"]}
    assert isinstance(found.filters["search"], django_filters.CharFilter)


def test_ordering_ends_with_the_tiebreak(groups):
    ordered = filterset("ordering=-name")
    assert ordered.is_valid()
    assert [g.name for g in ordered.qs] == ["viewers", "owners", "editors"]
    assert ordered.qs.query.order_by[-1] == "id"
    assert filterset("ordering=size").errors == {
        "ordering": ["Unknown value 'size'. Allowed: name, -name."]
    }
