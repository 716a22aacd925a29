"""The same view without a parameter, or without one of its values."""

from django.http import QueryDict

from common.querystring import has_empty_values, query_without, with_query


def test_one_value_is_removed_also_from_a_comma_separated_list():
    params = QueryDict("country=UY,MX&country=AR&tier=merit&page=2")
    assert query_without(params, "country", value="MX", also=("page",)) == "country=UY&country=AR&tier=merit"
    assert query_without(params, "country", value="AR") == "country=UY%2CMX&tier=merit&page=2"
    assert query_without(params, "country", "page") == "tier=merit"


def test_empty_values_are_dropped():
    params = QueryDict("search=&country=UY")
    assert has_empty_values(params)
    assert query_without(params) == "country=UY"
    assert not has_empty_values(QueryDict("country=UY"))


def test_with_query():
    assert with_query("/practices/", "") == "/practices/"
    assert with_query("/practices/", "a=1") == "/practices/?a=1"
