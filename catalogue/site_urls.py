"""Language-neutral site URLs: feeds, sitemap, robots.txt."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .feeds import PracticeFeed
from .sitemaps import SITEMAPS

urlpatterns = [
    path("feeds/practices/", PracticeFeed(), name="practice-feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
]
