"""A proposal: an experience someone sent through /share/, kept as they wrote it, and what an
editor decided about it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalogue.choices import Outcome

from .choices import ProposalStatus
from .querysets import ProposalQuerySet
from .references import PATTERN, new_reference, shown

# The longest text each field accepts, in characters: the form's `maxlength` and the server's check
# (proposals/forms.py). Generous for an experience told in full, small enough that a body holding
# every field at its longest stays under the form's total limit (forms.MAX_BODY_BYTES).
LIMITS = {
    "title": 300,
    "institution": 250,
    "email": 254,
    "objectives": 4000,
    "summary": 8000,
    "results": 4000,
    "lessons": 4000,
    "challenges": 4000,
}


class Proposal(models.Model):
    """An experience proposed by the public: never shown anywhere until an editor accepts it, which
    makes a draft practice (proposals.services.accept), and an editor publishes that draft."""

    reference = models.CharField(
        max_length=8,
        unique=True,
        default=new_reference,
        editable=False,
        help_text=_("Given to the proposer on the receipt page (shown as XXXX-XXXX)."),
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    # What the proposer wrote: the public field names of /share/ (the contract's).
    title = models.CharField(max_length=LIMITS["title"])
    institution = models.CharField(max_length=LIMITS["institution"], help_text=_("As the proposer wrote it."))
    country = models.ForeignKey(
        "regions.Country", on_delete=models.PROTECT, to_field="code", related_name="+"
    )
    email = models.EmailField(
        max_length=LIMITS["email"], help_text=_("The proposer's contact address: never published.")
    )
    objectives = models.TextField(max_length=LIMITS["objectives"])
    summary = models.TextField(max_length=LIMITS["summary"], help_text=_("What was done."))
    results = models.TextField(max_length=LIMITS["results"], blank=True)
    lessons = models.TextField(max_length=LIMITS["lessons"], blank=True)
    challenges = models.TextField(max_length=LIMITS["challenges"], blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    in_place = models.BooleanField(null=True, blank=True)
    consent = models.BooleanField(help_text=_("The proposer agreed to its publication."))

    # The editors' decision.
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.NEW, db_index=True
    )
    reason = models.TextField(blank=True, help_text=_("Why it was accepted or declined."))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    practice = models.ForeignKey(
        "catalogue.Practice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The draft practice its acceptance made."),
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "reference"]
        constraints = [
            models.CheckConstraint(condition=models.Q(consent=True), name="proposal_has_consent"),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in ProposalStatus]), name="proposal_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__in=[o.value for o in Outcome]), name="proposal_outcome_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(reference__regex=PATTERN), name="proposal_reference_crockford"
            ),
        ]

    def __str__(self):
        return f"{self.shown_reference}: {self.title}"

    def get_absolute_url(self):
        """The receipt page (it shows the reference, the date and the title, nothing else)."""
        return reverse("share-received", args=[self.shown_reference])

    @property
    def shown_reference(self):
        return shown(self.reference)
