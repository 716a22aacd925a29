"""Read replicas (config/replicas.py): reads go to a replica unless they could miss a write.

The routing rules are checked on the router itself, request by request through its middleware,
without a database. Then, on the real stack, with the `replica1` alias that the root conftest adds
as a test mirror of the test database: a page's queries run on the replica's connection, and an
editor's write, and what follows it, on the primary's. Those tests commit (a mirror is a connection
of its own, which cannot see the uncommitted rows of a test's transaction, and inside that
transaction every read would rightly go to the primary).
"""

import contextvars

import pytest
from django.core.cache import cache
from django.db import connections, router, transaction
from django.test import RequestFactory

from catalogue.models import Institution, Practice
from catalogue.tests.factories import PracticeFactory
from catalogue.tests.fixtures import PRACTICE_PERMISSIONS, authenticate, make_user
from config.replicas import RECENT_WRITE_KEY, ReplicaRoutingMiddleware

ROUTER = "config.replicas.PrimaryReplicaRouter"
MIDDLEWARE = "config.replicas.ReplicaRoutingMiddleware"


@pytest.fixture
def two_replicas(settings):
    settings.DATABASE_REPLICAS = ["replica1", "replica2"]
    settings.DATABASE_REPLICA_LAG_SECONDS = 5
    settings.DATABASE_ROUTERS = [ROUTER]


def in_request(*steps):
    """Run `steps` (callables) as the view of one request, through the routing middleware, in a
    context of its own; the list of what each returned."""
    middleware = ReplicaRoutingMiddleware(lambda request: [step() for step in steps])
    return contextvars.copy_context().run(middleware, RequestFactory().get("/practices/"))


def read():
    return router.db_for_read(Practice)


def write():
    return router.db_for_write(Practice)


# The rules, on the router ---------------------------------------------------------------------


@pytest.mark.usefixtures("two_replicas")
def test_reads_go_to_one_replica_per_request_in_turn_and_writes_to_the_primary():
    requests = [in_request(read, read, read) for _ in range(4)]
    # One replica serves a whole request; the next request takes the next one.
    assert all(len(set(reads)) == 1 for reads in requests)
    firsts = [reads[0] for reads in requests]
    assert set(firsts) == {"replica1", "replica2"}
    assert firsts[0] != firsts[1] and firsts[0] == firsts[2] and firsts[1] == firsts[3]
    assert in_request(write) == ["default"]


@pytest.mark.usefixtures("two_replicas")
def test_after_a_write_the_rest_of_the_request_reads_the_primary(settings):
    settings.DATABASE_REPLICA_LAG_SECONDS = 0  # this rule alone
    before, wrote, after, again = in_request(read, write, read, read)
    assert before in {"replica1", "replica2"}
    assert (wrote, after, again) == ("default", "default", "default")
    # The next request starts afresh.
    assert in_request(read)[0] in {"replica1", "replica2"}


@pytest.mark.usefixtures("two_replicas")
def test_for_the_replicas_lag_after_any_write_every_request_reads_the_primary():
    in_request(write)
    # Another request, another visitor: the page an editor is redirected to, or any page that the
    # response cache would keep under the new content version.
    assert in_request(read) == ["default"]
    assert cache.get(RECENT_WRITE_KEY) is not None
    cache.delete(RECENT_WRITE_KEY)  # the lag has passed
    assert in_request(read)[0] in {"replica1", "replica2"}
    # A write outside any request (a management command) counts too.
    contextvars.copy_context().run(write)
    assert in_request(read) == ["default"]


@pytest.mark.usefixtures("two_replicas")
def test_a_lag_of_zero_marks_nothing(settings):
    settings.DATABASE_REPLICA_LAG_SECONDS = 0
    in_request(write)
    assert cache.get(RECENT_WRITE_KEY) is None
    assert in_request(read)[0] in {"replica1", "replica2"}


def test_without_replicas_the_router_has_no_opinion(settings):
    settings.DATABASE_REPLICAS = []
    settings.DATABASE_ROUTERS = [ROUTER]
    assert in_request(read) == ["default"]  # Django's own choice, the router gave none


