"""Two web processes, each with its own local-memory cache, on one database: a write through one,
or by a management command, is seen by the other on its next request (common/caching.py).

The servers are gunicorn processes on 127.0.0.1 with CATALOGUE_CACHE_SECONDS=600 and no REDIS_URL,
on a throwaway database of the kind the tests run on (an SQLite file, or a PostgreSQL database
made for the test and dropped after it), migrated and loaded with `load_catalogue`. A few dozen
requests, each with a timeout; the processes are killed whatever happens.
"""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.db import connection

from tests.servers import free_port

ROOT = Path(__file__).resolve().parent.parent
SLUG = "national-historical-reparation-programme-for-retirees-and-pensioners"
TITLE = "National historical reparation programme for retirees and pensioners"
EDITED = "National historical reparation programme, edited through one process"
LIST = "/api/v1/practices/?search=reparation"
PAGE = f"/practices/{SLUG}/"
TIMEOUT = 20


def environment(database_url):
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))}
    return {
        **keep,
        "DJANGO_SECRET_KEY": "two-processes-test-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "CATALOGUE_CACHE_SECONDS": "600",
        "WHITENOISE_USE_FINDERS": "1",
        "DJANGO_SETTINGS_MODULE": "tests.server_settings",
    }


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def database_url(tmp_path):
    """A throwaway database on the server the tests use, dropped after the test."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        return
    import psycopg2

    params = connection.settings_dict
    name = f"two_processes_{uuid.uuid4().hex[:12]}"
    server = {
        "host": params["HOST"] or "127.0.0.1",
        "port": params["PORT"] or 5432,
        "user": params["USER"],
        "password": params["PASSWORD"],
        "dbname": "postgres",
        "connect_timeout": 10,
    }

    def run(sql):
        admin = psycopg2.connect(**server)
        admin.autocommit = True
        try:
            with admin.cursor() as cursor:
                cursor.execute(sql)
        finally:
            admin.close()

    run(f'CREATE DATABASE "{name}"')
    try:
        password = f":{server['password']}" if server["password"] else ""
        yield f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    finally:
        run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Server:
    def __init__(self, env, log):
        self.port = free_port()
        self.log = log
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "config.wsgi:application",
                "--bind", f"127.0.0.1:{self.port}", "--workers", "1", "--timeout", "30",
                "--no-control-socket",
            ],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_until_ready(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"gunicorn exited: {Path(self.log.name).read_text()}"
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise AssertionError("gunicorn did not answer /healthz within 60 s")

    def request(self, path, method="GET", body=None, token=None):
        headers = {"Accept": "application/json"} if path.startswith("/api/") else {}
        if token:
            headers["Authorization"] = f"Token {token}"
        if body is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(body).encode()
        request = urllib.request.Request(self.url(path), data=body, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, response.headers.get("X-Cache"), response.read().decode()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@pytest.fixture
def servers(database_url, tmp_path):
    env = environment(database_url)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_catalogue", "-v", "0")
    token = manage(env, "createeditor", "editor-of-two", "--no-input").strip().splitlines()[-1]
    started = []
    try:
        for name in ("a", "b"):
            log = open(tmp_path / f"gunicorn-{name}.log", "w")  # closed below
            started.append(Server(env, log))
        for server in started:
            server.wait_until_ready()
        yield env, token, started
    finally:
        for server in started:
            server.stop()
            server.log.close()


def titles(body):
    return [row["title"] for row in json.loads(body)["results"]]


def test_a_write_through_one_process_or_a_command_is_seen_by_the_other_on_its_next_request(servers):
    env, token, (a, b) = servers
    # Both processes read the list and the page twice: the second reads are hits of their caches.
    for server in (a, b):
        for path in (LIST, PAGE):
            first, second = server.request(path), server.request(path)
            assert (first[0], first[1], second[0], second[1]) == (200, "miss", 200, "hit")
            assert TITLE in second[2]
        assert TITLE in titles(server.request(LIST)[2])

    # An editor renames the practice through A.
    status, _cache, body = a.request(f"/api/v1/practices/{SLUG}/", "PATCH", {"title": EDITED}, token=token)
    assert status == 200 and json.loads(body)["title"] == EDITED

    # B's next reads show it (its cache still holds the old answers, under the old version).
    status, cached, body = b.request(LIST)
    assert (status, cached) == (200, "miss") and EDITED in titles(body) and TITLE not in titles(body)
    status, cached, body = b.request(PAGE)
    assert (status, cached) == (200, "miss") and EDITED in body
    assert b.request(LIST)[1] == "hit"

    # A management command puts the fixture's title back: both processes see it next.
    manage(env, "load_catalogue", "--update", "-v", "0")
    for server in (b, a):
        status, cached, body = server.request(LIST)
        assert (status, cached) == (200, "miss") and TITLE in titles(body) and EDITED not in titles(body)
        status, cached, body = server.request(PAGE)
        assert (status, cached) == (200, "miss") and TITLE in body and EDITED not in body
