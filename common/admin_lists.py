"""Admin change lists that stay fast on tables of any size.

Django's admin is built for tables an editor could scroll through: a filter lists every value of a
relation, any column sorts, and each page counts the whole table twice. On a table of 100,000 rows
with 1,500 related institutions that means a sidebar of 1,500 links and a sort of every row per
click. Three pieces keep a model admin within a fixed cost:

- :class:`TextListFilter`, a sidebar filter the editor types into instead of a list of every value;
- :class:`SortableByChangeList`, a change list that sorts only by the columns `sortable_by` names
  (those the database can read in order from an index), whatever the query string asks;
- :class:`CappedCountPaginator`, which counts matches only up to a limit: counting every practice a
  common word matches reads each one's search document, where the first page needs a hundred.
"""

from functools import cached_property

from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, PAGE_VAR, ChangeList
from django.core.paginator import Paginator
from django.utils.translation import gettext as _


class TextListFilter(admin.ListFilter):
    """A filter with a text box: `?<parameter_name>=<text>` keeps the rows that `filter()` finds.

    Subclasses set `title`, `parameter_name` and `help_text` and implement `filter(queryset, value)`;
    `describe(value)` may name what the value chose (shown as the selected entry). The box submits the
    other parameters of the list (filters, search, sorting) along with it, so typing keeps the view.
    """

    parameter_name = None
    help_text = ""
    template = "admin/common/text_filter.html"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        values = params.pop(self.parameter_name, None)
        self.value = (values[-1] if values else "").strip()
        if self.value:
            self.used_parameters[self.parameter_name] = self.value

    def has_output(self):
        return True

    def expected_parameters(self):
        return [self.parameter_name]

    def queryset(self, request, queryset):
        if not self.value:
            return queryset
        return self.filter(queryset, self.value)

    def filter(self, queryset, value):
        raise NotImplementedError("a TextListFilter implements filter(queryset, value)")

    def describe(self, value):
        return value

    def choices(self, changelist):
        # What the box submits besides its own text: the list's other parameters, page excepted.
        self.hidden_parameters = [
            (name, value)
            for name, values in sorted(changelist.filter_params.items())
            if name not in (self.parameter_name, PAGE_VAR)
            for value in values
        ]
        yield {
            "selected": not self.value,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("All"),
        }
        if self.value:
            yield {
                "selected": True,
                "query_string": changelist.get_query_string({self.parameter_name: self.value}),
                "display": self.describe(self.value),
            }


class SortableByChangeList(ChangeList):
    """A change list that sorts only by the columns in `sortable_by`.

    Django's admin honours `?o=<column>` for any column whose field can be sorted, even one that
    `sortable_by` leaves without a sorting link: a hand-written address could still ask for a sort
    the database can only do by reading and sorting every row. Here such a column is dropped from the
    request, and when none is left the list keeps its default order.
    """

    def get_ordering(self, request, queryset):
        asked = self.params.get(ORDER_VAR)
        if asked and self.sortable_by is not None:
            kept = [part for part in asked.split(".") if self._sorts(part)]
            if kept:
                self.params[ORDER_VAR] = ".".join(kept)
            else:
                del self.params[ORDER_VAR]
        return super().get_ordering(request, queryset)

    def _sorts(self, part):
        """Whether `part` of `?o=` ("3" or "-3") names a column of the list that may be sorted."""
        _prefix, _minus, index = part.rpartition("-")
        try:
            field_name = self.list_display[int(index)]
        except (IndexError, ValueError):
            return False
        return field_name in self.sortable_by


class CappedCountPaginator(Paginator):
    """A paginator that counts at most `limit` rows; `capped` tells whether there were more.

    The count is `SELECT COUNT(*) FROM (... LIMIT limit + 1)`, which stops reading after that many
    matches. Pages past the limit do not exist: the list shows the first `limit` rows in its order.
    """

    def __init__(self, object_list, per_page, limit, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit
        self.capped = False

    @cached_property
    def count(self):
        found = self.object_list.order_by()[: self.limit + 1].count()
        self.capped = found > self.limit
        return min(found, self.limit)
