"""schemathesis against the API's own schema (/api/v1/schema/): every operation, every check.

The schema is read from the app with the real catalogue loaded, so its enums (countries, tiers,
areas...) are the database's and the generated requests ask for real values. Anonymous requests
go to every operation; an editor's token to the writes. Each generated request runs inside a
savepoint rolled back after it, so what one write does (a practice created, deleted) is undone
before the next one and the examples stay independent (and reproducible: the seed is fixed).
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from catalogue.roles import PUBLISH_PERMISSION

from .fixtures import PRACTICE_PERMISSIONS, make_user

# Examples the fuzzing phase draws per operation, good and bad values; for the reads, the coverage
# phase adds a bounded number of its own (each parameter's boundaries and enum values, or absent).
MAX_EXAMPLES = 12

FUZZ = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,  # a fixed seed: the same requests on every run
    database=None,  # nothing written to .hypothesis/
    deadline=None,  # a request's time is not a failure (the suite's machine is shared)
    # The generated requests are slow next to what Hypothesis expects of a strategy (each reads
    # the catalogue), and the strategies of large enums filter a lot: neither is a defect.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)

# Sent with every request: the in-process WSGI client hands the body over as the app wrote it,
# and would otherwise get it gzipped (config/middleware.py) and fail to read it. HTTP clients
# decompress it themselves.
HEADERS = {"Accept-Encoding": "identity"}

SCHEMA_URL = "/api/v1/schema/?format=json"
BODY_WRITES = ("POST", "PUT", "PATCH")
WRITES = [*BODY_WRITES, "DELETE"]


@pytest.fixture(autouse=True)
def _node_id(request):
    # schemathesis 4.32's pytest integration reads `node._nodeid`, which pytest 9.2 no longer sets
    # (it names each operation's subtest with it): give it the node's id.
    request.node._nodeid = request.node.nodeid


@pytest.fixture(autouse=True)
def _not_throttled(settings):
    # Some 800 anonymous requests from one address, over the default rate: every operation would
    # answer 429 (documented, so checked) and most of the checks would see nothing else.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anonymous": None}}


@pytest.fixture
def _connection_kept_open():
    # Django closes the database connection when a request finishes (`close_old_connections`),
    # which would end the test's transaction after the first request on PostgreSQL; its own test
    # client disconnects that handler around a request, as this does around the whole test.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def load(config):
    """The schema as the app serves it now (its enums are the test database's)."""
    return schemathesis.openapi.from_wsgi(SCHEMA_URL, get_wsgi_application(), config=config)


@pytest.fixture
def read_schema(catalogue, _connection_kept_open):
    # Reads: the coverage phase too (each parameter's boundaries, its enum's values, missing
    # ones), in its positive mode; the fuzzing phase draws bad values as well as good ones.
    return load(SchemathesisConfig.from_dict({"phases": {"coverage": {"generation": {"mode": "positive"}}}}))


@pytest.fixture
def write_schema(catalogue, _connection_kept_open):
    # Writes: the fuzzing phase only. The coverage phase would send some 200 bodies per write (each
    # field's boundaries), which would make this test take minutes.
    return load(SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}}))


@pytest.fixture
def editor_token(db):
    # Every permission on practices, deletion included, so that every write can succeed.
    editor = make_user("fuzzing-editor", *PRACTICE_PERMISSIONS, PUBLISH_PERMISSION)
    return Token.objects.create(user=editor).key


reads = schemathesis.pytest.from_fixture("read_schema").include(method=["GET"])
writes = schemathesis.pytest.from_fixture("write_schema").include(method=WRITES)


def call_and_validate(case, **headers):
    # Editors' writes enforce rules a schema cannot say (an institution's country is the
    # practice's; a tier only with a competition; a slug no other practice has), so a body the
    # schema allows may be refused with 400 naming the field: `positive_data_acceptance` is not run
    # on them. The 400 is documented, and its body is checked against the schema like any other.
    excluded = [positive_data_acceptance] if case.method.upper() in BODY_WRITES else []
    with transaction.atomic():
        case.call_and_validate(headers={**HEADERS, **headers}, excluded_checks=excluded)
        transaction.set_rollback(True)


@pytest.mark.usefixtures("catalogue")
class TestSchema:
    """The catalogue is loaded once for the three (each test's writes are rolled back)."""

    @reads.parametrize()
    @FUZZ
    def test_every_read_as_anyone(self, case):
        call_and_validate(case)

    @writes.parametrize()
    @FUZZ
    def test_every_write_as_anyone_is_refused(self, case):
        call_and_validate(case)

    @writes.parametrize()
    @FUZZ
    def test_every_write_as_an_editor(self, case, editor_token):
        call_and_validate(case, Authorization=f"Token {editor_token}")
