"""Backups round-trip: the real catalogue with editors' changes, backed up, restored into an empty
database (a file on SQLite, a throwaway database on PostgreSQL) gives the same rows, history, API
answers and search."""

import datetime
import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.management import CommandError, call_command
from django.db import connection
from rest_framework.authtoken.models import Token

from catalogue.models import HistoricalPractice, Practice
from catalogue.roles import EDITORS
from catalogue.services.backup import backed_up_models, write_rows

from .fixtures import PRACTICE_PERMISSIONS, authenticate, make_user

ROOT = Path(__file__).resolve().parents[2]

# Two award entries: one with four priority areas, edited; one with one, deleted.
EDITED = "my-anses-mobile"
DELETED = "universal-pension-for-the-elderly"
EXACT_TIME = datetime.datetime(2026, 3, 4, 5, 6, 7, 890, tzinfo=datetime.UTC)


def lines_by_model(text):
    """A backup's rows, by model, each model's in file order."""
    rows = {}
    for line in text.splitlines():
        rows.setdefault(json.loads(line)["model"], []).append(line)
    return rows


def read_backup(path):
    return lines_by_model(gzip.decompress(path.read_bytes()).decode())


def what_it_serves(token):
    """The database as a backup writes it, and what the API answers a reader and an editor (lists, a
    detail, searches, a correction). Called here and, on the restored database, in a subprocess."""
    from rest_framework.test import APIClient

    rows = io.StringIO()
    write_rows(rows)
    reader, editor = APIClient(), APIClient(HTTP_AUTHORIZATION=f"Token {token}")
    paths = [
        "/api/v1/practices/?page_size=100",
        f"/api/v1/practices/{EDITED}/",
        "/api/v1/practices/?search=movil",
        "/api/v1/practices/?search=pensoin",
        "/api/v1/practices/facets/",
    ]
    answers = {path: reader.get(path).json() for path in paths}
    answers["editor"] = editor.get("/api/v1/practices/?page_size=100&ordering=-year").json()
    return {"rows": lines_by_model(rows.getvalue()), "answers": answers}


def manage(database_url, *args, stdin=None):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DATABASE_REPLICA_URLS": "",
        "REDIS_URL": "",
        "DJANGO_ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdin=stdin, capture_output=True, timeout=120
    )
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


@pytest.fixture
def empty_database(tmp_path):
    """The URL of a new, migrated database: a file on SQLite; on PostgreSQL one named after the test
    database, on the same server, dropped after the test."""
    if connection.vendor == "sqlite":
        url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        manage(url, "migrate", "--noinput", "-v0")
        yield url
        return
    import psycopg2

    name = f"{connection.settings_dict['NAME']}_restore"
    url = urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}"))
    params = connection.get_connection_params()
    server = psycopg2.connect(**{**params, "dbname": "postgres"})
    server.autocommit = True
    try:
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        manage(url, "migrate", "--noinput", "-v0")
        yield url
    finally:
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


