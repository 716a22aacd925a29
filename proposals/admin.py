"""The editors' review of proposals: new, accepted and declined, with counts beside every filter;
accept (making a draft practice) or decline (with a reason). The proposer's e-mail is shown here and
nowhere else. Proposals are added by /share/ only; deleting one is for superusers.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalogue.models import Institution

from . import services
from .choices import ProposalStatus
from .models import Proposal
from .references import parse

WRITTEN = (
    "title",
    "institution",
    "country",
    "objectives",
    "summary",
    "results",
    "lessons",
    "challenges",
    "outcome",
    "in_place",
)


class AcceptForm(forms.Form):
    institution = forms.ModelChoiceField(
        queryset=Institution.objects.none(),
        required=False,
        label=_("Institution of the draft practice"),
        empty_label=_("The one the proposer named: matched by name, else a new institution"),
    )
    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Note on the decision (for editors)"),
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = Institution.objects.filter(country=proposal.country)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Why it is declined"),
        help_text=_("For the editors: the proposer is not told by the site."),
    )


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = (
        "reference_shown",
        "title",
        "institution",
        "country",
        "outcome",
        "status",
        "created_at",
        "draft_link",
    )
    list_filter = ("status", "outcome", ("country", admin.RelatedOnlyFieldListFilter))
    # The counts beside each filter: proposals are few (a few a day at most), so counting is cheap.
    show_facets = admin.ShowFacets.ALWAYS
    list_select_related = ("country", "practice")
    search_fields = ("reference", "title", "institution", "email")
    search_help_text = _(
        "A reference (with or without its dash), or words of the title, institution or e-mail."
    )
    date_hierarchy = "created_at"
    actions = ("accept_selected",)
    change_form_template = "admin/proposals/proposal/change_form.html"
    fieldsets = (
        (None, {"fields": ("reference_shown", "created_at", "status")}),
        (_("What the proposer wrote"), {"fields": WRITTEN}),
        (_("Contact (never published)"), {"fields": ("email", "consent")}),
        (_("Decision"), {"fields": ("reason", "decided_by", "decided_at", "draft_link")}),
    )
    readonly_fields = (
        "reference_shown",
        "created_at",
        "status",
        *WRITTEN,
        "email",
        "consent",
        "reason",
        "decided_by",
        "decided_at",
        "draft_link",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("country", "decided_by", "practice")

    def get_search_results(self, request, queryset, search_term):
        reference = parse(search_term)
        if reference:
            found = queryset.filter(reference=reference)
            if found.exists():
                return found, False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description=_("Reference"), ordering="reference")
    def reference_shown(self, proposal):
        return proposal.shown_reference

    @admin.display(description=_("Draft practice"))
    def draft_link(self, proposal):
        if proposal.practice_id is None:
            return "—"
        url = reverse("admin:catalogue_practice_change", args=[proposal.practice_id])
        return format_html(
            '<a href="{}">{} ({})</a>', url, proposal.practice.title, proposal.practice.get_status_display()
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def may_accept(self, request, proposal=None):
        return self.has_change_permission(request, proposal) and request.user.has_perm(
            "catalogue.add_practice"
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Nothing to save on this page: what the proposer wrote stays as written; decisions have their own.
        extra = {
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            **(extra_context or {}),
        }
        proposal = self.get_object(request, object_id)
        if proposal is not None:
            extra["may_accept"] = proposal.practice_id is None and self.may_accept(request, proposal)
            extra["may_decline"] = (
                proposal.practice_id is None
                and proposal.status != ProposalStatus.DECLINED
                and self.has_change_permission(request, proposal)
            )
        return super().change_view(request, object_id, form_url, extra)

    def get_urls(self):
        own = [
            path(
                "<int:pk>/accept/",
                self.admin_site.admin_view(self.accept_view),
                name="proposals_proposal_accept",
            ),
            path(
                "<int:pk>/decline/",
                self.admin_site.admin_view(self.decline_view),
                name="proposals_proposal_decline",
            ),
        ]
        return own + super().get_urls()

    def _decision_page(self, request, proposal, form, title, action):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "proposal": proposal,
            "form": form,
            "action": action,
        }
        return TemplateResponse(request, "admin/proposals/proposal/decide.html", context)

    def _change_url(self, proposal):
        return reverse("admin:proposals_proposal_change", args=[proposal.pk])

    def accept_view(self, request, pk):
        proposal = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.may_accept(request, proposal):
            raise PermissionDenied
        form = AcceptForm(
            request.POST or None,
            proposal=proposal,
            initial={"institution": services.matching_institution(proposal.institution, proposal.country)},
        )
        if request.method == "POST" and form.is_valid():
            try:
                practice = services.accept(
                    proposal, request.user, form.cleaned_data["institution"], form.cleaned_data["reason"]
                )
            except (services.DecisionRefused, ValidationError) as error:
                self.message_user(
                    request, "; ".join(getattr(error, "messages", [str(error)])), messages.ERROR
                )
                return HttpResponseRedirect(self._change_url(proposal))
            self.message_user(
                request,
                _(
                    "Accepted: the draft practice “%(title)s” is made; edit it, and publish it when ready."
                )
                % {"title": practice.title},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:catalogue_practice_change", args=[practice.pk]))
        return self._decision_page(
            request,
            proposal,
            form,
            _("Accept proposal %(reference)s") % {"reference": proposal.shown_reference},
            "accept",
        )

    def decline_view(self, request, pk):
        proposal = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, proposal):
            raise PermissionDenied
        form = DeclineForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.decline(proposal, request.user, form.cleaned_data["reason"])
            except services.DecisionRefused as error:
                self.message_user(request, str(error), messages.ERROR)
                return HttpResponseRedirect(self._change_url(proposal))
            self.message_user(
                request, _("Declined: %(proposal)s.") % {"proposal": proposal}, messages.SUCCESS
            )
            return HttpResponseRedirect(reverse("admin:proposals_proposal_changelist"))
        return self._decision_page(
            request,
            proposal,
            form,
            _("Decline proposal %(reference)s") % {"reference": proposal.shown_reference},
            "decline",
        )

    @admin.action(
        description=_("Accept the selected proposals (each makes a draft practice)"), permissions=["change"]
    )
    def accept_selected(self, request, queryset):
        if not request.user.has_perm("catalogue.add_practice"):
            raise PermissionDenied
        made = 0
        for proposal in queryset.filter(practice__isnull=True):
            try:
                services.accept(proposal, request.user)
            except (services.DecisionRefused, ValidationError) as error:
                self.message_user(
                    request,
                    f"{proposal.shown_reference}: " + "; ".join(getattr(error, "messages", [str(error)])),
                    messages.ERROR,
                )
                continue
            made += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d proposal accepted: its draft practice is made.",
                "%(count)d proposals accepted: their draft practices are made.",
                made,
            )
            % {"count": made},
            messages.SUCCESS,
        )
