"""Cache backends whose failure costs no page: a Redis cache that degrades to misses, and the
local-memory cache with the same `health()`.

`ResilientRedisCache` (named in CACHES when REDIS_URL is set) is Django's RedisCache, with every
operation that fails (the server down, refusing, or silent past the socket timeout) treated as a
miss: `get` returns the default, `get_many` nothing, `add`/`touch`/`delete`/`has_key` False,
`set`/`set_many`/`delete_many`/`clear` do nothing, `incr`/`decr` raise ValueError as for a missing
key. After a failure the cache is skipped for `retry_seconds` (OPTIONS; REDIS_RETRY_SECONDS), each
call a miss without touching the network, and then tried again by the next call: a cache that is
down or hung costs each process at most one timeout (REDIS_CONNECT_TIMEOUT, REDIS_SOCKET_TIMEOUT)
per interval, not one per call. The state is the process's (shared by its threads).

What uses the cache then falls back on the database: pages and API answers are computed on every
request, the content version is in the database anyway (common/caching.py), and DRF's throttles,
which keep their counts in the cache, let every request through (they fail open).

One warning is logged when the cache fails and then at most one every `warn_seconds` while it keeps
failing (counting the failures in between), and one when it answers again.

`health()` says "ok" or "unavailable: <reason>", for a readiness view: while the cache is skipped it
answers without a network call, otherwise it pings the server (bounded by the timeouts).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
WARN_SECONDS = 60.0


def _clock():
    return time.monotonic()


class Circuit:
    """Whether a cache server is being skipped, and what has been logged about it; one per server
    list and process."""

    def __init__(self, name, retry_seconds, warn_seconds):
        self.name = name
        self.retry_seconds = retry_seconds
        self.warn_seconds = warn_seconds
        self.lock = threading.Lock()
        self.open_until = None  # the clock time until which calls skip the cache
        self.reason = ""
        self.failures = 0  # calls that reached the network and failed
        self.skipped = 0  # calls answered as a miss without touching the network
        self.warned_at = None
        self.unwarned = 0  # failures since the last warning

    def allows(self):
        with self.lock:
            if self.open_until is not None and _clock() < self.open_until:
                self.skipped += 1
                return False
            return True

    def failed(self, error):
        now = _clock()
        with self.lock:
            self.failures += 1
            self.unwarned += 1
            self.open_until = now + self.retry_seconds
            self.reason = f"{type(error).__name__}: {error}"
            if self.warned_at is not None and now - self.warned_at < self.warn_seconds:
                return
            count, self.unwarned, self.warned_at = self.unwarned, 0, now
        logger.warning(
            "Cache %s unavailable (%s): treated as a miss, skipped for %g s after each failure (%d failure%s "
            "since the last warning)",
            self.name,
            self.reason,
            self.retry_seconds,
            count,
            "" if count == 1 else "s",
        )

    def succeeded(self):
        if self.open_until is None:
            return
        with self.lock:
            if self.open_until is None:
                return
            self.open_until = None
            self.warned_at = None
            self.unwarned = 0
        logger.warning("Cache %s available again", self.name)

    def state(self):
        with self.lock:
            if self.open_until is None:
                return "closed"
            return "open" if _clock() < self.open_until else "half-open"


_circuits = {}
_circuits_lock = threading.Lock()


def circuit_for(name, retry_seconds, warn_seconds):
    with _circuits_lock:
        circuit = _circuits.get(name)
        if circuit is None:
            circuit = _circuits[name] = Circuit(name, retry_seconds, warn_seconds)
        return circuit


def _redis_errors():
    import redis

    # OSError: a socket error that redis-py lets through.
    return (redis.exceptions.RedisError, OSError)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        retry_seconds = float(options.pop("retry_seconds", RETRY_SECONDS))
        warn_seconds = float(options.pop("warn_seconds", WARN_SECONDS))
        super().__init__(server, {**params, "OPTIONS": options})
        # Django's client hands the rest of OPTIONS to redis-py's connection pool: no retries of
        # its own, so one failing call costs one timeout.
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        self._options.setdefault("retry", Retry(NoBackoff(), 0))
        self._errors = _redis_errors()
        self.circuit = circuit_for(",".join(self._servers), retry_seconds, warn_seconds)

    def _guarded(self, operation, miss, *args, **kwargs):
        if not self.circuit.allows():
            return miss
        try:
            result = operation(*args, **kwargs)
        except self._errors as error:
            self.circuit.failed(error)
            return miss
        self.circuit.succeeded()
        return result

    def get(self, key, default=None, version=None):
        return self._guarded(super().get, default, key, default, version=version)

    def get_many(self, keys, version=None):
        return self._guarded(super().get_many, {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._guarded(super().has_key, False, key, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().add, False, key, value, timeout, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().set, None, key, value, timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().set_many, list(data), data, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().touch, False, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._guarded(super().delete, False, key, version=version)

    def delete_many(self, keys, version=None):
        return self._guarded(super().delete_many, None, keys, version=version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._guarded(super().incr, missing, key, delta, version=version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).")
        return result

    def clear(self):
        return self._guarded(super().clear, False)

    def health(self):
        """"ok", or "unavailable: <reason>" (without a network call while the cache is skipped)."""
        if not self.circuit.allows():
            return f"unavailable: {self.circuit.reason}"
        try:
            self._cache.get_client(write=True).ping()
        except self._errors as error:
            self.circuit.failed(error)
            return f"unavailable: {self.circuit.reason}"
        self.circuit.succeeded()
        return "ok"


class LocalMemoryCache(LocMemCache):
    """Django's local-memory cache, with the `health()` of ResilientRedisCache: it cannot fail."""

    def health(self):
        return "ok"
