from django.urls import path

from . import views

urlpatterns = [
    path("priority-areas/<slug:slug>/", views.PriorityAreaDetailView.as_view(), name="priority-area-detail"),
    path("competitions/<slug:slug>/", views.CompetitionDetailView.as_view(), name="competition-detail"),
]
