"""Every API error is JSON: `{"detail": "..."}` for a URL under /api/ that no endpoint answers, and
the errors of the views whose successes are in another format (the schema's YAML, the docs' HTML)."""

from django.http import JsonResponse
from django.urls import reverse
from django.views.defaults import page_not_found
from rest_framework.renderers import JSONRenderer

API_PREFIX = "/api/"


class JSONErrorsMixin:
    """An APIView's errors are JSON whatever format its answers have: CSV (`{"country": [...]}` has
    no CSV shape), the browsable API's HTML, the schema's YAML, the docs' HTML."""

    def handle_exception(self, exc):
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)


def not_found(request, exception=None):
    """The project's 404 handler (`handler404`): JSON under /api/, the site's 404 page elsewhere.

    It answers a URL that matches no route: an unknown endpoint, or an object's URL that its
    router's pattern refuses (`/api/v1/countries/ABC/`). A 404 raised by an API view (no such
    object, a page past the end) is DRF's, JSON already. With DEBUG on, Django shows its own page.
    """
    if not request.path_info.startswith(API_PREFIX):
        return page_not_found(request, exception)
    schema = reverse("api:schema")
    return JsonResponse(
        {"detail": f"No API endpoint at {request.path}: the endpoints are listed in the schema, {schema}."},
        status=404,
    )
