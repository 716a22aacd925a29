"""No lost updates through the API: PUT, PATCH and DELETE of a practice honour If-Match.

Two editors with their own tokens read the same practice of the real catalogue; the one who writes
second, from the version both read, is refused with 412 and the current ETag, and succeeds once
they have fetched the practice again. A write to another practice makes nobody stale.
"""

import threading
import time

import pytest
from django.db import OperationalError, connection, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from catalogue.models import Institution, Practice
from catalogue.services import editing
from catalogue.tests.factories import PracticeFactory

from .fixtures import PRACTICE_PERMISSIONS, authenticate, make_user

API = "/api/v1/practices/"
PENSION = f"{API}universal-pension-for-the-elderly/"
ANSES = f"{API}my-anses-mobile/"


@pytest.fixture
def ana(catalogue):
    return authenticate(APIClient(), make_user("ana", *PRACTICE_PERMISSIONS))


@pytest.fixture
def ben(catalogue):
    return authenticate(APIClient(), make_user("ben", *PRACTICE_PERMISSIONS))


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response


def summary(slug):
    return Practice.objects.get(slug=slug).summary


@pytest.mark.usefixtures("catalogue")
class TestTwoEditors:
    def test_the_second_write_from_the_same_version_is_refused_until_fetched_again(self, ana, ben):
        ana_copy, ben_copy = get(ana, PENSION), get(ben, PENSION)
        assert ben_copy.json()["summary"].startswith("The goal of the Universal Pension for the Elderly")

        written = ana.patch(
            PENSION, {"summary": "Ana's summary."}, format="json", HTTP_IF_MATCH=ana_copy["ETag"]
        )
        assert written.status_code == 200, written.content
        # The answer carries the new ETag, the one a GET now gives.
        assert written["ETag"] != ana_copy["ETag"]
        assert written["ETag"] == get(ana, PENSION)["ETag"]

        refused = ben.patch(
            PENSION, {"lessons": "Ben's lessons."}, format="json", HTTP_IF_MATCH=ben_copy["ETag"]
        )
        assert refused.status_code == 412
        assert refused.json() == {
            "detail": "This practice has changed since the version you have (it is now at revision 2). "
            "Fetch it again, review the changes, and send your change with its new ETag in If-Match."
        }
        practice = Practice.objects.get(slug="universal-pension-for-the-elderly")
        assert (practice.summary, practice.lessons, practice.revision) == ("Ana's summary.", "", 2)

        again = get(ben, PENSION)
        assert refused["ETag"] == again["ETag"]
        assert again.json()["summary"] == "Ana's summary."
        retried = ben.patch(
            PENSION, {"lessons": "Ben's lessons."}, format="json", HTTP_IF_MATCH=again["ETag"]
        )
        assert retried.status_code == 200, retried.content
        practice.refresh_from_db()
        assert (practice.summary, practice.lessons, practice.revision) == (
            "Ana's summary.",
            "Ben's lessons.",
            3,
        )
        # Ana's copy is stale now.
        stale = ana.patch(PENSION, {"summary": "Again."}, format="json", HTTP_IF_MATCH=written["ETag"])
        assert stale.status_code == 412

    def test_a_write_to_another_practice_makes_nobody_stale(self, ana, ben):
        ben_copy = get(ben, PENSION)
        anses = get(ana, ANSES)
        assert (
            ana.patch(
                ANSES, {"lessons": "Tested on phones."}, format="json", HTTP_IF_MATCH=anses["ETag"]
            ).status_code
            == 200
        )
        # Ben's copy is no longer the answer to a GET (the site changed: no 304)...
        revalidated = ben.get(PENSION, HTTP_IF_NONE_MATCH=ben_copy["ETag"])
        assert revalidated.status_code == 200
        assert revalidated["ETag"] != ben_copy["ETag"]
        # ...but the practice is as Ben read it, so his write from it goes ahead.
        written = ben.patch(
            PENSION, {"lessons": "Ben's lessons."}, format="json", HTTP_IF_MATCH=ben_copy["ETag"]
        )
        assert written.status_code == 200, written.content
        assert summary("my-anses-mobile") == "" and Practice.objects.get(slug="my-anses-mobile").lessons == (
            "Tested on phones."
        )

    def test_a_change_of_the_institution_it_names_shows_on_get_and_makes_nobody_stale(self, ana):
        copy = get(ana, PENSION)
        institution = Institution.objects.get(slug="secretariat-for-social-security")
        institution.acronym = "SSS-AR"
        institution.save()
        fresh = ana.get(PENSION, HTTP_IF_NONE_MATCH=copy["ETag"])
        assert fresh.status_code == 200 and fresh.json()["institution"]["acronym"] == "SSS-AR"
        written = ana.patch(PENSION, {"lessons": "Kept."}, format="json", HTTP_IF_MATCH=copy["ETag"])
        assert written.status_code == 200, written.content

    def test_delete_with_a_stale_etag_is_refused(self, ana, ben):
        ben_copy = get(ben, ANSES)
        ana_copy = get(ana, ANSES)
        assert (
            ana.patch(
                ANSES, {"summary": "Mobile services."}, format="json", HTTP_IF_MATCH=ana_copy["ETag"]
            ).status_code
            == 200
        )
        refused = ben.delete(ANSES, HTTP_IF_MATCH=ben_copy["ETag"])
        assert refused.status_code == 412
        assert "Fetch it again" in refused.json()["detail"]
        assert Practice.objects.filter(slug="my-anses-mobile").exists()
        deleted = ben.delete(ANSES, HTTP_IF_MATCH=refused["ETag"])
        assert deleted.status_code == 204
        assert not Practice.objects.filter(slug="my-anses-mobile").exists()

    def test_put_with_a_stale_etag_is_refused(self, ana, ben):
        copy = get(ben, ANSES).json()
        ben_etag = get(ben, ANSES)["ETag"]
        ana.patch(ANSES, {"summary": "Mobile services."}, format="json")
        replacement = {
            "title": copy["title"],
            "institution": copy["institution"]["slug"],
            "competition": copy["competition"]["slug"],
            "tier": copy["tier"]["slug"] if copy["tier"] else None,
            "priority_areas": [area["slug"] for area in copy["priority_areas"]],
            "summary": "",
            "lessons": "Ben's replacement.",
        }
        refused = ben.put(ANSES, replacement, format="json", HTTP_IF_MATCH=ben_etag)
        assert refused.status_code == 412
        assert summary("my-anses-mobile") == "Mobile services."
        replaced = ben.put(ANSES, replacement, format="json", HTTP_IF_MATCH=refused["ETag"])
        assert replaced.status_code == 200, replaced.content
        assert replaced.json()["lessons"] == "Ben's replacement." and replaced.json()["summary"] == ""


