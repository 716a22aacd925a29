"""DJANGO_LOG_FORMAT=json: every log line is one JSON object, from the site (settings' LOGGING) and from
gunicorn (the logconfig_dict of config/log.py); plain lines otherwise."""

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from config.log import django_logging, gunicorn_logconfig
from tests.servers import free_port

ROOT = Path(__file__).resolve().parent.parent

# A message, an exception and a request's record as Django logs it (a 404), in a process configured by
# the settings.
LOGGING_SCRIPT = """
import logging
from django.http import HttpResponseNotFound
from django.test import RequestFactory
from django.utils.log import log_response
log = logging.getLogger("catalogue.backup")
log.warning("Backup written: %s rows", 431)
try:
    {}["missing"]
except KeyError:
    log.exception("Line one\\nline two")
request = RequestFactory().get("/api/v1/no-such-thing/?page=2")
log_response("Not Found: %s", request.path, response=HttpResponseNotFound(), request=request)
"""


def run_with(fmt):
    env = {
        **os.environ,
        "DJANGO_LOG_FORMAT": fmt,
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "REDIS_URL": "",
        "DATABASE_REPLICA_URLS": "",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", LOGGING_SCRIPT],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr.splitlines()


def test_json_lines_from_the_settings():
    lines = run_with("json")
    entries = [json.loads(line) for line in lines]  # every line parses on its own
    assert len(entries) == 3
    message, failure, request = entries
    assert message["level"] == "WARNING" and message["logger"] == "catalogue.backup"
    assert message["message"] == "Backup written: 431 rows"
    assert message["time"].endswith("+00:00") and "T" in message["time"]
    assert failure["level"] == "ERROR" and failure["message"] == "Line one\nline two"
    assert failure["exception"].startswith("Traceback (most recent call last):")
    assert failure["exception"].endswith("KeyError: 'missing'")
    assert request["logger"] == "django.request" and request["message"] == "Not Found: /api/v1/no-such-thing/"
    assert (request["method"], request["path"], request["query"], request["status"]) == (
        "GET", "/api/v1/no-such-thing/", "page=2", 404
    )


def test_plain_lines_by_default():
    lines = run_with("")
    assert lines[0] == "Backup written: 431 rows"
    assert "Traceback (most recent call last):" in lines
    assert lines[-1] == "Not Found: /api/v1/no-such-thing/"


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match=r"DJANGO_LOG_FORMAT is 'xml'; allowed: plain, json\."):
        django_logging("WARNING", environ={"DJANGO_LOG_FORMAT": "xml"})
    assert gunicorn_logconfig(environ={}) == {}


def test_gunicorn_writes_json_lines(tmp_path):
    # The two lines config/gunicorn.conf.py carries for its logs.
    conf = tmp_path / "gunicorn.conf.py"
    conf.write_text("from config.log import gunicorn_logconfig\nlogconfig_dict = gunicorn_logconfig()\n")
    port = free_port()
    env = {**os.environ, "DJANGO_LOG_FORMAT": "json", "REDIS_URL": "", "DATABASE_REPLICA_URLS": ""}
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "config.wsgi:application", "--config", str(conf),
            "--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-control-socket", "--access-logfile", "-",
        ],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        for _attempt in range(150):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz?probe=1", timeout=2) as answer:
                    assert answer.status == 200
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer")
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    access = [json.loads(line) for line in out.splitlines()]
    assert len(access) == 1
    hit = access[0]
    assert hit["logger"] == "gunicorn.access" and hit["level"] == "INFO"
    assert (hit["method"], hit["path"], hit["query"], hit["status"]) == ("GET", "/healthz", "probe=1", 200)
    assert hit["remote"] == "127.0.0.1" and hit["duration_ms"] >= 0 and hit["user_agent"].startswith("Python")
    errors = [json.loads(line) for line in err.splitlines()]
    assert any(e["logger"] == "gunicorn.error" and "Starting gunicorn" in e["message"] for e in errors)
