"""Nouns in ة whose stem without it is another word now keep it (nashra.arabic.stem).

The entries that hold one are stemmed again from the words they keep, with their
postings and vocabulary; no page is read again.
"""

from django.db import migrations


def rekey(apps, schema_editor):
    from nashra.search.documents import rekey

    rekey(apps.get_model("nashra_search", "SearchEntry").objects.all(), totals=False)


class Migration(migrations.Migration):
    dependencies = [("nashra_search", "0005_postings")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
