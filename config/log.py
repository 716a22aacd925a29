"""Log lines, for the settings (LOGGING) and for gunicorn's configuration (logconfig_dict) alike.

DJANGO_LOG_FORMAT=json makes every line one JSON object (time, level, logger, message; the method,
path and status of a request; the traceback of an exception, as one string), for a log collector to
read without parsing text; `plain` (the default) keeps plain lines. The standard library only, so
gunicorn's master process can import it before Django is set up.

A formatter of our own rather than python-json-logger: the few fields are ours to name (a request's
from Django's records, a hit's from gunicorn's access atoms), it is thirty lines, and a dependency
would be one more package to follow for them.
"""

import datetime
import json
import logging
import os

FORMATS = ("plain", "json")

# gunicorn's access atoms (its `access_log_format` letters), by the field names of our lines.
ACCESS_FIELDS = {
    "method": "m",
    "path": "U",
    "query": "q",
    "status": "s",
    "bytes": "B",
    "remote": "h",
    "referer": "f",
    "user_agent": "a",
}


def log_format(environ=os.environ):
    value = (environ.get("DJANGO_LOG_FORMAT") or "plain").strip().lower()
    if value not in FORMATS:
        raise ValueError(f"DJANGO_LOG_FORMAT is {value!r}; allowed: {', '.join(FORMATS)}.")
    return value


class JsonFormatter(logging.Formatter):
    """One JSON object a line: newlines in a message or a traceback are escaped inside its strings."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        request = getattr(record, "request", None)
        # Django's request records carry the request (runserver's, a socket: no method).
        if isinstance(getattr(request, "method", None), str):
            entry["method"] = request.method
            entry["path"] = request.path
            if request.META.get("QUERY_STRING"):
                entry["query"] = request.META["QUERY_STRING"]
        if getattr(record, "status_code", None) is not None:
            entry["status"] = record.status_code
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry.update(_access_fields(record.args))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _access_fields(atoms):
    fields = {name: atoms.get(letter) for name, letter in ACCESS_FIELDS.items()}
    fields = {name: value for name, value in fields.items() if value not in (None, "", "-")}
    for name in ("status", "bytes"):
        if str(fields.get(name, "")).isdigit():
            fields[name] = int(fields[name])
    if str(atoms.get("D", "")).isdigit():  # microseconds
        fields["duration_ms"] = round(int(atoms["D"]) / 1000, 3)
    return fields


def _warnings_as_records():
    # Python's warnings (whitenoise's missing directory, a deprecation) are written to standard error
    # by the warnings module itself, as text; sent through logging instead, they are JSON lines too.
    logging.captureWarnings(True)


def django_logging(level, environ=os.environ):
    """The settings' LOGGING: everything to standard error at `level` and above."""
    handler = {"class": "logging.StreamHandler"}
    config = {"version": 1, "disable_existing_loggers": False, "handlers": {"console": handler}}
    if log_format(environ) == "json":
        config["formatters"] = {"json": {"()": JsonFormatter}}
        handler["formatter"] = "json"
        _warnings_as_records()
    config["root"] = {"handlers": ["console"], "level": level}
    return config


def gunicorn_logconfig(environ=os.environ):
    """gunicorn's logconfig_dict: with the JSON format, its error log to standard error and its access
    log to standard output, as JSON lines; empty (gunicorn's own lines) otherwise."""
    if log_format(environ) != "json":
        return {}
    _warnings_as_records()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {
            "json_stdout": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
            "json_stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
        },
        "root": {"level": "INFO", "handlers": ["json_stderr"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["json_stderr"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["json_stdout"], "propagate": False},
        },
    }
