"""Postings: each story under each of its stems, sorted by story and by impact.

Ranking reads them to score every match without reading every match
(nashra.search.ranking). They follow their entry: deleting an entry deletes its
postings (ON DELETE CASCADE), and the code that writes an entry writes them.
"""

from django.db import migrations, models

SQLITE_FORWARD = [
    # WITHOUT ROWID: the rows live in their primary key, each stem's newest stories last.
    "CREATE TABLE nashra_search_posting ("
    "stem INTEGER NOT NULL, "
    "page_id INTEGER NOT NULL REFERENCES nashra_search_searchentry (page_id) "
    "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, "
    "impact INTEGER NOT NULL, published_ts REAL NOT NULL, section_id INTEGER NOT NULL, "
    "PRIMARY KEY (stem, published_ts, page_id)) WITHOUT ROWID",
    # Holds every column ranking reads, so a walk by impact never visits the table.
    "CREATE INDEX nashra_search_posting_impact ON nashra_search_posting "
    "(stem, impact, section_id)",
    # One story's stems: its impact for another word of the query, and its deletion.
    "CREATE UNIQUE INDEX nashra_search_posting_page ON nashra_search_posting "
    "(page_id, stem, impact)",
]
POSTGRES_FORWARD = [
    "CREATE TABLE nashra_search_posting ("
    "stem bigint NOT NULL, "
    "page_id integer NOT NULL REFERENCES nashra_search_searchentry (page_id) "
    "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, "
    "impact smallint NOT NULL, published_ts double precision NOT NULL, "
    "section_id integer NOT NULL, PRIMARY KEY (stem, published_ts, page_id))",
    "CREATE INDEX nashra_search_posting_impact ON nashra_search_posting "
    "(stem, impact) INCLUDE (published_ts, section_id, page_id)",
    "CREATE UNIQUE INDEX nashra_search_posting_page ON nashra_search_posting "
    "(page_id, stem) INCLUDE (impact)",
]
BACKWARD = ["DROP TABLE IF EXISTS nashra_search_posting"]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in BACKWARD:
        schema_editor.execute(statement)


def fill(apps, schema_editor):
    from nashra.search import postings

    SearchEntry = apps.get_model("nashra_search", "SearchEntry")
    # Counted by 0008, which makes the stem totals' table.
    batch = []
    for entry in SearchEntry.objects.iterator(chunk_size=500):
        batch.append(entry)
        if len(batch) == 500:
            postings.write(batch, fresh=True, totals=False)
            batch = []
    postings.write(batch, fresh=True, totals=False)


class Migration(migrations.Migration):
    dependencies = [("nashra_search", "0004_vocabulary")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Posting",
                    fields=[
                        ("pk", models.CompositePrimaryKey(
                            "stem", "published_ts", "page_id", blank=True, editable=False,
                            primary_key=True, serialize=False)),
                        ("stem", models.BigIntegerField()),
                        ("page_id", models.IntegerField()),
                        ("impact", models.SmallIntegerField()),
                        ("published_ts", models.FloatField()),
                        ("section_id", models.IntegerField()),
                    ],
                    options={"verbose_name": "search posting"},
                ),
            ],
            database_operations=[migrations.RunPython(create, drop)],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
