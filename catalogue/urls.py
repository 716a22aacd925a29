"""The pages, under i18n_patterns (config/urls.py): English at /, Spanish, French, German prefixed."""

from django.urls import path

from . import entity_views, opendata, views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("practices/", views.PracticeListView.as_view(), name="practice-list"),
    path("practices/<slug:slug>/", views.PracticeDetailView.as_view(), name="practice-detail"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("evidence/", views.EvidenceView.as_view(), name="evidence"),
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("data/", opendata.DataView.as_view(), name="data"),
    path("countries/<str:code>/", entity_views.CountryDetailView.as_view(), name="country-detail"),
    path(
        "institutions/<slug:slug>/", entity_views.InstitutionDetailView.as_view(), name="institution-detail"
    ),
    path("regions/<slug:slug>/", entity_views.RegionDetailView.as_view(), name="region-detail"),
    path(
        "liaison-offices/<slug:slug>/",
        entity_views.LiaisonOfficeDetailView.as_view(),
        name="liaison-office-detail",
    ),
    path(
        "priority-areas/<slug:slug>/",
        entity_views.PriorityAreaDetailView.as_view(),
        name="priority-area-detail",
    ),
    path(
        "competitions/<slug:slug>/", entity_views.CompetitionDetailView.as_view(), name="competition-detail"
    ),
]
