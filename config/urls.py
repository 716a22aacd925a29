"""URL configuration.

Pages are under i18n_patterns: English at the root (/practices/), Spanish, French and German under
/es/, /fr/, /de/. The API, admin, feeds, sitemap and robots.txt are language-neutral.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from .views import healthz

urlpatterns = [
    path("api/v1/", include("config.api_urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("", include("catalogue.site_urls")),
]

urlpatterns += i18n_patterns(path("", include("catalogue.urls")), prefix_default_language=False)
