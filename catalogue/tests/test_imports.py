"""CSV and JSON import and export of practices: natural keys, previews, row errors, all or nothing."""

import datetime
import json

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.tests.factories import AwardTierFactory, CompetitionFactory, PriorityAreaFactory
from catalogue.choices import Evidence, Outcome, Status
from catalogue.models import Institution, Practice, TargetGroup
from catalogue.services.imports import InstitutionResource, PracticeResource
from catalogue.tests.factories import InstitutionFactory, PracticeFactory, SourceDocumentFactory

from .fixtures import make_user

HEADERS = [
    "slug", "title", "institution", "country", "year", "competition", "tier", "priority_areas", "summary",
]  # fmt: skip


@pytest.fixture
def scheme(db):
    """What a new competition's entries refer to: the competition with its areas, tiers, institutions."""
    areas = PriorityAreaFactory.create_batch(3)
    return {
        "areas": areas,
        "competition": CompetitionFactory(priority_areas=areas, year=2020),
        "tiers": AwardTierFactory.create_batch(2),
        "institutions": InstitutionFactory.create_batch(5),
    }


def entry(scheme, n, **changes):
    institution = scheme["institutions"][n % 5]
    row = {
        "slug": f"entry-{n}",
        "title": f"Entry {n}: pensions, «móviles»",
        "institution": institution.slug,
        "country": institution.country.code,
        "year": "2020",
        "competition": scheme["competition"].slug,
        "tier": scheme["tiers"][n % 2].slug,
        "priority_areas": ";".join(a.slug for a in scheme["areas"][: 1 + n % 3]),
        "summary": f"What entry {n} did.\n\n- one thing, then\n- another",
    }
    row.update(changes)
    return row


def csv_of(rows):
    dataset = tablib.Dataset(headers=HEADERS)
    for row in rows:
        dataset.append([row[h] for h in HEADERS])
    return dataset.export("csv")


def load(text, file_format="csv"):
    return tablib.Dataset().load(text, format=file_format)


def failing_rows(result):
    """{row number: [messages]} for every row with an error or a validation error."""
    rows = {row.number: [m for ms in row.error_dict.values() for m in ms] for row in result.invalid_rows}
    for number, errors in result.row_errors():
        rows.setdefault(number, []).extend(str(e.error) for e in errors)
    return rows


def snapshot():
    """Every practice's exported values: what an import must not change."""
    fields = [f.attname for f in Practice._meta.concrete_fields if f.name not in ("created_at", "updated_at")]
    return sorted(
        (
            *(getattr(p, name) for name in fields),
            *(
                tuple(sorted(getattr(p, relation).values_list("pk", flat=True)))
                for relation in ("priority_areas", "target_groups", "adapted_from")
            ),
        )
        for p in Practice.objects.all()
    )


# Through the Resource API -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bad_change", "column", "message"),
    [
        ({"country": "ZZ"}, "country", "Unknown country code “ZZ”"),
        ({"competition": "", "priority_areas": ""}, "tier", "only be given to a practice entered in a"),
        ({"priority_areas": "no-such-area"}, "priority_areas", "no-such-area"),
        ({"institution": "nobody"}, "institution", "Unknown institution slug “nobody”"),
    ],
)
def test_a_file_with_one_bad_row_writes_nothing_and_names_the_row(scheme, bad_change, column, message):
    rows = [entry(scheme, 1), entry(scheme, 2, **bad_change), entry(scheme, 3)]
    before = (Practice.objects.count(), Practice.history.count())
    for dry_run in (True, False):
        result = PracticeResource().import_data(load(csv_of(rows)), dry_run=dry_run)
        assert result.has_validation_errors() or result.has_errors()
        errors = failing_rows(result)
        assert list(errors) == [2], errors
        assert any(message in m for m in errors[2]), errors
        assert (Practice.objects.count(), Practice.history.count()) == before
    invalid = result.invalid_rows[0] if result.invalid_rows else None
    if invalid is not None:
        assert column in invalid.field_specific_errors


