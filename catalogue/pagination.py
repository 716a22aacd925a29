"""Page and page-size parameters, validated the same way for the API and the pages."""

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Paginator

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


def page_number_from(params):
    """The `page` parameter as a positive int (1 when absent); ValidationError naming it otherwise."""
    raw = (params.get("page") or "").strip()
    if not raw or raw == "last":
        return raw or 1
    if not (raw.isdecimal() and len(raw) <= 9 and int(raw) >= 1):
        raise ValidationError(
            {"page": [f"{raw!r} is not allowed. Allowed: a whole number from 1, or 'last'."]}
        )
    return int(raw)


class PageNotFound(Exception):
    """A page number past the end; the message says how many pages there are."""


def paginate(queryset, params):
    """(page, paginator); ValidationError for bad parameters, PageNotFound past the last page."""
    errors = {}
    size = number = None
    for parse, name in ((page_size_from, "page_size"), (page_number_from, "page")):
        try:
            value = parse(params)
        except ValidationError as error:
            errors.update(error.message_dict)
            continue
        if name == "page_size":
            size = value
        else:
            number = value
    if errors:
        raise ValidationError(errors)
    paginator = Paginator(queryset, size)
    if number == "last":
        number = paginator.num_pages
    try:
        return paginator.page(number), paginator
    except EmptyPage as error:
        raise PageNotFound(
            f"Page {number} does not exist: this list has {paginator.num_pages} page(s) "
            f"of {size} ({paginator.count} item(s))."
        ) from error