@pytest.mark.usefixtures("two_replicas")
def test_migrations_run_on_the_primary_only():
    for app_label in ("catalogue", "auth", "sessions"):
        assert router.allow_migrate("default", app_label)
        assert not router.allow_migrate("replica1", app_label)
        assert not router.allow_migrate("replica2", app_label)
    assert not router.allow_migrate_model("replica1", Practice)


@pytest.mark.usefixtures("two_replicas")
def test_rows_read_from_different_aliases_may_be_related():
    institution, practice = Institution(name="From the primary"), Practice(title="From a replica")
    institution._state.db, practice._state.db = "default", "replica1"
    assert router.allow_relation(practice, institution)
    practice.institution = institution  # Django refuses this across aliases without the router
    assert practice.institution is institution


# On the real stack: the replica1 mirror of the test database ------------------------------------


def route_to_replica1(settings):
    settings.DATABASE_REPLICAS = ["replica1"]
    settings.DATABASE_ROUTERS = [ROUTER]
    settings.MIDDLEWARE = [MIDDLEWARE, *settings.MIDDLEWARE]


class QueryLog:
    """Every query of the primary and the replica, in the order they ran, as (alias, sql)."""

    def __init__(self):
        self.entries = []

    def __call__(self, execute, sql, params, many, context):
        self.entries.append((context["connection"].alias, sql))
        return execute(sql, params, many, context)

    def __enter__(self):
        self.wrappers = [connections[alias].execute_wrapper(self) for alias in ("default", "replica1")]
        for wrapper in self.wrappers:
            wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        for wrapper in reversed(self.wrappers):
            wrapper.__exit__(*exc)

    def aliases(self):
        return [alias for alias, _sql in self.entries]


@pytest.mark.django_db(transaction=True, databases=["default", "replica1"])
def test_pages_read_the_replica_and_an_edit_is_read_back_from_the_primary(client, api, settings):
    # One test, as each test that commits costs a flush of every table.
    practice = PracticeFactory(title="Digital pension certificates", status="published")
    editor = authenticate(api, make_user("api-editor", *PRACTICE_PERMISSIONS))
    route_to_replica1(settings)
    settings.DATABASE_REPLICA_LAG_SECONDS = 0  # each request's own rules first

    with QueryLog() as log:
        page = client.get("/practices/")
        listed = client.get("/api/v1/practices/", HTTP_ACCEPT="application/json")
    assert page.status_code == listed.status_code == 200
    assert "Digital pension certificates" in page.content.decode()
    assert [row["title"] for row in listed.json()["results"]] == ["Digital pension certificates"]
    assert log.entries and set(log.aliases()) == {"replica1"}

    # Inside a transaction on the primary, reads stay there.
    with QueryLog() as log, transaction.atomic():
        assert Practice.objects.count() == 1
    assert {alias for alias, sql in log.entries if sql.startswith("SELECT")} == {"default"}

    url = f"/api/v1/practices/{practice.slug}/"
    with QueryLog() as log:
        response = editor.patch(url, {"summary": "Certificates issued online."}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["summary"] == "Certificates issued online."
    aliases = log.aliases()
    first_write = next(i for i, (_alias, sql) in enumerate(log.entries) if sql.startswith("UPDATE"))
    # The token and the practice were read from the replica; from the first write on, everything
    # (the rest of the transaction, the history row, the answer's reads) ran on the primary.
    assert "replica1" in aliases[:first_write]
    assert set(aliases[first_write:]) == {"default"}

    # With the replicas' lag declared, the next request reads the primary as well.
    settings.DATABASE_REPLICA_LAG_SECONDS = 5
    editor.patch(url, {"summary": "Certificates issued online, in two languages."}, format="json")
    with QueryLog() as log:
        again = client.get(url, HTTP_ACCEPT="application/json")
    assert again.json()["summary"] == "Certificates issued online, in two languages."
    assert log.entries and set(log.aliases()) == {"default"}
