"""A database that fails answers 503, not 500: the project's handler500 (config/urls.py).

Django turns an exception raised in a view or in any middleware into a response where it is raised
(each layer is wrapped by convert_exception_to_response), calling handler500 inside the `except`
block; DRF re-raises the exceptions that are not its own to that same place. So handler500 is the
one place that sees every failure: in views, in DRF views, and in middleware (sessions,
authentication, the response cache). It looks at the exception being handled:

- an OperationalError or InterfaceError of django.db (the server down, the connection lost, a
  statement cancelled by the statement timeout of common/statement_timeout.py) answers 503 with
  `Retry-After` (settings.SERVICE_UNAVAILABLE_RETRY_AFTER seconds) and `Cache-Control: no-store`:
  the plain page templates/503.html, rendered without a request (no context processor, so nothing
  reads the session or the user), or on /api/ `{"detail": "..."}`; logged as one line;
- anything else keeps its 500: Django's page (templates/500.html), or on /api/ `{"detail": ...}`,
  logged with its traceback by django.request as before.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

from .statement_timeout import is_statement_timeout

logger = logging.getLogger("common.unavailable")

API_PREFIX = "/api/"
UNAVAILABLE = "unavailable"
TIMED_OUT = "timed out"


def database_failure(error):
    """TIMED_OUT, UNAVAILABLE, or None when `error` (or what it was raised from) is no database failure."""
    seen = 0
    while error is not None and seen < 5:
        if isinstance(error, OperationalError | InterfaceError):
            return TIMED_OUT if is_statement_timeout(error) else UNAVAILABLE
        error, seen = error.__cause__, seen + 1
    return None


def one_line(error):
    return " ".join(f"{type(error).__name__}: {error}".split())


def retry_after():
    return int(getattr(settings, "SERVICE_UNAVAILABLE_RETRY_AFTER", 30))


def message(failure):
    seconds = retry_after()
    if failure == TIMED_OUT:
        limit = settings.DATABASE_STATEMENT_TIMEOUT_MS / 1000
        return (
            f"This request took too long: the database stopped it after {limit:g} s. "
            f"Try again in {seconds} seconds, or ask for less (fewer words, narrower filters)."
        )
    return f"The catalogue's database is not answering. Try again in {seconds} seconds."


def unavailable_response(request, failure):
    text = message(failure)
    if request.path.startswith(API_PREFIX):
        response = JsonResponse({"detail": text}, status=503)
    else:
        page = loader.get_template("503.html").render({"message": text, "timed_out": failure == TIMED_OUT})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(retry_after())
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500: 503 for a database failure, 500 otherwise (JSON on the API)."""
    error = sys.exc_info()[1]
    failure = database_failure(error)
    if failure is None:
        if request.path.startswith(API_PREFIX):
            return JsonResponse({"detail": "Server error."}, status=500)
        return defaults.server_error(request)
    logger.error("database %s: %s %s: %s", failure, request.method, request.path, one_line(error))
    response = unavailable_response(request, failure)
    # Logged above in one line: django.request would log it again, with the whole traceback.
    response._has_been_logged = True
    return response
