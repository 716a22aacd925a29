"""Project-wide pytest setup, for the tests under tests/ and under each app.

Fixtures are registered here, once: every app's tests can use them without importing them (the
real catalogue, clients, users: catalogue/tests/fixtures.py; exact query counts:
tests/query_counts.py). Factories are in each app's tests/factories.py.
"""

import pytest

pytest_plugins = ["tests.query_counts", "catalogue.tests.fixtures"]


def pytest_configure(config):
    # Tests serve static files from the finders, so whitenoise's STATIC_ROOT (filled only by
    # `collectstatic`) is absent on purpose.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """A read replica's alias, `replica1`, for the router's tests (tests/test_replicas.py).

    It mirrors the test database, as the replicas DATABASE_REPLICA_URLS configures do under test: no
    database is created for it, and it stays unused (no router is installed) unless a test installs
    one and lists it in its `databases`.
    """
    from django.conf import settings

    default = settings.DATABASES["default"]
    settings.DATABASES.setdefault(
        "replica1", {**default, "TEST": {**default.get("TEST", {}), "NAME": None, "MIRROR": "default"}}
    )


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    # Tests run with debug off, where settings pick whitenoise's manifest storage; it needs
    # `collectstatic` to have run and raises on every {% static %} otherwise. Tests serve
    # static files from the finders instead, as `make run` does.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    # The cache outlives each test's database rollback (which sends no signal to invalidate it):
    # start every test with an empty one.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
