"""URL configuration: pages (translated under /es/, /fr/, /de/), the API, admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("catalogue.urls")),
]
