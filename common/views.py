"""Bases of the pages: one object and the paginated list under it; a 404 that says what is missing."""

from django.http import Http404
from django.views.generic import TemplateView

from .pagination import paginate_request


def get_object_or_404(queryset, message, **lookup):
    """The one row of `queryset` matching `lookup`, or a 404 whose page says `message`."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as error:
        raise Http404(message) from error


class ObjectListView(TemplateView):
    """A page about one object with a paginated list under it (a country and its practices).

    Subclasses give `get_object()`, `get_items(obj)` (a queryset in its display order) and
    `get_facts(obj)` (what else the page shows of the object); `parameter_labels` names the
    parameters (`page`, `page_size`) in the messages of a bad request. The object is `self.object`
    once found. The template reads `object`, the facts and `results` (common.pagination.Results);
    the status is 400 for a bad parameter and 404 for a page past the end.
    """

    parameter_labels = {}

    def get_object(self):
        raise NotImplementedError

    def get_items(self, obj):
        raise NotImplementedError

    def get_facts(self, obj):
        return {}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "object": self.object}

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        results = paginate_request(request, self.get_items(self.object), self.parameter_labels)
        context = {**self.get_context_data(**kwargs), **self.get_facts(self.object), "results": results}
        return self.render_to_response(context, status=results.status)
