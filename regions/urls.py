from django.urls import path

from . import views

urlpatterns = [
    path("countries/<str:code>/", views.CountryDetailView.as_view(), name="country-detail"),
    path("regions/<slug:slug>/", views.RegionDetailView.as_view(), name="region-detail"),
    path(
        "liaison-offices/<slug:slug>/", views.LiaisonOfficeDetailView.as_view(), name="liaison-office-detail"
    ),
]
