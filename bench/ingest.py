"""Taking stories in at scale: stories per second, and how well duplicates are found.

    python -m bench.ingest               1,000 stories from 5 sources, on SQLite
    bench/ingest --stories 3000 --sources 10
    DATABASE_URL=postgres://user@host:5432/any bench/ingest
                                         the same on SQLite, then on that PostgreSQL server

It never touches the site's own data. SQLite runs in a fresh temporary directory; for
PostgreSQL it (re)creates a throw-away database named `nashra_bench_ingest` on the server
DATABASE_URL points at and drops it afterwards. A threaded HTTP server on 127.0.0.1 serves
the sources' RSS feeds and, for one story in ten, only a summary whose article page must
be fetched and extracted, as real feeds do. Loopback is allowed for this run only
(`WIRE_ALLOWED_NETWORKS`).

The stories are synthetic Arabic news copy with a known truth (`bench.synthetic_wire`):
every story belongs to a cluster of the same story told again by other sources, and
"siblings" that share a paragraph catch false matches. Detection is scored over pairs of
stories: a pair is found when both ended up in the same article; precision is the share
of found pairs that belong to one cluster, recall the share of same-cluster pairs found.
The whole run (polling, parsing, extraction, dedup, article creation with revisions) is
timed for stories per second.
"""

from __future__ import annotations

import argparse
import os
import time
from itertools import combinations
from typing import Any

from bench.harness import environment
from bench.harness.children import Report
from bench.harness.each_database import on_each_database
from bench.synthetic_wire import fixture_set, serve

BENCH_DATABASE = "nashra_bench_ingest"


def score(items: list[dict[str, Any]], article_of: dict[str, Any]) -> dict[str, Any]:
    truth = {frozenset(p) for p in combinations(range(len(items)), 2)
             if items[p[0]]["cluster"] == items[p[1]]["cluster"]}
    by_article: dict[int, list[int]] = {}
    for item in items:
        article = article_of.get(item["key"])
        if article is not None:
            by_article.setdefault(article, []).append(item["number"])
    found = {frozenset(p) for members in by_article.values() for p in combinations(members, 2)}
    hits = len(found & truth)
    return {
        "duplicate_pairs": len(truth),
        "pairs_found": len(found),
        "precision": round(hits / len(found), 4) if found else 1.0,
        "recall": round(hits / len(truth), 4) if truth else 1.0,
    }


def run(backend: str, arguments: argparse.Namespace, progress: Report) -> dict[str, Any]:
    """Runs inside a child process whose environment points at the throw-away database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nashra.settings.base")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from nashra.newsroom import factories
    from nashra.wire.models import Item, Outcome, Source
    from nashra.wire.runs import Runner

    call_command("migrate", verbosity=0)
    stories, sources = arguments.stories, arguments.sources
    items = fixture_set(stories, sources, arguments.seed)
    httpd, base = serve(items, sources)
    section = factories.section("أخبار واردة", slug="wire-bench")
    made = [
        Source.objects.create(name=f"مصدر {number}", address=f"{base}/s{number}/feed.xml",
                              section=section)
        for number in range(sources)
    ]
    for item in items:
        item["key"] = f"s{item['source']}-{item['number']}"

    began = time.perf_counter()
    reports = Runner(progress=progress).run(made)
    elapsed = time.perf_counter() - began
    httpd.shutdown()
    article_of = dict(Item.objects.values_list("key", "article_id"))
    outcomes = {o: Item.objects.filter(outcome=o).count() for o in Outcome.values}
    return {
        "database": backend,
        "stories": stories,
        "sources": sources,
        "pages_extracted": sum(1 for item in items if item["page_only"]),
        "seconds": round(elapsed, 1),
        "stories_per_second": round(stories / elapsed, 1),
        "threshold": settings.WIRE_NEAR_DUPLICATE_THRESHOLD,
        "outcomes": outcomes,
        "errors": sum(len(r.errors) for r in reports),
        **score(items, article_of),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--sources", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    env = environment(without=("DATABASE_URL",), DJANGO_SETTINGS_MODULE="nashra.settings.base",
                      WIRE_ALLOWED_NETWORKS="127.0.0.0/8")
    env.setdefault("SECRET_KEY", "bench-ingest-not-secret")
    env.setdefault("LOG_LEVEL", "WARNING")
    return on_each_database(parser, run, module="bench.ingest", env=env,
                            database_name=BENCH_DATABASE, label="stories", unit="story")


if __name__ == "__main__":
    raise SystemExit(main())
