"""Session authentication that leaves the session alone when the request carries no session cookie."""

from django.conf import settings
from rest_framework import authentication


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication, minus a session lookup for clients that have no session.

    Reading `request.user` loads the session, and a loaded session makes SessionMiddleware add
    `Vary: Cookie` to the response, which keeps the anonymous response cache (common/caching.py)
    from ever storing an API response. Scripts and anonymous visitors have no session cookie: for
    them there is no one to authenticate by session, so skip it.
    """

    def authenticate(self, request):
        if settings.SESSION_COOKIE_NAME not in request._request.COOKIES:
            return None
        return super().authenticate(request)
