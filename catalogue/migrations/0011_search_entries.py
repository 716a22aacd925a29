"""The search index of both databases, filled from common.analysis' terms (catalogue.services.search_index).

PostgreSQL: a trigger makes the tsvectors of each entry ('simple' configuration: the terms arrive
stemmed) and GIN indexes read them; the practice's own document and its triggers (0007) go. The
three texts are joined with a marker word that is then deleted, so that a phrase never runs from the
end of one text into the next (as on SQLite, where they are separate columns).
Long texts leave the row for its TOAST table (toast_tuple_target): a search reads a narrow table.

SQLite: an FTS5 table over the entries (external content), kept by triggers.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

POSTGRESQL = [
    "DROP TRIGGER IF EXISTS catalogue_institution_search_document ON catalogue_institution",
    "DROP TRIGGER IF EXISTS catalogue_practice_search_document ON catalogue_practice",
    "DROP FUNCTION IF EXISTS catalogue_institution_search_document()",
    "DROP FUNCTION IF EXISTS catalogue_practice_search_document()",
    """
CREATE OR REPLACE FUNCTION catalogue_searchentry_documents() RETURNS trigger AS $$
BEGIN
    NEW.title_document := to_tsvector('simple', NEW.title);
    NEW.institution_document := to_tsvector('simple', NEW.institution);
    NEW.document := ts_delete(
        to_tsvector('simple', NEW.title || ' zzfieldend ' || NEW.institution || ' zzfieldend ' || NEW.body),
        'zzfieldend'
    );
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
""",
    """CREATE TRIGGER catalogue_searchentry_documents
       BEFORE INSERT OR UPDATE ON catalogue_searchentry
       FOR EACH ROW EXECUTE FUNCTION catalogue_searchentry_documents()""",
    "ALTER TABLE catalogue_searchentry SET (toast_tuple_target = 128)",
    "CREATE INDEX searchentry_document ON catalogue_searchentry USING gin (document)",
    "CREATE INDEX searchentry_title_document ON catalogue_searchentry USING gin (title_document)",
    "CREATE INDEX searchentry_institution_document ON catalogue_searchentry USING gin (institution_document)",
    "CREATE INDEX searchterm_word ON catalogue_searchterm (word)",
]

POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS catalogue_searchentry_documents ON catalogue_searchentry",
    "DROP FUNCTION IF EXISTS catalogue_searchentry_documents()",
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
                ('document', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ('title_document', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ('institution_document', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
            ],
            options={
                'verbose_name_plural': 'search entries',
            },
        ),
        migrations.CreateModel(
            name='SearchTerm',
            fields=[
                ('term', models.CharField(max_length=100, primary_key=True, serialize=False)),
                ('word', models.CharField(max_length=100)),
                ('practices', models.PositiveIntegerField(default=0)),
            ],
            options={
                'ordering': ['term'],
            },
        ),
        migrations.RemoveField(
            model_name='practice',
            name='search_document',
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP}),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
