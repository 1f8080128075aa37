"""`make bench`: the whole site under load, every scenario side by side, one table.

    python -m bench.site                        10,000 articles, SQLite, local memory
    bench/site --articles 100000                the same, as a script
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x REDIS_URL=redis://127.0.0.1:6379/0 \\
        bench/site

It never touches the site's own data: a state folder of its own (SQLite file, secret key,
static files, nginx cache); with DATABASE_URL naming PostgreSQL, a throw-away database
`nashra_bench_site` on that server; with REDIS_URL, Redis database 14, emptied first.

It loads N synthetic articles straight into the page tree (the pages, their sources and
tags, in bulk), builds the search index, computes «إقرأ أيضاً» against the whole archive
for the articles it will ask for (for all N it would take hours at 100,000), serves the
site with `nashra serve` (gunicorn, one worker per core, the bench settings: production's
plus the captcha's test mode) and runs wrk (Debian's package) against each scenario in
turn. With nginx and Debian's cache-purge module present it also runs deploy/nginx.conf
in front of the app, and nginx serving the article's own bytes as a static file (with the
same open-file cache as deploy/nginx.conf): the physical limit of this machine. Those two
run three times each, in turn, and keep their best run, since the table compares them.

Once the pictures are made, the database is read into the OS's file cache (SQLite's file;
PostgreSQL's relations through pg_prewarm), as a site that has been serving has it: on a
slow disk the search scenario otherwise measured the first reads of a site loaded a
minute before.

Every story has a lead image (--pictures distinct photos, renditions made before the run),
so every card is pictured. `article_miss` and `home` are also measured first on the same
site before the pictures are added (`*_no_pictures`), to show what pictures cost; those
four keep the best of three runs.

Scenarios (the page contract's names):
  nginx_static          nginx, the article's HTML as a file
  article_cached_proxy  the article through deploy/nginx.conf (cached there)
  article_cached_app    the article from the app's page cache
  article_miss          articles spread over the whole site, each request rendered
  home, section         as readers get them (from the app's page cache)
  search                an Arabic query per request, 20,000 distinct ones, none asked twice
  beacon                view beacons from many readers
  purge_storm           home and 50 stories read while all are purged every second:
                        renders per purged page, and the most renders of one page at once
  comment_post          readers posting comments (form state, then the post)
  live_poll             a live story's updates endpoint under load while an entry is added
                        every second: how long entries take to reach polling readers

Prints one table (req/s, p50, p99, bytes per response, errors) and writes
var/bench/latest.json.
"""

from __future__ import annotations

import argparse
import os
import random
import time
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench.harness import (
    REPORTS,
    ROOT,
    Site,
    empty_redis,
    free_port,
    loaded_site,
    post_comments,
    read_also,
    require_wrk,
    running,
    scenario,
    serving,
    timed,
    warm_files,
    write_report,
)
from bench.harness.live_poll import live_poll
from bench.harness.nginx import nginx_available, nginx_configs
from bench.harness.purge_storm import purge_storm
from bench.harness.sites import synthetic
from bench.synthetic_arabic import distinct_queries
from nashra.settings.environment import listing

REPORT = REPORTS / "latest.json"
BENCH_REDIS_DB = 14
# Asked for «إقرأ أيضاً» and spread over by `article_miss`: at most this many articles.
ASKED = 2000
# Between two runs, so that one run's last requests are served before the next begins.
SETTLE_SECONDS = 2.0
# `purge_storm` purges the home page and this many stories, as an update to a breaking
# story that all of them list does.
STORM_STORIES = 50
# The search scenario asks each of these once: more than a 10-second run can send.
SEARCH_QUERIES = 20000


@dataclass
class Runs:
    """wrk runs of `duration` seconds from `connections` connections each."""

    duration: float
    connections: int
    state: Path

    def once(self, url: str, paths: list[str], method: str = "GET",
             spread: bool = False, stream: bool = False) -> dict[str, Any]:
        # wrk's end does not end the server's work: the last slow requests of the
        # scenario before (search answers in hundreds of milliseconds) would still hold
        # the workers, and count in this scenario's p99.
        time.sleep(SETTLE_SECONDS)
        return scenario(url, paths, self.duration, self.connections, self.state,
                        method=method, spread=spread, stream=stream)

    def best_of_three(self, url: str, paths: list[str], spread: bool = False) -> dict[str, Any]:
        runs = [self.once(url, paths, spread=spread) for _round in range(3)]
        return max(runs, key=lambda run: run["rps"])


def add_pictures(site: Site, count: int) -> None:
    with timed(f"{count} pictures made and put on every story"):
        synthetic(site, "pictures", str(count), label="pictures", unit="picture")
        if site.env.get("REDIS_URL"):
            # Pages and lists cached without pictures; a fresh server forgets its own.
            empty_redis(site.env["REDIS_URL"])


def proxied(site: Site, runs: Runs, article: str, stack: ExitStack) -> dict[str, Any]:
    """`nginx_static` and `article_cached_proxy`; the servers stay up until `stack` closes."""
    state = site.folder
    proxy_port, static_port = free_port(), free_port()
    main_config = nginx_configs(state, proxy_port, static_port, f"127.0.0.1:{site.port}",
                                site.env)
    copy = state / "static-copy" / "article.html"
    copy.parent.mkdir(parents=True)
    with urllib.request.urlopen(site.url + article) as response:
        copy.write_bytes(response.read())
    stack.enter_context(running(
        ["nginx", "-c", str(main_config), "-p", str(state)], site.env,
        f"http://127.0.0.1:{static_port}/article.html",
    ))
    proxy = f"http://127.0.0.1:{proxy_port}"
    urllib.request.urlopen(proxy + article).read()
    # These two are read as a ratio: each runs three times, in turn, and keeps its best
    # run, so a burst of other work on the machine does not decide it.
    pair = [("nginx_static", f"http://127.0.0.1:{static_port}", "/article.html"),
            ("article_cached_proxy", proxy, article)]
    results: dict[str, Any] = {}
    for _round in range(3):
        for name, server, path in pair:
            print(f"Scenario {name}…", flush=True)
            result = runs.once(server, [path])
            if name not in results or result["rps"] > results[name]["rps"]:
                results[name] = result
    return results


