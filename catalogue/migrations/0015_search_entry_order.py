"""A search entry keeps its practice's tier rank and year: the keys a search's equal matches are
ordered by, which 0016 indexes.

With them a page of the matches of one rank is read by walking the entries in that order and
stopping once the page is full (PracticeQuerySet.page_rows) instead of sorting every match (at
100,000 practices a broad search matched 61,000 and sorted all 100,000 practices on disk).
`tier_order` is the tier's rank, or 32767 without a tier (models.NO_TIER_ORDER): after every rank.

SQLite adds a column with a default by making the table anew, which drops the FTS5 table's
triggers (0011): they are made again after, the update one firing only when a text changes, not
for the new columns. (The index comes in a migration of its own: PostgreSQL creates no index on a
table with the checks of this one's update still pending.)
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

# The FTS5 table's triggers of 0011. SQLite adds a column with a default by making the table anew,
# which drops its triggers: they are made again after, the update one only for a change of text.
_TRIGGERS = [
    """CREATE TRIGGER catalogue_searchentry_fts_insert AFTER INSERT ON catalogue_searchentry BEGIN
       INSERT INTO catalogue_searchentry_fts(rowid, title, institution, body)
       VALUES (new.practice_id, new.title, new.institution, new.body);
       END""",
    """CREATE TRIGGER catalogue_searchentry_fts_delete AFTER DELETE ON catalogue_searchentry BEGIN
       INSERT INTO catalogue_searchentry_fts(catalogue_searchentry_fts, rowid, title, institution, body)
       VALUES ('delete', old.practice_id, old.title, old.institution, old.body);
       END""",
    """CREATE TRIGGER catalogue_searchentry_fts_update AFTER UPDATE {of}ON catalogue_searchentry BEGIN
       INSERT INTO catalogue_searchentry_fts(catalogue_searchentry_fts, rowid, title, institution, body)
       VALUES ('delete', old.practice_id, old.title, old.institution, old.body);
       INSERT INTO catalogue_searchentry_fts(rowid, title, institution, body)
       VALUES (new.practice_id, new.title, new.institution, new.body);
       END""",
]
_DROP_TRIGGERS = [
    f"DROP TRIGGER IF EXISTS catalogue_searchentry_fts_{name}" for name in ("insert", "delete", "update")
]

SQLITE = [*_DROP_TRIGGERS, *(t.format(of="OF title, institution, body ") for t in _TRIGGERS)]
# Going back, 0011's triggers as they were (after the columns went, which makes the table anew too).
SQLITE_BACK = [*_DROP_TRIGGERS, *(t.format(of="") for t in _TRIGGERS)]


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def fill(apps, schema_editor):
    """Each entry's tier rank (32767 without a tier, models.NO_TIER_ORDER) and year, from its
    practice (search_index writes them from now on)."""
    alias = schema_editor.connection.alias
    Practice = apps.get_model("catalogue", "Practice")
    SearchEntry = apps.get_model("catalogue", "SearchEntry")
    practice = Practice.objects.using(alias).filter(pk=OuterRef("practice_id"))
    SearchEntry.objects.using(alias).filter(practice__tier__isnull=False).update(
        tier_order=Subquery(practice.values("tier__rank")[:1])
    )
    SearchEntry.objects.using(alias).update(
        year=Subquery(practice.values("year")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0014_target_group_permissions"),
    ]

    operations = [
        # (Going back, this runs last: after the columns went.)
        migrations.RunPython(migrations.RunPython.noop, _run({"sqlite": SQLITE_BACK})),
        migrations.AddField(
            model_name="searchentry",
            name="tier_order",
            field=models.PositiveSmallIntegerField(default=32767),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="year",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(_run({"sqlite": SQLITE}), migrations.RunPython.noop),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
