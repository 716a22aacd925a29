"""The container: the image's healthcheck probe (config/healthcheck.py) against a real gunicorn, and
the compose file's healthchecks and start order."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.servers import free_port

ROOT = Path(__file__).resolve().parent.parent


def probe(port, **env):
    return subprocess.run(
        [sys.executable, "-m", "config.healthcheck", "/healthz", str(port)],
        cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=30,
    )


@pytest.fixture
def served_over_https_only():
    """gunicorn serving the site as production does: a real host name, redirects to HTTPS."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_ALLOWED_HOSTS": "catalogue.example.org",
        "DJANGO_HTTPS": "1",
        "REDIS_URL": "",
        "DATABASE_REPLICA_URLS": "",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--no-control-socket"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _attempt in range(150):
            if probe(port, DJANGO_ALLOWED_HOSTS="catalogue.example.org").returncode == 0:
                break
            time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_probe_passes_where_the_site_answers(served_over_https_only):
    port = served_over_https_only
    assert probe(port, DJANGO_ALLOWED_HOSTS="catalogue.example.org,www.example.org").returncode == 0
    refused = probe(port, DJANGO_ALLOWED_HOSTS="other.example.net")
    # Refused by the host check (its error page is not this test's business).
    assert refused.returncode == 1 and refused.stderr.startswith("/healthz: ")


def test_the_probe_fails_when_nothing_answers():
    result = probe(free_port())
    assert result.returncode == 1 and "Connection refused" in result.stderr


def test_every_compose_service_has_a_healthcheck_and_web_waits_for_the_others():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert all("healthcheck" in service for service in services.values())
    assert services["web"]["healthcheck"]["test"] == ["CMD", "python", "-m", "config.healthcheck", "/readyz"]
    assert services["web"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "cache": {"condition": "service_healthy"},
    }
    # No proxy in front in this file: X-Forwarded-Proto is not to be trusted unless the operator says so.
    assert services["web"]["environment"]["DJANGO_TRUSTED_PROXY"] == "${DJANGO_TRUSTED_PROXY:-0}"


def test_the_image_checks_its_own_liveness_as_a_user_without_privileges():
    lines = (ROOT / "Dockerfile").read_text().replace("\\\n", " ").splitlines()
    assert "USER app" in lines
    healthcheck = next(line for line in lines if line.startswith("HEALTHCHECK"))
    assert healthcheck.endswith('CMD ["python", "-m", "config.healthcheck", "/healthz"]')
