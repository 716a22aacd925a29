"""The editors' review in admin: the list with its counts, the e-mail on the change page only,
accept and decline, who may do what; the groups' permissions."""

import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from catalogue.models import Practice
from catalogue.roles import EDITORS, VIEWERS
from catalogue.roles import PERMISSIONS as CATALOGUE_PERMISSIONS
from catalogue.services import backup
from catalogue.tests.factories import InstitutionFactory
from catalogue.tests.fixtures import make_user
from proposals import roles, services
from proposals.models import Proposal
from regions.tests.factories import CountryFactory

from .helpers import BPS, EMAIL

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:proposals_proposal_changelist")


def proposal(**changes):
    country = (
        CountryFactory(code="UY", name="Uruguay") if "country" not in changes else changes.pop("country")
    )
    data = {**BPS, "country": country, "in_place": False, "consent": True, **changes}
    return services.submit(data)


def change_url(item):
    return reverse("admin:proposals_proposal_change", args=[item.pk])


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("edna", group=EDITORS))
    return client


@pytest.fixture
def uruguay(db):
    return CountryFactory(code="UY", name="Uruguay")


def test_the_list_shows_new_accepted_and_declined_with_counts(editor_client, uruguay):
    first = proposal(country=uruguay)
    proposal(country=uruguay, title="Second")
    declined = proposal(country=uruguay, title="Third")
    editor = make_user("ed")
    services.accept(first, editor)
    services.decline(declined, editor, "Not a social security practice.")
    response = editor_client.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    for label, count in (("New", 1), ("Accepted", 1), ("Declined", 1), ("Unsuccessful", 3)):
        assert f"{label} ({count})" in html, label
    assert len(response.context["cl"].result_list) == 3
    assert EMAIL not in html
    filtered = editor_client.get(CHANGELIST + "?status__exact=new")
    assert [p.title for p in filtered.context["cl"].result_list] == ["Second"]


def test_the_search_finds_a_reference_typed_with_its_dash(editor_client, uruguay):
    wanted = proposal(country=uruguay)
    proposal(country=uruguay, title="Other")
    response = editor_client.get(CHANGELIST + f"?q={wanted.shown_reference.lower()}")
    assert list(response.context["cl"].result_list) == [wanted]


def test_the_change_page_shows_what_was_written_and_the_email_to_editors(editor_client, uruguay):
    item = proposal(country=uruguay)
    html = editor_client.get(change_url(item)).content.decode()
    assert EMAIL in html
    assert BPS["challenges"] in html
    assert reverse("admin:proposals_proposal_accept", args=[item.pk]) in html
    assert reverse("admin:proposals_proposal_decline", args=[item.pk]) in html
    assert 'name="_save"' not in html


def test_proposals_are_not_added_in_admin_nor_deleted_by_editors(editor_client, uruguay):
    item = proposal(country=uruguay)
    assert editor_client.get(reverse("admin:proposals_proposal_add")).status_code == 403
    assert editor_client.get(reverse("admin:proposals_proposal_delete", args=[item.pk])).status_code == 403


def test_decline_needs_a_reason_and_records_who_and_when(editor_client, uruguay):
    item = proposal(country=uruguay)
    url = reverse("admin:proposals_proposal_decline", args=[item.pk])
    refused = editor_client.post(url, {"reason": "  "})
    assert refused.status_code == 200
    assert "reason" in refused.context["form"].errors
    response = editor_client.post(url, {"reason": "A duplicate of the practice already in the catalogue."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.reason, item.decided_by.username) == (
        "declined",
        "A duplicate of the practice already in the catalogue.",
        "edna",
    )
    assert item.decided_at is not None
    assert not Practice.objects.exists()


def test_a_proposal_whose_draft_exists_cannot_be_declined(editor_client, uruguay):
    item = proposal(country=uruguay)
    services.accept(item, make_user("ed"))
    response = editor_client.post(
        reverse("admin:proposals_proposal_decline", args=[item.pk]), {"reason": "No."}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "accepted"
    with pytest.raises(services.DecisionRefused):
        services.decline(item, None, "No.")


def test_a_declined_proposal_may_still_be_accepted(editor_client, uruguay):
    item = proposal(country=uruguay)
    services.decline(item, None, "Too vague.")
    practice = services.accept(item, None)
    item.refresh_from_db()
    assert (item.status, item.practice) == ("accepted", practice)


def test_accepting_twice_makes_one_practice(uruguay):
    item = proposal(country=uruguay)
    first = services.accept(item, None)
    again = services.accept(item, None)
    assert first == again
    assert Practice.objects.count() == 1


def test_the_action_accepts_the_selected_proposals(editor_client, uruguay):
    InstitutionFactory(
        name="Social Insurance Bank", original_name="Banco de Previsión Social", country=uruguay
    )
    items = [proposal(country=uruguay, title=f"Practice {n}") for n in (1, 2)]
    services.accept(items[0], None)
    response = editor_client.post(
        CHANGELIST, {"action": "accept_selected", "_selected_action": [p.pk for p in items]}, follow=True
    )
    assert "1 proposal accepted" in response.content.decode()
    assert sorted(Practice.objects.values_list("title", flat=True)) == ["Practice 1", "Practice 2"]
    assert {p.institution.name for p in Practice.objects.all()} == {"Social Insurance Bank"}
    assert set(Proposal.objects.values_list("status", flat=True)) == {"accepted"}


def test_a_viewer_reads_proposals_but_decides_nothing(client, uruguay):
    item = proposal(country=uruguay)
    client.force_login(make_user("victor", group=VIEWERS))
    html = client.get(change_url(item)).content.decode()
    assert BPS["title"] in html
    assert reverse("admin:proposals_proposal_accept", args=[item.pk]) not in html
    assert client.post(reverse("admin:proposals_proposal_accept", args=[item.pk])).status_code == 403
    assert (
        client.post(reverse("admin:proposals_proposal_decline", args=[item.pk]), {"reason": "x"}).status_code
        == 403
    )
    item.refresh_from_db()
    assert item.status == "new"


def test_an_anonymous_visitor_is_sent_to_the_login(client, uruguay):
    item = proposal(country=uruguay)
    for url in (CHANGELIST, change_url(item), reverse("admin:proposals_proposal_accept", args=[item.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_the_groups_hold_the_documented_permissions():
    for name in (EDITORS, VIEWERS):
        group = Group.objects.get(name=name)
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert granted == set(CATALOGUE_PERMISSIONS[name]) | set(roles.PERMISSIONS[name]), name


def test_ensure_permissions_brings_them_back():
    Group.objects.all().delete()
    groups = roles.ensure_permissions()
    assert groups[EDITORS].permissions.filter(codename="change_proposal").exists()
    assert not groups[VIEWERS].permissions.filter(codename="change_proposal").exists()


def test_a_backup_holds_the_proposals(uruguay):
    item = proposal(country=uruguay)
    assert Proposal in backup.backed_up_models()
    stream = io.StringIO()
    counts = backup.write_rows(stream)
    assert counts["proposals.Proposal"] == 1
    lines = [line for line in stream.getvalue().splitlines() if '"model": "proposals.proposal"' in line]
    assert len(lines) == 1
    assert item.reference in lines[0] and BPS["challenges"] in lines[0] and EMAIL in lines[0]
