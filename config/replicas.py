"""Reads from read replicas, writes to the primary: installed by settings when DATABASE_REPLICA_URLS is set.

Settings name the replicas' aliases in `DATABASE_REPLICAS` (replica1, replica2, ...). A read goes to
one of them unless it could miss a write the replica has not received yet, in which case it goes to
the primary (`default`):

- inside an atomic block on the primary: the transaction's own writes, and rows it locked, are
  there only;
- after this request (or, outside a request, this thread of a command) asked for a write, so a
  user who just saved reads what they saved;
- for DATABASE_REPLICA_LAG_SECONDS after any write by any process (a mark in the shared cache).
  This covers what the two rules above cannot see: the page an editor is redirected to after
  saving, the session a login has just written, a script that reads back what it changed. (The
  anonymous response cache and API ETags are keyed on a content version that is a row in the
  database, common/caching.py, read through this router like the rows: from the same database, so
  a replica that has not replayed a write yet also answers with the version before it.)

One replica serves a whole request (a page's count and its rows come from the same replica), the
next request takes the next replica. Migrations run on the primary only; the replicas copy them.

The mark is set when a write is routed, before it runs, and again at most once a second while a
request or command keeps writing; it lasts DATABASE_REPLICA_LAG_SECONDS plus that second. It is in
the cache every web process shares (REDIS_URL; the local-memory cache is one process's only). A
request reads the mark once, at its first read that would go to a replica (for an anonymous
request, the content version's). A cache that is down hides the mark: reads then go to the replicas
right after a write, and what is cached stays consistent, the version and the rows coming from one
database.
"""

import contextvars
import itertools
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

RECENT_WRITE_KEY = "db:recent-write"
# A context keeps writing: renew the mark at most this often (seconds).
MARK_INTERVAL = 1

_turns = itertools.count()


class _Routing:
    """What one request (or one command's thread) has done to the databases so far."""

    __slots__ = ("in_request", "marked_at", "recent_write", "replica", "wrote")

    def __init__(self, in_request):
        self.in_request = in_request
        self.wrote = False
        self.replica = None
        self.recent_write = None  # read from the cache once, at the first read
        self.marked_at = None


_routing = contextvars.ContextVar("replica_routing", default=None)


def _current():
    state = _routing.get()
    if state is None:
        # Outside a request: a management command, a shell, a thread of its own.
        state = _Routing(in_request=False)
        _routing.set(state)
    return state


def lag_seconds():
    return int(getattr(settings, "DATABASE_REPLICA_LAG_SECONDS", 0))


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        replicas = getattr(settings, "DATABASE_REPLICAS", ())
        if not replicas:
            return None
        state = _current()
        if state.wrote or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        if state.in_request and state.recent_write is None:
            state.recent_write = lag_seconds() > 0 and cache.get(RECENT_WRITE_KEY) is not None
        if state.recent_write:
            return DEFAULT_DB_ALIAS
        if state.replica not in replicas:
            state.replica = replicas[next(_turns) % len(replicas)]
        return state.replica

    def db_for_write(self, model, **hints):
        state = _current()
        state.wrote = True
        lag = lag_seconds()
        now = time.monotonic()
        if lag > 0 and (state.marked_at is None or now - state.marked_at >= MARK_INTERVAL):
            cache.set(RECENT_WRITE_KEY, True, timeout=lag + MARK_INTERVAL)
            state.marked_at = now
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Every alias holds the same data: a replica's row may point at a primary's.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaRoutingMiddleware:
    """Gives each request its own routing state; first in MIDDLEWARE, so it wraps every read and
    write of the request (sessions and authentication included).

    The state is replaced when the next request starts rather than reset when this one returns: a
    streamed response (`?format=csv`) reads its rows after the middleware has returned, and they
    must follow this request's rules.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _routing.set(_Routing(in_request=True))
        return self.get_response(request)