@pytest.fixture
def edits(catalogue, api):
    """An editor's day: a practice corrected and its priority areas changed, a practice with priority
    areas deleted (its history names it still), a draft created; a token, user permissions, a group
    and an admin log entry. Returns the editor's token."""
    editor = make_user("edna", *PRACTICE_PERMISSIONS, group=EDITORS)
    authenticate(api, editor)
    response = api.patch(
        f"/api/v1/practices/{EDITED}/",
        {
            "summary": "Corrected by an editor.",
            "priority_areas": ["service-quality"],
            "target_groups": ["older-persons", "informal-caregivers"],
            "adapted_from": ["universal-pension-for-the-elderly"],
            "implementation": {"started": 2015, "in_place": True},
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    assert api.delete(f"/api/v1/practices/{DELETED}/").status_code == 204
    draft = {"title": "Pensión móvil en borrador", "country": "UY", "year": 2024, "summary": "Not yet."}
    assert api.post("/api/v1/practices/", draft, format="json").status_code == 201
    LogEntry.objects.log_actions(
        editor.pk, [Practice.objects.get(slug=EDITED)], CHANGE, change_message="Checked the summary."
    )
    # A time whose microseconds are not whole milliseconds, kept as it is.
    Practice.history.filter(slug=EDITED).update(history_date=EXACT_TIME)
    return Token.objects.get(user=editor).key


class TestRoundTrip:
    def test_a_restored_database_holds_the_same_catalogue(self, edits, empty_database, tmp_path):
        backup = tmp_path / "catalogue.jsonl.gz"
        call_command("backup_catalogue", str(backup), verbosity=0)
        assert backup.stat().st_mode & 0o777 == 0o600
        written = read_backup(backup)
        # The editor's changes are in the file: a deletion record, records made by the editor, and
        # the many-to-many history of the deleted practice.
        deleted = Practice.history.filter(slug=DELETED, history_type="-").get()
        assert any(f'"pk": {deleted.pk},' in line for line in written["catalogue.historicalpractice"])
        assert len(written["catalogue.historicalpractice"]) == HistoricalPractice.objects.count()
        assert len(written["auth.user"]) == 1 and len(written["authtoken.token"]) == 1
        assert len(written["admin.logentry"]) == 1
        assert sum('"history_date": "2026-03-04T05:06:07.000890+00:00"' in line for line in written[
            "catalogue.historicalpractice"
        ]) == Practice.history.filter(slug=EDITED).count() == 2
        assert "catalogue.searchentry" not in written and "auth.permission" not in written
        # The target groups and the editor's evidence fields, with their many-to-many history.
        assert len(written["catalogue.targetgroup"]) == 21
        assert any('"targetgroup"' in line for line in written["catalogue.historicalpractice_target_groups"])
        assert any('"to_practice"' in line for line in written["catalogue.historicalpractice_adapted_from"])

        with backup.open("rb") as stdin:
            manage(empty_database, "restore_catalogue", "-", stdin=stdin)
        code = (
            "import json; from catalogue.tests.test_backup import what_it_serves; "
            f"print(json.dumps(what_it_serves({edits!r})))"
        )
        restored = json.loads(manage(empty_database, "shell", "--no-imports", "-c", code))
        assert restored["rows"] == written
        assert restored["answers"] == json.loads(json.dumps(what_it_serves(edits)["answers"]))
        answers = restored["answers"]
        # Not vacuous: the edit, the search and the correction are in what was compared.
        assert answers[f"/api/v1/practices/{EDITED}/"]["summary"] == "Corrected by an editor."
        assert [g["slug"] for g in answers[f"/api/v1/practices/{EDITED}/"]["target_groups"]] == [
            "older-persons",
            "informal-caregivers",
        ]
        assert answers[f"/api/v1/practices/{EDITED}/"]["implementation"]["started"] == 2015
        assert [p["original_title"] for p in answers["/api/v1/practices/?search=movil"]["results"]] == [
            "Mi ANSES Móvil"
        ]
        assert answers["/api/v1/practices/?search=pensoin"]["suggestion"] == "pension"
        assert answers["editor"]["results"][0]["title"] == "Pensión móvil en borrador"

    def test_a_database_that_holds_a_catalogue_is_not_written_over(self, edits, tmp_path):
        backup = tmp_path / "catalogue.jsonl.gz"
        call_command("backup_catalogue", str(backup), verbosity=0)
        practices = Practice.objects.count()
        with pytest.raises(CommandError, match=rf"not empty \({practices} practices, 1 users.*--force"):
            call_command("restore_catalogue", str(backup), verbosity=0)

    def test_force_replaces_what_the_database_holds_with_the_backup(self, edits, tmp_path, client):
        backup = tmp_path / "catalogue.jsonl.gz"
        call_command("backup_catalogue", str(backup), verbosity=0)
        # Changes made after the backup: the restore undoes them, and logs everybody out.
        Practice.objects.filter(slug=EDITED).update(title="Changed after the backup")
        make_user("later")
        client.force_login(make_user("logged-in", "catalogue.view_practice"))
        call_command("restore_catalogue", str(backup), force=True, verbosity=0)
        again = tmp_path / "again.jsonl.gz"
        call_command("backup_catalogue", str(again), verbosity=0)
        assert read_backup(again) == read_backup(backup)
        assert apps.get_model("sessions", "Session").objects.count() == 0
        assert Practice.objects.filter(search_entry__isnull=True).count() == 0


def test_a_restore_needs_a_migrated_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url, "DATABASE_REPLICA_URLS": "", "REDIS_URL": ""}
    backup = tmp_path / "catalogue.jsonl.gz"
    backup.write_bytes(gzip.compress(b""))
    result = subprocess.run(
        [sys.executable, "manage.py", "restore_catalogue", str(backup)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert "The database is not migrated" in result.stderr
    assert "run `manage.py migrate` first" in result.stderr


def test_what_a_backup_holds():
    labels = {model._meta.label for model in backed_up_models()}
    content = {
        model._meta.label
        for name in settings.CONTENT_APPS
        for model in apps.get_app_config(name).get_models()
    }
    # Every model of the content apps, history tables included, but the search index (derived).
    assert content - labels == {"catalogue.SearchEntry", "catalogue.SearchTerm"}
    assert {"catalogue.HistoricalPractice", "catalogue.HistoricalPractice_priority_areas"} <= labels
    assert {"catalogue.TargetGroup", "catalogue.HistoricalTargetGroup"} <= labels
    lineage = {"catalogue.HistoricalPractice_target_groups", "catalogue.HistoricalPractice_adapted_from"}
    assert lineage <= labels
    # The accounts, but what migrate makes and the sessions; and what the public proposed (BACKED_UP_APPS).
    assert labels - content == {
        "auth.Group", "auth.User", "authtoken.Token", "admin.LogEntry", "proposals.Proposal"
    }
    # Groups come before the users that refer to them by name.
    order = [model._meta.label for model in backed_up_models()]
    assert order.index("auth.Group") < order.index("auth.User")
