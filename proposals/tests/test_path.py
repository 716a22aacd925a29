"""A proposal's whole path on the real catalogue: submitted, invisible, accepted (a draft with its
provenance), still invisible, published, visible; and its contact address in no public output."""

import pytest
from django.test import Client
from django.urls import reverse

from catalogue.choices import Status
from catalogue.models import Institution, Practice
from catalogue.roles import EDITORS
from catalogue.tests.fixtures import make_user
from catalogue.tests.pages import sitemap_paths
from proposals.models import Proposal

from .helpers import BPS, EMAIL, post, reference_of

TITLE = BPS["title"]
SEARCH = "?search=contribution+records+text+message"


def body(response):
    assert response.status_code == 200, (response.status_code, getattr(response, "url", ""))
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def public_outputs(client, slug, reference):
    """Every public output that could carry a practice or a proposal: {address: text}."""
    urls = [
        "/",
        "/practices/",
        f"/practices/{SEARCH}",
        f"/es/practices/{SEARCH}",
        "/practices/?country=UY",
        f"/practices/{slug}/",
        f"/de/practices/{slug}/",
        "/countries/UY/",
        "/institutions/social-insurance-bank/",
        "/statistics/",
        "/api/v1/practices/?country=UY&page_size=100",
        f"/api/v1/practices/{SEARCH}",
        f"/api/v1/practices/{slug}/",
        "/api/v1/practices/?country=UY&format=csv",
        "/api/v1/practices/facets/?country=UY",
        "/api/v1/institutions/?country=UY",
        "/feeds/practices/",
        "/sitemap.xml",
        "/sitemap-practices.xml",
        "/sitemap-institutions.xml",
        f"/share/received/{reference}/",
    ]
    outputs = {}
    for url in urls:
        response = client.get(url)
        outputs[url] = body(response) if response.status_code == 200 else f"<{response.status_code}>"
    return outputs


