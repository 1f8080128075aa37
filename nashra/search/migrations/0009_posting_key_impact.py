"""The postings' primary key holds each posting's impact (PostgreSQL).

Ranking looks up a story's impact for each other word of the query by the word's stem,
the story's publication time and its id (nashra.search.ranking._best_impact). With the
impact in the key that lookup, and the read of a word's newest stories, never visit
the table. On SQLite the table is stored in its primary key already (WITHOUT ROWID).

Rebuilding the key holds the table's exclusive lock, so searches wait for it: on a
large archive (2 GB of key at 100,000 stories) run it at a quiet hour.
"""

from django.db import migrations

TABLE = "nashra_search_posting"
FORWARD = [
    f"ALTER TABLE {TABLE} DROP CONSTRAINT {TABLE}_pkey",
    f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey "
    "PRIMARY KEY (stem, published_ts, page_id) INCLUDE (impact)",
]
BACKWARD = [
    f"ALTER TABLE {TABLE} DROP CONSTRAINT {TABLE}_pkey",
    f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (stem, published_ts, page_id)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("nashra_search", "0008_stem_totals")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
