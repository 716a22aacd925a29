"""Writes of proposals, each in one transaction: a proposal received, accepted or declined.

Accepting makes a draft practice of the catalogue from what the proposer wrote, never the e-mail,
and records where it came from in `Practice.provenance`. A draft is seen by editors only; it becomes
public when an editor who may publish publishes it (catalogue.roles.PUBLISH_PERMISSION), as any
draft does.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.choices import Status
from catalogue.models import Institution, Practice
from catalogue.services.text import slug_for
from common.search import fold

from .choices import ProposalStatus
from .models import Proposal
from .references import new_reference, shown

# Tries at a reference not yet given (40 random bits: a second try is already one in millions).
REFERENCE_TRIES = 5

PROVENANCE = "Proposed through the catalogue on {date}, reference {reference}"


class DecisionRefused(Exception):
    """The decision cannot be made on this proposal as it is now; the message says why."""


@transaction.atomic
def submit(data):
    """Store a proposal from the form's cleaned data (proposals.forms.ShareForm). Returns it."""
    for _attempt in range(REFERENCE_TRIES):
        reference = new_reference()
        if not Proposal.objects.filter(reference=reference).exists():
            return Proposal.objects.create(reference=reference, **data)
    raise RuntimeError(f"No free reference after {REFERENCE_TRIES} tries.")


def provenance(proposal):
    return PROVENANCE.format(date=proposal.created_at.date().isoformat(), reference=shown(proposal.reference))


def matching_institution(name, country):
    """The institution of `country` named `name`, case and accents aside (its name, its name in its
    own language, or its acronym), or None."""
    wanted = fold(" ".join(name.split()))
    for institution in Institution.objects.filter(country=country).order_by("pk"):
        names = (institution.name, institution.original_name, institution.acronym)
        if any(candidate and fold(" ".join(candidate.split())) == wanted for candidate in names):
            return institution
    return None


def _free_slug(model, text, max_length):
    base = slug_for(text, max_length=max_length - 4) or "proposal"
    taken = set(model._base_manager.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _institution_for(proposal):
    found = matching_institution(proposal.institution, proposal.country)
    if found is not None:
        return found
    name = " ".join(proposal.institution.split())
    institution = Institution(slug=_free_slug(Institution, name, 120), name=name, country=proposal.country)
    institution.full_clean()
    institution.save()
    return institution


def _paragraphs(*texts):
    return "\n\n".join(text.strip() for text in texts if text and text.strip())


def practice_from(proposal, institution):
    """The draft practice an acceptance makes (not saved)."""
    return Practice(
        slug=_free_slug(Practice, proposal.title, 120),
        title=" ".join(proposal.title.split()),
        institution=institution,
        country=proposal.country,
        year=proposal.created_at.year,
        summary=_paragraphs(proposal.objectives, proposal.summary),
        results=proposal.results.strip(),
        lessons=proposal.lessons.strip(),
        challenges=proposal.challenges.strip(),
        outcome=proposal.outcome,
        in_place=proposal.in_place,
        provenance=provenance(proposal),
        status=Status.DRAFT,
    )


def _locked(proposal):
    return Proposal.objects.select_for_update().select_related("country").get(pk=proposal.pk)


@transaction.atomic
def accept(proposal, editor, institution=None, reason=""):
    """Accept `proposal`: make its draft practice, of `institution` (one of the proposal's country)
    or else of the institution the proposer named (matched by name, or a new one). Returns the
    practice. A proposal accepted already keeps its draft: no second practice is made."""
    proposal = _locked(proposal)
    if proposal.status == ProposalStatus.ACCEPTED and proposal.practice_id is not None:
        return proposal.practice
    if institution is not None and institution.country_id != proposal.country.pk:
        raise DecisionRefused(
            _("The institution must be of the proposal's country (%(country)s).")
            % {"country": proposal.country_id}
        )
    practice = practice_from(proposal, institution or _institution_for(proposal))
    practice.full_clean()
    practice._change_reason = f"Accepted proposal {shown(proposal.reference)}"
    practice.save()
    proposal.status = ProposalStatus.ACCEPTED
    proposal.practice = practice
    proposal.reason = reason.strip() or proposal.reason
    proposal.decided_by = editor
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "practice", "reason", "decided_by", "decided_at"])
    return practice


@transaction.atomic
def decline(proposal, editor, reason):
    """Decline `proposal`, saying why (the reason is for the editors; the proposer is not told by the
    site). A proposal whose draft practice exists cannot be declined: delete or withdraw the draft."""
    reason = (reason or "").strip()
    if not reason:
        raise DecisionRefused(_("Say why the proposal is declined."))
    proposal = _locked(proposal)
    if proposal.status == ProposalStatus.ACCEPTED and proposal.practice_id is not None:
        raise DecisionRefused(
            _(
                "This proposal was accepted and its draft practice exists: delete or withdraw that practice."
            )
        )
    proposal.status = ProposalStatus.DECLINED
    proposal.reason = reason
    proposal.decided_by = editor
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    return proposal
