"""A cache of anonymous reads that is exact: keyed on the content version, bumped on every write.

A page or API response depends only on its URL, its language, its representation (Accept) and the
site's content. The content version is a token in the shared cache that every write to a model of
the apps in `settings.CONTENT_APPS` replaces (post_save, post_delete, m2m_changed), so a cached
response is never served after the data behind it changed. Bulk `QuerySet.update()` sends no
signal: code that uses it calls `bump_content_version()` itself. Entries also expire after
`CATALOGUE_CACHE_SECONDS` (default 600; 0 turns the cache off).

`request_digest()` is the one derivation of "this response, now": the cache keys below and the
API's ETags (common/api/conditional.py) are both made with it.

With several web processes, the cache must be shared (REDIS_URL): with the local-memory cache a
write in one process would not invalidate another's entries.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language

VERSION_KEY = "site:content-version"
# The probes too: they are never cached, and must not read the content version before they run.
NOT_CACHED_PREFIXES = ("/admin/", "/i18n/", "/healthz", "/readyz")


def content_version():
    """The current content version; a missing key (empty or restarted cache) starts a new one."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_content_version(**kwargs):
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def request_digest(request, *parts, version=None):
    """A digest of the content version, the request's full path and language, and `parts`.

    Equal digests mean the same answer: whatever else a response depends on (scheme and host for
    the cache, the chosen representation and audience for an ETag) is in `parts`. Pass `version`
    when the caller has read it already, so both use the same one.
    """
    version = version or content_version()
    language = getattr(request, "LANGUAGE_CODE", "") or get_language() or ""
    items = [version, request.get_full_path(), language, *(str(p) for p in parts)]
    return hashlib.sha256("\n".join(items).encode()).hexdigest()


# Computed values (counts that every visitor of an audience shares) are keyed on the content
# version, so they are never stale; this only bounds what an idle cache keeps.
COMPUTED_SECONDS = 24 * 3600


def queryset_digest(queryset):
    """A short digest of the SQL of `queryset`: what distinguishes one audience's rows from another's
    (the published practices, or everything an editor may see)."""
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    return hashlib.sha256(repr((sql, params)).encode()).hexdigest()[:24]


def per_content_version(name, compute, *parts):
    """compute(), once per content version, language and `parts`; then read from the cache.

    For what is the same for every visitor of an audience (a page's counts, the facets without
    filters): the first request after a write computes it, the others read it.
    """
    language = get_language() or ""
    digest = hashlib.sha256("\n".join([name, language, *map(str, parts)]).encode()).hexdigest()
    key = f"site:computed:{content_version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, COMPUTED_SECONDS)
    return value


def _on_write(sender, **kwargs):
    if sender._meta.app_label in settings.CONTENT_APPS:
        # Now, and again when the transaction commits: a reader that took the version bumped
        # inside the writer's transaction saw the rows as they were before it, and cached them
        # under that version; the bump at commit makes that entry unreachable.
        bump_content_version()
        transaction.on_commit(bump_content_version)


def connect_signals():
    post_save.connect(_on_write, dispatch_uid="content-version-save")
    post_delete.connect(_on_write, dispatch_uid="content-version-delete")
    m2m_changed.connect(_on_write, dispatch_uid="content-version-m2m")


def cache_seconds():
    return int(getattr(settings, "CATALOGUE_CACHE_SECONDS", 600))


def _key(request):
    digest = request_digest(request, request.scheme, request.get_host(), request.headers.get("Accept", ""))
    return f"site:response:{digest}"


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD") or request.path.startswith(NOT_CACHED_PREFIXES):
        return False
    # Editors see drafts: only anonymous requests share cached responses. Checking the session
    # cookie first avoids a session lookup for the common case of a visitor without one.
    if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def _cacheable_response(request, response):
    return (
        response.status_code == 200
        # A page that rendered a CSRF token is tied to this visitor's cookie.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
        and "Cookie" not in response.get("Vary", "")
    )


def _conditional(request, response):
    """A cached response answers If-None-Match / If-Modified-Since as the view would have: 304 when
    the client's copy is current (the API sets ETag and Last-Modified, common/api/conditional.py)."""
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )


def _snapshot(response):
    """A plain HttpResponse with the rendered bytes and headers of `response`.

    A DRF or template response keeps its serializer data or context (model instances and all);
    pickling those for the cache would make every hit rebuild hundreds of objects.
    """
    snapshot = HttpResponse(response.content, status=response.status_code)
    for header, value in response.items():
        snapshot[header] = value
    return snapshot


class AnonymousResponseCacheMiddleware:
    """Serve repeated anonymous GETs from the cache; place it after auth and locale middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = cache_seconds()
        if seconds <= 0 or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        response = cache.get(key)
        if response is not None:
            response["X-Cache"] = "hit"
            return _conditional(request, response)
        response = self.get_response(request)
        if _cacheable_response(request, response):
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            cache.set(key, _snapshot(response), seconds)
            response["X-Cache"] = "miss"
        return response
