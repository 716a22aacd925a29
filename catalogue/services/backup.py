"""Backups of the catalogue: one compressed file of Django's serialized rows (JSON Lines, one row a
line, gzip), written by `backup_catalogue` and read back by `restore_catalogue` through `loaddata`.

What a backup holds: every model of the content apps (settings.CONTENT_APPS), their history tables
(simple-history's, with the many-to-many history) included, and the accounts that wrote them: users
(with their password hashes), groups, API tokens and the admin's log of actions. So the file is as
secret as the database itself.

What it leaves out, and why:

- Content types and permissions: `migrate` makes them in every database, under ids of its own. Rows
  that refer to them (a group's or a user's permissions, a log entry's type) are written with their
  natural keys (app label, model, codename), which name the same row in any database.
- The search index (catalogue.SearchEntry and SearchTerm, and on SQLite the FTS5 table its triggers
  fill): it is derived from the practices' texts, so the restore rebuilds it with the analysis of the
  code that restores (a backup made before a change of the analysis gets the new terms), and the file
  stays a third smaller.
- Sessions: a login is not content, and a session names its user by id only; a restore logs everybody
  out (a forced one deletes the sessions it finds).
- Any other app: django-axes' login attempts and lockouts, the content version (derived: every write
  of the restore replaces it), the migrations table (the restore needs a migrated database).

Primary keys are kept (no --natural-primary), but for groups: simple-history's records name the row
they track by its id (a plain integer column, not a foreign key), and so do the admin's log and its
URLs. A restore into an empty database puts every row back under its id. Natural keys go where ids
differ between two databases: the groups (a migration makes Editors and Viewers, so the restore
updates those by name), and the references to them and to permissions and content types.

Natural foreign keys everywhere, as `dumpdata --natural-foreign` writes them, would not do: a history
record keeps the foreign keys of a row as it was, and the row it pointed to may be gone (the
many-to-many history of a deleted practice names that practice), so dumpdata stops with "Practice
matching query does not exist". They would also cost one query per foreign key of every row.
"""

import datetime
import gzip
import io
import os
import shutil
import tempfile
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from . import search_index

# The apps of the accounts that edit the catalogue; the content apps come from settings.CONTENT_APPS.
ACCOUNT_APPS = ["auth", "authtoken", "admin"]

# Models of those apps that a backup leaves out, with the reason (see the module's docstring).
NOT_BACKED_UP = {
    "auth.permission": "made by migrate in every database; referred to by natural key",
    "catalogue.searchentry": "derived from the practices' texts; rebuilt by the restore",
    "catalogue.searchterm": "derived from the practices' texts; rebuilt by the restore",
}

# Rows a migrated database makes for itself, under ids of its own: written and read by natural key.
NATURAL_KEY_MODELS = {"contenttypes.contenttype", "auth.permission", "auth.group"}

# Rows read at a time; their many-to-many values are read with them, one query per chunk.
CHUNK = 2000

SUFFIX = ".jsonl.gz"


def backed_up_models():
    """The models a backup holds, in an order where each comes after those it refers to by natural key."""
    labels = [*ACCOUNT_APPS, *settings.CONTENT_APPS, *getattr(settings, "BACKED_UP_APPS", [])]
    chosen = [
        (
            apps.get_app_config(label),
            [
                model
                for model in apps.get_app_config(label).get_models()
                if not model._meta.proxy and model._meta.label_lower not in NOT_BACKED_UP
            ],
        )
        for label in labels
    ]
    return serializers.sort_dependencies(chosen, allow_cycles=True)


def _refers_to_natural_key_models(model):
    return any(
        f.is_relation and f.concrete and f.related_model._meta.label_lower in NATURAL_KEY_MODELS
        for f in model._meta.get_fields()
    )


def _rows(model, using):
    rows = model._base_manager.using(using).order_by(model._meta.pk.name)
    many = [f.name for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]
    if many:
        rows = rows.prefetch_related(*many)
    return rows.iterator(chunk_size=CHUNK)


def write_rows(stream, using=DEFAULT_DB_ALIAS):
    """Write every backed-up row to the text `stream`, one JSON object a line. Returns the row count of
    each model, by label.

    Read in one snapshot: on PostgreSQL a repeatable-read transaction (the default, read committed,
    would let an editor's save land between two tables); SQLite's read transaction is one already.
    """
    counts = Counter()
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for model in backed_up_models():
            counted = _Counted(_rows(model, using))
            serializers.serialize(
                "jsonl",
                counted,
                stream=stream,
                use_natural_foreign_keys=_refers_to_natural_key_models(model),
                use_natural_primary_keys=model._meta.label_lower in NATURAL_KEY_MODELS,
                cls=_Encoder,
            )
            counts[model._meta.label] = counted.count
    return counts


