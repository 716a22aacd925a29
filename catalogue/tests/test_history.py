"""History of every tracked model: one entry per admin save with its user; deletion keeps it; restore."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse

from awards.models import Competition, PriorityArea
from awards.tests.factories import CompetitionFactory, PriorityAreaFactory
from catalogue.models import Institution, Practice, SourceDocument
from catalogue.tests.factories import InstitutionFactory, SourceDocumentFactory
from common.history import deleted_records, restore_deleted
from regions.models import LiaisonOffice
from regions.tests.factories import CountryFactory, LiaisonOfficeFactory

from .test_editors import award_entry, form_data

# Tracked model -> (factory, a text field to edit, a many-to-many field and a factory for its values).
TRACKED = {
    Practice: (award_entry, "title", None),
    Institution: (InstitutionFactory, "name", None),
    SourceDocument: (SourceDocumentFactory, "title", None),
    LiaisonOffice: (LiaisonOfficeFactory, "name", ("countries", CountryFactory)),
    PriorityArea: (PriorityAreaFactory, "name", None),
    Competition: (CompetitionFactory, "name", ("priority_areas", PriorityAreaFactory)),
}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(TRACKED), ids=lambda m: m._meta.label_lower)
def test_an_admin_save_is_one_history_entry_with_its_user(admin_client, admin_user, model):
    factory, text_field, m2m = TRACKED[model]
    obj = factory()
    records = obj.history.count()
    data = form_data(admin_client.get(admin_url(model, "change", obj.pk)))
    data[text_field] = "Edited name"
    if m2m:
        name, related_factory = m2m
        data[name] = [str(related_factory().pk)]
    response = admin_client.post(admin_url(model, "change", obj.pk), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors

    assert obj.history.count() == records + 1
    record = obj.history.first()
    assert (record.history_type, record.history_user) == ("~", admin_user)
    changed = {change.field for change in record.diff_against(record.prev_record).changes}
    assert changed == {text_field, *([m2m[0]] if m2m else [])}
    assert admin_client.get(admin_url(model, "history", obj.pk)).status_code == 200


@pytest.mark.django_db
def test_deleting_a_practice_keeps_its_history_and_it_can_be_restored(admin_client, editor_client, editor):
    first, second = PriorityAreaFactory.create_batch(2)
    practice = award_entry(areas=[first, second], summary="What they did.", lessons="What they learnt.")
    pk, slug, created_at = practice.pk, practice.slug, practice.created_at
    practice.summary = "Corrected."
    practice.save()
    records = practice.history.count()

    # An administrator deletes it (editors may not delete).
    assert editor_client.post(admin_url(Practice, "delete", pk), {"post": "yes"}).status_code == 403
    assert admin_client.post(admin_url(Practice, "delete", pk), {"post": "yes"}).status_code == 302
    assert not Practice.objects.filter(pk=pk).exists()

    # Nothing of its history is lost: the records are plain rows, readable with SQL.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT history_type FROM catalogue_historicalpractice WHERE id = %s ORDER BY history_id", [pk]
        )
        assert [row[0] for row in cursor.fetchall()][-1] == "-"
    assert Practice.history.filter(id=pk).count() == records + 1
    assert admin_client.get(admin_url(Practice, "history", pk)).status_code == 200

    # The deleted page lists it; an editor restores it.
    response = editor_client.get(admin_url(Practice, "deleted"))
    assert response.status_code == 200
    deletion = Practice.history.get(id=pk, history_type="-")
    assert [record for record, _obj in response.context["records"]] == [deletion]
    assert practice.title in response.content.decode()
    response = editor_client.post(admin_url(Practice, "restore", deletion.history_id))
    assert response.status_code == 302
    assert response["Location"] == admin_url(Practice, "change", pk)

    restored = Practice.objects.get(pk=pk)
    assert (restored.slug, restored.summary, restored.lessons) == (slug, "Corrected.", "What they learnt.")
    assert restored.created_at == created_at
    assert set(restored.priority_areas.all()) == {first, second}
    record = restored.history.first()
    assert (record.history_type, record.history_user) == ("+", editor)
    assert record.history_change_reason == "Restored after deletion"
    assert set(record.priority_areas.values_list("priorityarea", flat=True)) == {first.pk, second.pk}
    assert restored.history.count() == records + 2
    assert list(deleted_records(Practice)) == []
    assert editor_client.get(admin_url(Practice, "deleted")).context["records"] == []


@pytest.mark.django_db
def test_a_restore_that_would_break_a_rule_writes_nothing(admin_client):
    practice = award_entry()
    pk, slug = practice.pk, practice.slug
    practice.delete()
    award_entry(slug=slug)  # a new practice took the address meanwhile
    deletion = Practice.history.get(id=pk, history_type="-")
    response = admin_client.post(admin_url(Practice, "restore", deletion.history_id))
    assert response.status_code == 302
    assert response["Location"] == admin_url(Practice, "deleted")
    (message,) = (str(m) for m in get_messages(response.wsgi_request))
    assert "could not be restored" in message
    assert "slug" in message.lower()
    assert not Practice.objects.filter(pk=pk).exists()
    assert Practice.history.filter(id=pk).first() == deletion


@pytest.mark.django_db
def test_viewers_see_deleted_practices_but_cannot_restore_them(viewer_client):
    practice = award_entry()
    practice.delete()
    deletion = Practice.history.get(history_type="-")
    response = viewer_client.get(admin_url(Practice, "deleted"))
    assert response.status_code == 200
    assert not response.context["has_restore_permission"]
    assert viewer_client.post(admin_url(Practice, "restore", deletion.history_id)).status_code == 403
    assert viewer_client.get(admin_url(Practice, "restore", deletion.history_id)).status_code == 405
    assert not Practice.objects.exists()


@pytest.mark.django_db
def test_other_models_are_restored_with_their_relations():
    areas = PriorityAreaFactory.create_batch(2)
    competition = CompetitionFactory(priority_areas=areas)
    institution = InstitutionFactory(acronym="BPS")
    competition_pk, institution_pk = competition.pk, institution.pk
    competition.delete()
    institution.delete()

    restored = restore_deleted(Competition.history.get(id=competition_pk, history_type="-"))
    assert restored.pk == competition_pk
    assert set(restored.priority_areas.all()) == set(areas)
    restored = restore_deleted(Institution.history.get(id=institution_pk, history_type="-"))
    assert (restored.pk, restored.acronym) == (institution_pk, "BPS")


@pytest.mark.django_db
def test_the_deleted_page_and_its_link(admin_client):
    response = admin_client.get(admin_url(Practice, "changelist"))
    assert admin_url(Practice, "deleted") in response.content.decode()
    for model in TRACKED:
        assert admin_client.get(admin_url(model, "deleted")).status_code == 200
