"""A stored search document for each practice on PostgreSQL: weighted words, kept current by
triggers, indexed with GIN, so a search reads an index instead of rebuilding every row's words.

The weights are catalogue.querysets.SEARCH_FIELDS' (title and original title A; institution's
name, acronym and own-language name B; summary C; jury comment D), written out here as migrations
keep their own copy; a test compares the stored document with one built from SEARCH_FIELDS.
Nothing happens on SQLite, where search compares folded words.
"""

import django.contrib.postgres.search
from django.db import migrations

PRACTICE_FUNCTION = """
CREATE OR REPLACE FUNCTION catalogue_practice_search_document() RETURNS trigger AS $$
DECLARE
    inst catalogue_institution%ROWTYPE;
BEGIN
    SELECT * INTO inst FROM catalogue_institution WHERE id = NEW.institution_id;
    NEW.search_document :=
        setweight(to_tsvector('english', unaccent(coalesce(NEW.title, ''))), 'A')
        || setweight(to_tsvector('english', unaccent(coalesce(NEW.original_title, ''))), 'A')
        || setweight(to_tsvector('english', unaccent(coalesce(inst.name, ''))), 'B')
        || setweight(to_tsvector('english', unaccent(coalesce(inst.acronym, ''))), 'B')
        || setweight(to_tsvector('english', unaccent(coalesce(inst.original_name, ''))), 'B')
        || setweight(to_tsvector('english', unaccent(coalesce(NEW.summary, ''))), 'C')
        || setweight(to_tsvector('english', unaccent(coalesce(NEW.jury_comment, ''))), 'D');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""

INSTITUTION_FUNCTION = """
CREATE OR REPLACE FUNCTION catalogue_institution_search_document() RETURNS trigger AS $$
BEGIN
    -- The practices' own trigger rebuilds their documents with the institution's new names.
    UPDATE catalogue_practice SET search_document = NULL WHERE institution_id = NEW.id;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""

CREATE = [
    PRACTICE_FUNCTION,
    INSTITUTION_FUNCTION,
    """CREATE TRIGGER catalogue_practice_search_document
       BEFORE INSERT OR UPDATE ON catalogue_practice
       FOR EACH ROW EXECUTE FUNCTION catalogue_practice_search_document()""",
    """CREATE TRIGGER catalogue_institution_search_document
       AFTER UPDATE OF name, acronym, original_name ON catalogue_institution
       FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name
                          OR OLD.acronym IS DISTINCT FROM NEW.acronym
                          OR OLD.original_name IS DISTINCT FROM NEW.original_name)
       EXECUTE FUNCTION catalogue_institution_search_document()""",
    "UPDATE catalogue_practice SET search_document = NULL",  # the trigger fills every row
    "CREATE INDEX practice_search_document ON catalogue_practice USING gin (search_document)",
]

DROP = [
    "DROP INDEX IF EXISTS practice_search_document",
    "DROP TRIGGER IF EXISTS catalogue_institution_search_document ON catalogue_institution",
    "DROP TRIGGER IF EXISTS catalogue_practice_search_document ON catalogue_practice",
    "DROP FUNCTION IF EXISTS catalogue_institution_search_document()",
    "DROP FUNCTION IF EXISTS catalogue_practice_search_document()",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)  # no parameters: "%ROWTYPE" is SQL

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0006_synthetic"),
    ]

    operations = [
        migrations.AddField(
            model_name="practice",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(run(CREATE), run(DROP)),
    ]
