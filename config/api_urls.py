"""The REST API, version 1: one router for every app's viewsets, the schema and its docs."""

from rest_framework.routers import DefaultRouter

app_name = "api"

router = DefaultRouter()

urlpatterns = [
    *router.urls,
]
