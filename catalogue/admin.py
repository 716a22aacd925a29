"""Admin for source documents, institutions and practices: where editors curate the catalogue.

Every model here keeps its history (who changed what and when, revert, restore after delete: see
common.history_admin). Practices and institutions import and export CSV and JSON with natural keys
(catalogue.services.imports). Roles are in catalogue.roles.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, JSON
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from common.admin_lists import CappedCountPaginator, SortableByChangeList, TextListFilter
from common.history import single_history_entry
from common.history_admin import HistoryAdmin
from common.search import SEARCH_MAX_LENGTH

from .choices import Status
from .models import PRACTICE_DATA_FIELDS, Institution, Practice, SourceDocument, TargetGroup
from .querysets import INSTITUTION_NAME_FIELDS, SEARCH_FIELDS
from .roles import PUBLISH_PERMISSION
from .services import editing
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
    list_display = ("name", "acronym", "country", "practices_link")
    list_filter = (("country", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("country",)
    # Also what the practice form's institution box searches as the editor types (autocomplete).
    search_fields = INSTITUTION_NAME_FIELDS
    autocomplete_fields = ("country",)
    prepopulated_fields = {"slug": ("name",)}

    def get_search_results(self, request, queryset, search_term):
        """Words of the name, original name, acronym or slug, accents aside ("prevision" finds
        "Banco de Previsión Social"), as the institution filter of the practice list matches them."""
        if not search_term.strip():
            return queryset, False
        return queryset.named(search_term), False

    @admin.display(description=_("Practices"))
    def practices_link(self, obj):
        url = reverse("admin:catalogue_practice_changelist")
        url += f"?{InstitutionFilter.parameter_name}={obj.slug}"
        return format_html('<a href="{}">{}</a>', url, _("Its practices"))


class InstitutionFilter(TextListFilter):
    """Practices of the institutions an editor types: a slug chooses that one institution, other text
    the institutions with every word in their name, original name, acronym or slug.

    Replaces a list of every institution (about 1,500 at scale), which no sidebar can show.
    """

    title = _("institution")
    parameter_name = "institution"
    help_text = _("Type words of its name or its acronym, then Enter.")

    def filter(self, queryset, value):
        return queryset.filter(institution__in=Institution.objects.named(value))

    def describe(self, value):
        exact = Institution.objects.filter(slug=value).first()
        return str(exact) if exact else _("Names containing “%(text)s”") % {"text": value}


class PracticeAdminForm(forms.ModelForm):
    """The model's rules (Practice.clean) and the priority areas' (shared with imports), and no
    lost update: the change form carries the revision it was opened on and refuses a save made
    from a version another editor has changed since (catalogue.services.editing).

    Its fields are the practice's data fields, as the API and imports write them; the admin's
    fieldsets lay out the same fields (a test checks that they agree). `opened_revision` is
    rendered by admin/catalogue/practice/change_form.html, outside the fieldsets.
    """

    opened_revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Practice
        fields = PRACTICE_DATA_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Not in the revert form of a version from the history (its instance is that version).
        reverting = getattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) is not None
        if self.instance.pk is not None and not reverting:
            self.fields["opened_revision"].initial = self.instance.revision

    def clean(self):
        cleaned_data = super().clean()
        self._check_not_stale(cleaned_data.get("opened_revision"))
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

    def _check_not_stale(self, opened):
        """Refuse the save when the practice (read under its row lock: PracticeAdmin.get_object) is
        no longer at the revision the form was opened on, unless the saves since changed nothing an
        editor sees. The form comes back with what the editor typed, what changed since at the top,
        and the current revision: saving it again, once reviewed, goes ahead."""
        practice = self.instance
        if opened is None or practice.pk is None or opened == practice.revision:
            return
        changes = editing.changes_since(practice, opened)
        if changes == []:
            return
        self.add_error(None, stale_form_message(practice, changes))
        data = self.data.copy()
        data[self.add_prefix("opened_revision")] = practice.revision
        self.data = data


def stale_form_message(practice, changes):
    """The refusal of a stale save: who changed the practice, when, and its changed fields now."""
    record = editing.latest_change(practice)
    who = (record.history_user.get_username() if record and record.history_user else None) or _("someone")
    when = formats.date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT") if record else "?"
    intro = format_html(
        "{} {}",
        _(
            "Not saved: another editor changed this practice since you opened it (last change by "
            "%(who)s, %(when)s). What you typed is kept below."
        )
        % {"who": who, "when": when},
        _("Compare it with the values now, change what you need to, and save again."),
    )
    if changes is None:
        return format_html("{} {}", intro, _("Its history does not say what changed; see its History page."))
    items = format_html_join(
        "", "<li><strong>{}</strong>: {}</li>", ((f.verbose_name.capitalize(), v) for f, v in changes)
    )
    return format_html(
        '{}<br>{}<ul class="changed-since">{}</ul>', intro, _("Changed since, with the values now:"), items
    )


@admin.register(TargetGroup)
class TargetGroupAdmin(HistoryAdmin):
    """The target groups' vocabulary: editors add a group when a practice is for one not listed."""

    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Practice)
