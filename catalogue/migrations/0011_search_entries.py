"""The search index of both databases, filled from common.analysis' terms (catalogue.services.search_index).

PostgreSQL: GIN indexes of tsvector expressions of each entry's texts ('simple' configuration: the
terms arrive stemmed), those of catalogue.search.POSTGRESQL_DOCUMENTS; the practice's own document
and its triggers (0007) go.

SQLite: an FTS5 table over the entries (external content), kept by triggers.
"""

import django.db.models.deletion
from django.db import migrations, models

ALL = (
    "ts_delete(to_tsvector('simple'::regconfig, "
    "title || ' zzfieldend ' || institution || ' zzfieldend ' || body), 'zzfieldend'::text)"
)

# The triggers of 0007, which wrote the practice's own search document.
POSTGRESQL_OLD_TRIGGERS = [
    "DROP TRIGGER IF EXISTS catalogue_institution_search_document ON catalogue_institution",
    "DROP TRIGGER IF EXISTS catalogue_practice_search_document ON catalogue_practice",
    "DROP FUNCTION IF EXISTS catalogue_institution_search_document()",
    "DROP FUNCTION IF EXISTS catalogue_practice_search_document()",
]

# (Going back, the indexes go with the table.)
POSTGRESQL = [
    f"CREATE INDEX searchentry_document ON catalogue_searchentry USING gin (({ALL}))",
    "CREATE INDEX searchentry_title ON catalogue_searchentry USING gin ((to_tsvector('simple'::regconfig, title)))",
    "CREATE INDEX searchentry_institution ON catalogue_searchentry "
    "USING gin ((to_tsvector('simple'::regconfig, institution)))",
]

SQLITE = [
    """CREATE VIRTUAL TABLE catalogue_searchentry_fts USING fts5(
       title, institution, body,
       content='catalogue_searchentry', content_rowid='practice_id',
       tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER catalogue_searchentry_fts_insert AFTER INSERT ON catalogue_searchentry BEGIN
       INSERT INTO catalogue_searchentry_fts(rowid, title, institution, body)
       VALUES (new.practice_id, new.title, new.institution, new.body);
       END""",
    """CREATE TRIGGER catalogue_searchentry_fts_delete AFTER DELETE ON catalogue_searchentry BEGIN
       INSERT INTO catalogue_searchentry_fts(catalogue_searchentry_fts, rowid, title, institution, body)
       VALUES ('delete', old.practice_id, old.title, old.institution, old.body);
       END""",
    """CREATE TRIGGER catalogue_searchentry_fts_update AFTER UPDATE ON catalogue_searchentry BEGIN
       INSERT INTO catalogue_searchentry_fts(catalogue_searchentry_fts, rowid, title, institution, body)
       VALUES ('delete', old.practice_id, old.title, old.institution, old.body);
       INSERT INTO catalogue_searchentry_fts(rowid, title, institution, body)
       VALUES (new.practice_id, new.title, new.institution, new.body);
       END""",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS catalogue_searchentry_fts_update",
    "DROP TRIGGER IF EXISTS catalogue_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS catalogue_searchentry_fts_insert",
    "DROP TABLE IF EXISTS catalogue_searchentry_fts",
]


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def fill(apps, schema_editor):
    from catalogue.services.search_index import rebuild

    rebuild(
        apps.get_model("catalogue", "Practice"),
        apps.get_model("catalogue", "SearchEntry"),
        apps.get_model("catalogue", "SearchTerm"),
    )


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0010_practice_facets_and_feed_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('practice', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_entry', serialize=False, to='catalogue.practice')),
                ('title', models.TextField(blank=True)),
                ('institution', models.TextField(blank=True)),
                ('body', models.TextField(blank=True)),
            ],
            options={
                'verbose_name_plural': 'search entries',
            },
        ),
        migrations.CreateModel(
            name='SearchTerm',
            fields=[
                ('term', models.CharField(max_length=100, primary_key=True, serialize=False)),
                ('words', models.CharField(max_length=510)),
                ('practices', models.PositiveIntegerField(default=0)),
            ],
            options={
                'ordering': ['term'],
            },
        ),
        migrations.RunPython(_run({"postgresql": POSTGRESQL_OLD_TRIGGERS}), migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='practice',
            name='search_document',
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"sqlite": SQLITE_DROP}),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
