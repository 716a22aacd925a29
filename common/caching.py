"""A cache of anonymous reads that is exact: keyed on the content version, replaced on every write.

A page or API response depends only on its URL, its language, its representation (Accept) and the
site's content. The content version is one row in the database (common.models.ContentVersion)
whose token every write to a model of the apps in `settings.CONTENT_APPS` replaces (post_save,
post_delete and the post_ actions of m2m_changed), in the write's own transaction. Bulk
`QuerySet.update()` and `bulk_create()` send no signal: code that uses them calls
`bump_content_version()` itself, inside its transaction. Entries also expire after
`CATALOGUE_CACHE_SECONDS` (default 600; 0 turns the cache off).

Every process reads the same row, so a write is seen by every web process on its next request and
by writes from management commands too, whether the cache is shared (REDIS_URL) or each process's
own (the local-memory cache). A request reads the row once, at its first need, and keeps it for
its duration (`request_started` starts a new request's memo, `request_finished` ends it); a write
within the request forgets it, so what the request reads after its own write is keyed on the new
token. Outside requests (management commands, shells, tests) every call reads the row.

Why a reader never caches old rows under a version that stays reachable:

- A request reads the version before any row it caches under it (the middleware computes its key
  first; `per_content_version` reads the version before computing). Each statement sees every
  transaction committed before it started, on SQLite and on PostgreSQL (read committed), and a
  replica replays commits in order: rows read after the version are at least as new as it. (With
  read replicas the version is read through the router like the rows, from the same database.)
- A write changes its rows and the token in one transaction: nobody sees one without the other.
  Rows newer than the version they are cached under were written by a transaction that also
  replaced the token; once it commits, that version is unreachable to every later request.
- Two writers never lose a bump: each is an UPDATE of the one row (PostgreSQL locks it until the
  first commits, SQLite has one writer at a time), setting a fresh random token, so the token after
  both differs from every token either one's readers saw.
- A rolled-back write leaves the old token, which matches the old rows again; what the writing
  request cached in between is under its new token, which is random and so never comes back.
- Within a transaction that writes several times, every write replaces the token, so what the
  transaction's own reads cached between two writes is under a token the next write replaced.

(A write outside a transaction, in autocommit, commits its rows and then the token: a reader in
between may cache the old rows under the old token, until the token changes a moment later. Every
service writes inside a transaction.)

What stays is inherent: a request that read the version just before a write commits may answer
with the content as it was, as if it had arrived a moment earlier.

`request_digest()` is the one derivation of "this response, now": the cache keys below and the
API's ETags (common/api/conditional.py) are both made with it. The row's change times give the
API's Last-Modified.

A cache that fails costs no page: the Redis backend (common/cache_backends.py) treats every failed
operation as a miss and skips the cache for a few seconds after a failure; the pages then answer
from the database, a little slower.
"""

import contextvars
import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Case, F, Value, When
from django.db.models.functions import Greatest
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language

# The probes too: they are never cached, and must not read the content version before they run.
NOT_CACHED_PREFIXES = ("/admin/", "/i18n/", "/healthz", "/readyz")


class ContentState:
    """The content version as read: its token, and its Last-Modified as an HTTP date (seconds)."""

    __slots__ = ("last_modified", "modified_after", "token")

    def __init__(self, token, changed_at, previous_changed_at):
        self.token = token
        # HTTP dates count whole seconds. The header says the second of the last write; whether a
        # client's copy dated that second is current depends on whether an earlier version shares
        # the second: then it may be that one, and the answer is "modified" until a later write
        # (`modified_after`: a 304 for If-Modified-Since needs a date at least that).
        self.last_modified = int(changed_at.timestamp())
        previous = int(previous_changed_at.timestamp()) if previous_changed_at is not None else None
        shared = previous == self.last_modified
        self.modified_after = self.last_modified + 1 if shared else self.last_modified


class _Memo:
    __slots__ = ("state",)

    def __init__(self):
        self.state = None


# The current request's memo; None outside requests.
_memo = contextvars.ContextVar("content_version_memo", default=None)


def _read():
    from common.models import ContentVersion

    row = ContentVersion.objects.current()
    if row is None:
        # A database without the row (a test database flushed after migrating): start one.
        _create_row(uuid.uuid4().hex, timezone.now())
        row = ContentVersion.objects.current()
    return ContentState(*row)


def content_state():
    """The content version, read once per request (at every call outside requests)."""
    memo = _memo.get()
    if memo is None:
        return _read()
    if memo.state is None:
        memo.state = _read()
    return memo.state


def content_version():
    """The current content version's token."""
    return content_state().token


# The token this thread's open transaction set last (None once it commits): a transaction's own
# later writes keep the row's `previous_changed_at`, since nobody else saw its versions in between.
_own_token = contextvars.ContextVar("content_version_own_token", default=None)


def _forget_own_token():
    _own_token.set(None)


def bump_content_version(**kwargs):
    """Start a new content version: call it inside the transaction of a write that sends no signal."""
    from common.models import ContentVersion

    now = timezone.now()
    token = uuid.uuid4().hex
    in_transaction = connections[DEFAULT_DB_ALIAS].in_atomic_block
    own = _own_token.get() if in_transaction else None
    # The change before this one, for Last-Modified: the row's last, unless that was this same
    # transaction's (still holding the row), whose versions no one else could read.
    previous = F("changed_at")
    if own is not None:
        previous = Case(When(token=own, then=F("previous_changed_at")), default=F("changed_at"))
    updated = ContentVersion.objects.filter(pk=ContentVersion.ROW).update(
        token=token,
        writes=F("writes") + 1,
        previous_changed_at=previous,
        # Never earlier than the last change, whatever this process's clock says.
        changed_at=Greatest(Value(now), F("changed_at")),
    )
    if not updated:
        _create_row(token, now)
    if in_transaction:
        _own_token.set(token)
        transaction.on_commit(_forget_own_token)
    memo = _memo.get()
    if memo is not None:
        memo.state = None


def _create_row(token, now):
    from common.models import ContentVersion

    ContentVersion.objects.get_or_create(pk=ContentVersion.ROW, defaults={"token": token, "changed_at": now})


def comparable_last_modified(last_modified):
    """The date to hold If-Modified-Since against for a response dated `last_modified`: the content
    version's `modified_after` when it is the content version's date."""
    if last_modified is not None and last_modified == content_state().last_modified:
        return content_state().modified_after
    return last_modified


def _start_request(**kwargs):
    _memo.set(_Memo())


def _end_request(**kwargs):
    _memo.set(None)


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
    try:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # no SQL: it has no rows (a search with no word in it)
        return "empty"
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


def _on_write(sender, action="post_", **kwargs):
    # m2m_changed says pre_add before the rows change and post_add after: the second is enough.
    if sender._meta.app_label in settings.CONTENT_APPS and action.startswith("post_"):
        bump_content_version()


def connect_signals():
    post_save.connect(_on_write, dispatch_uid="content-version-save")
    post_delete.connect(_on_write, dispatch_uid="content-version-delete")
    m2m_changed.connect(_on_write, dispatch_uid="content-version-m2m")
    request_started.connect(_start_request, dispatch_uid="content-version-request-started")
    request_finished.connect(_end_request, dispatch_uid="content-version-request-finished")


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
    last_modified = comparable_last_modified(parse_http_date_safe(response.get("Last-Modified", "")))
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