class PracticeAdmin(ImportExportAdmin, HistoryAdmin):
    form = PracticeAdminForm
    resource_classes = [PracticeResource]
    list_display = ("title", "institution", "country", "tier", "status", "year", "synthetic", "site_link")
    # The site's facets (country, priority area, tier, institution, region, year), then curation.
    # Each lists the rows of a small table (about 70 countries at scale, 12 areas, 4 tiers, 4 regions, the
    # competitions, the years), never the practices' values: the sidebar costs the same at any size.
    # Institutions are too many to list: the editor types one (InstitutionFilter).
    list_filter = (
        "status",
        ("country", admin.RelatedFieldListFilter),
        "priority_areas",
        "tier",
        InstitutionFilter,
        ("country__region", admin.RelatedFieldListFilter),
        "year",
        "competition",
        "outcome",
        "evidence",
        "in_place",
        "synthetic",
    )
    # Every foreign key shown in list_display, so the list runs one query however many rows it has.
    list_select_related = ("institution", "country", "tier")
    # Columns the database reads in order from an index (migration 0008): sorting by institution or
    # country would sort every practice on each click (SortableByChangeList ignores such a request).
    sortable_by = ("title", "year")
    # The filtered count only: counting the whole table again for "N total" is a second scan.
    show_full_result_count = False
    # No "Show counts": Django counts every value of every filter again, one scan per filter (over a
    # second at 100,000 practices). The counts are on /practices/ and /api/v1/practices/facets/.
    show_facets = admin.ShowFacets.NEVER
    # What the search box searches (see get_search_results): the public search's fields.
    search_fields = tuple(name for names in SEARCH_FIELDS.values() for name in names)
    search_help_text = _(
        "Words of the title, summary, jury comment or institution (accents and case aside), or a slug."
    )
    # Lineage by autocomplete (the practices' search): a select of every practice would not load at
    # 100,000 of them. Target groups are a short list.
    autocomplete_fields = ("institution", "country", "competition", "tier", "source", "adapted_from")
    filter_horizontal = ("priority_areas", "target_groups")
    actions = ("publish", "withdraw")
    fieldsets = (
        (None, {"fields": ("title", "slug", "original_title", "original_title_language")}),
        (_("Who and where"), {"fields": ("institution", "country", "year")}),
        (_("Award entry"), {"fields": ("competition", "tier", "priority_areas")}),
        (_("Text"), {"fields": ("summary", "jury_comment", "lessons")}),
        (_("Curation"), {"fields": ("status", "outcome", "last_reviewed")}),
        (
            _("Evidence"),
            {
                "fields": (
                    "evidence",
                    ("implementation_started", "implementation_ended"),
                    ("in_place", "last_verified"),
                    "target_groups",
                    ("beneficiaries_count", "beneficiaries_year"),
                    "beneficiaries_note",
                    "results",
                    "challenges",
                    "adapted_from",
                    "provenance",
                ),
                "description": _(
                    "Only what a source states; leave the rest empty. The levels of evidence are "
                    "defined on the evidence page."
                ),
            },
        ),
        (_("Source"), {"fields": ("source", "source_position")}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    # No lost updates --------------------------------------------------------------------------------

    def get_object(self, request, object_id, from_field=None):
        """A save reads the practice under its row lock, held until the admin's transaction (around
        the whole save) commits: the form's stale check and the save are one step."""
        if request.method != "POST" or not transaction.get_connection().in_atomic_block:
            return super().get_object(request, object_id, from_field)
        queryset = editing.for_edit(self.get_queryset(request))
        field = self.opts.pk if from_field is None else self.opts.get_field(from_field)
        try:
            return queryset.get(**{field.name: field.to_python(object_id)})
        except (self.model.DoesNotExist, ValidationError, ValueError):
            return None

    def save_model(self, request, obj, form, change):
        if change and getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) is not None:
            # A version from the history, reverted to: the next revision counts from today's.
            obj.revision = editing.current_revision(obj)
        super().save_model(request, obj, form, change)

    @admin.display(description=_("On the site"))
    def site_link(self, obj):
        if obj.status != Status.PUBLISHED:
            return "—"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("View"))

    # The change list -----------------------------------------------------------------------------

    # A search lists and counts at most this many practices: a common word matches most of them.
    search_count_limit = 1000

    def get_changelist(self, request, **kwargs):
        return SortableByChangeList

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        if not request.GET.get(SEARCH_VAR, "").strip():
            return super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)
        return CappedCountPaginator(
            queryset,
            per_page,
            self.search_count_limit,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
        )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None and getattr(changelist.paginator, "capped", False):
            # The response renders later, so the message shows on this very page.
            messages.info(
                request,
                _(
                    "More than %(count)s practices match this search; the list shows the first %(count)s. "
                    "Add words or filters to narrow it."
                )
                % {"count": formats.number_format(self.search_count_limit, force_grouping=True)},
            )
        return response

    def get_search_results(self, request, queryset, search_term):
        """The public search (Practice.objects.search: the full-text index of either database)
        instead of Django's `icontains` on every field, which
        reads every practice and its institution; a practice's slug finds it too."""
        search_term = search_term.strip()
        if not search_term:
            return queryset, False
        if len(search_term) > SEARCH_MAX_LENGTH:
            messages.warning(
                request,
                _("Only the words within the first %(count)d characters of the search were used.")
                % {"count": SEARCH_MAX_LENGTH},
            )
            search_term = self._cut_between_words(search_term, SEARCH_MAX_LENGTH)
        return queryset.editor_search(search_term), False

    @staticmethod
    def _cut_between_words(text, length):
        """The words of `text` within its first `length` characters: no half word is searched for."""
        words = text[:length].split()
        if not text[length].isspace() and len(words) > 1:
            words = words[:-1]
        return " ".join(words)

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
            # Each read under its row lock (editing.for_edit), so its revision counts from the
            # stored one; by primary key, as the change list's query may be DISTINCT (no FOR UPDATE).
            selected = Practice.objects.filter(pk__in=queryset.values("pk")).exclude(status=status)
            practices = editing.for_edit(selected.select_related("competition"))
            for practice in practices:
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