@pytest.mark.django_db
def test_an_area_outside_the_competitions_scheme_is_refused(scheme):
    stray = PriorityAreaFactory()
    result = PracticeResource().import_data(load(csv_of([entry(scheme, 1, priority_areas=stray.slug)])))
    assert "Not among the priority areas" in failing_rows(result)[1][0]
    assert not Practice.objects.exists()


@pytest.mark.django_db
def test_sixty_entries_are_previewed_then_imported_as_drafts(scheme):
    text = csv_of([entry(scheme, n) for n in range(60)])
    preview = PracticeResource().import_data(load(text), dry_run=True)
    assert not preview.has_errors() and not preview.has_validation_errors()
    assert preview.totals["new"] == 60
    assert not Practice.objects.exists()
    assert not Practice.history.exists()

    long_name = "americas-2020-" + "x" * 200 + ".csv"  # longer than the history's reason column
    result = PracticeResource().import_data(load(text), file_name=long_name)
    assert not result.has_errors(), result.row_errors()
    assert result.totals["new"] == 60
    practices = Practice.objects.order_by("slug")
    assert practices.count() == 60
    assert {p.status for p in practices} == {Status.DRAFT}
    practice = Practice.objects.get(slug="entry-5")
    assert practice.title == "Entry 5: pensions, «móviles»"
    assert practice.summary == "What entry 5 did.\n\n- one thing, then\n- another"
    assert practice.country == practice.institution.country
    assert list(practice.priority_areas.all()) == scheme["areas"][:3]
    # One history entry per imported row, priority areas included.
    assert Practice.history.count() == 60
    record = practice.history.get()
    assert record.history_type == "+"
    assert record.history_change_reason.startswith("Imported from americas-2020-xxx")
    assert record.priority_areas.count() == 3


@pytest.fixture
def varied_practices(scheme):
    source = SourceDocumentFactory()
    areas = scheme["areas"]
    first = PracticeFactory(
        competition=scheme["competition"],
        institution=scheme["institutions"][0],
        priority_areas=areas[:2],
        original_title="Pensiones móviles",
        original_title_language="es",
        summary='Quotes "inside", commas, and\nlines.\n\n- a list',
        lessons="Start small.",
        outcome=Outcome.PARTLY_SUCCESSFUL,
        last_reviewed=datetime.date(2024, 5, 1),
        status=Status.DRAFT,
        evidence=Evidence.REPORTED,
        implementation_started=2016,
        implementation_ended=2019,
        in_place=False,
        last_verified=datetime.date(2026, 11, 30),
        beneficiaries_note="Approximately 60 per cent of all new OAS Pensioners, enrolled automatically.",
        results="Automatic enrolment.",
        challenges="Data sharing took years.",
    )
    second = PracticeFactory(
        competition=scheme["competition"], institution=scheme["institutions"][1], priority_areas=[]
    )
    first.target_groups.set(
        [
            TargetGroup.objects.create(slug="older-persons", name="Older persons", position=1),
            TargetGroup.objects.create(slug="rural-workers", name="Rural workers", position=2),
        ]
    )
    first.adapted_from.set([second])
    # A national strategy from a workshop: no competition, tier, areas or institution.
    PracticeFactory(
        competition=None, institution=None, source=source, source_position=None, status=Status.WITHDRAWN
    )


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_an_export_reimports_to_the_same_data(varied_practices, file_format):
    before = snapshot()
    history = Practice.history.count()
    exported = PracticeResource().export().export(file_format)
    if file_format == "json":
        first = json.loads(exported)[0]
        assert first["country"] == Practice.objects.get(slug=first["slug"]).country.code
    result = PracticeResource().import_data(load(exported, file_format))
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == 3
    assert (result.totals["new"], result.totals["update"]) == (0, 0)
    assert snapshot() == before
    assert Practice.history.count() == history


