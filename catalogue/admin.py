"""Admin for source documents, institutions and practices: where editors curate the catalogue.

Every model here keeps its history (who changed what and when, revert, restore after delete: see
common.history_admin). Practices and institutions import and export CSV and JSON with natural keys
(catalogue.services.imports). Roles are in catalogue.roles.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, JSON

from common.history import single_history_entry
from common.history_admin import HistoryAdmin

from .choices import Status
from .models import PRACTICE_DATA_FIELDS, Institution, Practice, SourceDocument
from .roles import PUBLISH_PERMISSION
from .services.imports import InstitutionResource, PracticeResource
from .services.validation import check_priority_areas


class ImportExportAdmin(ImportExportMixin):
    """Import and export in CSV and JSON; the export button takes the change list's filters and search.

    Importing adds and changes rows, so it needs both permissions; exporting needs view permission.
    """

    import_formats = [CSV, JSON]
    export_formats = [CSV, JSON]

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_or_change_permission(request)

    def process_result(self, result, request):
        # The confirmed import runs again; if the data changed since the preview and a row fails now,
        # the whole file was rolled back (AtomicResource): say so rather than "Import finished".
        if result.has_errors() or result.has_validation_errors():
            rows = sorted({row.number for row in result.invalid_rows} | {n for n, _ in result.row_errors()})
            messages.error(
                request,
                _(
                    "Nothing was imported: rows %(rows)s no longer pass the checks. "
                    "Upload the file again to see why."
                )
                % {"rows": ", ".join(map(str, rows))},
            )
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"))
        return super().process_result(result, request)


@admin.register(SourceDocument)
class SourceDocumentAdmin(HistoryAdmin):
    list_display = ("title", "publisher", "year", "language", "path")
    list_filter = ("year", "language", "publisher")
    search_fields = ("title", "slug", "publisher", "path")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(Institution)
class InstitutionAdmin(ImportExportAdmin, HistoryAdmin):
    resource_classes = [InstitutionResource]
    list_display = ("name", "acronym", "country")
    list_filter = (("country", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("country",)
    search_fields = ("name", "original_name", "acronym", "slug")
    autocomplete_fields = ("country",)
    prepopulated_fields = {"slug": ("name",)}


class PracticeAdminForm(forms.ModelForm):
    """The model's rules (Practice.clean) and the priority areas' (shared with imports).

    Its fields are the practice's data fields, as the API and imports write them; the admin's
    fieldsets lay out the same fields (a test checks that they agree).
    """

    class Meta:
        model = Practice
        fields = PRACTICE_DATA_FIELDS

    def clean(self):
        cleaned_data = super().clean()
        if "priority_areas" in self.fields and not self.has_error("priority_areas"):
            if "competition" in self.fields:
                if self.has_error("competition"):
                    return cleaned_data
                competition = cleaned_data.get("competition")
            else:
                competition = self.instance.competition
            try:
                check_priority_areas(competition, cleaned_data.get("priority_areas") or [])
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


@admin.register(Practice)
class PracticeAdmin(ImportExportAdmin, HistoryAdmin):
    form = PracticeAdminForm
    resource_classes = [PracticeResource]
    list_display = ("title", "institution", "country", "tier", "status", "year", "site_link")
    # The site's facets (country, priority area, tier, institution, region, year), then curation.
    list_filter = (
        "status",
        ("country", admin.RelatedOnlyFieldListFilter),
        "priority_areas",
        "tier",
        ("institution", admin.RelatedOnlyFieldListFilter),
        ("country__region", admin.RelatedOnlyFieldListFilter),
        "year",
        "competition",
        "outcome",
        "synthetic",
    )
    # Every foreign key shown in list_display, so the list runs one query however many rows it has.
    list_select_related = ("institution", "country", "tier")
    search_fields = (
        "title",
        "original_title",
        "slug",
        "institution__name",
        "institution__acronym",
        "institution__original_name",
    )
    autocomplete_fields = ("institution", "country", "competition", "tier", "source")
    filter_horizontal = ("priority_areas",)
    actions = ("publish", "withdraw")
    fieldsets = (
        (None, {"fields": ("title", "slug", "original_title", "original_title_language")}),
        (_("Who and where"), {"fields": ("institution", "country", "year")}),
        (_("Award entry"), {"fields": ("competition", "tier", "priority_areas")}),
        (_("Text"), {"fields": ("summary", "jury_comment", "lessons")}),
        (_("Curation"), {"fields": ("status", "outcome", "last_reviewed")}),
        (_("Source"), {"fields": ("source", "source_position")}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    @admin.display(description=_("On the site"))
    def site_link(self, obj):
        if obj.status != Status.PUBLISHED:
            return "—"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("View"))

    # Who may change what ---------------------------------------------------------------------------

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(PUBLISH_PERMISSION)

    def slug_is_locked(self, obj):
        """A published practice keeps its slug, so links to it keep working (also enforced by clean())."""
        if obj is None:
            return False
        if not hasattr(obj, "_slug_locked"):
            obj._slug_locked = obj.was_published()
        return obj._slug_locked

    def get_readonly_fields(self, request, obj=None):
        fields = ["created_at", "updated_at"]
        if self.slug_is_locked(obj):
            fields.append("slug")
        if not self.has_publish_permission(request):
            # New practices start as drafts; someone with the publish permission publishes them.
            fields.append("status")
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        # Only fills the slug while it can still change: published slugs stay stable.
        if self.slug_is_locked(obj):
            return {}
        return {"slug": ("title",)}

    # Bulk publish and withdraw ---------------------------------------------------------------------

    @admin.action(description=_("Publish the selected practices"), permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Withdraw the selected practices"), permissions=["publish"])
    def withdraw(self, request, queryset):
        self._set_status(request, queryset, Status.WITHDRAWN)

    def _set_status(self, request, queryset, status):
        """Give each practice the status through save(), so history records it with the user.

        A practice is published only if it passes the rules an edit would; the others stay as they are
        and are named in a warning.
        """
        label = Status(status).label
        changed, refused = 0, []
        with transaction.atomic():
            for practice in queryset.exclude(status=status).select_related("competition"):
                practice.status = status
                if status == Status.PUBLISHED:
                    try:
                        practice.full_clean()
                        check_priority_areas(practice.competition, practice.priority_areas.all())
                    except ValidationError as error:
                        refused.append(f"{practice} ({' '.join(error.messages)})")
                        continue
                reason = _("Status set to %(status)s (bulk action)") % {"status": label}
                with single_history_entry(practice, reason=reason, user=request.user):
                    practice.save(update_fields=["status", "updated_at"])
                self.log_change(request, practice, reason)
                changed += 1
        messages.success(
            request,
            ngettext(
                "%(count)d practice set to %(status)s.", "%(count)d practices set to %(status)s.", changed
            )
            % {"count": changed, "status": label},
        )
        if refused:
            messages.warning(
                request,
                _("Not published, fix them first: %(practices)s") % {"practices": "; ".join(refused)},
            )
