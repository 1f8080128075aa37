"""Stem totals: each key's number of stories and strongest impact (nashra.search.stem_totals).

They are counted from the postings already written. Deleting an entry deletes its
postings through the database, so a trigger counts its stories out first.
"""

from django.db import migrations, models

from nashra.search.stem_totals import WRITERS_LOCK

SQLITE_FORWARD = [
    "CREATE TRIGGER nashra_search_entry_stem_totals BEFORE DELETE ON nashra_search_searchentry "
    "BEGIN UPDATE nashra_search_stemtotal SET stories = stories - 1 WHERE stem IN "
    "(SELECT stem FROM nashra_search_posting WHERE page_id = OLD.page_id); END",
]
POSTGRES_FORWARD = [
    "CREATE FUNCTION nashra_search_entry_stem_totals() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN PERFORM pg_advisory_xact_lock({WRITERS_LOCK}); "
    "UPDATE nashra_search_stemtotal t SET stories = t.stories - 1 "
    "FROM nashra_search_posting p WHERE p.page_id = OLD.page_id AND t.stem = p.stem; "
    "RETURN OLD; END $$",
    "CREATE TRIGGER nashra_search_entry_stem_totals BEFORE DELETE ON nashra_search_searchentry "
    "FOR EACH ROW EXECUTE FUNCTION nashra_search_entry_stem_totals()",
]
BACKWARD = {
    "sqlite": ["DROP TRIGGER IF EXISTS nashra_search_entry_stem_totals"],
    "postgresql": [
        "DROP TRIGGER IF EXISTS nashra_search_entry_stem_totals ON nashra_search_searchentry",
        "DROP FUNCTION IF EXISTS nashra_search_entry_stem_totals()",
    ],
}


def create_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(vendor, []):
        schema_editor.execute(statement, params=None)


def drop_trigger(apps, schema_editor):
    for statement in BACKWARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def count(apps, schema_editor):
    from nashra.search.stem_totals import recount

    recount()


class Migration(migrations.Migration):
    dependencies = [("nashra_search", "0007_phrase_pairs")]

    operations = [
        migrations.CreateModel(
            name="StemTotal",
            fields=[
                ("stem", models.BigIntegerField(primary_key=True, serialize=False)),
                ("stories", models.IntegerField()),
                ("strongest", models.SmallIntegerField()),
            ],
            options={"verbose_name": "search stem total"},
        ),
        migrations.RunPython(create_trigger, drop_trigger),
        migrations.RunPython(count, migrations.RunPython.noop),
    ]
