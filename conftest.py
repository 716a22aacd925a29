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
