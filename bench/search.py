"""The Arabic search index at scale: indexing rate, index size, query latency p50/p95.

    python -m bench.search                100,000 articles on SQLite
    bench/search --articles 20000         fewer
    DATABASE_URL=postgres://user@host:5432/any bench/search
                                          the same on SQLite, then on that PostgreSQL server

It never touches the site's own data. SQLite runs in a fresh temporary directory; for
PostgreSQL it (re)creates a throw-away database named `nashra_bench_search` on the server
DATABASE_URL points at (the database named in the URL is only used to connect) and drops
it afterwards. Both get the project's migrations.

Articles are synthetic Arabic news copy (a Zipf-distributed vocabulary with clitics,
hamza, ة and Eastern digits) written straight into the search entries through the same
key pipeline publishing uses (`entry_from_fields`); no Wagtail pages are created, so the
indexing rate is that of the index (keys, insert, FTS5 triggers or tsvector + GIN), not
of page creation. Database foreign-key checks are off for the load. Articles span two
years and are created in publication order, with the odd one published hours late.
Queries are the index work of one search page: the count (up to 1,000) and the first 20
hits, ranked over every match; loading the 20 cards is not timed. Two classes are timed
apart: 1,000 mixed queries (single and multiple words, spelling variants, phrases,
exclusions, section and date filters, newest first), and the 20 most common words of
the corpus, each asked 10 times, the hardest to rank since each is in most stories.
Figures (p50, p95, p99 in ms, per database and class) also go to var/bench/search.json.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections import Counter
from datetime import timedelta
from typing import TypedDict

from bench.harness import environment
from bench.harness.children import Report
from bench.harness.commands import REPORTS, write_report
from bench.harness.each_database import on_each_database
from bench.synthetic_arabic import COMMON, NAMES, PLACES, Writer

BENCH_DATABASE = "nashra_bench_search"
COMMON_WORDS = 20
COMMON_REPEATS = 10


class Options(TypedDict, total=False):
    """The filters a reader adds to a query."""

    section_id: int
    since_days: int
    newest: bool


def queries(rng: random.Random, count: int) -> list[tuple[str, Options]]:
    """A mix of what readers type, with the filters some of them add."""
    writer = Writer(rng.randint(0, 10**6))
    head = [*COMMON[:60], *PLACES, *NAMES]
    variants = ["الاسد", "اردوغان", "الحكومه", "والحكومة", "للحكومة", "بحلب", "مستشفي",
                "2025", "١٢٫٤", "المدارس", "حماه", "الأَسَد", "الحـكومة"]
    out: list[tuple[str, Options]] = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.3:
            text = rng.choice(head)
        elif kind < 0.5:
            text = rng.choice(variants)
        elif kind < 0.7:
            text = " ".join(rng.sample(head, 2))
        elif kind < 0.8:
            text = " ".join(writer.words_of(3))
        elif kind < 0.9:
            text = f'"{" ".join(rng.sample(COMMON[:20], 2))}"'
        else:
            text = f"{rng.choice(head)} -{rng.choice(head)}"
        filters: Options = {}
        roll = rng.random()
        if roll < 0.1:
            filters["section_id"] = rng.randint(1, 5)
        elif roll < 0.2:
            filters["since_days"] = rng.choice([7, 30, 365])
        elif roll < 0.3:
            filters["newest"] = True
        out.append((text, filters))
    return out


def run(backend: str, articles: int, batch: int, progress: Report) -> dict[str, object]:
    """Runs inside a child process whose environment points at the throw-away database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nashra.settings.base")
    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from nashra.arabic import search_keys
    from nashra.search import postings, stem_totals
    from nashra.search.backends import Filters
    from nashra.search.documents import entry_from_fields
    from nashra.search.models import SearchEntry
    from nashra.search.query import parse
    from nashra.search.results import SearchResults
    from nashra.search.vocabulary import record

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
        else:
            cursor.execute("SET session_replication_role = replica")

    writer = Writer(seed=7)
    words: Counter[str] = Counter()
    now = timezone.now()
    started = time.perf_counter()
    for first in range(0, articles, batch):
        entries = []
        for page_id in range(first + 1, min(first + batch, articles) + 1):
            fields = writer.article()
            for text in (fields["title"], fields["standfirst"], fields["text"]):
                words.update(search_keys(text).exact.split())
            # Two years of news, created in publication order as a newsroom does,
            # with the odd story published hours after it was created.
            age = (articles - page_id) / articles * 2 * 365 * 24 * 60
            published = now - timedelta(minutes=age - writer.rng.random() * 600)
            section = writer.rng.randint(1, 5)
            entries.append(entry_from_fields(page_id, section, published, **fields))
        with transaction.atomic():
            SearchEntry.objects.bulk_create(entries)
            postings.write(entries, fresh=True, totals=False)
            record(entries)
        progress(min(first + batch, articles), articles)
    with transaction.atomic():
        stem_totals.recount()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO nashra_search_fts(nashra_search_fts) VALUES ('optimize')")
        else:
            cursor.execute("VACUUM ANALYZE")
    elapsed = time.perf_counter() - started

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA page_size")
            page_size = cursor.fetchone()[0]
            cursor.execute("PRAGMA page_count")
            database_bytes = page_size * cursor.fetchone()[0]
            try:
                cursor.execute(
                    "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'nashra_search_fts%'"
                )
                index_bytes = cursor.fetchone()[0]
            except Exception:  # noqa: BLE001 - dbstat is an optional SQLite module
                index_bytes = None
        else:
            cursor.execute("SELECT pg_database_size(current_database())")
            database_bytes = cursor.fetchone()[0]
            cursor.execute(
                "SELECT pg_relation_size('nashra_search_stem_vector_gin'), "
                "sum(pg_column_size(stem_vector) + pg_column_size(exact_vector)) "
                "FROM nashra_search_searchentry"
            )
            gin, vectors = cursor.fetchone()
            index_bytes = int(gin) + int(vectors)

    rng = random.Random(11)
    common = [text for text, _ in words.most_common(COMMON_WORDS)]
    classes = {
        "mix": queries(rng, 1000),
        "common": [(text, Options()) for text in common * COMMON_REPEATS],
    }
    figures: dict[str, object] = {
        "database": connection.vendor,
        "articles": articles,
        "index_seconds": round(elapsed, 1),
        "articles_per_second": round(articles / elapsed, 1),
        "database_mb": round(database_bytes / 2**20, 1),
        "index_mb": round(index_bytes / 2**20, 1) if index_bytes else None,
        "common_words": common,
    }
    for name, asked in classes.items():
        latencies: list[float] = []
        hits = 0
        for text, options in asked:
            since_days = options.get("since_days")
            since = (now - timedelta(days=since_days)).timestamp() if since_days else None
            filters = Filters(section_id=options.get("section_id"), since_ts=since)
            began = time.perf_counter()
            results = SearchResults(parse(text), filters, bool(options.get("newest")))
            total = results.count()
            page = results.index.search(
                results.query, filters, results.newest, results.now, 0, 20
            ) if total else []
            latencies.append((time.perf_counter() - began) * 1000)
            hits += bool(page)
        figures[name] = {
            "queries": len(latencies),
            "queries_with_results": hits,
            **percentiles(latencies),
        }
    return figures


def percentiles(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)

    def at(share: float) -> float:
        return round(ordered[max(int(len(ordered) * share + 0.5) - 1, 0)], 2)

    return {"p50_ms": round(statistics.median(ordered), 2), "p95_ms": at(0.95),
            "p99_ms": at(0.99), "max_ms": round(ordered[-1], 2)}


def summary(results: list[dict[str, object]]) -> None:
    """var/bench/search.json: per database and class, p50/p95/p99."""
    report: dict[str, object] = {}
    for figures in results:
        report[str(figures["database"])] = {
            name: figures[name] for name in ("mix", "common")
        }
        report["articles"] = figures["articles"]
    write_report(REPORTS / "search.json", report)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    env = environment(without=("DATABASE_URL",), DJANGO_SETTINGS_MODULE="nashra.settings.base")
    env.setdefault("SECRET_KEY", "bench-search-not-secret")
    return on_each_database(
        parser, lambda database, args, progress: run(database, args.articles, args.batch,
                                                     progress),
        module="bench.search", env=env, database_name=BENCH_DATABASE, label="indexed",
        unit="article", summary=summary,
    )


if __name__ == "__main__":
    raise SystemExit(main())