@pytest.mark.usefixtures("catalogue")
class TestTheHeader:
    def test_without_if_match_a_write_still_goes_ahead(self, ana):
        get(ana, PENSION)
        Practice.objects.get(slug="universal-pension-for-the-elderly").save()  # someone else's save
        written = ana.patch(PENSION, {"lessons": "Unconditional."}, format="json")
        assert written.status_code == 200
        assert written["ETag"] == get(ana, PENSION)["ETag"]

    def test_a_star_matches_whatever_version(self, ana):
        Practice.objects.get(slug="universal-pension-for-the-elderly").save()
        assert ana.patch(PENSION, {"lessons": "Any."}, format="json", HTTP_IF_MATCH="*").status_code == 200
        assert ana.delete(ANSES, HTTP_IF_MATCH="*").status_code == 204
        # A practice that does not exist is not found, whatever the header.
        assert (
            ana.patch(f"{API}nowhere/", {"lessons": "x"}, format="json", HTTP_IF_MATCH="*").status_code == 404
        )

    def test_the_weak_form_a_compressed_answer_carries_is_accepted(self, ana):
        copy = ana.get(PENSION, HTTP_ACCEPT_ENCODING="gzip")
        assert copy["ETag"].startswith('W/"')
        written = ana.patch(PENSION, {"lessons": "From gzip."}, format="json", HTTP_IF_MATCH=copy["ETag"])
        assert written.status_code == 200, written.content

    def test_one_of_several_tags_is_enough(self, ana):
        copy = get(ana, PENSION)
        header = f'"1-1.abc", {copy["ETag"]}'
        assert (
            ana.patch(PENSION, {"lessons": "Listed."}, format="json", HTTP_IF_MATCH=header).status_code == 200
        )

    @pytest.mark.parametrize("header", ['"something-else"', "", "not a tag", '"999999-1.abc"'])
    def test_a_tag_that_names_no_version_of_it_is_refused(self, ana, header):
        refused = ana.patch(PENSION, {"lessons": "x"}, format="json", HTTP_IF_MATCH=header)
        assert refused.status_code == 412
        assert refused["ETag"] == get(ana, PENSION)["ETag"]
        assert Practice.objects.get(slug="universal-pension-for-the-elderly").lessons == ""

    def test_another_practices_etag_does_not_match(self, ana):
        other = get(ana, ANSES)["ETag"]
        assert ana.patch(PENSION, {"lessons": "x"}, format="json", HTTP_IF_MATCH=other).status_code == 412

    def test_the_precondition_comes_before_the_body(self, ana):
        copy = get(ana, PENSION)
        ana.patch(PENSION, {"lessons": "First."}, format="json")
        refused = ana.patch(PENSION, {"year": "soon"}, format="json", HTTP_IF_MATCH=copy["ETag"])
        assert refused.status_code == 412
        # With the current ETag the body is checked.
        checked = ana.patch(PENSION, {"year": "soon"}, format="json", HTTP_IF_MATCH=refused["ETag"])
        assert checked.status_code == 400 and list(checked.json()) == ["year"]

    def test_the_write_reads_the_practice_under_a_row_lock(self, ana):
        copy = get(ana, PENSION)
        with CaptureQueriesContext(connection) as queries:
            assert (
                ana.patch(PENSION, {"lessons": "x"}, format="json", HTTP_IF_MATCH=copy["ETag"]).status_code
                == 200
            )
        reads = [
            q["sql"]
            for q in queries
            if q["sql"].startswith("SELECT") and '"catalogue_practice"."revision"' in q["sql"]
        ]
        # PostgreSQL locks the practice's row, and only it; SQLite has no row locks (one writer at a time).
        if connection.features.has_select_for_update:
            assert reads[0].endswith('FOR UPDATE OF "catalogue_practice"')
        else:
            assert "FOR UPDATE" not in reads[0]

    def test_every_save_counts(self, ana):
        practice = Practice.objects.get(slug="universal-pension-for-the-elderly")
        assert practice.revision == 1
        practice.save(update_fields=["status"])
        practice.refresh_from_db()
        assert practice.revision == 2
        assert get(ana, PENSION)["ETag"].startswith(f'"{practice.pk}-2.')


