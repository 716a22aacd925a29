"""Admin for priority areas, award tiers and competitions."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AwardTier, Competition, PriorityArea


@admin.register(PriorityArea)
class PriorityAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "triennium", "position")
    list_filter = ("triennium",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(AwardTier)
class AwardTierAdmin(admin.ModelAdmin):
    list_display = ("rank", "name", "slug")
    list_display_links = ("name",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Competition)
class CompetitionAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "year", "triennium", "reported_entries")
    list_filter = ("region", "year", "triennium")
    list_select_related = ("region",)
    search_fields = ("name", "slug", "programme", "forum")
    autocomplete_fields = ("region", "source")
    filter_horizontal = ("priority_areas",)
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "programme", "region", "year", "triennium", "forum")}),
        (_("Jury and topics"), {"fields": ("jury", "priority_areas")}),
        (
            _("Totals reported by the source"),
            {
                "fields": (
                    "reported_entries",
                    "reported_organizations",
                    "reported_countries",
                    "reported_certificates_of_merit",
                    "reported_special_mentions",
                    "source",
                )
            },
        ),
    )
