from django.urls import path

from . import views

urlpatterns = [
    path("practices/", views.PracticeListView.as_view(), name="practice-list"),
    path("practices/<slug:slug>/", views.PracticeDetailView.as_view(), name="practice-detail"),
]
