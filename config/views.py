"""Project-level views that belong to no app."""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache

from common import unavailable
from common.unavailable import one_line

logger = logging.getLogger("config.readyz")


@never_cache
def healthz(request):
    """Liveness probe touching no database."""
    return HttpResponse("ok\n", content_type="text/plain")


def database_state(alias):
    """ "ok" when `alias` answers `SELECT 1`, else "unavailable: <error class>" (the details are logged)."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("readiness: database %s unavailable: %s", alias, one_line(error))
        return f"unavailable: {type(error).__name__}"
    return "ok"


def cache_state():
    """The cache's own health() when it has one, else a write and a read back; "local-memory (per
    process)" for a cache that works but that other processes do not share."""
    health = getattr(cache, "health", None)
    if callable(health):
        state = health()
    else:
        key, value = "readyz:probe", uuid.uuid4().hex
        try:
            cache.set(key, value, 10)
            state = "ok" if cache.get(key) == value else "unavailable: what was written was not read back"
        except Exception as error:  # any backend's failure is a state to report, not a 500
            state = f"unavailable: {type(error).__name__}"
    if state == "ok" and isinstance(caches["default"], LocMemCache):
        return "local-memory (per process)"
    return state


@never_cache
def readyz(request):
    """Readiness: 200 when the database (and each read replica) answers, 503 when one does not. The
    cache's state is reported but never makes it fail: pages answer from the database without it."""
    body = {"database": database_state(DEFAULT_DB_ALIAS)}
    replicas = list(getattr(settings, "DATABASE_REPLICAS", ()))
    if replicas:
        body["replicas"] = {alias: database_state(alias) for alias in replicas}
    body["cache"] = cache_state()
    ready = body["database"] == "ok" and all(state == "ok" for state in body.get("replicas", {}).values())
    response = JsonResponse(body, status=200 if ready else 503)
    if not ready:
        # As the pages' 503 says (common/unavailable.py): when to ask again.
        response["Retry-After"] = str(unavailable.retry_after())
    return response


def robots_txt(request):
    """robots.txt: everything may be crawled but the admin and the API; the sitemap's absolute URL."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /healthz",
        "Disallow: /readyz",
        "Allow: /",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
