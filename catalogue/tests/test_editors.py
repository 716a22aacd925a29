"""Editors in admin: find, edit, read the history, revert; roles; drafts stay private; admin quality."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from awards.tests.factories import CompetitionFactory, PriorityAreaFactory
from catalogue.choices import Outcome, Status
from catalogue.models import Practice
from catalogue.roles import EDITORS, PERMISSIONS, VIEWERS
from catalogue.services.loader import load_catalogue
from catalogue.services.validation import check_priority_areas
from catalogue.tests.factories import InstitutionFactory, PracticeFactory

from .fixtures import log_in, make_user
from .pages import sitemap_paths

CHANGELIST = "admin:catalogue_practice_changelist"


def change_url(practice):
    return reverse("admin:catalogue_practice_change", args=[practice.pk])


def form_data(response):
    """What the browser would post back from an admin form page: every editable field's current value."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else value
    return data


def listed(client, query=""):
    response = client.get(reverse(CHANGELIST) + query)
    assert response.status_code == 200, query
    return list(response.context["cl"].result_list)


def award_entry(areas=None, **kwargs):
    """A published practice in a competition whose scheme has `areas` (and the practice has them)."""
    areas = areas if areas is not None else PriorityAreaFactory.create_batch(2)
    competition = kwargs.pop("competition", None) or CompetitionFactory(priority_areas=areas)
    return PracticeFactory(competition=competition, priority_areas=areas, **kwargs)