@pytest.mark.usefixtures("catalogue")
def test_a_get_whose_if_match_fails_answers_json(ana):
    copy = get(ana, PENSION)
    assert ana.get(PENSION, HTTP_IF_MATCH=copy["ETag"]).status_code == 200
    refused = ana.get(PENSION, HTTP_IF_MATCH='"other"')
    assert refused.status_code == 412
    assert refused.json() == {
        "detail": "The precondition (If-Match or If-Unmodified-Since) does not hold for the current version."
    }
    assert refused["ETag"] == copy["ETag"]
    assert ana.get(API, HTTP_IF_MATCH='"other"').json()["detail"].startswith("The precondition")


# Two writers at once ----------------------------------------------------------------------------------


def _wait_until_a_query_waits_for_a_lock():
    """PostgreSQL: until another connection's statement waits for a row lock (bounded)."""
    with connection.cursor() as cursor:
        for _attempt in range(3000):
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.01)
    return False


@pytest.mark.django_db(transaction=True)
def test_two_writers_holding_the_same_etag_cannot_both_succeed(api_editor):
    """Another writer holds the practice's row lock, has saved and not committed yet, when an API
    write with the same ETag arrives. On PostgreSQL the write waits for the lock, then reads the
    other writer's revision and is refused (412); SQLite (one writer at a time, no row locks)
    refuses the second transaction outright. Either way, the first write is not lost."""
    practice = PracticeFactory(lessons="")
    url = f"{API}{practice.slug}/"
    client = authenticate(APIClient(), api_editor)
    etag = get(client, url)["ETag"]
    locked, go, outcome = threading.Event(), threading.Event(), {}

    def first_writer():
        try:
            with transaction.atomic():
                row = editing.for_edit(Practice.objects.filter(pk=practice.pk)).get()
                editing.check(row, {editing.version(practice)})
                row.lessons = "The first writer's."
                row.save()
                locked.set()
                go.wait(timeout=30)
        finally:
            connection.close()

    def second_writer():
        try:
            outcome["response"] = client.patch(url, {"lessons": "Mine."}, format="json", HTTP_IF_MATCH=etag)
        except OperationalError as error:
            outcome["error"] = error
        finally:
            connection.close()

    first = threading.Thread(target=first_writer)
    first.start()
    assert locked.wait(timeout=30)
    second = threading.Thread(target=second_writer)
    second.start()
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        assert _wait_until_a_query_waits_for_a_lock()
    else:
        second.join(timeout=30)
    go.set()
    first.join(timeout=30)
    second.join(timeout=30)

    practice.refresh_from_db()
    assert (practice.lessons, practice.revision) == ("The first writer's.", 2)
    if postgresql:
        assert outcome["response"].status_code == 412
        assert outcome["response"]["ETag"].startswith(f'"{practice.pk}-2.')
    else:
        assert "locked" in str(outcome["error"])


