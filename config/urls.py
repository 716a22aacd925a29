"""URL configuration.

Pages are under i18n_patterns: English at the root (/practices/), Spanish, French and German under
/es/, /fr/, /de/ (catalogue/urls.py). The API, admin, feeds, sitemap, robots.txt and the health
check are language-neutral, and listed here.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from catalogue.feeds import PracticeFeed
from catalogue.sitemaps import SITEMAPS

from .views import healthz, robots_txt

urlpatterns = [
    path("api/v1/", include("config.api_urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("feeds/practices/", PracticeFeed(), name="practice-feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots-txt"),
]

urlpatterns += i18n_patterns(path("", include("catalogue.urls")), prefix_default_language=False)
