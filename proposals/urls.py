"""/share/ and its receipt, under i18n_patterns (config/urls.py): in every language."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.share, name="share"),
    path("received/", views.received, name="share-received-unnumbered"),
    path("received/<str:reference>/", views.received, name="share-received"),
]
