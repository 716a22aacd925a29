"""A database that fails answers a clear 503 (common/unavailable.py); /healthz and /readyz tell
liveness from readiness (config/views.py); a statement past the web timeout is stopped and answered
503 (common/statement_timeout.py), on both databases.

The database "fails" here by its connection refusing every cursor, as a server that went away
does; tests/test_fault_server.py runs the real thing, a server whose DATABASE_URL points at a port
where nothing listens.
"""

import csv
import html
import io
import time

import pytest
from django.db import OperationalError, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from rest_framework.test import APIClient

from catalogue.api.views import PracticeViewSet
from catalogue.tests.factories import PracticeFactory
from common import caching, statement_timeout
from common.api import renderers
from common.statement_timeout import is_statement_timeout
from config import views as config_views

MOBILE = "my-anses-mobile"  # "My ANSES Mobile (Mi ANSES Móvil)", in the real catalogue
UNAVAILABLE = "The catalogue's database is not answering. Try again in 30 seconds."


def refuse(*args, **kwargs):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused\n')


@pytest.fixture
def database_down(db):
    """Every query of the default connection fails, as with a server that is down. (A patch of its
    own, undone before the test's transaction is rolled back.)"""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(connections["default"], "cursor", refuse)
        yield


@pytest.fixture
def browser():
    # The test client re-raises a view's exception by default; a browser gets the response.
    return Client(raise_request_exception=False)


@pytest.fixture
def client_api():
    return APIClient(raise_request_exception=False)


def failure_logs(caplog):
    return [r for r in caplog.records if r.name in ("common.unavailable", "django.request")]


def assert_503_headers(response, seconds="30"):
    assert response.status_code == 503
    assert response["Retry-After"] == seconds
    assert response["Cache-Control"] == "no-store"


class TestDatabaseDown:
    def test_a_page_answers_the_plain_503_page_and_logs_one_line(self, catalogue, no_cache, browser, caplog):
        assert MOBILE in browser.get("/practices/?search=movil").content.decode()
        caplog.clear()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(connections["default"], "cursor", refuse)
            response = browser.get("/practices/?search=movil")
        assert_503_headers(response)
        page = html.unescape(response.content.decode())
        assert "<h1>Temporarily unavailable</h1>" in page and UNAVAILABLE in page
        assert MOBILE not in page
        (record,) = failure_logs(caplog)
        assert record.name == "common.unavailable" and record.levelname == "ERROR"
        assert record.getMessage() == (
            "database unavailable: GET /practices/: OperationalError: connection to server at "
            '"127.0.0.1", port 5432 failed: Connection refused'
        )
        assert record.exc_info is None
        # Back up: the same page answers from the database again.
        assert MOBILE in browser.get("/practices/?search=movil").content.decode()

    @pytest.mark.parametrize(
        "path", ["/practices/", f"/practices/{MOBILE}/", "/es/practices/", "/countries/UY/", "/statistics/"]
    )
    def test_every_page_answers_503(self, database_down, browser, path):
        response = browser.get(path)
        assert_503_headers(response)
        assert UNAVAILABLE in html.unescape(response.content.decode())

    @pytest.mark.parametrize(
        "path",
        [
            "/api/v1/practices/",
            f"/api/v1/practices/{MOBILE}/",
            "/api/v1/practices/?format=csv",
            "/api/v1/practices/facets/",
            "/api/v1/countries/",
        ],
    )
    def test_the_api_answers_a_json_503(self, database_down, client_api, path):
        response = client_api.get(path)
        assert_503_headers(response)
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": UNAVAILABLE}

    def test_retry_after_is_a_setting(self, database_down, client_api, settings):
        settings.SERVICE_UNAVAILABLE_RETRY_AFTER = 120
        response = client_api.get(f"/api/v1/practices/{MOBILE}/")
        assert_503_headers(response, seconds="120")
        assert response.json() == {
            "detail": "The catalogue's database is not answering. Try again in 120 seconds."
        }

    def test_a_visitor_with_a_session_gets_the_503_from_the_session_middleware(self, database_down, browser):
        # The session is read (authentication, the response cache) before any view runs.
        browser.cookies["sessionid"] = "a" * 32
        response = browser.get("/practices/")
        assert_503_headers(response)
        assert UNAVAILABLE in html.unescape(response.content.decode())

    def test_a_content_version_read_from_the_database_by_the_cache_middleware_answers_503(
        self, db, browser, client_api, monkeypatch, settings
    ):
        # The response cache reads the content version before any view; once that is a database
        # read, a failing database reaches it there first.
        settings.CATALOGUE_CACHE_SECONDS = 600
        monkeypatch.setattr(caching, "content_version", refuse)
        assert_503_headers(browser.get("/practices/"))
        response = client_api.get("/api/v1/practices/")
        assert_503_headers(response)
        assert response.json() == {"detail": UNAVAILABLE}
        # The probes read no content version.
        assert browser.get("/healthz").status_code == 200
        assert browser.get("/readyz").status_code == 200