@pytest.mark.django_db
def test_line_breaks_from_windows_files_are_stored_as_newlines(varied_practices):
    before = snapshot()
    dataset = PracticeResource().export()
    dataset.dict = [{**row, "summary": row["summary"].replace("\n", "\r\n")} for row in dataset.dict]
    result = PracticeResource().import_data(load(dataset.export("csv")))
    assert result.totals["skip"] == 3
    assert snapshot() == before


@pytest.mark.django_db
def test_an_import_updates_a_practice_by_its_slug(varied_practices):
    practice = Practice.objects.get(last_reviewed__isnull=False)
    dataset = PracticeResource().export(Practice.objects.filter(pk=practice.pk))
    dataset.dict = [{**dataset.dict[0], "summary": "Corrected."}]
    result = PracticeResource().import_data(dataset)
    assert result.totals["update"] == 1
    practice.refresh_from_db()
    assert practice.summary == "Corrected."
    assert [c.field for c in practice.history.first().diff_against(practice.history.all()[1]).changes] == [
        "summary"
    ]


@pytest.mark.django_db
def test_only_publishers_import_a_published_status(scheme):
    author = make_user("author")
    text = csv_of([entry(scheme, 1)])
    dataset = load(text)
    dataset.append_col(["published"], header="status")
    result = PracticeResource().import_data(dataset, user=author)
    assert "publish" in failing_rows(result)[1][0]
    assert not Practice.objects.exists()


@pytest.mark.django_db
def test_institutions_round_trip_with_country_codes(scheme):
    before = sorted(Institution.objects.values_list("slug", "name", "acronym", "country__code"))
    exported = InstitutionResource().export().export("csv")
    assert scheme["institutions"][0].country.code in exported
    result = InstitutionResource().import_data(load(exported))
    assert result.totals["skip"] == 5
    assert sorted(Institution.objects.values_list("slug", "name", "acronym", "country__code")) == before


# Through admin ------------------------------------------------------------------------------------------

IMPORT = "admin:catalogue_practice_import"


def upload(client, text, name="entries.csv"):
    return client.post(
        reverse(IMPORT),
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile(name, text.encode(), "text/csv")},
    )


@pytest.mark.django_db
def test_the_admin_preview_shows_row_errors_and_offers_no_confirmation(editor_client, scheme):
    assert editor_client.get(reverse(IMPORT)).status_code == 200
    rows = [entry(scheme, 1), entry(scheme, 2, country="ZZ"), entry(scheme, 3)]
    response = upload(editor_client, csv_of(rows))
    assert response.status_code == 200
    assert response.context["result"].has_validation_errors()
    assert "confirm_form" not in response.context
    html = response.content.decode()
    assert "Unknown country code “ZZ”" in html
    assert not Practice.objects.exists()


@pytest.mark.django_db
def test_the_admin_import_previews_then_confirms(editor_client, editor, scheme):
    response = upload(editor_client, csv_of([entry(scheme, n) for n in range(3)]), name="three.csv")
    assert response.status_code == 200
    assert not Practice.objects.exists()  # the preview wrote nothing
    confirm = response.context["confirm_form"]
    response = editor_client.post(reverse("admin:catalogue_practice_process_import"), confirm.initial)
    assert response.status_code == 302
    assert Practice.objects.count() == 3
    record = Practice.objects.get(slug="entry-1").history.get()
    assert (record.history_user, record.history_change_reason) == (editor, "Imported from three.csv")


@pytest.mark.django_db
def test_a_file_that_fails_at_confirmation_writes_nothing(editor_client, scheme):
    response = upload(editor_client, csv_of([entry(scheme, n) for n in range(3)]))
    confirm = response.context["confirm_form"]
    scheme["institutions"][2].delete()  # entry 2's institution goes between preview and confirmation
    url = reverse("admin:catalogue_practice_process_import")
    response = editor_client.post(url, confirm.initial, follow=True)
    assert response.redirect_chain[-1][0] == reverse(IMPORT)
    (message,) = (str(m) for m in response.context["messages"])
    assert "Nothing was imported: rows 3 no longer pass" in message
    assert not Practice.objects.exists()


