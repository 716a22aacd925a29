"""Settings come from the environment, as the contract's table says; production settings are safe."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SECRET_KEY": "a-long-random-production-key-0123456789-abcdefghijklmnopqrstuvwxyz-XYZ",
    "DJANGO_ALLOWED_HOSTS": "catalogue.example.org",
}


def manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True
    )


def settings_value(expression, **env):
    code = f"from django.conf import settings; print({expression})"
    result = manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_deploy_check_passes_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("module", ["config.wsgi", "config.asgi"])
def test_debug_off_without_a_secret_key_the_site_refuses_to_start(module):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"], cwd=ROOT, env=base, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off." in result.stderr
    served = subprocess.run(
        [sys.executable, "-c", f"import {module}"], cwd=ROOT, env={**base, **PRODUCTION}, capture_output=True
    )
    assert served.returncode == 0, served.stderr


@pytest.mark.parametrize("module", ["config.wsgi", "config.asgi"])
def test_the_application_reads_the_settings_module_it_is_given(module, tmp_path):
    # A deployment's own settings module (here one that sets the key itself) is the one checked,
    # not config.settings.
    (tmp_path / "site_settings.py").write_text(
        "from config.settings import *  # noqa: F403\n"
        "SECRET_KEY = 'a-key-set-by-the-deployment-0123456789-abcdefghijklmnopqrstuvwxyz'\n"
        "SITE_MARKER = 'deployment'\n"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env = {**base, "DJANGO_SETTINGS_MODULE": "site_settings", "PYTHONPATH": f"{tmp_path}:{ROOT}"}
    code = f"import {module}; from django.conf import settings; print(settings.SITE_MARKER)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "deployment"


def test_commands_that_sign_nothing_run_without_a_key_but_the_deploy_check_fails():
    assert manage("makemigrations", "--check", "--dry-run").returncode == 0
    assert manage("check").returncode == 0
    deploy = manage("check", "--deploy", "--fail-level", "WARNING")
    assert deploy.returncode != 0
    assert "security.W009" in deploy.stdout + deploy.stderr


def test_debug_on_has_a_development_key_and_plain_http():
    assert settings_value("settings.DEBUG, settings.SECURE_SSL_REDIRECT", DJANGO_DEBUG="1") == "True False"


def test_https_is_on_by_default_when_debug_is_off_and_can_be_turned_off():
    assert settings_value("settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS > 0", **PRODUCTION) == (
        "True True"
    )
    off = settings_value(
        "settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS",
        DJANGO_HTTPS="0",
        **PRODUCTION,
    )
    assert off == "False False 0"


def test_allowed_hosts_and_database_url_come_from_the_environment():
    hosts = settings_value("settings.ALLOWED_HOSTS", **PRODUCTION)
    assert hosts == "['catalogue.example.org']"
    assert settings_value("settings.ALLOWED_HOSTS", DJANGO_DEBUG="1") == "['127.0.0.1', 'localhost']"
    engine = settings_value(
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']",
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://someone:secret@db.example.org:5432/catalogue",
    )
    assert engine == "django.db.backends.postgresql catalogue"


def test_redis_url_selects_the_shared_cache():
    backend = settings_value(
        "settings.CACHES['default']['BACKEND']", DJANGO_DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/0"
    )
    assert backend == "common.cache_backends.ResilientRedisCache"
    local = settings_value("settings.CACHES['default']['BACKEND']", DJANGO_DEBUG="1")
    assert local == "common.cache_backends.LocalMemoryCache"


DATABASES_SUMMARY = (
    "__import__('json').dumps({'aliases': {alias: [d['ENGINE'], d['HOST'], d['NAME'], d['CONN_MAX_AGE'], "
    "d['CONN_HEALTH_CHECKS'], d.get('TEST', {}).get('MIRROR')] for alias, d in settings.DATABASES.items()}, "
    "'replicas': settings.DATABASE_REPLICAS, 'routers': settings.DATABASE_ROUTERS, "
    "'first_middleware': settings.MIDDLEWARE[0]})"
)


def test_replica_urls_become_aliases_that_mirror_the_primary_under_test():
    summary = json.loads(
        settings_value(
            DATABASES_SUMMARY,
            DJANGO_DEBUG="1",
            DATABASE_URL="postgres://app:secret@primary.example.org:5432/catalogue",
            DATABASE_REPLICA_URLS=" postgres://app:secret@replica-a.example.org:5432/catalogue,"
            "postgres://app:secret@replica-b.example.org:5432/catalogue ",
            DATABASE_CONN_MAX_AGE="300",
        )
    )
    postgres = "django.db.backends.postgresql"
    assert summary == {
        "aliases": {
            "default": [postgres, "primary.example.org", "catalogue", 300, True, None],
            # Each replica connects to its own server; only the test runner reads MIRROR, and
            # then reads the test database through the replica's alias instead of creating one.
            "replica1": [postgres, "replica-a.example.org", "catalogue", 300, True, "default"],
            "replica2": [postgres, "replica-b.example.org", "catalogue", 300, True, "default"],
        },
        "replicas": ["replica1", "replica2"],
        "routers": ["config.replicas.PrimaryReplicaRouter"],
        "first_middleware": "config.replicas.ReplicaRoutingMiddleware",
    }


def test_without_replicas_there_is_one_database_and_no_router():
    summary = json.loads(
        settings_value(
            DATABASES_SUMMARY,
            DJANGO_DEBUG="1",
            DATABASE_URL="postgres://app:secret@primary.example.org:5432/catalogue",
            DATABASE_REPLICA_URLS="",
        )
    )
    assert summary == {
        # Persistent connections by default, checked before each request reuses them.
        "aliases": {
            "default": ["django.db.backends.postgresql", "primary.example.org", "catalogue", 60, True, None]
        },
        "replicas": [],
        "routers": [],
        "first_middleware": "django.middleware.security.SecurityMiddleware",
    }


IS_SECURE = (
    "settings.SECURE_PROXY_SSL_HEADER, __import__('django.test').test.RequestFactory()"
    ".get('/', HTTP_X_FORWARDED_PROTO='https').is_secure()"
)


def test_x_forwarded_proto_is_believed_only_behind_a_trusted_proxy():
    # A client reaching gunicorn directly cannot claim HTTPS (and so pass the SSL redirect or get
    # secure cookies over plain HTTP) unless DJANGO_TRUSTED_PROXY=1 says a proxy of ours sets it.
    assert settings_value(IS_SECURE, **PRODUCTION) == "None False"
    assert settings_value(IS_SECURE, DJANGO_TRUSTED_PROXY="0", **PRODUCTION) == "None False"
    trusted = settings_value(IS_SECURE, DJANGO_TRUSTED_PROXY="1", **PRODUCTION)
    assert trusted == "('HTTP_X_FORWARDED_PROTO', 'https') True"


def test_deploy_check_passes_behind_a_trusted_proxy_too():
    result = manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_TRUSTED_PROXY="1", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


LOCKOUT_AND_THROTTLE = (
    "settings.AXES_ENABLED, settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME.total_seconds(), "
    "settings.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'], settings.REST_FRAMEWORK['NUM_PROXIES']"
)


def test_lockout_and_throttle_are_on_by_default_and_configurable():
    assert (
        settings_value(LOCKOUT_AND_THROTTLE, **PRODUCTION)
        == "True 5 900.0 {'anonymous': '300/minute', 'share': '10/hour'} 0"
    )
    changed = settings_value(
        LOCKOUT_AND_THROTTLE,
        LOGIN_LOCKOUT="0",
        LOGIN_LOCKOUT_FAILURES="10",
        LOGIN_LOCKOUT_MINUTES="60",
        API_THROTTLE_RATE="20/second",
        DJANGO_TRUSTED_PROXY="1",
        **PRODUCTION,
    )
    assert changed == "False 10 3600.0 {'anonymous': '20/second', 'share': '10/hour'} 1"
    rates = "settings.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']"
    off = settings_value(rates, API_THROTTLE_RATE="off", **PRODUCTION)
    assert off == "{'anonymous': None, 'share': '10/hour'}"


def test_the_share_forms_rate_is_its_own_setting():
    rates = "settings.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'], settings.SHARE_THROTTLE_RATE"
    assert (
        settings_value(rates, SHARE_THROTTLE_RATE="3/minute", **PRODUCTION)
        == "{'anonymous': '300/minute', 'share': '3/minute'} 3/minute"
    )
    assert (
        settings_value(rates, SHARE_THROTTLE_RATE="off", **PRODUCTION)
        == "{'anonymous': '300/minute', 'share': None} None"
    )
    result = manage("check", SHARE_THROTTLE_RATE="ten an hour", **PRODUCTION)
    assert result.returncode != 0
    assert (
        "SHARE_THROTTLE_RATE='ten an hour': requests per second, minute, hour or day (10/hour), or off."
        in result.stderr
    )


def test_a_throttle_rate_that_is_not_one_is_refused_at_start():
    result = manage("check", API_THROTTLE_RATE="300 per minute", **PRODUCTION)
    assert result.returncode != 0
    assert (
        "API_THROTTLE_RATE='300 per minute': requests per second, minute, hour or day (300/minute), or off."
        in result.stderr
    )

def test_the_redis_cache_waits_a_bounded_time_set_from_the_environment():
    options = "sorted(settings.CACHES['default']['OPTIONS'].items())"
    defaults = settings_value(options, DJANGO_DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/0")
    assert defaults == "[('retry_seconds', 5.0), ('socket_connect_timeout', 0.25), ('socket_timeout', 0.25)]"
    chosen = settings_value(
        options,
        DJANGO_DEBUG="1",
        REDIS_URL="redis://127.0.0.1:6379/0",
        REDIS_CONNECT_TIMEOUT="0.1",
        REDIS_SOCKET_TIMEOUT="2",
        REDIS_RETRY_SECONDS="30",
    )
    assert chosen == "[('retry_seconds', 30.0), ('socket_connect_timeout', 0.1), ('socket_timeout', 2.0)]"
