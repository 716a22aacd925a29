"""Project-level views that belong to no app."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Liveness probe touching no database."""
    return HttpResponse("ok\n", content_type="text/plain")


def robots_txt(request):
    """robots.txt: everything may be crawled but the admin and the API; the sitemap's absolute URL."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Allow: /",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
