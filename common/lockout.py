"""The login lockout's page and log line (django-axes; settings in config/settings.py).

Axes counts failed logins per user name and address; once a pair reaches AXES_FAILURE_LIMIT, every
further attempt with that pair, the right password included, is refused until AXES_COOLOFF_TIME has
passed since the last one. Axes calls `lockout_response` for each refused attempt and sends
`user_locked_out`, which `log_lockout` turns into one warning when a lockout begins.
"""

import logging
import math
from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils import timezone

logger = logging.getLogger(__name__)


def lockout_ends(request):
    """When the pair this request tried is let in again: the cool-off after its latest attempt."""
    return (getattr(request, "axes_attempt_time", None) or timezone.now()) + settings.AXES_COOLOFF_TIME


def lockout_response(request, response=None, credentials=None):
    """429 Too Many Requests, with a page saying why and when to try again, and `Retry-After`."""
    ends = lockout_ends(request)
    seconds = max(1, math.ceil((ends - timezone.now()).total_seconds()))
    # The page names a minute: the first whole one after the lock ends, so trying then succeeds.
    shown = ends.replace(second=0, microsecond=0) + timedelta(minutes=1)
    context = {
        **admin.site.each_context(request),
        "title": None,
        "ends": shown,
        "minutes": math.ceil(seconds / 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    locked = TemplateResponse(request, "admin/common/locked_out.html", context, status=429)
    locked["Retry-After"] = str(seconds)
    return locked.render()


def log_lockout(sender, request, username, ip_address, **kwargs):
    failures = getattr(request, "axes_failures_since_start", None)
    ends = lockout_ends(request).strftime("%Y-%m-%d %H:%M:%S %Z")
    if failures is not None and failures > settings.AXES_FAILURE_LIMIT:
        logger.info("Login refused during a lockout: user %r from %s, until %s", username, ip_address, ends)
        return
    logger.warning(
        "Login locked out: user %r from %s after %s failed attempts, until %s "
        "(python manage.py axes_reset_username lifts it)",
        username,
        ip_address,
        failures,
        ends,
    )
