"""Backups hold the proposals, e-mail and decision included: a restore gives them back."""

import pytest
from django.core.management import call_command

from catalogue.tests.fixtures import make_user
from proposals import services
from proposals.models import Proposal
from regions.tests.factories import CountryFactory

from .helpers import BPS, EMAIL


@pytest.mark.django_db
def test_a_restore_gives_back_every_proposal_and_its_decision(tmp_path):
    uruguay = CountryFactory(code="UY", name="Uruguay")
    accepted = services.submit({**BPS, "country": uruguay, "in_place": False, "consent": True})
    editor = make_user("edna")
    practice = services.accept(accepted, editor)
    waiting = services.submit(
        {**BPS, "title": "Second", "country": uruguay, "in_place": None, "consent": True}
    )
    backup = tmp_path / "catalogue.jsonl.gz"
    call_command("backup_catalogue", str(backup), verbosity=0)

    Proposal.objects.filter(pk=waiting.pk).delete()
    Proposal.objects.filter(pk=accepted.pk).update(reason="Changed after the backup")
    call_command("restore_catalogue", str(backup), force=True, verbosity=0)

    restored = {p.reference: p for p in Proposal.objects.all()}
    assert set(restored) == {accepted.reference, waiting.reference}
    again = restored[accepted.reference]
    assert (again.email, again.status, again.reason, again.practice_id, again.decided_by_id) == (
        EMAIL, "accepted", "", practice.pk, editor.pk
    )
    assert again.challenges == BPS["challenges"]
    assert restored[waiting.reference].in_place is None
