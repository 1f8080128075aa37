"""PostgreSQL: a small tsvector of the headline, standfirst and tags, for read-also.

Read-also looks for stories sharing a story's thirty main words in those three fields.
Asked of the whole-entry vector (body included), PostgreSQL had to read and rank every
entry sharing any common word, body and all: over half a second a story at 10,000
stories. This vector holds the three short fields only, with its own GIN index.
SQLite's FTS5 table already searches those columns alone.
"""

from django.db import migrations

SHORT = (
    "setweight(to_tsvector('simple'::regconfig, coalesce(headline_stem, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(standfirst_stem, '')), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(tags_stem, '')), 'B')"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE nashra_search_searchentry ADD COLUMN short_vector tsvector "
        f"GENERATED ALWAYS AS ({SHORT}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX nashra_search_short_vector_gin ON nashra_search_searchentry "
        "USING gin (short_vector)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS nashra_search_short_vector_gin")
    schema_editor.execute(
        "ALTER TABLE nashra_search_searchentry DROP COLUMN IF EXISTS short_vector"
    )


class Migration(migrations.Migration):
    dependencies = [("nashra_search", "0002_index")]

    operations = [migrations.RunPython(create, drop)]
