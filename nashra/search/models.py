"""The search entry of a published article: its keys, field by field."""

from __future__ import annotations

from django.db import models

from nashra.newsroom.models import ArticlePage

# The fields an entry holds keys for, most telling first. Each has an
# ``_exact`` and a ``_stem`` column; the index backends weigh them in this order.
FIELDS = ("headline", "standfirst", "tags", "body", "sources")


class SearchEntry(models.Model):
    """One row per live article. The backends build their index from these columns.

    On SQLite an FTS5 table follows this one through triggers; on PostgreSQL two
    generated tsvector columns do (see the migration). Only keys are indexed, never
    the reader-facing text, which is kept in ``text`` for snippets.
    """

    page = models.OneToOneField(
        ArticlePage, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    section_id = models.IntegerField(db_index=True)
    published_at = models.DateTimeField()
    # Seconds since the epoch, for the freshness boost computed inside the query.
    published_ts = models.FloatField()
    headline_exact = models.TextField(blank=True)
    headline_stem = models.TextField(blank=True)
    standfirst_exact = models.TextField(blank=True)
    standfirst_stem = models.TextField(blank=True)
    tags_exact = models.TextField(blank=True)
    tags_stem = models.TextField(blank=True)
    body_exact = models.TextField(blank=True)
    body_stem = models.TextField(blank=True)
    sources_exact = models.TextField(blank=True)
    sources_stem = models.TextField(blank=True)
    # Names and places as whole normalised phrases (tags, dateline), joined by "|".
    entities = models.TextField(blank=True)
    # The body as plain original text, for result snippets.
    text = models.TextField(blank=True)
    # Read-also suggestions computed on publish, most related first.
    related_ids = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "search entry"
        # Named, because "newest first" on SQLite walks it by name (INDEXED BY).
        indexes = [models.Index(fields=["published_ts"], name="nashra_search_newest")]

    def __str__(self) -> str:
        return f"search entry {self.page_id}"


class SearchStem(models.Model):
    """One stem of the archive's vocabulary: the evidence queries read clitics by.

    ``prefixed`` is true once the stem was indexed after an article or a doubled و
    (البطاقة, ووافق): then a word of that stem is a word by itself, and its first
    letter is never read as a clitic. Rows are only ever added or set to true, so
    the evidence never depends on the order stories were indexed in; a stem left by
    a deleted story matches nothing and costs nothing.
    """

    stem = models.CharField(primary_key=True, max_length=64)
    prefixed = models.BooleanField(default=False)

    class Meta:
        verbose_name = "search stem"

    def __str__(self) -> str:
        return self.stem


class Posting(models.Model):
    """One story under one of its stems: see :mod:`nashra.search.postings`.

    The table is made by its migration (without rowid on SQLite, its rows deleted with
    their entry by the database); the model lets Django know of it, so that clearing
    the database clears it too.
    """

    pk = models.CompositePrimaryKey("stem", "published_ts", "page_id")
    stem = models.BigIntegerField()
    page_id = models.IntegerField()
    impact = models.SmallIntegerField()
    published_ts = models.FloatField()
    section_id = models.IntegerField()

    class Meta:
        verbose_name = "search posting"

    def __str__(self) -> str:
        return f"posting {self.stem} {self.page_id}"


class StemTotal(models.Model):
    """One key's number of stories and strongest impact: see :mod:`nashra.search.stem_totals`."""

    stem = models.BigIntegerField(primary_key=True)
    stories = models.IntegerField()
    strongest = models.SmallIntegerField()

    class Meta:
        verbose_name = "search stem total"

    def __str__(self) -> str:
        return f"stem total {self.stem}"