# The editor's story ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_editor_finds_edits_and_the_history_shows_the_diff(editor_client, editor):
    practice = award_entry(
        title="Mobile pensions for rural workers",
        institution__name="Banco de Previsión Social",
        summary="The old summary.",
    )
    award_entry(title="Return to work")
    assert listed(editor_client, "?q=rural") == [practice]
    assert listed(editor_client, "?q=Previsión") == [practice]

    previous = practice.history.first()  # the factory's last record
    response = editor_client.get(change_url(practice))
    assert response.status_code == 200
    data = form_data(response)
    data.update(summary="The corrected summary.", outcome=Outcome.SUCCESSFUL, lessons="Start small.")
    response = editor_client.post(change_url(practice), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors

    practice.refresh_from_db()
    assert (practice.summary, practice.outcome, practice.lessons) == (
        "The corrected summary.",
        Outcome.SUCCESSFUL,
        "Start small.",
    )
    latest = practice.history.first()
    assert latest.prev_record == previous
    assert (latest.history_type, latest.history_user) == ("~", editor)
    changes = {change.field: (change.old, change.new) for change in latest.diff_against(previous).changes}
    assert changes == {
        "summary": ("The old summary.", "The corrected summary."),
        "outcome": (Outcome.NOT_ASSESSED, Outcome.SUCCESSFUL),
        "lessons": ("", "Start small."),
    }

    page = editor_client.get(reverse("admin:catalogue_practice_history", args=[practice.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    for text in ("The old summary.", "The corrected summary.", "Start small.", editor.username):
        assert text in html


@pytest.mark.django_db
def test_saving_a_form_unchanged_changes_nothing_and_adds_no_history(editor_client):
    practice = award_entry(summary="First paragraph.\n\n- one\n- two")
    records = practice.history.count()
    data = form_data(editor_client.get(change_url(practice)))
    # What a browser sends back: a textarea's line breaks as CR LF.
    data["summary"] = data["summary"].replace("\n", "\r\n")
    assert editor_client.post(change_url(practice), data).status_code == 302
    practice.refresh_from_db()
    assert practice.summary == "First paragraph.\n\n- one\n- two"
    assert practice.history.count() == records


@pytest.mark.django_db
def test_revert_restores_the_previous_version_with_its_priority_areas(editor_client, editor):
    first, second, third = PriorityAreaFactory.create_batch(3)
    competition = CompetitionFactory(priority_areas=[first, second, third])
    practice = award_entry(areas=[first, second], competition=competition, summary="Version one.")
    creation = practice.history.first()
    records = practice.history.count()

    data = form_data(editor_client.get(change_url(practice)))
    data.update(summary="Version two.", priority_areas=[str(third.pk)])
    assert editor_client.post(change_url(practice), data).status_code == 302
    # One entry for the save, areas included (simple-history alone would write three).
    assert practice.history.count() == records + 1
    edit = practice.history.first()
    assert {c.field for c in edit.diff_against(creation).changes} == {"summary", "priority_areas"}

    revert_url = reverse("admin:catalogue_practice_simple_history", args=[practice.pk, creation.history_id])
    response = editor_client.get(revert_url)
    assert response.status_code == 200
    data = form_data(response)
    assert data["summary"] == "Version one."
    assert sorted(data["priority_areas"]) == sorted([str(first.pk), str(second.pk)])
    assert editor_client.post(revert_url, data).status_code == 302

    practice.refresh_from_db()
    assert practice.summary == "Version one."
    assert set(practice.priority_areas.all()) == {first, second}
    revert = practice.history.first()
    assert revert.history_user == editor
    assert revert.history_change_reason.startswith("Reverted to the version of")
    assert {c.field for c in revert.diff_against(edit).changes} == {"summary", "priority_areas"}


@pytest.mark.django_db
def test_a_new_practice_starts_as_a_draft_the_public_does_not_see(editor_client):
    area = PriorityAreaFactory()
    competition = CompetitionFactory(priority_areas=[area], year=2020)
    institution = InstitutionFactory()
    response = editor_client.get(reverse("admin:catalogue_practice_add"))
    assert response.context["adminform"].form["status"].value() == Status.DRAFT
    data = form_data(response)
    data.update(
        title="A new entry",
        slug="a-new-entry",
        institution=institution.pk,
        country=institution.country_id,
        year=2020,
        competition=competition.pk,
        priority_areas=[str(area.pk)],
    )
    response = editor_client.post(reverse("admin:catalogue_practice_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    practice = Practice.objects.get(slug="a-new-entry")
    assert practice.status == Status.DRAFT
    assert list(practice.priority_areas.all()) == [area]
    assert practice.history.get().history_type == "+"
    assert Client().get(practice.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_only_publishers_set_the_status(client):
    author = make_user("author")
    author.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="catalogue",
            codename__in=["add_practice", "change_practice", "view_practice"],
        )
    )
    client.force_login(author)
    practice = award_entry(status=Status.DRAFT)
    form = client.get(change_url(practice)).context["adminform"].form
    assert "status" not in form.fields
    # No action at all: publishing is the only one an author could have had.
    assert client.get(reverse(CHANGELIST)).context["action_form"] is None


# Roles ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_groups_of_the_migration_are_the_documented_roles():
    for name, permissions in PERMISSIONS.items():
        group = Group.objects.get(name=name)
        # The apps above the catalogue add their own (proposals/roles.py, checked there).
        granted = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.all()
            if p.content_type.app_label in {"regions", "awards", "catalogue"}
        }
        assert granted == set(permissions), name


@pytest.mark.django_db
def test_a_viewer_reads_drafts_and_history_but_cannot_edit(viewer_client, viewer):
    draft = award_entry(status=Status.DRAFT, summary="Unchanged.")
    assert listed(viewer_client) == [draft]
    response = viewer_client.get(change_url(draft))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert viewer_client.post(change_url(draft), {"summary": "Changed."}).status_code == 403
    assert viewer_client.get(reverse("admin:catalogue_practice_add")).status_code == 403
    assert viewer_client.get(reverse("admin:catalogue_practice_delete", args=[draft.pk])).status_code == 403
    assert viewer_client.get(reverse("admin:catalogue_practice_import")).status_code == 403
    creation = draft.history.first()
    records = draft.history.count()
    assert viewer_client.get(reverse("admin:catalogue_practice_history", args=[draft.pk])).status_code == 200
    revert_url = reverse("admin:catalogue_practice_simple_history", args=[draft.pk, creation.history_id])
    response = viewer_client.get(revert_url)
    assert response.status_code == 200
    assert response.context["revert_disabled"]
    assert viewer_client.post(revert_url, {**form_data(response), "summary": "Changed."}).status_code == 403
    viewer_client.post(
        reverse(CHANGELIST), {"action": "publish", "_selected_action": [draft.pk], "index": 0}
    )
    draft.refresh_from_db()
    assert (draft.summary, draft.status) == ("Unchanged.", Status.DRAFT)
    assert draft.history.count() == records


@pytest.mark.django_db
def test_a_viewer_cannot_write_through_the_api(client, viewer):
    practice = award_entry(summary="Unchanged.")
    token = Token.objects.create(user=viewer)
    response = client.patch(
        f"/api/v1/practices/{practice.slug}/",
        {"summary": "Changed."},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code == 403
    practice.refresh_from_db()
    assert practice.summary == "Unchanged."


@pytest.mark.django_db
def test_createeditor_creates_an_editor_with_a_token_and_is_idempotent(client):
    out = io.StringIO()
    call_command(
        "createeditor", "alice", "--email", "a@example.org", "--password", "a long pass phrase", stdout=out,
        stderr=io.StringIO(),
    )
    key = out.getvalue().strip()
    alice = Token.objects.get(key=key).user
    assert (alice.username, alice.email) == ("alice", "a@example.org")
    assert alice.is_staff
    assert not alice.is_superuser
    assert list(alice.groups.values_list("name", flat=True)) == [EDITORS]
    assert log_in(client, "alice", "a long pass phrase").url == "/admin/"
    assert client.get(reverse("admin:catalogue_practice_add")).status_code == 200

    alice.groups.clear()
    again = io.StringIO()
    call_command("createeditor", "alice", "--no-input", stdout=again, stderr=io.StringIO())
    assert again.getvalue().strip() == key
    assert list(alice.groups.values_list("name", flat=True)) == [EDITORS]
    assert Token.objects.filter(user=alice).count() == 1
    alice.refresh_from_db()
    assert alice.check_password("a long pass phrase")

    viewer_out = io.StringIO()
    call_command("createeditor", "bob", "--viewer", "--no-input", stdout=viewer_out, stderr=io.StringIO())
    bob = Token.objects.get(key=viewer_out.getvalue().strip()).user
    assert list(bob.groups.values_list("name", flat=True)) == [VIEWERS]
    assert not bob.has_usable_password()


# Drafts are private --------------------------------------------------------------------------------------


@pytest.fixture
def public_and_hidden(db, request):
    published = award_entry(title="Published practice about pensions")
    hidden = award_entry(title="Hidden practice about zebras", status=request.param)
    return published, hidden


@pytest.mark.django_db
@pytest.mark.parametrize("public_and_hidden", [Status.DRAFT, Status.WITHDRAWN], indirect=True)
class TestAnonymousCannotSeeDrafts:
    def test_pages(self, client, public_and_hidden):
        published, hidden = public_and_hidden
        html = client.get(reverse("practice-list")).content.decode()
        assert published.title in html
        assert hidden.title not in html
        assert hidden.title not in client.get(reverse("practice-list") + "?search=zebras").content.decode()
        assert client.get(published.get_absolute_url()).status_code == 200
        assert client.get(hidden.get_absolute_url()).status_code == 404

    def test_api(self, client, public_and_hidden):
        published, hidden = public_and_hidden
        response = client.get("/api/v1/practices/")
        assert response.status_code == 200
        assert [r["slug"] for r in response.json()["results"]] == [published.slug]
        assert client.get("/api/v1/practices/?search=zebras").json()["count"] == 0
        assert client.get(f"/api/v1/practices/{published.slug}/").status_code == 200
        assert client.get(f"/api/v1/practices/{hidden.slug}/").status_code == 404

    def test_feed(self, client, public_and_hidden):
        published, hidden = public_and_hidden
        response = client.get("/feeds/practices/")
        assert response.status_code == 200
        xml = response.content.decode()
        assert published.slug in xml
        assert hidden.slug not in xml
        assert hidden.title not in xml

    def test_sitemap(self, client, public_and_hidden):
        published, hidden = public_and_hidden
        paths = sitemap_paths(client)
        assert published.get_absolute_url() in paths
        assert f"/es{published.get_absolute_url()}" in paths
        assert not [path for path in paths if hidden.slug in path]


@pytest.mark.django_db
def test_editors_see_drafts_in_admin_and_authenticated_in_the_api(client, editor):
    draft = award_entry(status=Status.DRAFT)
    token = Token.objects.create(user=editor)
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    slugs = [r["slug"] for r in client.get("/api/v1/practices/", **auth).json()["results"]]
    assert slugs == [draft.slug]
    assert client.get(f"/api/v1/practices/{draft.slug}/", **auth).status_code == 200
    client.force_login(editor)
    assert listed(client) == [draft]
    assert client.get(f"/api/v1/practices/{draft.slug}/").status_code == 200


# Bulk actions, slugs, rules -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_bulk_publish_and_withdraw_are_recorded_with_the_user(editor_client, editor):
    drafts = [award_entry(status=Status.DRAFT) for _ in range(2)]
    stray = PriorityAreaFactory()
    broken = award_entry(status=Status.DRAFT, title="Broken entry")
    broken.priority_areas.add(stray)  # not in its competition's scheme: may not be published
    pks = [p.pk for p in [*drafts, broken]]

    response = editor_client.post(
        reverse(CHANGELIST), {"action": "publish", "_selected_action": pks, "index": 0}, follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("2 practices set to Published" in m for m in messages), messages
    assert any("Broken entry" in m and stray.slug in m for m in messages), messages
    for practice in drafts:
        practice.refresh_from_db()
        assert practice.status == Status.PUBLISHED
        record = practice.history.first()
        assert (record.history_user, record.status) == (editor, Status.PUBLISHED)
        assert "bulk action" in record.history_change_reason
    broken.refresh_from_db()
    assert broken.status == Status.DRAFT

    editor_client.post(reverse(CHANGELIST), {"action": "withdraw", "_selected_action": pks[:1], "index": 0})
    drafts[0].refresh_from_db()
    assert drafts[0].status == Status.WITHDRAWN
    assert drafts[0].history.first().history_user == editor


@pytest.mark.django_db
def test_the_slug_is_readonly_once_published(editor_client):
    draft = award_entry(status=Status.DRAFT)
    assert "slug" in editor_client.get(change_url(draft)).context["adminform"].form.fields

    published = award_entry()
    response = editor_client.get(change_url(published))
    assert "slug" not in response.context["adminform"].form.fields
    data = form_data(response)
    data.update(slug="another-slug", summary="Edited.")
    assert editor_client.post(change_url(published), data).status_code == 302
    published.refresh_from_db()
    assert (published.slug, published.summary) == (published.slug, "Edited.")
    assert published.slug != "another-slug"

    # Back to draft, the slug stays: it has been public.
    published.status = Status.DRAFT
    published.save()
    assert "slug" not in editor_client.get(change_url(published)).context["adminform"].form.fields
    published.slug = "another-slug"
    with pytest.raises(ValidationError) as error:
        published.full_clean()
    assert "slug" in error.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ("stray_area", "priority_areas"),
        ("no_competition_with_tier", "tier"),
        ("no_competition_with_areas", "priority_areas"),
        ("year_not_the_competitions", "year"),
        ("no_institution", "institution"),
    ],
)
def test_the_admin_form_applies_the_rules(editor_client, change, field):
    practice = award_entry(status=Status.DRAFT)
    records = practice.history.count()
    data = form_data(editor_client.get(change_url(practice)))
    if change == "stray_area":
        data["priority_areas"] = [str(PriorityAreaFactory().pk)]
    elif change == "no_competition_with_tier":
        data.update(competition="", priority_areas=[])
    elif change == "no_competition_with_areas":
        data.update(competition="", tier="")
    elif change == "year_not_the_competitions":
        data["year"] = practice.year + 1
    elif change == "no_institution":
        data["institution"] = ""
    response = editor_client.post(change_url(practice), data)
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert practice.history.count() == records


def test_the_loaded_catalogue_passes_the_editors_rules(db):
    load_catalogue()
    practices = Practice.objects.select_related("competition", "institution").prefetch_related(
        "priority_areas"
    )
    assert practices.count() > 60
    for practice in practices:
        practice.full_clean()
        check_priority_areas(practice.competition, practice.priority_areas.all())


@pytest.mark.django_db
def test_the_practice_list_filters_on_the_sites_facets(editor_client):
    shown = award_entry(year=2017, competition=CompetitionFactory(year=2017))
    hidden = award_entry(competition=CompetitionFactory(year=2020), year=2020)
    for query in (
        f"?country__region__id__exact={shown.country.region_id}",
        f"?institution__id__exact={shown.institution_id}",
        "?year=2017",
        f"?priority_areas__id__exact={shown.priority_areas.first().pk}",
        f"?tier__id__exact={shown.tier_id}",
    ):
        assert listed(editor_client, query) == [shown], query
    html = editor_client.get(reverse(CHANGELIST)).content.decode()
    assert f'href="{shown.get_absolute_url()}"' in html  # view on site
    for column in ("column-tier", "column-country", "column-status"):
        assert column in html
    assert hidden in listed(editor_client)