def show(results: dict[str, Any], articles: int, database: str) -> None:
    print()
    print(f"{'scenario':<22}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'bytes':>9}{'errors':>8}")
    for name, result in results.items():
        print(f"{name:<22}{result['rps']:>10}{result['p50_ms']:>10}{result['p99_ms']:>10}"
              f"{result.get('bytes', ''):>9}{result['errors']:>8}")
    for name in ("article_miss", "home"):
        before, after = results[f"{name}_no_pictures"]["rps"], results[name]["rps"]
        print(f"{name} with pictures on every card: {after / before:.0%} of the same site "
              "without pictures")
    storm = results["purge_storm"]
    print(f"purge_storm: {storm['purges']} purges of {storm['pages']} pages, "
          f"{storm['renders_per_purged_page']} renders per purged page, at most "
          f"{storm['most_renders_of_a_page_at_once']} of one page at once, "
          f"slowest answer {storm['max_ms']} ms")
    live = results["live_poll"]
    print(f"live_poll: {live['entries']} entries added under load; seen by {live['readers']} "
          f"polling readers after p50 {live['visible_p50_s']} s, p99 {live['visible_p99_s']} s, "
          f"at worst {live['visible_max_s']} s ({live['unseen']} never seen); "
          f"an entry saved in {live['save_p99_ms']} ms at p99")
    if "nginx_static" in results:
        static_rps = results["nginx_static"]["rps"]
        print(f"\ncached article through the proxy: "
              f"{results['article_cached_proxy']['rps'] / static_rps:.0%} of nginx static")
    print(f"\n{articles:,} articles, {database}"
          f"{', Redis' if os.environ.get('REDIS_URL') else ''}; "
          f"{REPORT.relative_to(ROOT)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--duration", type=float, default=10, help="seconds per scenario")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument("--pictures", type=int, default=40,
                        help="distinct pictures shared out as the stories' lead images")
    arguments = parser.parse_args()
    require_wrk()

    with loaded_site(arguments.articles, "nashra_bench_site", BENCH_REDIS_DB) as site, \
            ExitStack() as stack:
        chosen = random.Random(1).sample(range(len(site.paths)), min(ASKED, len(site.paths)))
        many = [site.paths[n] for n in chosen]
        article = site.paths[len(site.paths) // 2]
        read_also(site, [site.ids[n] for n in chosen] + [site.ids[len(site.ids) // 2]])
        runs = Runs(arguments.duration, arguments.connections, site.folder)
        results: dict[str, Any] = {}

        # The same site without pictures first: what pictures cost is read against it. Both
        # sides of that comparison keep the best of three runs, as other work on the machine
        # moves a single run by more than the difference measured.
        compared = {"article_miss": (many, True), "home": (["/"], False)}
        with serving(site, arguments.workers):
            urllib.request.urlopen(site.url + "/").read()
            for name, (paths, spread) in compared.items():
                print(f"Scenario {name} (no pictures)…", flush=True)
                results[f"{name}_no_pictures"] = runs.best_of_three(site.url, paths, spread)
        add_pictures(site, arguments.pictures)
        warm_files(site)
        stack.enter_context(serving(site, arguments.workers))

        if nginx_available():
            results.update(proxied(site, runs, article, stack))
        else:
            print("nginx with the cache-purge module is missing: proxy scenarios skipped")

        for page in (article, "/", site.sections[0]):
            urllib.request.urlopen(site.url + page).read()
        # Search asks distinct queries, each once: no page cache or query cache can answer.
        searches = [f"/search/?q={quote(q)}" for q in distinct_queries(SEARCH_QUERIES)]
        scenarios = [
            ("article_cached_app", [article], "GET", False, False),
            ("article_miss", many, "GET", True, False),
            ("home", ["/"], "GET", False, False),
            ("section", [site.sections[0]], "GET", False, False),
            ("search", searches, "GET", False, True),
            ("beacon", [f"/audience/views/{pk}/" for pk in site.ids[:ASKED]], "POST", False,
             False),
        ]
        for name, paths, method, spread, stream in scenarios:
            print(f"Scenario {name}…", flush=True)
            if name in compared:
                results[name] = runs.best_of_three(site.url, paths, spread)
            else:
                results[name] = runs.once(site.url, paths, method, spread, stream)
        print("Scenario purge_storm…", flush=True)
        time.sleep(SETTLE_SECONDS)
        results["purge_storm"] = purge_storm(site, ["/", *many[:STORM_STORIES]],
                                             arguments.duration, arguments.connections)
        print("Scenario comment_post…", flush=True)
        time.sleep(SETTLE_SECONDS)
        results["comment_post"] = post_comments(site.port, site.ids[0], arguments.duration,
                                                readers=8)
        # Last: covering a story live changes its cards, which the scenarios above read.
        print("Scenario live_poll…", flush=True)
        time.sleep(SETTLE_SECONDS)
        results["live_poll"] = live_poll(site, site.ids[len(site.ids) // 3], arguments.duration,
                                         arguments.connections, site.folder)

    write_report(REPORT, {**results, "articles": arguments.articles, "database": site.database,
                          "redis": bool(site.env.get("REDIS_URL")),
                          "replicas": len(listing("DATABASE_REPLICA_URLS", []))})
    show(results, arguments.articles, site.database)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
