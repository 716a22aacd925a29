"""The client's address, read the same way by the login lockout and the API throttle.

Without a trusted proxy (the default) it is REMOTE_ADDR, the peer that opened the connection: a
client can put anything in X-Forwarded-For, so the header is ignored. With DJANGO_TRUSTED_PROXY=1
one proxy of ours stands in front: REMOTE_ADDR is then the proxy itself, and the client is the
address the proxy appended to X-Forwarded-For, its last entry (one hop). Entries before it were
written by the client or by proxies we know nothing of, so they are never read.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    """The address requests from this client are counted under (a string, or None if unknown)."""
    remote = request.META.get("REMOTE_ADDR") or None
    if not settings.TRUSTED_PROXY:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
    try:
        # Only an address: the lockout stores it in an address column (PostgreSQL's inet).
        return str(ipaddress.ip_address(forwarded))
    except ValueError:
        return remote
