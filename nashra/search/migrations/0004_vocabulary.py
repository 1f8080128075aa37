"""The archive's vocabulary, filled from the entries already indexed.

Queries read clitics by it (nashra.arabic.variants); without this fill, an archive
indexed before it would answer as if it held no word at all until rebuilt.
"""

from django.db import migrations, models

from nashra.arabic.variants import vocabulary_of

FIELDS = ("headline", "standfirst", "tags", "body", "sources")
MAX_STEM = 64


def fill(apps, schema_editor):
    SearchEntry = apps.get_model("nashra_search", "SearchEntry")
    SearchStem = apps.get_model("nashra_search", "SearchStem")
    columns = [f"{field}_exact" for field in FIELDS]
    vocabulary: dict[str, bool] = {}
    for row in SearchEntry.objects.values_list(*columns).iterator(chunk_size=500):
        for stem, prefixed in vocabulary_of(" ".join(row).split()).items():
            if len(stem) <= MAX_STEM:
                vocabulary[stem] = vocabulary.get(stem, False) or prefixed
    SearchStem.objects.bulk_create(
        [SearchStem(stem=stem, prefixed=prefixed) for stem, prefixed in vocabulary.items()],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [("nashra_search", "0003_short_vector")]

    operations = [
        migrations.CreateModel(
            name="SearchStem",
            fields=[
                ("stem", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("prefixed", models.BooleanField(default=False)),
            ],
            options={"verbose_name": "search stem"},
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
