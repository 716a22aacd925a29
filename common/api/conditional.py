"""Conditional GET for the API: ETag and Last-Modified derived from the site's content version.

A response depends only on its URL, its language, its representation (JSON, CSV, HTML), its
audience (anonymous, or which user: an editor may see drafts) and the site's content,
whose version (common/caching.py) every write replaces. So the ETag is a digest of those
(`request_digest`), computed before any query: a client that sends it back in If-None-Match gets
304 without the list being read again, and any write changes it.

Last-Modified is when the content version last changed (the row in the database,
common/caching.py), to the second: If-Modified-Since is sound too. When an earlier version changed
within the same second, a client's copy of that second may be either, so it is not answered 304 on
its date alone until a later write; If-None-Match, exact, wins when a client sends both.
"""

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from common.caching import comparable_last_modified, content_state, request_digest


def validators(request, audience=""):
    """(etag, last_modified timestamp) of the response this DRF request would get now."""
    state = content_state()
    media_type = getattr(request, "accepted_media_type", "") or ""
    digest = request_digest(request, media_type, audience, version=state.token)
    return f'"{digest[:40]}"', state.last_modified


def _set_headers(response, request, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Always revalidate (no heuristic freshness from Last-Modified); editors' answers stay private.
    if request.user and request.user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ("Accept", "Authorization"))


class ConditionalGetMixin:
    """For read viewsets: `list`, `retrieve` (and any handler passed to `conditional`) answer 304
    when the client's validators still hold, and carry ETag and Last-Modified on every 200.

    Answers to different users have different ETags (`audience`): an editor may see drafts, and the
    browsable API names whoever is logged in.
    """

    def audience(self, request):
        """What, beside the URL, language and format, tells this request's answer from another's."""
        user = request.user
        return f"user:{user.pk}" if user is not None and user.is_authenticated else "anonymous"

    def conditional(self, request, handler, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return handler(request, *args, **kwargs)
        etag, last_modified = validators(request, self.audience(request))
        headers = HttpResponse()
        _set_headers(headers, request, etag, last_modified)
        early = get_conditional_response(
            request, etag=etag, last_modified=comparable_last_modified(last_modified), response=headers
        )
        if early is not headers:
            return early
        response = handler(request, *args, **kwargs)
        if response.status_code == 200:
            _set_headers(response, request, etag, last_modified)
        return response

    def list(self, request, *args, **kwargs):
        return self.conditional(request, super().list, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self.conditional(request, super().retrieve, *args, **kwargs)