@pytest.mark.usefixtures("catalogue")
def test_the_browsable_api_draws_its_forms_and_writes(ana):
    """It reads the practice as if for a PUT to draw its form: that read is no write (no lock, no check)."""
    page = ana.get(PENSION, HTTP_ACCEPT="text/html", HTTP_IF_MATCH='"stale"')
    assert page.status_code == 412
    page = ana.get(PENSION, HTTP_ACCEPT="text/html")
    assert page.status_code == 200 and b"Universal pension for the elderly" in page.content
    written = ana.patch(PENSION, {"lessons": "From a browser."}, format="json", HTTP_ACCEPT="text/html")
    assert written.status_code == 200 and b"From a browser." in written.content


@pytest.mark.parametrize("cache_seconds", [600, 0], ids=["cache-on", "cache-off"])
def test_a_detail_revalidates_with_one_query_and_never_stale(api, practice, settings, cache_seconds):
    settings.CATALOGUE_CACHE_SECONDS = cache_seconds
    url = f"{API}{practice.slug}/"
    first = get(api, url)
    assert first["ETag"].startswith(f'"{practice.pk}-1.')
    with CaptureQueriesContext(connection) as queries:
        again = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    # The content version's row, and not the practice: the tag's digest names the current version.
    assert [q["sql"] for q in queries.captured_queries] == [queries.captured_queries[0]["sql"]]
    assert "common_contentversion" in queries.captured_queries[0]["sql"]
    # The country it shows is renamed: the practice's version stays, the detail's ETag does not.
    practice.country.name = "Renamed"
    practice.country.save()
    fresh = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 200 and fresh.json()["country"]["name"] == "Renamed"
    assert fresh["ETag"] != first["ETag"] and fresh["ETag"].startswith(f'"{practice.pk}-1.')
