"""Django admin: every model is registered, its pages load, and the practice list has a fixed query count."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from simple_history.models import HistoricalChanges

from awards.tests.factories import AwardTierFactory, CompetitionFactory, PriorityAreaFactory
from catalogue.models import Practice
from catalogue.tests.factories import (
    InstitutionFactory,
    PracticeFactory,
    SourceDocumentFactory,
    TargetGroupFactory,
)
from regions.tests.factories import CountryFactory, LiaisonOfficeFactory, RegionFactory

# One factory per model of our apps; test_every_model_is_registered keeps this list complete.
FACTORIES = {
    "regions.region": RegionFactory,
    "regions.country": CountryFactory,
    "regions.liaisonoffice": LiaisonOfficeFactory,
    "awards.priorityarea": PriorityAreaFactory,
    "awards.awardtier": AwardTierFactory,
    "awards.competition": CompetitionFactory,
    "catalogue.sourcedocument": SourceDocumentFactory,
    "catalogue.institution": InstitutionFactory,
    "catalogue.practice": PracticeFactory,
    "catalogue.targetgroup": TargetGroupFactory,
}


def our_models():
    for label in ("regions", "awards", "catalogue"):
        # Generated models (history tables) get their admin with the model they track.
        yield from (
            m
            for m in apps.get_app_config(label).get_models()
            if not m._meta.auto_created and not issubclass(m, HistoricalChanges)
        )


def admin_url(label, view, *args):
    app_label, model_name = label.split(".")
    return reverse(f"admin:{app_label}_{model_name}_{view}", args=args)


# Derived rows, written by catalogue.services.search_index from the practices and never by hand.
NOT_EDITED = {"catalogue.searchentry", "catalogue.searchterm"}


def test_every_model_is_registered():
    models = [
        m for m in our_models() if m.__module__.endswith(".models") and m._meta.label_lower not in NOT_EDITED
    ]
    assert {m._meta.label_lower for m in models} == set(FACTORIES)
    for model in models:
        assert model in admin.site._registry, model


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(FACTORIES))
def test_changelist_add_and_change_pages_load(admin_client, label):
    obj = FACTORIES[label]()
    for url in (
        admin_url(label, "changelist"),
        admin_url(label, "changelist") + "?q=1",
        admin_url(label, "add"),
        admin_url(label, "change", obj.pk),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url


@pytest.mark.django_db
def test_practice_changelist_filters_and_search(admin_client):
    shown = PracticeFactory(title="Mobile pensions", institution__acronym="BPS")
    hidden = PracticeFactory(title="Return to work")
    url = admin_url("catalogue.practice", "changelist")
    area = shown.priority_areas.first()
    for query in (
        "?q=BPS",
        f"?priority_areas__id__exact={area.pk}",
        f"?country__id__exact={shown.country_id}",
        f"?tier__id__exact={shown.tier_id}",
        f"?competition__id__exact={shown.competition_id}",
        "?status__exact=published&q=mobile",
    ):
        response = admin_client.get(url + query)
        assert response.status_code == 200, query
        listed = list(response.context["cl"].result_list)
        assert listed == [shown], query
        assert hidden not in listed


@pytest.mark.django_db
def test_practice_changelist_query_count_does_not_grow_with_rows(admin_client, expected_queries):
    url = admin_url("catalogue.practice", "changelist")
    admin_client.get(url)  # warm up: session, content types, permissions

    def rows_listed():
        with expected_queries("admin practice changelist"):
            response = admin_client.get(url)
        assert response.status_code == 200
        return len(response.context["cl"].result_list)

    PracticeFactory.create_batch(3)
    assert rows_listed() == 3
    PracticeFactory.create_batch(27)
    assert rows_listed() == 30


@pytest.mark.django_db
def test_practice_edit_sets_priority_areas(admin_client, practice):
    other = PriorityAreaFactory()
    # A practice's areas come from its competition's scheme (catalogue.services.validation).
    practice.competition.priority_areas.add(other)
    url = admin_url("catalogue.practice", "change", practice.pk)
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("created_at", "updated_at")
    }
    data.update(
        title="Edited title",
        priority_areas=[other.pk],
        last_reviewed="",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    practice.refresh_from_db()
    assert practice.title == "Edited title"
    assert list(practice.priority_areas.all()) == [other]


@pytest.mark.django_db
def test_practice_autocomplete_for_institution(admin_client, practice):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "catalogue", "model_name": "practice", "field_name": "institution", "term": "Instit"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [str(practice.institution)]


@pytest.mark.django_db
def test_view_on_site_goes_to_the_practice_page(admin_client, practice):
    content_type = ContentType.objects.get_for_model(Practice)
    response = admin_client.get(reverse("admin:view_on_site", args=[content_type.pk, practice.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith(practice.get_absolute_url())


def test_the_practice_form_edits_exactly_the_data_fields_the_api_and_imports_write():
    from django.contrib.admin.utils import flatten_fieldsets

    from catalogue.admin import PracticeAdmin, PracticeAdminForm
    from catalogue.models import PRACTICE_DATA_FIELDS

    assert list(PracticeAdminForm._meta.fields) == PRACTICE_DATA_FIELDS
    laid_out = flatten_fieldsets(PracticeAdmin.fieldsets)
    assert sorted(laid_out) == sorted([*PRACTICE_DATA_FIELDS, "created_at", "updated_at"])
