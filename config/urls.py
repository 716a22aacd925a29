"""URL configuration.

Pages are under i18n_patterns: English at the root (/practices/), Spanish, French and German under
/es/, /fr/, /de/ (catalogue/urls.py). The API, admin, feeds, sitemap, robots.txt, the health
checks (/healthz, /readyz) and the data downloads (/data/practices.json and .csv) are
language-neutral, and listed here. /sitemap.xml is the index of the sitemap's parts,
/sitemap-<section>.xml?p=N (catalogue/sitemaps.py).
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index as sitemap_index
from django.urls import include, path

from catalogue.feeds import PracticeFeed
from catalogue.opendata import practices_csv, practices_json
from catalogue.sitemaps import SITEMAPS
from common.sitemaps import sitemap_part

from .views import healthz, readyz, robots_txt

# A database that fails answers 503 with Retry-After; other errors 500 (JSON on the API).
handler500 = "common.unavailable.server_error"

urlpatterns = [
    path("api/v1/", include("config.api_urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("feeds/practices/", PracticeFeed(), name="practice-feed"),
    # The whole catalogue's downloads (the /data/ page, under the languages, offers them).
    path("data/practices.json", practices_json, name="data-practices-json"),
    path("data/practices.csv", practices_csv, name="data-practices-csv"),
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<str:section>.xml", sitemap_part, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("robots.txt", robots_txt, name="robots-txt"),
]

urlpatterns += i18n_patterns(
    path("", include("catalogue.urls")),
    path("share/", include("proposals.urls")),
    prefix_default_language=False,
)

# A URL no route matches: JSON under /api/ (every API error is JSON), the site's page elsewhere.
handler404 = "common.api.errors.not_found"
