"""Page and page size: one rule for the API and the pages, and what a page's template reads."""

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.test import RequestFactory

from common.pagination import PageNotFound, paginate, paginate_request

ROWS = list(range(45))
LABELS = {"page": "Page", "page_size": "Rows per page"}


def test_a_page_and_its_size():
    page, paginator = paginate(ROWS, QueryDict("page=2&page_size=20"))
    assert list(page) == list(range(20, 40))
    assert paginator.num_pages == 3
    assert list(paginate(ROWS, QueryDict("page=last&page_size=20"))[0]) == list(range(40, 45))


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("page_size=0", {"page_size": ["'0' is not allowed. Allowed: a whole number from 1 to 100."]}),
        ("page_size=101&page=x", {
            "page_size": ["'101' is not allowed. Allowed: a whole number from 1 to 100."],
            "page": ["'x' is not allowed. Allowed: a page number from 1, or 'last'."],
        }),
        # With a valid size, a bad page's message names the pages there are (never "a whole number").
        ("page=0", {"page": ["'0' is not allowed. Allowed: a page number from 1 to 3, or 'last'."]}),
        ("page=-2&page_size=50", {"page": [
            "'-2' is not allowed. Allowed: 1 (the list's only page), or 'last'."
        ]}),
        ("page=1234567890", {"page": [
            "'1234567890' is not allowed. Allowed: a page number from 1 to 3, or 'last'."
        ]}),
    ],
)  # fmt: skip
def test_bad_parameters_are_named(query, errors):
    with pytest.raises(ValidationError) as raised:
        paginate(ROWS, QueryDict(query))
    assert raised.value.message_dict == errors


def test_a_page_past_the_end_says_how_many_there_are():
    with pytest.raises(PageNotFound) as raised:
        paginate(ROWS, QueryDict("page=9"))
    assert str(raised.value) == "Page 9 does not exist: this list has pages 1 to 3."
    # The largest page number the schema allows is a page that does not exist, not a bad value.
    with pytest.raises(PageNotFound) as raised:
        paginate(ROWS[:5], QueryDict("page=999999999"))
    assert str(raised.value) == "Page 999999999 does not exist: this list has only page 1."


def test_results_for_a_template():
    request = RequestFactory().get("/things/", {"page": "2", "page_size": "20", "q": "x"})
    results = paginate_request(request, ROWS, LABELS)
    assert results.status == 200
    assert list(results.object_list) == list(range(20, 40))
    assert results.query == "page_size=20&q=x"
    assert results.page_range == [1, 2, 3]

    bad = paginate_request(RequestFactory().get("/things/", {"page_size": "0", "q": "x"}), ROWS, LABELS)
    assert bad.status == 400 and bad.page is None and list(bad.object_list) == []
    [error] = bad.errors
    assert (error.name, error.label, error.without_url) == ("page_size", "Rows per page", "/things/?q=x")

    past = paginate_request(RequestFactory().get("/things/", {"page": "9"}), ROWS, LABELS)
    assert past.status == 404 and past.not_found
    assert past.errors[0].without_url == ""
