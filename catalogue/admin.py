"""Admin for source documents, institutions and practices: where editors curate the catalogue."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Institution, Practice, SourceDocument


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "publisher", "year", "language", "path")
    list_filter = ("year", "language", "publisher")
    search_fields = ("title", "slug", "publisher", "path")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "country")
    list_filter = (("country", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("country",)
    search_fields = ("name", "original_name", "acronym", "slug")
    autocomplete_fields = ("country",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ("title", "institution", "country", "tier", "status", "year")
    list_filter = (
        "status",
        "tier",
        ("country", admin.RelatedOnlyFieldListFilter),
        "competition",
        "priority_areas",
        "outcome",
    )
    # Every foreign key shown in list_display, so the list runs one query however many rows it has.
    list_select_related = ("institution", "country", "tier")
    search_fields = ("title", "original_title", "institution__name", "institution__acronym")
    autocomplete_fields = ("institution", "country", "competition", "tier", "source")
    filter_horizontal = ("priority_areas",)
    # Only fills the slug of a new practice: published slugs stay stable.
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "slug", "original_title", "original_title_language")}),
        (_("Who and where"), {"fields": ("institution", "country", "year")}),
        (_("Award entry"), {"fields": ("competition", "tier", "priority_areas")}),
        (_("Text"), {"fields": ("summary", "jury_comment", "lessons")}),
        (_("Curation"), {"fields": ("status", "outcome", "last_reviewed")}),
        (_("Source"), {"fields": ("source", "source_position")}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )
