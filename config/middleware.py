"""The project's own middleware: the Content-Security-Policy, and compression of every answer but
the admin's.

Content-Security-Policy for the pages: nothing but the site's own files may load or run.
The pages carry no inline script (JSON-LD data blocks do not run) and no style attribute, so the
strict policy breaks nothing; the API's interactive docs (/api/v1/docs/) load their script from a
file and comply too. The admin and DRF's browsable API come from third-party templates with inline
styles and scripts: they are left without the header (JSON and CSV need none).
"""

from django.middleware import gzip
from django.utils.cache import patch_vary_headers

POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
EXEMPT_PREFIXES = ("/admin/", "/api/")
ENFORCED_PREFIXES = ("/api/v1/docs/",)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(ENFORCED_PREFIXES) or not request.path.startswith(EXEMPT_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", POLICY)
        return response


class GZipMiddleware(gzip.GZipMiddleware):
    """Django's GZipMiddleware (which pads each answer by a random length, against BREACH), minus
    the admin, and with 304s that match the 200 they stand for.

    The admin is left uncompressed: its pages reflect what an editor types (the search box) next to
    what must stay secret (API tokens in the token list), which is what BREACH needs, and its few
    users gain nothing from the bytes saved. README.md, "Scaling out", says why the rest is safe.

    A compressed 200 carries a weak ETag (W/"...", as RFC 9110 requires of a transformed body) and
    Vary: Accept-Encoding; a 304 has no body to compress, so Django leaves both as they were. The
    304 to a client that accepts gzip is given the same two, so a cache revalidating its compressed
    copy finds the validator it stored.
    """

    def process_response(self, request, response):
        if request.path.startswith("/admin/"):
            return response
        if response.status_code == 304:
            if gzip.re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
                etag = response.get("ETag")
                if etag and etag.startswith('"'):
                    response.headers["ETag"] = "W/" + etag
                patch_vary_headers(response, ("Accept-Encoding",))
            return response
        return super().process_response(request, response)
