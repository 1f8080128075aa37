"""Turn a published article into its search entry, and keep the entries in step."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from wagtail.models import Page

from nashra.arabic import normalize, search_keys
from nashra.arabic.stem import light_stem
from nashra.newsroom.models import ArticlePage
from nashra.search import postings, stem_totals
from nashra.search.generations import forget_cached_results, index_replaced
from nashra.search.models import FIELDS, SearchEntry
from nashra.search.related import Idf, refresh_related
from nashra.search.vocabulary import record


def body_text(page: ArticlePage) -> str:
    """The body as plain text, paragraph by paragraph, as the reader sees it."""
    parts = page.body.stream_block.get_searchable_content(page.body)
    return "\n".join(part.strip() for part in parts if part and part.strip())


def _keys(entry: SearchEntry, field: str, text: str) -> None:
    keys = search_keys(text)
    setattr(entry, f"{field}_exact", keys.exact)
    setattr(entry, f"{field}_stem", keys.stemmed)


def build_entry(page: ArticlePage, section_id: int) -> SearchEntry:
    """The entry for ``page`` (tags and sources must be readable from it)."""
    published = page.first_published_at or page.last_published_at
    assert published is not None, "only published articles are indexed"
    return entry_from_fields(
        page.pk,
        section_id,
        published,
        title=page.title,
        standfirst=f"{page.kicker}\n{page.standfirst}",
        tags=[tag.name for tag in page.tags.all()],
        dateline=page.dateline,
        sources=[*(source.name for source in page.sources.all()), page.wire_credit],
        text=body_text(page),
    )


def entry_from_fields(
    page_id: int,
    section_id: int,
    published: datetime,
    *,
    title: str,
    standfirst: str,
    tags: list[str],
    dateline: str,
    sources: list[str],
    text: str,
) -> SearchEntry:
    """The entry for an article given as plain text, field by field."""
    entry = SearchEntry(
        page_id=page_id,
        section_id=section_id,
        published_at=published,
        published_ts=published.timestamp(),
        text=text,
    )
    _keys(entry, "headline", title)
    _keys(entry, "standfirst", standfirst)
    # The dateline is a place, found and weighed like a tag.
    _keys(entry, "tags", "\n".join([*tags, dateline]))
    _keys(entry, "body", text)
    _keys(entry, "sources", "\n".join(sources))
    entities = {normalize(name) for name in [*tags, dateline] if name.strip()}
    entry.entities = "|".join(sorted(entities))
    return entry


def _section_ids(pages: Iterable[Page]) -> dict[int, int]:
    """The parent (section) id of each page, in one query."""
    parent_paths = {page.pk: page.path[: -Page.steplen] for page in pages}
    by_path = dict(
        Page.objects.filter(path__in=set(parent_paths.values())).values_list("path", "pk")
    )
    return {pk: by_path[path] for pk, path in parent_paths.items() if path in by_path}


def index_article(page_id: int) -> SearchEntry | None:
    """Index (or re-index) one article, then its read-also and its neighbours'.

    An article that is no longer live is removed instead.
    """
    page = (
        ArticlePage.objects.published()
        .filter(pk=page_id)
        .prefetch_related("tags", "sources")
        .first()
    )
    if page is None:
        remove_article(page_id)
        return None
    entry = build_entry(page, _section_ids([page]).get(page.pk, 0))
    old_related = list(
        SearchEntry.objects.filter(pk=page_id).values_list("related_ids", flat=True)
    )
    entry.related_ids = old_related[0] if old_related else []
    # The entry and its postings are one change: a search never sees one without the other.
    with transaction.atomic():
        entry.save()
        postings.write([entry])
        record([entry])
    related = refresh_related(entry)
    # The stories it now points to may want to point back at it.
    for other in SearchEntry.objects.filter(pk__in=related):
        refresh_related(other)
    forget_cached_results()
    return entry


def remove_article(page_id: int) -> None:
    SearchEntry.objects.filter(pk=page_id).delete()
    forget_cached_results()


def live_articles() -> Any:
    return ArticlePage.objects.published().order_by("pk").prefetch_related("tags", "sources")


def _batches(queryset: Any, size: int) -> Iterator[list[ArticlePage]]:
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last)[:size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def _settle(*tables: str) -> None:
    """Make freshly written index tables fast to search (PostgreSQL).

    The planner must know their new sizes before the first search (ANALYZE). Outside a
    transaction they are vacuumed too, rather than waiting for autovacuum: until then
    each posting an index-only scan reads is looked up in the table as well, and new
    entries wait in GIN's pending list, which every full-text match reads through.
    """
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"{command} {table}")


def _pack_posting_keys() -> None:
    """Build the postings' indexes again, each page full (PostgreSQL).

    A rebuild writes the postings batch by batch, and each batch's rows land in every
    stem's stretch of the keys, so pages split half-empty: at 100,000 stories the
    primary key's leaves were 61% full, its three indexes 2.0-2.1 GB each, and 1.35-1.66
    GB built again (74 s). Ranking reads those keys for every word of every search; the
    fewer pages they take, the more of them stay in PostgreSQL's buffers. CONCURRENTLY,
    so that publishing goes on meanwhile; it cannot run inside a transaction, where the
    indexes are left as written.
    """
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"REINDEX TABLE CONCURRENTLY {postings.TABLE}")


def rebuild(
    progress: Callable[[int, int], None] | None = None,
    batch_size: int = 200,
    read_also: bool = True,
) -> int:
    """Rebuild every entry from the live articles; returns how many were indexed.

    ``progress(done, total)`` is called after each batch. Read-also lists are
    recomputed after all entries exist, so each sees the whole archive; that is the long
    part (tens of milliseconds a story), so ``read_also=False`` keeps each story's
    current list instead, for a quick rebuild of the words alone.
    """
    queryset = live_articles()
    total = queryset.count()
    steps = total * 2 if read_also else total
    kept = dict(SearchEntry.objects.values_list("pk", "related_ids"))
    done = 0
    with transaction.atomic():
        postings.clear()
        SearchEntry.objects.all().delete()
        for batch in _batches(queryset, batch_size):
            sections = _section_ids(batch)
            entries = [build_entry(page, sections.get(page.pk, 0)) for page in batch]
            for entry in entries:
                entry.related_ids = kept.get(entry.pk, [])
            SearchEntry.objects.bulk_create(entries)
            postings.write(entries, fresh=True, totals=False)
            record(entries)
            done += len(batch)
            if progress:
                progress(done, steps)
        stem_totals.recount()
    if connection.vendor == "postgresql":
        _pack_posting_keys()
        _settle(postings.TABLE, SearchEntry._meta.db_table, stem_totals.TABLE)
    if read_also:
        refresh_read_also(
            SearchEntry.objects.iterator(chunk_size=500),
            lambda count: progress(total + count, steps) if progress else None,
        )
    index_replaced()
    return done


def rekey(entries: Any = None, batch_size: int = 500, totals: bool = True) -> int:
    """Stem each entry's words again where the stemmer now stems them differently.

    An entry keeps its words as well as their stems (``*_exact``, word for word with
    ``*_stem``), so a change of the stemming rules needs no page read again: a
    migration calls this, and only the entries with a word stemmed differently are
    written, with their postings and their place in the vocabulary. Returns how many.
    ``totals=False`` is for a migration older than the stem totals' table.
    """
    entries = SearchEntry.objects.all() if entries is None else entries

    def stemmed(keys: str) -> str:
        return " ".join(map(light_stem, keys.split()))  # light_stem remembers recent words

    changed_count = 0
    batch: list[SearchEntry] = []

    def write() -> None:
        with transaction.atomic():
            for entry in batch:
                entry.save(update_fields=[f"{field}_stem" for field in FIELDS])
            postings.write(batch, totals=totals)
            record(batch)

    for entry in entries.order_by("pk").iterator(chunk_size=batch_size):
        changed = False
        for field in FIELDS:
            new = stemmed(getattr(entry, f"{field}_exact"))
            if new != getattr(entry, f"{field}_stem"):
                setattr(entry, f"{field}_stem", new)
                changed = True
        if changed:
            batch.append(entry)
            changed_count += 1
        if len(batch) == batch_size:
            write()
            batch = []
    if batch:
        write()
    if changed_count:
        index_replaced()
    return changed_count


def refresh_read_also(
    entries: Iterable[SearchEntry], progress: Callable[[int], None] | None = None
) -> int:
    """Recompute the read-also lists of ``entries`` against the whole index as it is."""
    count = 0
    idf = Idf.counted()  # the index does not change during this loop
    for entry in entries:
        refresh_related(entry, idf)
        count += 1
        if progress and count % 50 == 0:
            progress(count)
    if progress:
        progress(count)
    forget_cached_results()
    return count
