"""The language of the API and the feeds: Accept-Language alone decides it (English by default).

Pages take their language from the URL (/es/, /fr/, /de/; English at the root), and Django's
LocaleMiddleware gives every unprefixed URL, /api/ included, the default language. The API has no
prefix and no cookie of its own: a client says which language it reads in Accept-Language, and the
reference rows' `name` fields answer in it (regions/names.py), as do the Atom feeds' titles and
categories (/feeds/, also unprefixed, read by programs); Content-Language says which one was
chosen and Vary: Accept-Language tells caches that it matters. The response cache and the ETags
key on the language the request carries (common/caching.request_digest), which this sets.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

# The language-neutral URLs that answer in the language the client accepts.
PREFIXES = ("/api/", "/feeds/")


def accepted_language(header):
    """The first of the site's languages that `header` (an Accept-Language value) accepts, by the
    client's preference (q), else the default; a language's regional variant counts (es-MX is es)."""
    for code, _q in parse_accept_lang_header(header or ""):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class ApiLanguageMiddleware:
    """Activates the language of Accept-Language for /api/ and /feeds/ (after LocaleMiddleware, before
    the response cache, which keys on it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIXES):
            return self.get_response(request)
        language = accepted_language(request.headers.get("Accept-Language"))
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language",))
        return response
