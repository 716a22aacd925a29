"""Editors write practices through the API: relations by slug, the model's rules, the permissions."""

import pytest

from awards.tests.factories import AwardTierFactory, CompetitionFactory, PriorityAreaFactory
from catalogue.choices import Status
from catalogue.models import Practice
from catalogue.tests.factories import InstitutionFactory, PracticeFactory
from regions.tests.factories import CountryFactory

from .fixtures import PRACTICE_PERMISSIONS, authenticate, make_user

API = "/api/v1/practices/"


@pytest.fixture
def editor_api(api, api_editor):
    return authenticate(api, api_editor)


@pytest.fixture
def relations(db):
    institution = InstitutionFactory()
    areas = PriorityAreaFactory.create_batch(2)
    return {
        "institution": institution,
        "competition": CompetitionFactory(year=2017, priority_areas=[*areas, PriorityAreaFactory()]),
        "tier": AwardTierFactory(slug="merit", rank=3),
        "areas": areas,
    }


def payload(relations, **extra):
    return {
        "title": "Pensión universal móvil",
        "institution": relations["institution"].slug,
        "competition": relations["competition"].slug,
        "tier": "merit",
        "priority_areas": [area.slug for area in relations["areas"]],
        "summary": "What it does.",
        **extra,
    }


def test_create_with_slugs_answers_the_read_shape(editor_api, relations):
    response = editor_api.post(API, payload(relations), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    # Defaults: the slug from the title, the country from the institution, the year from the
    # competition, and a draft until someone publishes it.
    assert body["slug"] == "pension-universal-movil"
    assert body["country"]["code"] == relations["institution"].country.code
    assert body["year"] == 2017
    assert body["status"] == "draft"
    assert body["tier"]["slug"] == "merit"
    assert body["institution"]["slug"] == relations["institution"].slug
    assert sorted(a["slug"] for a in body["priority_areas"]) == sorted(a.slug for a in relations["areas"])
    practice = Practice.objects.get(slug="pension-universal-movil")
    assert practice.priority_areas.count() == 2


def test_a_new_draft_is_hidden_from_the_public(editor_api, api_editor, relations):
    from rest_framework.test import APIClient

    editor_api.post(API, payload(relations), format="json")
    anonymous = APIClient()
    assert anonymous.get(f"{API}pension-universal-movil/").status_code == 404
    assert anonymous.get(API).json()["count"] == 0
    assert editor_api.get(API).json()["count"] == 1


def test_country_code_in_any_case(editor_api, relations):
    code = relations["institution"].country.code
    response = editor_api.post(API, payload(relations, country=code.lower()), format="json")
    assert response.status_code == 201, response.content


def test_a_tier_needs_a_competition(editor_api, relations):
    response = editor_api.post(
        API, payload(relations, competition=None, year=2014, priority_areas=[]), format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["tier"]
    assert not Practice.objects.exists()


def test_the_country_must_be_the_institutions(editor_api, relations):
    elsewhere = CountryFactory()
    response = editor_api.post(API, payload(relations, country=elsewhere.code), format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["country"]


def test_priority_areas_come_from_the_competitions_scheme(editor_api, relations):
    elsewhere = PriorityAreaFactory(slug="not-in-this-round")
    response = editor_api.post(API, payload(relations, priority_areas=[elsewhere.slug]), format="json")
    assert response.status_code == 400
    assert "not-in-this-round" in response.json()["priority_areas"][0]
    response = editor_api.post(API, payload(relations, competition=None, tier=None, year=2014), format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["priority_areas"]
    assert not Practice.objects.exists()


def test_an_award_entry_has_its_competitions_year(editor_api, relations):
    response = editor_api.post(API, payload(relations, year=2016), format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["year"]


def test_a_published_practice_keeps_its_slug(editor_api):
    practice = PracticeFactory()
    response = editor_api.patch(f"{API}{practice.slug}/", {"slug": "a-new-slug"}, format="json")
    assert response.status_code == 400
    assert "slug" in response.json()


def test_unknown_relations_are_named(editor_api, relations):
    response = editor_api.post(
        API, payload(relations, institution="nowhere", tier="gold", priority_areas=["nope"]), format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"institution", "tier", "priority_areas"}


def test_required_fields(editor_api, db):
    response = editor_api.post(API, {}, format="json")
    assert response.status_code == 400
    assert "title" in response.json()
    response = editor_api.post(API, {"title": "Alone"}, format="json")
    assert set(response.json()) == {"country", "year"}


def test_slugs_stay_unique(editor_api, relations):
    PracticeFactory(slug="pension-universal-movil")
    response = editor_api.post(API, payload(relations), format="json")
    assert response.status_code == 400
    assert "slug" in response.json()
    other = PracticeFactory(slug="other")
    response = editor_api.patch(f"{API}{other.slug}/", {"slug": "pension-universal-movil"}, format="json")
    assert response.status_code == 400
    assert "slug" in response.json()


def test_partial_update(editor_api):
    practice = PracticeFactory(summary="Old.")
    response = editor_api.patch(f"{API}{practice.slug}/", {"summary": "New."}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["summary"] == "New."
    practice.refresh_from_db()
    assert practice.summary == "New."


def test_partial_update_keeps_the_model_rules(editor_api):
    practice = PracticeFactory(competition=None, tier=None, year=2014)
    response = editor_api.patch(f"{API}{practice.slug}/", {"tier": AwardTierFactory().slug}, format="json")
    assert response.status_code == 400
    assert "tier" in response.json()
    practice.refresh_from_db()
    assert practice.tier is None


def test_full_update(editor_api, relations):
    practice = PracticeFactory(institution=relations["institution"])
    response = editor_api.put(f"{API}{practice.slug}/", payload(relations, title="Renamed"), format="json")
    assert response.status_code == 200, response.content
    practice.refresh_from_db()
    assert practice.title == "Renamed"
    assert practice.slug != "renamed"  # the slug of a published practice stays


def test_delete(editor_api):
    practice = PracticeFactory()
    assert editor_api.delete(f"{API}{practice.slug}/").status_code == 204
    assert not Practice.objects.filter(pk=practice.pk).exists()


def test_editors_may_edit_drafts(editor_api):
    draft = PracticeFactory(status=Status.DRAFT)
    response = editor_api.patch(f"{API}{draft.slug}/", {"summary": "Reviewed."}, format="json")
    assert response.status_code == 200


def test_publishing_needs_its_own_permission(api, db):
    draft = PracticeFactory(status=Status.DRAFT)
    authenticate(api, make_user("writer", *PRACTICE_PERMISSIONS))
    response = api.patch(f"{API}{draft.slug}/", {"status": "published"}, format="json")
    assert response.status_code == 403
    assert "catalogue.publish_practice" in response.json()["detail"]
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    # Other changes are theirs to make, and sending the status unchanged is no change.
    response = api.patch(f"{API}{draft.slug}/", {"summary": "Better.", "status": "draft"}, format="json")
    assert response.status_code == 200


def test_publishing_with_the_permission(editor_api):
    draft = PracticeFactory(status=Status.DRAFT)
    response = editor_api.patch(f"{API}{draft.slug}/", {"status": "published"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "published"


def test_each_write_needs_its_model_permission(api, db):
    practice = PracticeFactory()
    authenticate(api, make_user("changer", "catalogue.change_practice"))
    assert api.delete(f"{API}{practice.slug}/").status_code == 403
    assert api.post(API, {"title": "x"}, format="json").status_code == 403
    assert api.patch(f"{API}{practice.slug}/", {"summary": "ok"}, format="json").status_code == 200
    assert Practice.objects.filter(pk=practice.pk).exists()


def test_viewers_see_drafts_but_cannot_write(api, db):
    draft = PracticeFactory(status=Status.DRAFT)
    authenticate(api, make_user("viewer", "catalogue.view_practice"))
    assert api.get(f"{API}{draft.slug}/").status_code == 200
    assert api.patch(f"{API}{draft.slug}/", {"summary": "x"}, format="json").status_code == 403


def test_each_api_write_is_one_history_entry_with_its_author(editor_api, api_editor, relations):
    response = editor_api.post(API, payload(relations), format="json")
    assert response.status_code == 201, response.content
    practice = Practice.objects.get(slug=response.json()["slug"])
    chosen = [area.pk for area in relations["areas"]]
    new_area = relations["competition"].priority_areas.exclude(pk__in=chosen).get()
    response = editor_api.patch(
        f"{API}{practice.slug}/", {"summary": "Corrected.", "priority_areas": [new_area.slug]}, format="json"
    )
    assert response.status_code == 200, response.content
    records = list(practice.history.order_by("history_date"))
    assert [r.history_type for r in records] == ["+", "~"]
    assert {r.history_user for r in records} == {api_editor}
    assert [r.history_change_reason for r in records] == ["Added through the API", "Changed through the API"]
    changes = {c.field: (c.old, c.new) for c in records[1].diff_against(records[0]).changes}
    assert changes["summary"] == ("What it does.", "Corrected.")
    assert "priority_areas" in changes


def test_a_slug_that_is_another_address_is_refused(editor_api, relations):
    response = editor_api.post(API, payload(relations, title="Facets"), format="json")
    assert response.status_code == 400
    assert "another page" in response.json()["slug"][0]
    assert not Practice.objects.filter(slug="facets").exists()


def test_a_slug_in_upper_case_is_refused(editor_api, relations):
    response = editor_api.post(API, payload(relations, slug="Upper-Case-Test"), format="json")
    assert response.status_code == 400
    assert response.json()["slug"] == ["A slug is in lower case: upper-case-test."]
