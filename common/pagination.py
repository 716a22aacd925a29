"""Page and page-size parameters, validated the same way for the API and the pages.

`paginate()` is the rule (common/api/pagination.py adapts it to DRF); `paginate_request()` gives a
page what its templates read: the rows, the links' query string, or the errors to show.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Page
from django.core.paginator import Paginator as DjangoPaginator

from .querystring import query_without, without

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def page_size_from(params, default=DEFAULT_PAGE_SIZE):
    """The `page_size` parameter as an int in 1..MAX_PAGE_SIZE; ValidationError naming it otherwise."""
    raw = (params.get("page_size") or "").strip()
    if not raw:
        return default
    if not (raw.isdecimal() and len(raw) <= 9 and 1 <= int(raw) <= MAX_PAGE_SIZE):
        raise ValidationError(
            {"page_size": [f"{raw!r} is not allowed. Allowed: a whole number from 1 to {MAX_PAGE_SIZE}."]}
        )
    return int(raw)


# The longest page number read as one: a longer one is refused (the schema's `maximum` says so).
MAX_PAGE_DIGITS = 9


def page_number_from(params, num_pages=None):
    """The `page` parameter as a positive int (1 when absent) or "last"; ValidationError naming it
    otherwise, saying which pages there are when `num_pages` (a callable: it may count) is given."""
    raw = (params.get("page") or "").strip()
    if not raw or raw == "last":
        return raw or 1
    if not (raw.isdecimal() and len(raw) <= MAX_PAGE_DIGITS and int(raw) >= 1):
        num_pages = num_pages() if num_pages is not None else None
        if num_pages is None:
            allowed = "a page number from 1"
        elif num_pages == 1:
            allowed = "1 (the list's only page)"
        else:
            allowed = f"a page number from 1 to {num_pages}"
        raise ValidationError({"page": [f"{raw!r} is not allowed. Allowed: {allowed}, or 'last'."]})
    return int(raw)


def pages_of(paginator):
    """The pages a list has, as a message says it: "pages 1 to 4", "only page 1"."""
    return f"pages 1 to {paginator.num_pages}" if paginator.num_pages > 1 else "only page 1"


class Paginator(DjangoPaginator):
    """Django's paginator, with pages past the middle read from the other end.

    A database sorts every row before an OFFSET near the end of a large list (`?page=last` of
    100,000 practices): a page in the second half is read in the reversed order instead, with the
    smaller offset from the end, and put back in order. The orderings used here end with a unique
    field, so the reversed order is exactly the reverse.

    A list that knows a better way to read some of its pages offers `page_rows(bottom, top)`,
    returning that page's rows as a list, or None to be sliced as above (a search, read a rank at a
    time: catalogue.querysets.PracticeQuerySet.page_rows).
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        rows = self.object_list
        page_rows = getattr(rows, "page_rows", None)
        read = page_rows(bottom, top) if page_rows is not None else None
        if read is not None:
            rows = read
        elif bottom > self.count // 2 and hasattr(rows, "reverse") and getattr(rows, "ordered", False):
            rows = list(rows.reverse()[self.count - top : self.count - bottom])[::-1]
        else:
            rows = rows[bottom:top]
        return self._get_page(rows, number, self)


class PageNotFound(Exception):
    """A page number past the end; the message says how many pages there are."""


def paginate(queryset, params, count=None):
    """(page, paginator); ValidationError for bad parameters, PageNotFound past the last page.

    `count`, when the caller knows it already, is the number of rows: no query counts them again.
    """
    errors = {}
    size = None
    try:
        size = page_size_from(params)
    except ValidationError as error:
        errors.update(error.message_dict)
    paginator = Paginator(queryset, size or DEFAULT_PAGE_SIZE)
    if count is not None:
        paginator.count = count  # a cached property: set, it is not computed
    number = None
    try:
        # A bad page's message names the pages there are: that takes the count, and a valid size.
        number = page_number_from(params, (lambda: paginator.num_pages) if size else None)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    if number == "last":
        number = paginator.num_pages
    try:
        return paginator.page(number), paginator
    except EmptyPage as error:
        raise PageNotFound(f"Page {number} does not exist: this list has {pages_of(paginator)}.") from error


@dataclass(frozen=True)
class ParamError:
    """A bad parameter as a page shows it: its name, its label, the messages, the view without it."""

    name: str
    label: str
    messages: list
    without_url: str = ""


def param_errors(errors, labels, request=None):
    """[ParamError] from {param: [messages]}; with `request`, each links to the view without it."""
    return [
        ParamError(
            name=name,
            label=str(labels.get(name, name)),
            messages=[str(message) for message in messages],
            without_url=without(request, name) if request is not None else "",
        )
        for name, messages in errors.items()
    ]


@dataclass(frozen=True)
class Results:
    """One page of a list as a template shows it, or why it cannot be shown.

    `query` is the request's query string without `page`, which the page links add.
    """

    page: Page | None = None
    query: str = ""
    errors: list = field(default_factory=list)
    not_found: bool = False

    @property
    def paginator(self):
        return self.page.paginator if self.page is not None else None

    @property
    def object_list(self):
        return self.page.object_list if self.page is not None else []

    @property
    def page_range(self):
        if self.page is None:
            return []
        return list(self.paginator.get_elided_page_range(self.page.number, on_each_side=2, on_ends=1))

    @property
    def status(self):
        if self.not_found:
            return 404
        return 400 if self.errors else 200


def paginate_request(request, queryset, labels, count=None):
    """The Results of the page of `queryset` that the request asks for (`page`, `page_size`).

    `labels` names the parameters for people ({"page_size": "Practices per page"}).
    """
    query = query_without(request.GET, "page")
    try:
        page, _paginator = paginate(queryset, request.GET, count=count)
    except ValidationError as error:
        return Results(query=query, errors=param_errors(error.message_dict, labels, request))
    except PageNotFound as error:
        return Results(query=query, errors=param_errors({"page": [str(error)]}, labels), not_found=True)
    return Results(page=page, query=query)
