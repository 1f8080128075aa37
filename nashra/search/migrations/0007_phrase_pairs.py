"""Postings of stem pairs: two stems side by side in a field (nashra.search.impact).

A quoted phrase is looked up and ranked by its pairs; the postings of every entry
already indexed are written again, with them, from the stems the entry keeps.
"""

from django.db import migrations

BATCH = 500


def write_pairs(apps, schema_editor):
    from nashra.search import postings

    SearchEntry = apps.get_model("nashra_search", "SearchEntry")
    # Counted by 0008, which makes the stem totals' table.
    batch = []
    for entry in SearchEntry.objects.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(entry)
        if len(batch) == BATCH:
            postings.write(batch, totals=False)
            batch = []
    postings.write(batch, totals=False)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ANALYZE {postings.TABLE}")


class Migration(migrations.Migration):
    dependencies = [("nashra_search", "0006_rekey_feminine_nouns")]

    operations = [migrations.RunPython(write_pairs, migrations.RunPython.noop)]