@pytest.mark.urls("tests.fault_urls")
class TestOtherErrors:
    def test_a_bug_keeps_its_500_page_and_traceback(self, db, browser, caplog):
        response = browser.get("/test-only/broken/")
        assert response.status_code == 500
        assert "<h1>Server error</h1>" in response.content.decode()
        assert "Retry-After" not in response
        (record,) = failure_logs(caplog)
        assert record.name == "django.request" and record.exc_info[0] is RuntimeError

    def test_a_bug_in_the_api_is_a_json_500(self, db, client_api):
        response = client_api.get("/api/v1/test-only/broken/")
        assert response.status_code == 500
        assert response.json() == {"detail": "Server error."}


class TestProbes:
    def test_healthz_is_liveness_and_readyz_readiness(self, db, browser):
        live = browser.get("/healthz")
        assert live.status_code == 200 and live.content == b"ok\n"
        ready = browser.get("/readyz")
        assert ready.status_code == 200
        assert "Retry-After" not in ready
        assert ready.json() == {"database": "ok", "cache": "local-memory (per process)"}
        assert "no-store" in ready["Cache-Control"]

    def test_with_the_database_down_healthz_stays_200_and_readyz_is_503(self, database_down, browser, caplog):
        assert browser.get("/healthz").status_code == 200
        ready = browser.get("/readyz")
        assert ready.status_code == 503
        assert ready["Retry-After"] == "30"
        assert ready.json() == {
            "database": "unavailable: OperationalError",
            "cache": "local-memory (per process)",
        }
        (record,) = [r for r in caplog.records if r.name == "config.readyz"]
        assert "Connection refused" in record.getMessage() and record.exc_info is None

    def test_the_caches_own_health_is_reported_and_never_fails_readiness(self, db, browser, monkeypatch):
        class Unhealthy:
            def health(self):
                return "unavailable: ConnectionError: Error 111 connecting to 127.0.0.1:6390"

        monkeypatch.setattr(config_views, "cache", Unhealthy())
        ready = browser.get("/readyz")
        assert ready.status_code == 200
        assert ready.json() == {
            "database": "ok",
            "cache": "unavailable: ConnectionError: Error 111 connecting to 127.0.0.1:6390",
        }

    def test_a_cache_without_health_is_probed_by_a_write_and_a_read(self, db, browser, monkeypatch):
        class Failing:
            def set(self, *args, **kwargs):
                raise ConnectionError("Connection refused")

        monkeypatch.setattr(config_views, "cache", Failing())
        ready = browser.get("/readyz")
        assert ready.status_code == 200
        assert ready.json() == {"database": "ok", "cache": "unavailable: ConnectionError"}

    @pytest.mark.django_db(databases=["default", "replica1"])
    def test_each_read_replica_must_answer(self, browser, settings):
        settings.DATABASE_REPLICAS = ["replica1"]
        ready = browser.get("/readyz")
        assert ready.status_code == 200
        assert ready.json() == {
            "database": "ok",
            "replicas": {"replica1": "ok"},
            "cache": "local-memory (per process)",
        }
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(connections["replica1"], "cursor", refuse)
            ready = browser.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["replicas"] == {"replica1": "unavailable: OperationalError"}

    def test_probes_are_never_cached_and_kept_out_of_robots_and_the_sitemap(self, db, browser, settings):
        settings.CATALOGUE_CACHE_SECONDS = 600
        for path in ("/healthz", "/readyz"):
            browser.get(path)
            assert "X-Cache" not in browser.get(path)
        robots = browser.get("/robots.txt").content.decode().splitlines()
        assert "Disallow: /healthz" in robots and "Disallow: /readyz" in robots
        sitemap = browser.get("/sitemap-pages.xml").content.decode()
        assert "/practices/" in sitemap and "healthz" not in sitemap and "readyz" not in sitemap


# Statement timeout -----------------------------------------------------------------------------


@pytest.fixture
def web_timeout(settings):
    """The web requests' statement timeout, 200 ms, on the test's connection (which exists already,
    so connection_created does not run for it); lifted afterwards."""
    settings.DATABASE_STATEMENT_TIMEOUT_MS = 200
    statement_timeout.apply(connection, 200)
    yield
    statement_timeout.apply(connection, 0)


