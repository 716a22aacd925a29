"""The API's paginator: `page` and `page_size` validated by common/pagination.py, as on the pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

from common.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_DIGITS, MAX_PAGE_SIZE, PageNotFound, paginate


class StrictPageNumberPagination(PageNumberPagination):
    """`{count, next, previous, results}`; `page_size` 1..100 (default 20), `page` a number or `last`.

    A bad value answers 400 naming the parameter; a page past the end answers 404 saying how many
    pages there are.
    """

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        try:
            self.page, paginator = paginate(queryset, request.query_params)
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from error
        except PageNotFound as error:
            raise NotFound(str(error)) from error
        if paginator.num_pages > 1 and self.template is not None:
            self.display_page_controls = True
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Page number, from 1 (or `last`). A page past the end answers 404 saying "
                "which pages there are.",
                "schema": {
                    "anyOf": [
                        {"type": "integer", "minimum": 1, "maximum": 10**MAX_PAGE_DIGITS - 1},
                        {"type": "string", "enum": ["last"]},
                    ]
                },
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Results per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}).",
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_PAGE_SIZE,
                    "default": DEFAULT_PAGE_SIZE,
                },
            },
        ]
