"""The search entries' order indexed (0015's tier_order and year), and on PostgreSQL the entries'
tsvectors stored.

The tsvectors of catalogue.search.POSTGRESQL_DOCUMENTS become stored generated columns with GIN
indexes, replacing the GIN indexes of the same expressions (0011). A phrase is checked against each
candidate's vector, and the walk of PracticeQuerySet.page_rows tests each entry it passes: both
read the stored vector instead of analysing the texts again.
"""

from django.db import migrations, models

ALL = (
    "ts_delete(to_tsvector('simple'::regconfig, "
    "title || ' zzfieldend ' || institution || ' zzfieldend ' || body), 'zzfieldend'::text)"
)

POSTGRESQL = [
    "DROP INDEX IF EXISTS searchentry_document",
    "DROP INDEX IF EXISTS searchentry_title",
    "DROP INDEX IF EXISTS searchentry_institution",
    "ALTER TABLE catalogue_searchentry "
    f"ADD COLUMN document tsvector GENERATED ALWAYS AS ({ALL}) STORED, "
    "ADD COLUMN title_document tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title)) STORED, "
    "ADD COLUMN institution_document tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, institution)) STORED",
    "CREATE INDEX searchentry_document ON catalogue_searchentry USING gin (document)",
    "CREATE INDEX searchentry_title ON catalogue_searchentry USING gin (title_document)",
    "CREATE INDEX searchentry_institution ON catalogue_searchentry USING gin (institution_document)",
]

# Back to 0011: the columns go, with their indexes; the expression indexes come back.
POSTGRESQL_BACK = [
    "ALTER TABLE catalogue_searchentry DROP COLUMN document, DROP COLUMN title_document, "
    "DROP COLUMN institution_document",
    f"CREATE INDEX searchentry_document ON catalogue_searchentry USING gin (({ALL}))",
    "CREATE INDEX searchentry_title ON catalogue_searchentry USING gin ((to_tsvector('simple'::regconfig, title)))",
    "CREATE INDEX searchentry_institution ON catalogue_searchentry "
    "USING gin ((to_tsvector('simple'::regconfig, institution)))",
]


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0015_search_entry_order"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(
                models.F("tier_order"),
                models.OrderBy(models.F("year"), descending=True),
                name="searchentry_order",
            ),
        ),
        migrations.RunPython(_run({"postgresql": POSTGRESQL}), _run({"postgresql": POSTGRESQL_BACK})),
    ]
