"""Admin for regions, countries and liaison offices (liaison offices keep their history)."""

from django.contrib import admin

from common.history_admin import HistoryAdmin

from .models import Country, LiaisonOffice, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "region")
    list_filter = ("region",)
    list_select_related = ("region",)
    search_fields = ("name", "code")
    autocomplete_fields = ("region",)


@admin.register(LiaisonOffice)
class LiaisonOfficeAdmin(HistoryAdmin):
    list_display = ("name", "region", "population", "social_protection_share", "language")
    list_filter = ("region", "language")
    list_select_related = ("region",)
    search_fields = ("name", "slug", "description")
    autocomplete_fields = ("region", "source")
    filter_horizontal = ("countries",)
    prepopulated_fields = {"slug": ("name",)}