class _Encoder(DjangoJSONEncoder):
    """Django's encoder, but datetimes keep their microseconds: it cuts them to milliseconds, so a
    restored history record, a practice's last change, would not be the time that was backed up."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


class _Counted:
    def __init__(self, rows):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def write_backup(path, using=DEFAULT_DB_ALIAS):
    """Write a backup to `path` (a file name, or "-" for standard output). Returns the counts.

    The file appears whole or not at all: it is written beside, under a temporary name, and renamed
    when complete. It is readable by its owner only (it holds password hashes and API tokens).
    """
    if path == "-":
        stdout = os.fdopen(os.dup(1), "wb")
        with stdout, gzip.GzipFile(fileobj=stdout, mode="wb") as compressed:
            return _write_text(compressed, using)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb") as compressed:
            counts = _write_text(compressed, using)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return counts


def _write_text(binary, using):
    text = io.TextIOWrapper(binary, encoding="utf-8", newline="\n")
    try:
        return write_rows(text, using)
    finally:
        text.flush()
        text.detach()


class RestoreRefused(Exception):
    """The database is not one a restore may write into (not migrated, or not empty without force)."""


@dataclass
class RestoreReport:
    rows: dict = field(default_factory=dict)
    indexed: int = 0


def unapplied_migrations(using=DEFAULT_DB_ALIAS):
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [migration for migration, _backwards in plan]


def rows_held(using=DEFAULT_DB_ALIAS):
    """Rows of the backed-up models the database holds, by model label, but the groups a migration
    makes (a restore updates those)."""
    held = {}
    for model in backed_up_models():
        if model._meta.label_lower in NATURAL_KEY_MODELS:
            continue
        count = model._base_manager.using(using).count()
        if count:
            held[model._meta.label] = count
    return held


def _tables_replaced():
    """The tables a forced restore empties first: the backed-up models' (many-to-many tables too), the
    search index's, and the sessions (which name users by ids the restore gives to others)."""
    models = [
        *backed_up_models(),
        *(apps.get_model(label) for label in NOT_BACKED_UP if label != "auth.permission"),
        apps.get_model("sessions", "Session"),
    ]
    tables = []
    for model in models:
        tables.append(model._meta.db_table)
        tables.extend(
            f.remote_field.through._meta.db_table
            for f in model._meta.many_to_many
            if f.remote_field.through._meta.auto_created
        )
    return tables


def restore(path, force=False, using=DEFAULT_DB_ALIAS):
    """Load the backup at `path` (a file name, or "-" for standard input) into a migrated database
    that holds none of the backed-up rows, then rebuild the search index; one transaction.

    With `force`, the rows it holds are deleted first (catalogue, history, users, tokens, sessions),
    in the same transaction: the database then holds what the backup holds.
    """
    pending = unapplied_migrations(using)
    if pending:
        raise RestoreRefused(
            f"The database is not migrated ({len(pending)} migrations to apply, the first {pending[0]}): "
            "run `manage.py migrate` first."
        )
    held = rows_held(using)
    if held and not force:
        raise RestoreRefused(
            f"The database is not empty ({held.get('catalogue.Practice', 0)} practices, "
            f"{held.get('auth.User', 0)} users, {sum(held.values())} rows in all): a restore would mix "
            "the backup with them. "
            "Restore into a new migrated database, or pass --force (make restore FORCE=1) to delete "
            "them and keep only the backup's."
        )
    with _fixture_file(path) as fixture, transaction.atomic(using=using):
        connection = connections[using]
        if held:
            # DELETE rather than flush's TRUNCATE on PostgreSQL, which refuses tables with checks of
            # foreign keys still pending in the transaction; the checks wait for the commit.
            with connection.cursor() as cursor:
                for table in _tables_replaced():
                    cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
        call_command("loaddata", fixture, database=using, verbosity=0)
        indexed = search_index.rebuild()
    rows = {model._meta.label: model._base_manager.using(using).count() for model in backed_up_models()}
    return RestoreReport(rows=rows, indexed=indexed)


@contextmanager
def _fixture_file(path):
    """A path loaddata can read: the backup itself when its name says its format (....jsonl.gz), else
    a temporary copy under such a name (standard input, a renamed file)."""
    if path != "-" and not Path(path).is_file():
        raise RestoreRefused(f"No backup at {path}.")
    if path != "-" and str(path).endswith(SUFFIX):
        yield os.path.abspath(path)
        return
    handle, name = tempfile.mkstemp(suffix=SUFFIX)
    try:
        with os.fdopen(handle, "wb") as out:
            with open(0 if path == "-" else path, "rb", closefd=path != "-") as source:
                shutil.copyfileobj(source, out)
        yield name
    finally:
        os.unlink(name)
