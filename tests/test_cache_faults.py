"""A cache that is down or hung costs no page: every call that fails is a miss, the cache is then
skipped for a while, and the failure is logged once (common/cache_backends.py)."""

import logging
import socket
import threading

import pytest
from django.core.cache import cache

from common import cache_backends

TITLE = "National historical reparation programme for retirees and pensioners"
SLUG = "national-historical-reparation-programme-for-retirees-and-pensioners"
LOGGER = "common.cache_backends"


class Clock:
    """The circuit's clock, moved by hand: the tests never wait."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(cache_backends, "_clock", clock)
    monkeypatch.setattr(cache_backends, "_circuits", {})
    return clock


def redis_settings(settings, port):
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache_backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/5",
            "KEY_PREFIX": "faults",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25, "retry_seconds": 5},
        }
    }
    settings.CATALOGUE_CACHE_SECONDS = 600


@pytest.fixture
def closed_port(settings, clock):
    """REDIS_URL at a port that is bound and never listens: every connection is refused."""
    with socket.socket() as bound:
        bound.bind(("127.0.0.1", 0))
        redis_settings(settings, bound.getsockname()[1])
        yield


class SilentListener:
    """Accepts connections and never answers; counts them."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.1)
        self.port = self.socket.getsockname()[1]
        self.accepted = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stopping.is_set():
            try:
                connection, _address = self.socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted.append(connection)

    def close(self):
        self.stopping.set()
        self.thread.join(timeout=5)
        for connection in self.accepted:
            connection.close()
        self.socket.close()


@pytest.fixture
def silent_listener(settings, clock):
    listener = SilentListener()
    redis_settings(settings, listener.port)
    yield listener
    listener.close()


def warnings_logged(caplog):
    return [r for r in caplog.records if r.name == LOGGER and r.levelno == logging.WARNING]


def read_the_site(client, api, times=3):
    """Pages, an API list and /healthz, several times over: each must answer from the database."""
    for _ in range(times):
        page = client.get(f"/practices/{SLUG}/")
        assert page.status_code == 200 and TITLE in page.content.decode()
        listing = client.get("/practices/?q=reparation")
        assert listing.status_code == 200 and TITLE in listing.content.decode()
        # Nothing can be stored, so nothing is served from the cache.
        assert page["X-Cache"] == listing["X-Cache"] == "miss"
        answer = api.get("/api/v1/practices/", {"search": "reparation"})
        assert answer.status_code == 200
        titles = [row["title"] for row in answer.json()["results"]]
        # The three practices about historical reparation, this one among them.
        assert TITLE in titles and len(titles) == answer.json()["count"] == 3
        assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
class TestACacheThatRefusesConnections:
    def test_the_site_answers_from_the_database_and_the_cache_is_tried_once_per_interval(
        self, catalogue, closed_port, client, api, caplog, clock
    ):
        caplog.set_level(logging.WARNING, logger=LOGGER)
        read_the_site(client, api)
        circuit = cache.circuit
        # The first call failed; every other one skipped the cache without a connection attempt.
        assert (circuit.failures, circuit.state()) == (1, "open")
        assert circuit.skipped > 10
        assert len(warnings_logged(caplog)) == 1
        assert "ConnectionError" in warnings_logged(caplog)[0].getMessage()
        assert cache.health().startswith("unavailable: ConnectionError")
        assert circuit.failures == 1

        # After the interval one call tries again, fails, and the cache is skipped anew; the
        # warning is not repeated within a minute.
        clock.now += 6
        read_the_site(client, api, times=2)
        assert (circuit.failures, circuit.state()) == (2, "open")
        assert len(warnings_logged(caplog)) == 1

        # A minute on, the next warning counts the failures since the last.
        clock.now += 61
        read_the_site(client, api, times=1)
        assert circuit.failures == 3
        messages = [r.getMessage() for r in warnings_logged(caplog)]
        assert len(messages) == 2 and "2 failures since the last warning" in messages[1]

    def test_every_operation_is_a_miss_or_does_nothing(self, closed_port):
        assert cache.get("key", "default") == "default"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.add("key", 1) is False
        assert cache.set("key", 1) is None
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.touch("key") is False
        assert cache.has_key("key") is False
        assert cache.delete("key") is False
        assert cache.delete_many(["a", "b"]) is None
        assert cache.get_or_set("key", 7) == 7
        with pytest.raises(ValueError):
            cache.incr("key")
        with pytest.raises(ValueError):
            cache.decr("key")
        assert cache.clear() is False
        assert cache.circuit.failures == 1


@pytest.mark.django_db
class TestACacheThatAcceptsAndNeverAnswers:
    def test_one_timeout_per_interval_then_the_site_answers_from_the_database(
        self, catalogue, silent_listener, client, api, caplog, clock
    ):
        caplog.set_level(logging.WARNING, logger=LOGGER)
        read_the_site(client, api)
        # One connection, which timed out; every call after it skipped the cache.
        assert len(silent_listener.accepted) == 1
        assert (cache.circuit.failures, cache.circuit.state()) == (1, "open")
        assert len(warnings_logged(caplog)) == 1
        assert "Timeout" in warnings_logged(caplog)[0].getMessage()
        assert cache.health().startswith("unavailable: TimeoutError")

        clock.now += 6
        read_the_site(client, api, times=2)
        assert len(silent_listener.accepted) == 2
        assert cache.circuit.failures == 2
        assert len(warnings_logged(caplog)) == 1


class FlakyClient:
    """Stands in for Django's Redis client: a dictionary, failing while `down`."""

    def __init__(self):
        import redis

        self.error = redis.exceptions.ConnectionError("Connection refused")
        self.down = False
        self.values = {}

    def _check(self):
        if self.down:
            raise self.error

    def get(self, key, default):
        self._check()
        return self.values.get(key, default)

    def set(self, key, value, timeout):
        self._check()
        self.values[key] = value

    def get_client(self, key=None, *, write=False):
        self._check()
        return self

    def ping(self):
        return True


@pytest.fixture
def flaky(settings, clock):
    redis_settings(settings, 6390)
    client = FlakyClient()
    cache._cache = client  # the backend's client is a cached property: this replaces it
    return client


def test_the_cache_is_used_again_once_it_answers_and_health_says_so(flaky, clock, caplog):
    caplog.set_level(logging.WARNING, logger=LOGGER)
    cache.set("key", "value")
    assert cache.get("key") == "value" and cache.health() == "ok"

    flaky.down = True
    assert cache.get("key") is None
    flaky.down = False
    # Still skipped: no call reaches the server until the interval is over.
    assert cache.get("key") is None and cache.health().startswith("unavailable: ConnectionError")
    assert cache.circuit.state() == "open"

    clock.now += 6
    assert cache.circuit.state() == "half-open"
    assert cache.get("key") == "value"
    assert cache.circuit.state() == "closed" and cache.health() == "ok"
    assert [r.getMessage().split(" (")[0] for r in warnings_logged(caplog)] == [
        "Cache redis://127.0.0.1:6390/5 unavailable",
        "Cache redis://127.0.0.1:6390/5 available again",
    ]


def test_the_local_memory_cache_has_a_health_too(settings):
    settings.CACHES = {"default": {"BACKEND": "common.cache_backends.LocalMemoryCache"}}
    assert cache.health() == "ok"