# With no timeout each of these runs for many seconds; in a WHERE it runs once, at the first row.
SLOW_CONDITION = {
    "postgresql": "(SELECT true FROM pg_sleep(20))",
    "sqlite": "(WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 500000000) "
    "SELECT count(*) FROM c) > 0",
}
TOO_LONG = "This request took too long: the database stopped it after 0.2 s."


@pytest.mark.urls("tests.fault_urls")
@pytest.mark.django_db(transaction=True)
class TestStatementTimeout:
    """Committed data and autocommit, as a web request reads (no test transaction around it)."""

    def test_a_slow_page_is_stopped_and_answers_503_then_the_connection_serves_the_next_request(
        self, web_timeout, browser, client_api, caplog
    ):
        practice = PracticeFactory(title="Pensions paid on time")
        response = browser.get("/test-only/slow/")
        assert_503_headers(response)
        page = response.content.decode()
        assert "<h1>This request took too long</h1>" in page and TOO_LONG in page
        (record,) = failure_logs(caplog)
        assert record.getMessage().startswith("database timed out: GET /test-only/slow/: OperationalError")
        # Not a dead connection: the next request on it answers.
        detail = client_api.get(f"/api/v1/practices/{practice.slug}/")
        assert detail.status_code == 200 and detail.json()["title"] == "Pensions paid on time"

    def test_a_slow_api_call_answers_a_json_503_that_says_it_took_too_long(self, web_timeout, client_api):
        response = client_api.get("/api/v1/test-only/slow/")
        assert_503_headers(response)
        assert response.json() == {
            "detail": f"{TOO_LONG} Try again in 30 seconds, or ask for less (fewer words, narrower filters)."
        }

    def test_a_csv_export_whose_query_is_slow_is_stopped_before_it_starts(
        self, web_timeout, client_api, monkeypatch
    ):
        PracticeFactory.create_batch(3)
        original = PracticeViewSet.get_queryset
        monkeypatch.setattr(
            PracticeViewSet,
            "get_queryset",
            lambda view: original(view).extra(where=[SLOW_CONDITION[connection.vendor]]),
        )
        response = client_api.get("/api/v1/practices/", {"format": "csv"})
        assert_503_headers(response)
        assert response.json()["detail"].startswith(TOO_LONG)

    def test_a_csv_export_longer_than_the_timeout_is_not_cut(self, web_timeout, client_api, monkeypatch):
        # Each statement is short (a fetch of 3 rows, their areas); the whole download is not.
        slugs = sorted(p.slug for p in PracticeFactory.create_batch(12))
        monkeypatch.setattr(PracticeViewSet, "csv_chunk_size", 3)
        monkeypatch.setattr(renderers, "PIECE_CHARS", 1)  # a piece of the body per row
        response = client_api.get("/api/v1/practices/", {"format": "csv", "ordering": "title"})
        assert response.status_code == 200
        started, parts = time.monotonic(), []
        for part in response.streaming_content:
            parts.append(part)
            time.sleep(0.05)
        assert time.monotonic() - started > 0.2  # the download outlasted the timeout
        rows = list(csv.reader(io.StringIO(b"".join(parts).decode())))
        assert sorted(row[0] for row in rows[1:]) == slugs


SHORT_QUERY = {
    "postgresql": "SELECT count(*) FROM (SELECT pg_sleep(0.05)) AS slept",
    "sqlite": "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 200000) "
    "SELECT count(*) FROM c",
}


def run_on_a_new_connection(sql):
    """`sql` on a connection opened now (connection_created runs), as a process opens its own."""
    new = connections.create_connection("default")
    try:
        with new.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()[0]
    finally:
        BaseDatabaseWrapper.close(new)  # SQLite's close() spares an in-memory test database


@pytest.mark.django_db
def test_a_web_process_connections_get_the_web_timeout_and_commands_their_own(settings, monkeypatch):
    settings.DATABASE_STATEMENT_TIMEOUT_MS = 1
    settings.DATABASE_COMMAND_STATEMENT_TIMEOUT_MS = 0
    # This test process is no web process: no limit on a statement of some tens of milliseconds.
    expected = 1 if connection.vendor == "postgresql" else 200000
    assert run_on_a_new_connection(SHORT_QUERY[connection.vendor]) == expected
    monkeypatch.setitem(statement_timeout._role, "web", False)
    statement_timeout.serve_web()
    with pytest.raises(OperationalError) as stopped:
        run_on_a_new_connection(SHORT_QUERY[connection.vendor])
    assert is_statement_timeout(stopped.value)
