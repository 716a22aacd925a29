"""How many proposals one client address may send: SHARE_THROTTLE_RATE POSTs to /share/ (default
10 an hour; "off" turns it off).

The API's throttle (common/api/throttling.py) with a scope of its own, `share`, whose rate settings
put in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]. The address is common.addresses.client_address, so
DJANGO_TRUSTED_PROXY is honoured as by the login lockout and the API. Every POST counts, valid or
not, signed in or not. The counts are in the cache; when it is down the throttle reads no history
and lets every POST through (it fails open), as the API's does.
"""

from common.api.throttling import AnonymousAddressThrottle


class ShareThrottle(AnonymousAddressThrottle):
    scope = "share"
    count_signed_in = True


def refusal(request):
    """None when this POST may go ahead (and it is counted), else the seconds to wait."""
    throttle = ShareThrottle()
    if throttle.allow_request(request, None):
        return None
    return throttle.wait()