def publish(editor_client, practice):
    response = editor_client.post(
        reverse("admin:catalogue_practice_changelist"),
        {"action": "publish", "_selected_action": [practice.pk]},
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.PUBLISHED


@pytest.mark.usefixtures("catalogue")
class TestTheWholePath:
    def test_submit_invisible_accept_draft_publish_visible(self, client):
        public = Client()
        uruguay_before = public.get("/api/v1/practices/?country=UY").json()["count"]
        reference = reference_of(post(public))
        proposal = Proposal.objects.get()

        # Submitted: nowhere public.
        assert TITLE not in body(public.get(f"/practices/{SEARCH}"))
        assert public.get(f"/api/v1/practices/{SEARCH}").json()["count"] == 0
        assert public.get("/api/v1/practices/?country=UY").json()["count"] == uruguay_before
        assert TITLE not in body(public.get("/feeds/practices/"))
        assert TITLE not in body(public.get("/api/v1/practices/?country=UY&format=csv"))

        # Accepted by an editor in admin: a draft practice, of the institution the proposer named.
        editor = make_user("edna", group=EDITORS)
        client.force_login(editor)
        accept_url = reverse("admin:proposals_proposal_accept", args=[proposal.pk])
        page = client.get(accept_url)
        assert page.status_code == 200
        bps = Institution.objects.get(slug="social-insurance-bank")
        assert page.context["form"]["institution"].initial == bps
        response = client.post(accept_url, {"institution": "", "reason": ""})
        practice = Practice.objects.get(title=TITLE)
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:catalogue_practice_change", args=[practice.pk])
        proposal.refresh_from_db()
        assert (proposal.status, proposal.practice, proposal.decided_by) == ("accepted", practice, editor)
        assert practice.status == Status.DRAFT
        assert practice.institution == bps and practice.country.code == "UY"
        assert practice.year == proposal.created_at.year
        day = proposal.created_at.date().isoformat()
        assert practice.provenance == f"Proposed through the catalogue on {day}, reference {reference}"
        assert practice.summary == f"{BPS['objectives']}\n\n{BPS['summary']}"
        assert (practice.results, practice.lessons, practice.challenges) == (
            BPS["results"],
            BPS["lessons"],
            BPS["challenges"],
        )
        assert (practice.outcome, practice.in_place) == ("unsuccessful", False)
        assert practice.competition is None and practice.tier is None
        assert practice.history.get().history_user == editor

        # A draft: still nowhere public.
        assert TITLE not in body(public.get(f"/practices/{SEARCH}"))
        assert public.get(f"/practices/{practice.slug}/").status_code == 404
        assert public.get(f"/api/v1/practices/{practice.slug}/").status_code == 404
        assert public.get(f"/api/v1/practices/{SEARCH}").json()["count"] == 0
        assert practice.slug not in body(public.get("/feeds/practices/"))
        assert not [path for path in sitemap_paths(public) if practice.slug in path]
        assert TITLE not in body(public.get("/api/v1/practices/?country=UY&format=csv"))

        # Accepting again makes no second practice.
        client.post(accept_url, {"institution": "", "reason": ""})
        assert Practice.objects.filter(title=TITLE).count() == 1

        # Published by an editor: visible everywhere.
        publish(client, practice)
        assert TITLE in body(public.get(f"/practices/{SEARCH}"))
        detail = public.get(f"/api/v1/practices/{practice.slug}/").json()
        assert detail["title"] == TITLE
        assert detail["outcome"] == "unsuccessful"
        assert detail["lessons"] == BPS["lessons"]
        assert detail["summary"] == f"{BPS['objectives']}\n\n{BPS['summary']}"
        assert public.get(f"/api/v1/practices/{SEARCH}").json()["count"] == 1
        assert public.get("/api/v1/practices/?country=UY").json()["count"] == uruguay_before + 1
        assert practice.slug in body(public.get("/feeds/practices/"))
        assert f"/practices/{practice.slug}/" in sitemap_paths(public)
        assert TITLE in body(public.get("/api/v1/practices/?country=UY&format=csv"))

        # The contact address is in no public output.
        for url, text in public_outputs(public, practice.slug, reference).items():
            assert EMAIL not in text, url
            assert "bps-contact" not in text, url
        # ... while the pages that should answer do.
        outputs = public_outputs(public, practice.slug, reference)
        assert all(not text.startswith("<4") for text in outputs.values()), [
            url for url, text in outputs.items() if text.startswith("<4")
        ]

    def test_an_institution_not_in_the_catalogue_is_added_for_its_country(self, client):
        reference_of(post(Client(), {**BPS, "institution": "Caja  Notarial de Seguridad Social"}))
        client.force_login(make_user("edna", group=EDITORS))
        proposal = Proposal.objects.get()
        client.post(reverse("admin:proposals_proposal_accept", args=[proposal.pk]), {"institution": ""})
        practice = Practice.objects.get(title=TITLE)
        institution = practice.institution
        assert (institution.name, institution.country.code, institution.slug) == (
            "Caja Notarial de Seguridad Social",
            "UY",
            "caja-notarial-de-seguridad-social",
        )

    def test_the_editor_may_pick_another_institution_of_the_country(self, client):
        reference_of(post(Client()))
        client.force_login(make_user("edna", group=EDITORS))
        proposal = Proposal.objects.get()
        bank = Institution.objects.get(slug="bank-employees-pension-fund")
        client.post(reverse("admin:proposals_proposal_accept", args=[proposal.pk]), {"institution": bank.pk})
        assert Practice.objects.get(title=TITLE).institution == bank

    def test_an_institution_of_another_country_is_not_offered(self, client):
        reference_of(post(Client()))
        client.force_login(make_user("edna", group=EDITORS))
        proposal = Proposal.objects.get()
        argentine = Institution.objects.filter(country__code="AR").first()
        response = client.post(
            reverse("admin:proposals_proposal_accept", args=[proposal.pk]), {"institution": argentine.pk}
        )
        assert response.status_code == 200
        assert "institution" in response.context["form"].errors
        assert not Practice.objects.filter(title=TITLE).exists()

    def test_a_title_taken_by_a_practice_gets_a_slug_of_its_own(self, client):
        existing = Practice.objects.get(slug="specialists-in-one-click")
        reference_of(post(Client(), {**BPS, "title": existing.title}))
        client.force_login(make_user("edna", group=EDITORS))
        proposal = Proposal.objects.get()
        client.post(reverse("admin:proposals_proposal_accept", args=[proposal.pk]), {"institution": ""})
        assert Practice.objects.filter(title=existing.title).count() == 2
        assert Proposal.objects.get().practice.slug == "specialists-in-one-click-2"