@pytest.mark.django_db
def test_viewers_export_but_do_not_import(viewer_client):
    assert viewer_client.get(reverse(IMPORT)).status_code == 403
    assert viewer_client.get(reverse("admin:catalogue_practice_export")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("file_format", "index"), [("csv", "0"), ("json", "1")])
def test_the_admin_exports_the_filtered_list(editor_client, varied_practices, file_format, index):
    url = reverse("admin:catalogue_practice_export") + "?status__exact=draft"
    form = editor_client.get(url).context["form"]
    data = {name: "on" for name, field in form.fields.items() if getattr(field, "is_selectable_field", False)}
    data.update(resource="0", format=index)
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{file_format}"')
    dataset = load(response.content.decode(), file_format)
    drafts = Practice.objects.filter(status=Status.DRAFT)
    assert [row["slug"] for row in dataset.dict] == [p.slug for p in drafts]
    assert dataset.dict[0]["country"] == drafts[0].country.code


@pytest.mark.django_db
def test_an_import_writes_the_evidence_fields(varied_practices):
    practice = Practice.objects.get(evidence=Evidence.NOT_ASSESSED, competition__isnull=False)
    origin = Practice.objects.get(evidence=Evidence.REPORTED)
    row = {
        "slug": practice.slug,
        "evidence": "evaluated",
        "implementation_started": "2014",
        "in_place": "true",
        "target_groups": "rural-workers; older-persons",
        "adapted_from": origin.slug,
        "beneficiaries_count": "1500000",
        "beneficiaries_year": "2017",
        "beneficiaries_note": "Persons over 65.",
        "results": "Coverage rose.",
    }
    dataset = tablib.Dataset(headers=list(row))
    dataset.append(list(row.values()))
    result = PracticeResource().import_data(load(dataset.export("csv")))
    assert not result.has_errors() and not result.has_validation_errors(), failing_rows(result)
    practice.refresh_from_db()
    assert practice.evidence == "evaluated"
    assert (practice.implementation_started, practice.in_place) == (2014, True)
    assert (practice.beneficiaries_count, practice.beneficiaries_year) == (1500000, 2017)
    assert sorted(practice.target_groups.values_list("slug", flat=True)) == ["older-persons", "rural-workers"]
    assert list(practice.adapted_from.all()) == [origin]
    record = practice.history.latest("history_date")
    assert set(record.target_groups.values_list("targetgroup__slug", flat=True)) == {
        "older-persons",
        "rural-workers",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        ({"evidence": "proven"}, "evidence", "Value 'proven' is not a valid choice."),
        ({"target_groups": "nobody"}, "target_groups", "nobody"),
        (
            {"implementation_started": "2016", "implementation_ended": "2014"},
            "implementation_ended",
            "before it started",
        ),
        ({"implementation_ended": "2014", "in_place": "true"}, "in_place", "is not in place"),
        ({"beneficiaries_year": "2017"}, "beneficiaries_year", "give the count too"),
    ],
)
def test_bad_evidence_fields_are_row_errors(varied_practices, change, column, message):
    practice = Practice.objects.get(evidence=Evidence.NOT_ASSESSED, competition__isnull=False)
    row = {"slug": practice.slug, **change}
    dataset = tablib.Dataset(headers=list(row))
    dataset.append(list(row.values()))
    before = snapshot()
    result = PracticeResource().import_data(load(dataset.export("csv")))
    errors = failing_rows(result)
    assert any(message in m for m in errors[1]), errors
    assert column in result.invalid_rows[0].field_specific_errors
    assert snapshot() == before


@pytest.mark.django_db
def test_a_practice_adapted_from_itself_is_a_row_error(varied_practices):
    practice = Practice.objects.get(evidence=Evidence.REPORTED)
    dataset = tablib.Dataset(headers=["slug", "adapted_from"])
    dataset.append([practice.slug, practice.slug])
    result = PracticeResource().import_data(load(dataset.export("csv")))
    assert failing_rows(result) == {1: [f"A practice cannot be adapted from itself ({practice.slug})."]}
