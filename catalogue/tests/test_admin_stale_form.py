"""No lost updates in admin: a practice's change form carries the revision it was opened on, and a save
made from a version another editor has changed since is refused, showing what changed, with what the
editor typed kept. Two editors, each with their own admin session, on the real catalogue."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from awards.models import PriorityArea
from catalogue.choices import Outcome
from catalogue.models import Practice
from catalogue.roles import EDITORS

from .fixtures import make_user
from .test_editors import form_data

PENSION = "universal-pension-for-the-elderly"
ANSES = "my-anses-mobile"


def logged_in(username):
    client = Client()
    client.force_login(make_user(username, group=EDITORS))
    return client


@pytest.fixture
def ana(catalogue):
    return logged_in("ana")


@pytest.fixture
def ben(catalogue):
    return logged_in("ben")


def change_url(slug):
    return reverse("admin:catalogue_practice_change", args=[Practice.objects.get(slug=slug).pk])


def open_form(client, slug):
    response = client.get(change_url(slug))
    assert response.status_code == 200
    return form_data(response)


def save(client, slug, data):
    return client.post(change_url(slug), {**data, "_save": "Save"})


def refusal(response):
    """The error at the top of a refused form, as text."""
    assert response.status_code == 200, "the save went ahead"
    errors = response.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    return errors[0]


@pytest.mark.usefixtures("catalogue")
class TestTwoEditorsInAdmin:
    def test_a_stale_save_is_refused_with_what_changed_and_keeps_the_input(self, ana, ben):
        ana_form, ben_form = open_form(ana, PENSION), open_form(ben, PENSION)
        assert ben_form["opened_revision"] == 1

        response = save(
            ana, PENSION, {**ana_form, "summary": "Ana's summary.", "outcome": Outcome.SUCCESSFUL}
        )
        assert response.status_code == 302

        response = save(
            ben, PENSION, {**ben_form, "lessons": "Ben's lessons.", "last_reviewed": "2024-05-02"}
        )
        message = refusal(response)
        assert message.startswith(
            "Not saved: another editor changed this practice since you opened it (last change by ana, "
        )
        assert "What you typed is kept below." in message
        changed = re.findall(r"<li><strong>(.*?)</strong>: (.*?)</li>", message)
        assert changed == [("Summary", "Ana&#x27;s summary."), ("Outcome", "Successful")]
        assert 'class="errornote"' in response.content.decode()

        # Nothing Ben typed is lost: the form shows his values, and it now carries revision 2.
        form = response.context["adminform"].form
        assert form["lessons"].value() == "Ben's lessons."
        assert str(form["last_reviewed"].value()) == "2024-05-02"
        assert form["summary"].value().startswith("The goal of the Universal Pension for the Elderly")
        assert 'name="opened_revision" value="2"' in response.content.decode()
        practice = Practice.objects.get(slug=PENSION)
        assert (practice.summary, practice.lessons, practice.revision) == ("Ana's summary.", "", 2)

        # Ben reviews: he takes Ana's summary and outcome (his form still holds the values he opened),
        # keeps his lessons, and saves again.
        reviewed = {**form_data(response), "summary": "Ana's summary.", "outcome": Outcome.SUCCESSFUL}
        assert save(ben, PENSION, reviewed).status_code == 302
        practice.refresh_from_db()
        assert (practice.summary, practice.outcome, practice.lessons, practice.revision) == (
            "Ana's summary.",
            Outcome.SUCCESSFUL,
            "Ben's lessons.",
            3,
        )
        assert practice.history.first().history_user.username == "ben"

    def test_a_change_of_its_priority_areas_is_named(self, ana, ben):
        ana_form, ben_form = open_form(ana, PENSION), open_form(ben, PENSION)
        areas = PriorityArea.objects.filter(
            slug__in=["administrative-solutions-for-coverage-extension", "good-governance"]
        )
        response = save(ana, PENSION, {**ana_form, "priority_areas": [str(area.pk) for area in areas]})
        assert response.status_code == 302
        message = refusal(save(ben, PENSION, {**ben_form, "lessons": "Ben's lessons."}))
        assert re.findall(r"<li><strong>(.*?)</strong>: (.*?)</li>", message) == [
            ("Priority areas", "Administrative Solutions for Coverage Extension, Good Governance")
        ]

    def test_a_change_of_another_practice_does_not_make_the_form_stale(self, ana, ben):
        ben_form = open_form(ben, PENSION)
        ana_form = open_form(ana, ANSES)
        assert save(ana, ANSES, {**ana_form, "lessons": "Tested on phones."}).status_code == 302
        assert save(ben, PENSION, {**ben_form, "lessons": "Ben's lessons."}).status_code == 302
        assert Practice.objects.get(slug=PENSION).lessons == "Ben's lessons."
        assert Practice.objects.get(slug=ANSES).lessons == "Tested on phones."

    def test_a_save_since_that_changed_nothing_does_not_make_it_stale(self, ana, ben):
        ana_form, ben_form = open_form(ana, PENSION), open_form(ben, PENSION)
        assert save(ana, PENSION, ana_form).status_code == 302  # saved as it was
        assert Practice.objects.get(slug=PENSION).revision == 2
        assert save(ben, PENSION, {**ben_form, "lessons": "Ben's lessons."}).status_code == 302
        assert Practice.objects.get(slug=PENSION).lessons == "Ben's lessons."

    def test_a_change_made_by_a_script_makes_the_form_stale_too(self, ben):
        ben_form = open_form(ben, PENSION)
        practice = Practice.objects.get(slug=PENSION)
        practice.title = "Universal pension (PUAM)"
        practice.save()
        message = refusal(save(ben, PENSION, {**ben_form, "lessons": "Ben's lessons."}))
        # No user made this save (a script): the message says someone.
        assert "(last change by someone, " in message
        assert re.findall(r"<li><strong>(.*?)</strong>: (.*?)</li>", message) == [
            ("Title", "Universal pension (PUAM)")
        ]


@pytest.mark.usefixtures("catalogue")
def test_a_bulk_publish_of_a_filtered_list_counts_a_revision(ana):
    """The action reads the practices under their row locks, from a change list filtered by a priority
    area (a query that may be DISTINCT, where FOR UPDATE is not allowed)."""
    area = PriorityArea.objects.get(slug="administrative-solutions-for-coverage-extension")
    practice = Practice.objects.get(slug=PENSION)
    practice.status = "draft"
    practice.save()
    changelist = reverse("admin:catalogue_practice_changelist") + f"?priority_areas__id__exact={area.pk}"
    response = ana.post(changelist, {"action": "publish", "_selected_action": [practice.pk], "index": 0})
    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.status, practice.revision) == ("published", 3)
