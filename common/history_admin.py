"""Admin with history for every tracked model: who changed what and when, revert, restore after delete.

On top of simple-history's SimpleHistoryAdmin ("History" button, field-by-field changes, revert to any
listed version):

- one history entry per save, many-to-many changes included (see common.history);
- reverting restores the many-to-many values of the chosen version too (simple-history's revert
  form would show today's values);
- a "Deleted" page lists the deleted objects, newest first, with a button that restores one.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin import widgets
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats
from django.utils.decorators import method_decorator
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from .history import (
    deleted_records,
    history_model,
    hold_history,
    m2m_field_names,
    m2m_values,
    restore_deleted,
    write_held_history,
)


class TextField(forms.CharField):
    """A multi-line text field that stores line breaks as "\n" whatever the browser sends.

    Browsers submit a textarea's line breaks as "\r\n": without this, saving a form unchanged would
    rewrite every summary (and show as a change of every line in the history).
    """

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_newlines(value) if value else value


class HistoryAdmin(SimpleHistoryAdmin):
    """ModelAdmin of a model tracked with common.history.History."""

    formfield_overrides = {
        models.TextField: {"form_class": TextField, "widget": widgets.AdminTextareaWidget},
    }
    change_list_template = "admin/history/change_list.html"
    deleted_list_template = "admin/history/deleted_list.html"
    deleted_per_page = 100

    # Writes: one history entry per save ----------------------------------------------------------

    def save_model(self, request, obj, form, change):
        # Hold simple-history's records while the object and then its many-to-many values are saved
        # (save_related() and simple-history's revert view both call form.save_m2m() after this), and
        # write one record with the final state once they are.
        hold_history(obj)
        super().save_model(request, obj, form, change)
        reason = getattr(request, "_history_change_reason", None)
        save_m2m = form.save_m2m

        def save_m2m_then_record():
            save_m2m()
            write_held_history(obj, created=not change, reason=reason, user=request.user)

        form.save_m2m = save_m2m_then_record

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            # simple-history checks only the view permission here, and hides the revert button from
            # users who may not change; a crafted POST would still save.
            if not self.has_change_history_permission(request):
                raise PermissionDenied
            record = history_model(self.model).objects.filter(history_id=version_id).first()
            if record is not None:
                request._history_change_reason = _("Reverted to the version of %(date)s") % {
                    "date": formats.date_format(record.history_date, "DATETIME_FORMAT")
                }
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        record = getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if record is None:
            return form_class
        # The revert form: its instance is the historical version, whose many-to-many accessors
        # would read today's relations. Give the form the version's own values instead.
        version_initial = {name: m2m_values(record, name) for name in m2m_field_names(self.model)}

        class VersionForm(form_class):
            def __init__(self, *args, **form_kwargs):
                form_kwargs["initial"] = {**version_initial, **(form_kwargs.get("initial") or {})}
                super().__init__(*args, **form_kwargs)

        return VersionForm

    # Deleted objects -------------------------------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("deleted/", self.admin_site.admin_view(self.deleted_view), name=f"{prefix}_deleted"),
            path(
                "deleted/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name=f"{prefix}_restore",
            ),
            *super().get_urls(),
        ]

    def has_restore_permission(self, request):
        """Restoring adds the object back: who may add may restore."""
        return self.has_add_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "has_restore_permission": self.has_restore_permission(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def deleted_view(self, request):
        """The objects deleted and not restored since, with who deleted them and when."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        paginator = Paginator(deleted_records(self.model), self.deleted_per_page)
        page = paginator.get_page(request.GET.get("p"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Deleted %(name)s") % {"name": self.opts.verbose_name_plural},
            "opts": self.opts,
            "page_obj": page,
            "records": [(record, record.history_object) for record in page.object_list],
            "has_restore_permission": self.has_restore_permission(request),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.deleted_list_template, context)

    @method_decorator(require_POST)
    def restore_view(self, request, history_id):
        """Restore one deleted object (POST from the deleted page), then open it."""
        if not self.has_restore_permission(request):
            raise PermissionDenied
        record = get_object_or_404(history_model(self.model), history_id=history_id, history_type="-")
        deleted_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_deleted")
        try:
            obj = restore_deleted(record, user=request.user)
        except ValidationError as error:
            messages.error(
                request,
                _("%(object)s could not be restored: %(errors)s")
                % {"object": record.history_object, "errors": " ".join(error.messages)},
            )
            return HttpResponseRedirect(deleted_url)
        self.log_addition(request, obj, _("Restored after deletion"))
        messages.success(request, _("%(object)s was restored.") % {"object": obj})
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
        )

