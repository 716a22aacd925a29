"""Conditional GET for the API: ETag and Last-Modified derived from the site's content version.

A response depends only on its URL, its language, its representation (JSON, CSV, HTML), its
audience (anonymous, or which user: an editor may see drafts) and the site's content,
whose version (common/caching.py) every write replaces. So the ETag is a digest of those
(`request_digest`), computed before any query: a client that sends it back in If-None-Match gets
304 without the list being read again, and any write changes it.

The detail of an object that editors write with If-Match (a practice) has a two-part ETag,
`"<version>.<digest>"` (`versioned_etag`): the object's own version (its primary key and its
revision, counted on every save) and the digest above. The two parts do two different jobs:

- If-None-Match (304) compares the whole tag, so a 304 is as exact as for any other response: the
  digest changes with every write anywhere, including the institution, country or priority areas
  the detail shows. A tag whose digest is current was made under this content version, when the
  object was as it is now, so it is answered 304 before the object is read at all.
- If-Match (a write) compares the version part only (`if_match_versions`): the write goes ahead
  when the object itself has not changed since the client read it, whatever else changed on the
  site meanwhile. Comparing the whole tag would refuse a write after any unrelated write, and
  two editors of two practices would keep refusing each other. The version part is what gzip
  compression leaves alone, so the weak form (W/"...") that a compressed answer carries is accepted
  too: it names the same version of the object.

Last-Modified is when the content version last changed (the row in the database,
common/caching.py), to the second: If-Modified-Since is sound too. When an earlier version changed
within the same second, a client's copy of that second may be either, so it is not answered 304 on
its date alone until a later write; If-None-Match, exact, wins when a client sends both.
"""

from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags

from common.caching import comparable_last_modified, content_state, request_digest


def validators(request, audience=""):
    """(etag, last_modified timestamp) of the response this DRF request would get now."""
    state = content_state()
    media_type = getattr(request, "accepted_media_type", "") or ""
    digest = request_digest(request, media_type, audience, version=state.token)
    return f'"{digest[:40]}"', state.last_modified


ANY_VERSION = "*"


def versioned_etag(etag, version):
    """The ETag of the detail of an object at `version`, from the site-wide tag of its request."""
    return f'"{version}.{etag.strip(chr(34))}"'


def _parts(tag):
    """(version, digest) of a tag made by versioned_etag, in its strong or weak form; else None."""
    tag = tag.strip().removeprefix("W/")
    if len(tag) < 2 or not (tag.startswith('"') and tag.endswith('"')):
        return None
    version, dot, digest = tag[1:-1].partition(".")
    return (version, digest) if dot and version and digest else None


def if_match_versions(request):
    """What the request's If-Match asks for: None when it has none, ANY_VERSION for `*`, else the set
    of object versions its tags name (empty when none is one of ours: then nothing matches)."""
    header = request.headers.get("If-Match")
    if header is None:
        return None
    tags = parse_etags(header)
    if tags == ["*"]:
        return ANY_VERSION
    return {parts[0] for parts in map(_parts, tags) if parts is not None}


def _held_tag(request, etag):
    """A tag of the request's If-None-Match made under the current site-wide `etag`, strong form."""
    digest = etag.strip('"')
    for tag in parse_etags(request.headers.get("If-None-Match", "")):
        parts = _parts(tag)
        if parts is not None and parts[1] == digest:
            return tag.removeprefix("W/")
    return None


def _json_precondition_failed(early, etag):
    """Django answers a failed If-Match / If-Unmodified-Since on a GET with an empty 412; the API's
    errors are JSON. A 304 passes as it is."""
    if early.status_code != 412:
        return early
    detail = "The precondition (If-Match or If-Unmodified-Since) does not hold for the current version."
    response = JsonResponse({"detail": detail}, status=412)
    response["ETag"] = etag
    return response


def _set_headers(response, request, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Always revalidate (no heuristic freshness from Last-Modified); editors' answers stay private.
    if request.user and request.user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ("Accept", "Authorization"))


def _names(request, etag):
    """Whether the request's If-None-Match names `etag` itself: only a 200 of this URL gave it out."""
    tags = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
    return etag in (tag.removeprefix("W/") for tag in tags)


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
            if early.status_code != 304 or _names(request, etag):
                return _json_precondition_failed(early, etag)
            # `If-None-Match: *` or a date says nothing of this URL, which may not answer 200 at all (a
            # bad parameter, a page past the end): a precondition holds only for a request that would
            # succeed without it (RFC 9110, 13.2.1), so the handler says which.
            response = handler(request, *args, **kwargs)
            return early if response.status_code == 200 else response
        response = handler(request, *args, **kwargs)
        if response.status_code == 200:
            _set_headers(response, request, etag, last_modified)
        return response

    def conditional_versioned(self, request, get_object, render, version):
        """Conditional GET of one object with a two-part ETag (see the module's docstring):
        get_object() reads it (or raises), version(obj) names its version, render(obj) answers 200.

        A client whose tag was made under the current content version gets its 304 without a query;
        any other request reads the object first, to know its version.
        """
        etag, last_modified = validators(request, self.audience(request))
        headers = HttpResponse()
        held = _held_tag(request, etag)
        obj = None
        if held is not None:
            etag = held
        else:
            obj = get_object()
            etag = versioned_etag(etag, version(obj))
        _set_headers(headers, request, etag, last_modified)
        early = get_conditional_response(
            request, etag=etag, last_modified=comparable_last_modified(last_modified), response=headers
        )
        if early is not headers:
            return _json_precondition_failed(early, etag)
        response = render(obj if obj is not None else get_object())
        if response.status_code == 200:
            _set_headers(response, request, etag, last_modified)
        return response

    def current_etag(self, request, obj, version):
        """The ETag a GET of this object's detail by this client would carry now."""
        etag, _last_modified = validators(request, self.audience(request))
        return versioned_etag(etag, version(obj))

    def list(self, request, *args, **kwargs):
        return self.conditional(request, super().list, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self.conditional(request, super().retrieve, *args, **kwargs)
