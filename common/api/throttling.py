"""Requests per client address, for API clients that are not signed in (DRF throttling).

`AnonymousAddressThrottle` is in the API's DEFAULT_THROTTLE_CLASSES with the scope `anonymous`,
whose rate is API_THROTTLE_RATE (config/settings.py). Over the rate, DRF answers 429 with
`Retry-After` (whole seconds) and `{"detail": "Request was throttled. Expected available in N
seconds."}`. Editors, signed in by token or session, are not counted.

Reuse it for another limit per address (say, POSTs to a public form) by subclassing it with a
scope of its own, giving that scope a rate in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], and
setting `count_signed_in = True` if editors should be counted too. A DRF view lists it in
`throttle_classes`; a plain Django view calls `throttle.allow_request(request, None)` and, when
that is False, answers 429 with `Retry-After: ceil(throttle.wait())`.

The counts live in the default cache. When the cache is down, reads of it answer a miss (the
cache wrapper swallows the error), so every request is let through: the throttle fails open
rather than taking the API down with the cache.
"""

import math

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from common.addresses import client_address


class AnonymousAddressThrottle(SimpleRateThrottle):
    scope = "anonymous"
    count_signed_in = False

    def get_rate(self):
        # Read the rates when the throttle is made (once per request), not when DRF was imported,
        # so that a rate changed in settings (tests, a deployment's settings module) is the one used.
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError:
            return super().get_rate()

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        if not self.count_signed_in and user is not None and user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}

    def wait(self):
        """Seconds until one more request fits in the window: when the oldest of the counted leaves."""
        counted = self.history[: self.num_requests]
        if len(counted) < self.num_requests:
            return 0
        return max(1, math.ceil(self.duration - (self.now - counted[-1])))
