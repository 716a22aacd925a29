"""Admin for priority areas, award tiers and competitions; areas and competitions keep their history."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.history_admin import HistoryAdmin

from .models import AwardTier, Competition, PriorityArea


@admin.register(PriorityArea)
class PriorityAreaAdmin(HistoryAdmin):
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


class CompetitionAdminForm(forms.ModelForm):
    class Meta:
        model = Competition
        fields = (
            "name",
            "slug",
            "programme",
            "region",
            "year",
            "triennium",
            "forum",
            "jury",
            "priority_areas",
            "reported_entries",
            "reported_organizations",
            "reported_countries",
            "reported_certificates_of_merit",
            "reported_special_mentions",
            "source",
        )

    def clean_priority_areas(self):
        """An area stays in the competition's scheme while practices of the competition have it."""
        areas = self.cleaned_data["priority_areas"]
        if self.instance.pk is not None:
            still_used = (
                PriorityArea.objects.filter(practices__competition=self.instance)
                .exclude(pk__in=[area.pk for area in areas])
                .distinct()
            )
            if still_used:
                raise ValidationError(
                    _("Practices of this competition still have these areas: %(areas)s.")
                    % {"areas": ", ".join(area.slug for area in still_used)}
                )
        return areas


@admin.register(Competition)
class CompetitionAdmin(HistoryAdmin):
    form = CompetitionAdminForm
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
