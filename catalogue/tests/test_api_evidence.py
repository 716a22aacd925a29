"""The evidence fields through the API: the read shape (real values from the sources), editors'
writes (nested objects, slugs, the model's rules as 400s naming the field, one history entry per
write) and the target groups' reference list."""

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError

from catalogue.choices import Status
from catalogue.models import Practice, TargetGroup
from catalogue.tests.factories import PracticeFactory

from .fixtures import authenticate

API = "/api/v1/practices/"
OAS = "old-age-security-guaranteed-income-supplement-automatic-enrolment"
PUAM = "universal-pension-for-the-elderly"
EVIDENCE_FIELDS = {
    "evidence", "implementation", "target_groups", "beneficiaries", "results", "lessons", "challenges",
    "adapted_from", "adopted_by", "provenance",
}  # fmt: skip


@pytest.mark.usefixtures("catalogue")
class TestReadShape:
    def test_canada_automatic_enrolment(self, api):
        body = api.get(f"{API}{OAS}/").json()
        assert EVIDENCE_FIELDS <= set(body)
        assert body["evidence"] == {"slug": "reported", "name": "Reported"}
        assert body["implementation"] == {
            "started": None,
            "ended": None,
            "in_place": None,
            "last_verified": None,
        }
        assert body["beneficiaries"] == {
            "count": None,
            "year": None,
            "note": "Approximately 60 per cent of all new OAS Pensioners, enrolled automatically.",
        }
        assert "approximately 60 per cent of all new OAS Pensioners" in body["results"]
        assert body["target_groups"] == [
            {
                "slug": "older-persons",
                "name": "Older persons",
                "url": "http://testserver/api/v1/target-groups/older-persons/",
            }
        ]
        assert body["adapted_from"] == [] and body["adopted_by"] == []
        assert body["challenges"] == "" and body["provenance"] == ""

    def test_argentina_universal_pension(self, api):
        body = api.get(f"{API}{PUAM}/").json()
        assert body["implementation"]["started"] == 2016
        assert body["evidence"]["slug"] == "not-assessed"
        # Nothing known of whom it reached: null, not an object of nulls.
        assert body["beneficiaries"] is None
        assert [g["slug"] for g in body["target_groups"]] == ["older-persons"]

    def test_a_list_row_carries_them_too(self, api):
        results = api.get(API, {"country": "CA", "page_size": 100}).json()["results"]
        oas = next(r for r in results if r["slug"] == OAS)
        assert oas["evidence"]["slug"] == "reported"
        assert all(EVIDENCE_FIELDS <= set(r) for r in results)

    def test_lineage_names_published_practices_only(self, api):
        puam = Practice.objects.get(slug=PUAM)
        oas = Practice.objects.get(slug=OAS)
        draft = PracticeFactory(status=Status.DRAFT, title="A draft adaptation", competition=None)
        oas.adapted_from.add(puam)
        draft.adapted_from.add(puam)
        body = api.get(f"{API}{PUAM}/").json()
        assert body["adopted_by"] == [
            {
                "slug": OAS,
                "title": oas.title,
                "year": 2017,
                "url": f"http://testserver/api/v1/practices/{OAS}/",
                "html_url": f"http://testserver/practices/{OAS}/",
            }
        ]
        assert [p["slug"] for p in api.get(f"{API}{OAS}/").json()["adapted_from"]] == [PUAM]


@pytest.mark.usefixtures("catalogue")
class TestTargetGroups:
    def test_list_in_order_with_published_practice_counts(self, api):
        body = api.get("/api/v1/target-groups/", {"page_size": 100}).json()
        assert body["count"] == 21
        rows = {row["slug"]: row for row in body["results"]}
        assert [row["position"] for row in body["results"]] == list(range(1, 22))
        assert rows["older-persons"]["practice_count"] == 4
        assert rows["people-in-poverty"]["practice_count"] == 7
        assert rows["migrant-workers"]["practice_count"] == 0
        assert rows["older-persons"]["html_url"] == "http://testserver/practices/?target_group=older-persons"

    def test_detail(self, api):
        body = api.get("/api/v1/target-groups/persons-with-disabilities/").json()
        assert body["name"] == "Persons with disabilities"
        assert body["practice_count"] == 3
        assert api.get("/api/v1/target-groups/nobody/").status_code == 404

    def test_counts_ignore_drafts(self, api):
        Practice.objects.filter(slug=PUAM).update(status=Status.DRAFT)
        body = api.get("/api/v1/target-groups/older-persons/").json()
        assert body["practice_count"] == 3

    def test_list_queries(self, api, django_assert_num_queries):
        # The content version (for the ETag), the count, the page.
        with django_assert_num_queries(3):
            assert api.get("/api/v1/target-groups/").status_code == 200


@pytest.fixture
def editor_api(api, api_editor):
    return authenticate(api, api_editor)


@pytest.fixture
def groups(db):
    return [
        TargetGroup.objects.create(slug="older-persons", name="Older persons", position=1),
        TargetGroup.objects.create(slug="rural-workers", name="Rural workers", position=2),
    ]


