"""The REST API, version 1: one router for every app's viewsets, the schema and its docs."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from catalogue.api.views import (
    AwardTierViewSet,
    CompetitionViewSet,
    CountryViewSet,
    InstitutionViewSet,
    LiaisonOfficeViewSet,
    PracticeViewSet,
    PriorityAreaViewSet,
    RegionViewSet,
    TargetGroupViewSet,
)
from common.api import NAMESPACE
from common.api.errors import JSONErrorsMixin

app_name = NAMESPACE

router = DefaultRouter()
router.register("practices", PracticeViewSet, basename="practice")
router.register("countries", CountryViewSet, basename="country")
router.register("institutions", InstitutionViewSet, basename="institution")
router.register("priority-areas", PriorityAreaViewSet, basename="priority-area")
router.register("target-groups", TargetGroupViewSet, basename="target-group")
router.register("tiers", AwardTierViewSet, basename="tier")
router.register("competitions", CompetitionViewSet, basename="competition")
router.register("regions", RegionViewSet, basename="region")
router.register("liaison-offices", LiaisonOfficeViewSet, basename="liaison-office")


class SchemaView(JSONErrorsMixin, SpectacularAPIView):
    """The OpenAPI schema (YAML, or JSON); its errors are JSON like every API error."""


class DocsView(JSONErrorsMixin, SpectacularSwaggerSplitView):
    """Swagger UI over the schema; its errors (405 to a POST) are JSON."""


urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so a strict CSP needs no inline script;
    # Swagger UI's own files come from drf-spectacular-sidecar through our static files.
    path(
        "docs/",
        # GET and HEAD only: the view renders with a template, which an OPTIONS answer lacks.
        DocsView.as_view(
            url_name="api:schema",
            template_name="api/swagger_ui.html",
            http_method_names=["get", "head"],
        ),
        name="docs",
    ),
    *router.urls,
]
