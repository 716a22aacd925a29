"""Content-Security-Policy for the pages: nothing but the site's own files may load or run.

The pages carry no inline script (JSON-LD data blocks do not run) and no style attribute, so the
strict policy breaks nothing; the API's interactive docs (/api/v1/docs/) load their script from a
file and comply too. The admin and DRF's browsable API come from third-party templates with inline
styles and scripts: they are left without the header (JSON and CSV need none).
"""

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
