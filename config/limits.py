"""How long a web request may keep a worker and the database: read from the environment by
config/settings.py and by gunicorn's configuration (config/gunicorn.conf.py), so both derive from
the same values. Plain Python, no Django: gunicorn's master reads it before Django is loaded.

- `GUNICORN_TIMEOUT` (seconds, default 30): gunicorn stops a worker busy on one request for longer.
- `DATABASE_STATEMENT_TIMEOUT_MS` (milliseconds): the longest a statement of a web request may run;
  the database cancels it then, and the request answers 503. By default 5 s below the worker
  timeout (25,000 for 30 s), so that the 503 is sent before gunicorn would kill the worker; it
  must stay below the worker timeout.
- `DATABASE_COMMAND_STATEMENT_TIMEOUT_MS` (milliseconds, default 0: none): the same for
  management commands (imports, index rebuilds), which no web server waits for.
"""

import os

DEFAULT_WORKER_TIMEOUT_S = 30
# The default statement timeout leaves the request this long to answer before the worker timeout.
MARGIN_MS = 5000


class LimitError(ValueError):
    """A timeout set to a value that cannot work; the message names the variable."""


def _whole_number(name, default):
    raw = os.environ.get(name, "").strip()
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise LimitError(f"{name} must be a whole number, not {raw!r}.") from None
    if value < 0:
        raise LimitError(f"{name} must be 0 or more, not {value}.")
    return value


def worker_timeout_seconds():
    value = _whole_number("GUNICORN_TIMEOUT", DEFAULT_WORKER_TIMEOUT_S)
    if value < 1:
        raise LimitError("GUNICORN_TIMEOUT must be at least 1 (seconds).")
    return value


def default_statement_timeout_ms(worker_seconds):
    worker_ms = worker_seconds * 1000
    return max(worker_ms - MARGIN_MS, worker_ms // 2)


def web_statement_timeout_ms(worker_seconds=None):
    """The web requests' statement timeout, checked against the worker timeout (`worker_seconds`,
    by default GUNICORN_TIMEOUT's)."""
    worker_seconds = worker_timeout_seconds() if worker_seconds is None else worker_seconds
    value = _whole_number("DATABASE_STATEMENT_TIMEOUT_MS", default_statement_timeout_ms(worker_seconds))
    check(value, worker_seconds)
    return value


def check(statement_ms, worker_seconds):
    if not 0 < statement_ms < worker_seconds * 1000:
        raise LimitError(
            f"DATABASE_STATEMENT_TIMEOUT_MS ({statement_ms}) must be more than 0 and less than the web "
            f"server's worker timeout ({worker_seconds} s = {worker_seconds * 1000} ms): a statement "
            "must be stopped, and answered with a 503, before the worker is killed."
        )


def command_statement_timeout_ms():
    return _whole_number("DATABASE_COMMAND_STATEMENT_TIMEOUT_MS", 0)


def connect_timeout_seconds():
    """DATABASE_CONNECT_TIMEOUT: how long a connection to PostgreSQL may take to open (libpq counts
    at least 2 s); a server that accepts and never answers then fails the request with a 503."""
    return _whole_number("DATABASE_CONNECT_TIMEOUT", 5)


def retry_after_seconds():
    return _whole_number("SERVICE_UNAVAILABLE_RETRY_AFTER", 30)
