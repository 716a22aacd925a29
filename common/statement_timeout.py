"""A statement timeout on every database connection, so no request holds the database longer than
the web server waits for it.

Which timeout a connection gets depends on the process that opens it: a web process (the WSGI or
ASGI application, config/wsgi.py, calls `serve_web()` when it loads) uses
`settings.DATABASE_STATEMENT_TIMEOUT_MS`; anything else (management commands, the shell, tests)
`settings.DATABASE_COMMAND_STATEMENT_TIMEOUT_MS`, where 0 means none. It is set when a connection
is opened (`connection_created`), once per connection, not per request.

- PostgreSQL: `SET statement_timeout`, the server's own limit. It counts each statement on its
  own: a server-side cursor's DECLARE, and then each FETCH, are separate statements (the CSV
  export reads that way). The cancelled statement raises QueryCanceled (SQLSTATE 57014), an
  OperationalError; the connection stays usable for the next request.
- SQLite: a progress handler (sqlite3's `set_progress_handler`), called every PROGRESS_STEPS
  virtual-machine instructions, interrupts a statement once the timeout has passed since the
  connection last started one (every execute() restarts the clock); the statement raises
  OperationalError("interrupted"). Rows read lazily count from that start too, until the next
  statement: the CSV export runs one per chunk of rows, so a chunk, not the whole file, has to fit.

common/unavailable.py turns either error into a 503 that says the request took too long.
"""

import time

from django.conf import settings

# How often SQLite calls the handler: a call costs about a microsecond, 10,000 instructions tens.
PROGRESS_STEPS = 10_000

_role = {"web": False}


def serve_web():
    """This process serves web requests: the connections it opens from now on get the web timeout."""
    _role["web"] = True


def serves_web():
    return _role["web"]


def configured_milliseconds():
    if serves_web():
        return settings.DATABASE_STATEMENT_TIMEOUT_MS
    return settings.DATABASE_COMMAND_STATEMENT_TIMEOUT_MS


def on_connection_created(sender, connection, **kwargs):
    milliseconds = configured_milliseconds()
    if milliseconds:
        apply(connection, milliseconds)


def apply(connection, milliseconds):
    """Limit each statement on `connection` (a Django connection) to `milliseconds`; 0 lifts the
    limit (back to the server's default on PostgreSQL)."""
    milliseconds = int(milliseconds)
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.connection.cursor() as cursor:
            if milliseconds:
                cursor.execute("SET statement_timeout = %s", [milliseconds])
            else:
                cursor.execute("RESET statement_timeout")
    elif connection.vendor == "sqlite":
        _apply_sqlite(connection, milliseconds)


class SQLiteClock:
    """The progress handler's clock: started by every statement the connection executes (it is one
    of the connection's execute wrappers), expired `seconds` later."""

    def __init__(self, milliseconds):
        self.seconds = milliseconds / 1000
        self.started = None

    def __call__(self, execute, sql, params, many, context):
        self.started = time.monotonic()
        return execute(sql, params, many, context)

    def expired(self):
        # Non-zero tells SQLite to interrupt the running statement.
        return int(self.started is not None and time.monotonic() - self.started > self.seconds)


def _apply_sqlite(connection, milliseconds):
    # A connection object outlives its database connections: drop the clock of an earlier one.
    wrappers = connection.execute_wrappers
    wrappers[:] = [wrapper for wrapper in wrappers if not isinstance(wrapper, SQLiteClock)]
    if not milliseconds:
        connection.connection.set_progress_handler(None, 0)
        return
    clock = SQLiteClock(milliseconds)
    wrappers.insert(0, clock)
    connection.connection.set_progress_handler(clock.expired, PROGRESS_STEPS)


def is_statement_timeout(error):
    """Whether `error` (a database error as Django raises it) is a statement stopped by this timeout."""
    cause = error.__cause__
    if getattr(cause, "pgcode", None) == "57014" or getattr(cause, "sqlstate", None) == "57014":
        return True
    return type(cause).__module__ == "sqlite3" and str(cause) == "interrupted"
