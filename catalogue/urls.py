"""The pages, under i18n_patterns (config/urls.py): English at /, Spanish, French, German prefixed.

Pages of the other apps' models are included here, so config/urls.py has one entry for all pages.
"""

from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("practices/", views.PracticeListView.as_view(), name="practice-list"),
    path("practices/<slug:slug>/", views.PracticeDetailView.as_view(), name="practice-detail"),
    path("institutions/<slug:slug>/", views.InstitutionDetailView.as_view(), name="institution-detail"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("", include("regions.urls")),
    path("", include("awards.urls")),
]