def test_an_editor_writes_every_evidence_field(editor_api, groups):
    practice, origin = PracticeFactory(), PracticeFactory()
    entries = practice.history.count()
    data = {
        "evidence": "evaluated",
        "implementation": {"started": 2016, "ended": None, "in_place": True, "last_verified": "2026-11-30"},
        "beneficiaries": {"count": 1500000, "year": 2017, "note": "Persons over 65 receiving the pension."},
        "target_groups": ["rural-workers", "older-persons"],
        "adapted_from": [origin.slug],
        "results": "Coverage of persons over 65 rose.",
        "challenges": "Identifying who was eligible.",
        "lessons": "Consensus first.",
        "provenance": "",
    }
    response = editor_api.patch(f"{API}{practice.slug}/", data, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["evidence"] == {"slug": "evaluated", "name": "Evaluated"}
    assert body["implementation"] == {
        "started": 2016,
        "ended": None,
        "in_place": True,
        "last_verified": "2026-11-30",
    }
    assert body["beneficiaries"] == {
        "count": 1500000,
        "year": 2017,
        "note": "Persons over 65 receiving the pension.",
    }
    assert [g["slug"] for g in body["target_groups"]] == ["older-persons", "rural-workers"]
    assert [p["slug"] for p in body["adapted_from"]] == [origin.slug]
    practice.refresh_from_db()
    assert practice.implementation_started == 2016 and practice.in_place is True
    assert practice.beneficiaries_count == 1500000 and practice.challenges == "Identifying who was eligible."
    # One history entry for the write, its many-to-many values in it.
    records = list(practice.history.order_by("history_date"))
    changed = records[-1]
    assert changed.history_change_reason == "Changed through the API"
    fields = {c.field for c in changed.diff_against(records[-2]).changes}
    assert {"evidence", "implementation_started", "target_groups", "adapted_from", "results"} <= fields
    assert len(records) == entries + 1


def test_a_partial_nested_write_keeps_the_other_keys(editor_api, db):
    practice = PracticeFactory(
        implementation_started=2010, in_place=True, beneficiaries_count=10, beneficiaries_year=2015
    )
    response = editor_api.patch(
        f"{API}{practice.slug}/", {"implementation": {"ended": 2020, "in_place": False}}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["implementation"]["started"] == 2010
    assert response.json()["implementation"]["ended"] == 2020
    response = editor_api.patch(f"{API}{practice.slug}/", {"beneficiaries": None}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["beneficiaries"] is None
    practice.refresh_from_db()
    assert (practice.beneficiaries_count, practice.beneficiaries_year, practice.beneficiaries_note) == (
        None,
        None,
        "",
    )


def test_create_with_evidence_fields(editor_api, groups):
    practice = PracticeFactory()
    data = {
        "title": "Rural pension",
        "country": practice.country.code,
        "year": 2016,
        "evidence": "reported",
        "target_groups": ["rural-workers"],
        "adapted_from": [practice.slug],
        "implementation": {"started": 2016},
    }
    response = editor_api.post(API, data, format="json")
    assert response.status_code == 201, response.content
    created = Practice.objects.get(slug="rural-pension")
    assert list(created.target_groups.values_list("slug", flat=True)) == ["rural-workers"]
    assert list(created.adapted_from.all()) == [practice]
    assert created.history.count() == 1


@pytest.mark.parametrize(
    "data, errors",
    [
        (
            {"evidence": "proven"},
            {
                "evidence": [
                    "Unknown evidence level 'proven'. Allowed: not-assessed, reported, monitored, evaluated, "
                    "impact-evaluated."
                ]
            },
        ),
        (
            {"implementation": {"started": 2016, "ended": 2014}},
            {"implementation": {"ended": ["The practice cannot end (2014) before it started (2016)."]}},
        ),
        (
            {"implementation": {"ended": 2020, "in_place": True}},
            {
                "implementation": {
                    "in_place": [
                        "A practice that ended in 2020 is not in place; clear the end year or say no."
                    ]
                }
            },
        ),
        (
            {"beneficiaries": {"year": 2017}},
            {"beneficiaries": {"year": ["A year is the year of a count: give the count too."]}},
        ),
        ({"target_groups": ["nobody"]}, {"target_groups": ["Object with slug=nobody does not exist."]}),
        (
            {"implementation": "2016"},
            {"implementation": {"non_field_errors": ["Invalid data. Expected a dictionary, but got str."]}},
        ),
    ],
)
def test_bad_evidence_fields_answer_400_naming_the_field(editor_api, db, data, errors):
    practice = PracticeFactory()
    entries = practice.history.count()
    response = editor_api.patch(f"{API}{practice.slug}/", data, format="json")
    assert response.status_code == 400
    assert response.json() == errors
    assert practice.history.count() == entries


def test_a_practice_cannot_be_adapted_from_itself(editor_api, db):
    practice = PracticeFactory()
    response = editor_api.patch(f"{API}{practice.slug}/", {"adapted_from": [practice.slug]}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "adapted_from": [f"A practice cannot be adapted from itself ({practice.slug})."]
    }
    assert not practice.adapted_from.exists()


@pytest.mark.parametrize(
    "field, value",
    [("implementation_started", 1799), ("implementation_ended", 2201), ("beneficiaries_year", 1066)],
)
def test_the_model_holds_years_of_the_same_bounds_as_the_api(db, field, value):
    """The admin and the imports validate with the model: the API's bounds are its own."""
    practice = PracticeFactory(beneficiaries_count=100 if field == "beneficiaries_year" else None)
    setattr(practice, field, value)
    with pytest.raises(DjangoValidationError) as raised:
        practice.full_clean()
    assert list(raised.value.message_dict) == [field]
    setattr(practice, field, 2016)
    practice.full_clean()
