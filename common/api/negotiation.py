"""Content negotiation where `?format=` is an explicit choice: it names the parameter when unknown, and
it wins over the Accept header."""

from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation


class StrictContentNegotiation(DefaultContentNegotiation):
    """`?format=xml` answers 400 `{"format": ["Unknown value 'xml'. Allowed: json, api, csv."]}`.

    DRF's default answers 404 to an unknown format, which reads as "no such resource", and 406 to
    `?format=csv` sent with `Accept: application/json` (a default of many HTTP libraries); a client
    that names a format in the URL means it.
    """

    def select_renderer(self, request, renderers, format_suffix=None):
        format = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except exceptions.NotAcceptable:
            if not format:
                raise
            renderer = self.filter_renderers(renderers, format)[0]
            return renderer, renderer.media_type

    def filter_renderers(self, renderers, format):
        matching = [renderer for renderer in renderers if renderer.format == format]
        if not matching:
            allowed = ", ".join(dict.fromkeys(renderer.format for renderer in renderers))
            raise exceptions.ValidationError({"format": [f"Unknown value {format!r}. Allowed: {allowed}."]})
        return matching
