"""load_catalogue: idempotent, keeps what editors made and changed, deletes nothing."""

import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.serializers.base import DeserializationError

from awards.models import PriorityArea
from catalogue.models import Institution, Practice
from catalogue.services.fixture_builder import FIXTURE_FILES
from catalogue.services.loader import load_catalogue
from regions.models import Country

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
MY_ANSES = "my-anses-mobile"


def fixture_counts():
    """{model label: number of objects} in the committed fixture files."""
    counts = {}
    for name in FIXTURE_FILES:
        for obj in json.loads((FIXTURES / name).read_text(encoding="utf-8")):
            counts[obj["model"]] = counts.get(obj["model"], 0) + 1
    return counts


def database_counts(labels):
    return {label: apps.get_model(label).objects.count() for label in labels}


def m2m_rows():
    """Rows of every many-to-many table the fixtures fill."""
    return {
        "practice_areas": Practice.priority_areas.through.objects.count(),
        "competition_areas": apps.get_model("awards.competition").priority_areas.through.objects.count(),
        "office_countries": apps.get_model("regions.liaisonoffice").countries.through.objects.count(),
    }


def load(**options):
    out = io.StringIO()
    call_command("load_catalogue", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def editor_practice(db):
    """A practice an editor added in the admin: not in any fixture, with an institution of the fixtures."""
    load()
    practice = Practice.objects.create(
        slug="editors-own-practice",
        title="An editor's own practice",
        institution=Institution.objects.get(slug="social-insurance-bank"),
        country=Country.objects.get(code="UY"),
        year=2020,
        summary="Written by an editor.",
        status="draft",
    )
    practice.priority_areas.set([PriorityArea.objects.get(slug="service-quality")])
    return practice


def snapshot(practice):
    practice.refresh_from_db()
    fields = {f.attname: getattr(practice, f.attname) for f in practice._meta.concrete_fields}
    return fields, set(practice.priority_areas.values_list("slug", flat=True))


def test_first_load_creates_every_fixture_object(db):
    expected = fixture_counts()
    report = load_catalogue()
    assert report.created == expected
    assert report.kept == {} and report.updated == {}
    assert database_counts(expected) == expected
    assert expected["catalogue.practice"] == 68


def test_loading_twice_changes_nothing(db):
    expected = fixture_counts()
    load()
    before = database_counts(expected), m2m_rows()
    updated_at = dict(Practice.objects.values_list("slug", "updated_at"))

    report = load_catalogue()

    assert report.created == {} and report.updated == {}
    assert report.kept == expected
    assert (database_counts(expected), m2m_rows()) == before
    assert dict(Practice.objects.values_list("slug", "updated_at")) == updated_at


def test_command_reports_everything_kept_on_the_second_run(db):
    first = load()
    second = load()
    total = sum(fixture_counts().values())
    assert first.startswith(f"created: {total} (")
    assert second.startswith(f"kept: {total} (")
    assert "created" not in second and "updated" not in second


def test_editors_practice_survives_a_reload(editor_practice):
    before = snapshot(editor_practice)
    load()
    assert snapshot(editor_practice) == before
    load(update=True)
    assert snapshot(editor_practice) == before
    assert Practice.objects.count() == 68 + 1


def test_editors_correction_survives_a_reload(db):
    load()
    Practice.objects.filter(slug=MY_ANSES).update(summary="An editor's summary.")

    report = load_catalogue()

    assert Practice.objects.get(slug=MY_ANSES).summary == "An editor's summary."
    assert report.updated == {}


def test_update_restores_the_fixture_values_and_keeps_editors_rows(editor_practice):
    fixture = Practice.objects.get(slug=MY_ANSES)
    created_at = fixture.created_at
    fixture.title = "My ANSES Mobile, edited"
    fixture.summary = "An editor's summary."
    fixture.status = "withdrawn"
    fixture.save()
    fixture.priority_areas.remove(PriorityArea.objects.get(slug="service-quality"))
    editors = snapshot(editor_practice)
    counts = database_counts(fixture_counts())

    out = load(update=True)

    fixture.refresh_from_db()
    assert (fixture.title, fixture.summary, fixture.status) == ("My ANSES Mobile", "", "published")
    assert fixture.original_title == "Mi ANSES Móvil"
    assert set(fixture.priority_areas.values_list("slug", flat=True)) == {
        "administrative-solutions-for-coverage-extension",
        "communication-by-social-security-administrations",
        "information-and-communication-technology",
        "service-quality",
    }
    # Fields the fixtures do not carry are the database's: `--update` must not wipe them.
    assert fixture.created_at == created_at
    assert out.startswith("updated: 1 (catalogue.practice 1)")
    assert snapshot(editor_practice) == editors
    assert database_counts(fixture_counts()) == counts


def test_update_on_an_unchanged_catalogue_writes_nothing(db):
    load()
    updated_at = dict(Practice.objects.values_list("slug", "updated_at"))
    report = load_catalogue(update=True)
    assert report.updated == {} and report.created == {}
    assert report.kept == fixture_counts()
    assert dict(Practice.objects.values_list("slug", "updated_at")) == updated_at


def test_editors_institution_and_withdrawn_practice_survive(editor_practice):
    institution = Institution.objects.create(
        slug="editors-institution",
        name="An institution an editor added",
        country=Country.objects.get(code="PE"),
    )
    Practice.objects.filter(slug=MY_ANSES).update(status="withdrawn")

    load()

    assert Institution.objects.get(slug="editors-institution").name == institution.name
    assert Practice.objects.get(slug=MY_ANSES).status == "withdrawn"
    assert Institution.objects.count() == 21 + 1


def test_nothing_is_deleted(editor_practice):
    labels = fixture_counts()
    before = database_counts(labels)
    slugs = set(Practice.objects.values_list("slug", flat=True))

    load()
    load(update=True)
    load()

    assert database_counts(labels) == before
    assert set(Practice.objects.values_list("slug", flat=True)) == slugs
    assert "editors-own-practice" in slugs


def test_a_failed_load_leaves_the_database_as_it_was(db, tmp_path):
    for name in FIXTURE_FILES:
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    practices = json.loads((tmp_path / "05_practices.json").read_text(encoding="utf-8"))
    practices[-1]["fields"]["country"] = ["ZZ"]  # no such country: the last object cannot load
    (tmp_path / "05_practices.json").write_text(json.dumps(practices), encoding="utf-8")

    with pytest.raises(DeserializationError, match=r"ZZ"):
        load_catalogue(directory=tmp_path)

    assert Practice.objects.count() == 0
    assert Institution.objects.count() == 0


def test_a_fresh_load_writes_one_history_entry_per_row_with_its_priority_areas(db):
    load()
    my_anses = Practice.objects.get(slug=MY_ANSES)
    records = list(my_anses.history.all())
    assert len(records) == 1
    assert records[0].history_type == "+"
    assert records[0].history_change_reason == "Loaded from the fixtures (load_catalogue)"
    assert {row.priorityarea.slug for row in records[0].priority_areas.all()} == {
        "administrative-solutions-for-coverage-extension",
        "communication-by-social-security-administrations",
        "information-and-communication-technology",
        "service-quality",
    }
    assert Practice.history.count() == 68


def test_a_reload_writes_no_history(db):
    load()
    before = Practice.history.count()
    load()
    load(update=True)
    assert Practice.history.count() == before


def test_a_practice_an_editor_deleted_is_not_brought_back_by_a_reload(db):
    load()
    Practice.objects.get(slug=MY_ANSES).delete()
    for options in ({}, {"update": True}):
        output = load(**options)
        assert not Practice.objects.filter(slug=MY_ANSES).exists()
        assert "deleted by editors: 1 (catalogue.practice 1)" in output
    assert Practice.objects.count() == 67
