"""The real fault: gunicorn, started with config/gunicorn.conf.py on 127.0.0.1, its DATABASE_URL
pointing at a port where nothing listens. And the limits gunicorn and the settings share
(config/limits.py). No test database is used: the same on SQLite and PostgreSQL runs."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from config import limits
from tests.servers import free_port

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
NOWHERE = "postgres://postgres@127.0.0.1:1/x"


def server_env(**extra):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "GUNICORN_"))}
    return {
        **base,
        "DJANGO_SECRET_KEY": "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "WEB_CONCURRENCY": "1",
        **extra,
    }


def get(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def database_down_server(tmp_path_factory):
    """gunicorn with the project's config file, its database unreachable; its log in `log`."""
    port = free_port()
    log = tmp_path_factory.mktemp("gunicorn") / "error.log"
    env = server_env(DATABASE_URL=NOWHERE, SERVICE_UNAVAILABLE_RETRY_AFTER="17")
    command = [str(GUNICORN), "--config", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    with open(log, "w") as errors:
        server = subprocess.Popen(
            [*command, "--error-logfile", "-", "config.wsgi:application"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    try:
        for _attempt in range(150):  # up to 15 s to start
            try:
                get(port, "/healthz")
                break
            except OSError:
                assert server.poll() is None, log.read_text()
                time.sleep(0.1)
        yield port, log
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_pages_answer_503_with_retry_after(database_down_server):
    port, log = database_down_server
    for path, headers in [
        ("/practices/", {}),
        ("/practices/my-anses-mobile/", {}),
        # With a session cookie the session middleware is the first to need the database.
        ("/es/practices/", {"Cookie": "sessionid=" + "a" * 32}),
    ]:
        status, response_headers, body = get(port, path, headers)
        assert status == 503, (path, body)
        assert response_headers["Retry-After"] == "17"
        assert response_headers["Cache-Control"] == "no-store"
        assert "<h1>Temporarily unavailable</h1>" in body
        assert "database is not answering. Try again in 17 seconds." in body
    lines = log.read_text().splitlines()
    logged = [line for line in lines if "database unavailable: GET /practices/:" in line]
    assert len(logged) == 1 and "Connection refused" in logged[0]
    assert not [line for line in lines if "Traceback" in line]


def test_the_api_answers_a_json_503(database_down_server):
    port, _log = database_down_server
    for path in ("/api/v1/practices/?country=UY", "/api/v1/practices/my-anses-mobile/"):
        status, headers, body = get(port, path)
        assert status == 503
        assert headers["Retry-After"] == "17" and headers["Content-Type"] == "application/json"
        detail = "The catalogue's database is not answering. Try again in 17 seconds."
        assert json.loads(body) == {"detail": detail}


def test_healthz_answers_and_readyz_says_the_database_is_not_ready(database_down_server):
    port, _log = database_down_server
    assert get(port, "/healthz")[::2] == (200, "ok\n")
    status, _headers, body = get(port, "/readyz")
    assert status == 503
    assert json.loads(body) == {
        "database": "unavailable: OperationalError",
        "cache": "local-memory (per process)",
    }


@pytest.fixture(scope="module")
def hung_database_server(tmp_path_factory):
    """gunicorn whose database accepts connections and never answers (a listener that never
    accepts: the kernel completes the handshake, nothing replies), with a 2 s connect timeout."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        database_port = listener.getsockname()[1]
        port = free_port()
        env = server_env(
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{database_port}/x", DATABASE_CONNECT_TIMEOUT="2"
        )
        command = [str(GUNICORN), "--config", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
        server = subprocess.Popen(
            [*command, "config.wsgi:application"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _attempt in range(150):
                try:
                    get(port, "/healthz")
                    break
                except OSError:
                    assert server.poll() is None
                    time.sleep(0.1)
            yield port
        finally:
            server.terminate()
            server.wait(timeout=20)


def test_a_database_that_never_answers_costs_the_connect_timeout_and_answers_503(hung_database_server):
    status, headers, body = get(hung_database_server, "/api/v1/practices/")
    assert status == 503 and headers["Retry-After"] == "30"
    detail = "The catalogue's database is not answering. Try again in 30 seconds."
    assert json.loads(body) == {"detail": detail}
    assert get(hung_database_server, "/readyz")[0] == 503
    assert get(hung_database_server, "/healthz")[0] == 200


# The limits gunicorn and the settings share ----------------------------------------------------


@pytest.mark.parametrize(
    ("worker", "statement"), [(None, 25000), ("30", 25000), ("60", 55000), ("8", 4000), ("2", 1000)]
)
def test_the_statement_timeout_is_derived_from_the_worker_timeout(monkeypatch, worker, statement):
    monkeypatch.delenv("DATABASE_STATEMENT_TIMEOUT_MS", raising=False)
    if worker is None:
        monkeypatch.delenv("GUNICORN_TIMEOUT", raising=False)
    else:
        monkeypatch.setenv("GUNICORN_TIMEOUT", worker)
    assert limits.web_statement_timeout_ms() == statement


def test_a_statement_timeout_not_below_the_worker_timeout_is_refused(monkeypatch):
    monkeypatch.setenv("GUNICORN_TIMEOUT", "30")
    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT_MS", "12000")
    assert limits.web_statement_timeout_ms() == 12000
    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT_MS", "30000")
    with pytest.raises(limits.LimitError, match=r"TIMEOUT_MS \(30000\) must be more than 0"):
        limits.web_statement_timeout_ms()
    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT_MS", "soon")
    with pytest.raises(limits.LimitError, match="TIMEOUT_MS must be a whole number, not 'soon'"):
        limits.web_statement_timeout_ms()


def test_gunicorn_refuses_to_start_when_its_timeout_is_below_the_statement_timeout():
    # --timeout on the command line wins over the config file: the check reads the one in force.
    command = [str(GUNICORN), "--config", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{free_port()}"]
    env = server_env(DATABASE_URL=NOWHERE, DATABASE_STATEMENT_TIMEOUT_MS="20000")
    result = subprocess.run(
        [*command, "--timeout", "15", "config.wsgi:application"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert (
        "DATABASE_STATEMENT_TIMEOUT_MS (20000) must be more than 0 and less than the web server's worker "
        "timeout (15 s = 15000 ms)"
    ) in result.stderr


def test_the_wsgi_application_makes_its_process_a_web_process_and_commands_are_not():
    report = (
        "from common.statement_timeout import serves_web, configured_milliseconds; "
        "print(serves_web(), configured_milliseconds())"
    )
    env = server_env(
        DATABASE_URL=NOWHERE, GUNICORN_TIMEOUT="40", DATABASE_COMMAND_STATEMENT_TIMEOUT_MS="600000"
    )
    served = subprocess.run(
        [sys.executable, "-c", f"import config.wsgi; {report}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert served.stdout.strip() == "True 35000", served.stderr
    command = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", report],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert command.stdout.strip() == "False 600000", command.stderr
