"""Expected query counts, kept in one file (tests/query_counts.json) and asserted exactly.

A test asks for its count by name:

    with expected_queries("page /practices/ (list)"):
        client.get("/practices/")

and fails when the view runs one query more or one fewer than the file says. A count changes only
on purpose: run `pytest --record-query-counts` (the tests concerned, or all), which writes what
the tests measured into the file; the diff and the commit say why. A name the file lacks fails,
so a new test records its count before it can pass.
"""

import json
from pathlib import Path

import pytest

COUNTS_FILE = Path(__file__).with_name("query_counts.json")


def pytest_addoption(parser):
    parser.addoption(
        "--record-query-counts",
        action="store_true",
        help="write the query counts the tests measure into tests/query_counts.json",
    )


class QueryCounts:
    def __init__(self, record):
        self.record = record
        self.expected = json.loads(COUNTS_FILE.read_text()) if COUNTS_FILE.exists() else {}
        self.measured = {}

    def save(self):
        if self.record and self.measured:
            merged = {**self.expected, **self.measured}
            COUNTS_FILE.write_text(json.dumps(dict(sorted(merged.items())), indent=2) + "\n")


@pytest.fixture(scope="session")
def _query_counts(request):
    counts = QueryCounts(request.config.getoption("--record-query-counts"))
    yield counts
    counts.save()


@pytest.fixture
def expected_queries(_query_counts, django_assert_num_queries):
    """expected_queries(name): a context manager asserting the count recorded under `name`.

    The same name used twice in one run (a list of 5 rows, then of 60) must measure the same.
    """
    from contextlib import contextmanager

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    @contextmanager
    def check(name):
        if _query_counts.record:
            with CaptureQueriesContext(connection) as queries:
                yield queries
            count = len(queries)
            previous = _query_counts.measured.setdefault(name, count)
            assert previous == count, f"{name!r}: {count} queries now, {previous} before in this run"
            return
        if name not in _query_counts.expected:
            pytest.fail(f"No expected query count for {name!r}: run pytest --record-query-counts", False)
        with django_assert_num_queries(_query_counts.expected[name]) as queries:
            yield queries

    return check
