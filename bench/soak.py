"""A long mixed load: nothing fails, nothing acknowledged is lost, memory stays flat.

    python -m bench.soak                        10 minutes, 500 articles, SQLite
    bench/soak --minutes 1 --articles 200       a quick look
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nashra \\
        REDIS_URL=redis://127.0.0.1:6379/0 bench/soak

It never touches the site's own data (`bench.harness`: its own state folder; with
DATABASE_URL naming PostgreSQL, a throw-away database `nashra_bench_soak`; with
REDIS_URL, Redis database 12, emptied first). It serves N articles with `nashra serve`
(gunicorn, two workers, no scheduler) and, for the whole run, reader threads on the
loopback read articles, the home page and sections, search in Arabic, send view beacons
(each from a reader of its own, so each should count) and post comments (form state,
then the post, the captcha in the bench settings' test mode).

Every `--sample-seconds` it reads the resident memory (VmRSS) of the gunicorn master and
of each worker from /proc. At the end it flushes the views and asks the database: every
comment answered 201 must be stored (each carries a tag), and the views counted must be
at least the beacons answered `Nashra-View: counted`.

The exit status is 1 when any response was an error (not 2xx or 3xx) or a connection
failed, when an acknowledged comment or view is missing, when a worker was replaced, or
when a process's memory grew by more than 25% from its first sample after the warm-up
(the first minute, or the first third of a shorter run) to its last. Prints a summary and
writes var/bench/soak.json.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from bench.harness import (
    REPORTS,
    ROOT,
    Load,
    Site,
    gunicorn,
    is_error,
    kept,
    log_size,
    rss_kib,
    server_errors,
    stored,
    summary,
    throwaway_site,
    write_report,
)
from nashra.core.progress import Progress

REPORT = REPORTS / "soak.json"
# Two sync workers on two cores: eight clients keep both busy with a queue behind them,
# weighted as a news site's traffic is, mostly reads.
ROLES = {"reader": 4, "searcher": 1, "beacon": 2, "commenter": 1}
GROWTH_LIMIT = 0.25


def sample(site: Site, started: float) -> dict[str, Any]:
    assert site.server is not None
    master, workers = gunicorn(site.server)
    rss = {}
    if master is not None:
        rss[f"master {master}"] = rss_kib(master)
    for pid in workers:
        rss[f"worker {pid}"] = rss_kib(pid)
    return {"t": round(time.monotonic() - started, 1), "rss_kib": rss}


def so_far(load: Load, latest: dict[str, Any]) -> str:
    """Requests and errors so far, and the memory of the server's processes now."""
    done = summary(load.tally.totals())
    bad = done["error_responses"] + done["connection_errors"] + done["timeouts"]
    total = sum(v or 0 for v in latest["rss_kib"].values())
    return (f"{sum(done['requests'].values())} requests, {bad} errors, "
            f"RSS {total / 1024:.0f} MiB")


def memory(samples: list[dict[str, Any]], warm_up: float) -> dict[str, Any]:
    """Per process: first, after warm-up, last and max RSS, and the growth after warm-up."""
    processes: dict[str, Any] = {}
    names = {name for s in samples for name in s["rss_kib"]}
    for name in sorted(names):
        series = [(s["t"], s["rss_kib"][name]) for s in samples
                  if s["rss_kib"].get(name) is not None]
        if not series:
            continue
        settled = next((v for t, v in series if t >= warm_up), series[-1][1])
        last = series[-1][1]
        processes[name] = {
            "first_kib": series[0][1], "after_warm_up_kib": settled, "last_kib": last,
            "max_kib": max(v for _, v in series),
            "growth_after_warm_up": round(last / settled - 1, 3) if settled else 0.0,
            "seen_from_s": series[0][0], "seen_until_s": series[-1][0],
        }
    return processes


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--sample-seconds", type=float, default=15)
    arguments = parser.parse_args()
    duration = arguments.minutes * 60
    warm_up = min(60.0, duration / 3)

    with throwaway_site(arguments.articles, "nashra_bench_soak", 12) as site:
        before = stored(site)
        offset = log_size(site.log)
        print(f"Soak: {duration:g}s, {site.describe()}, clients {ROLES}", flush=True)
        load = Load(site, ROLES, label="soak").start()
        started = time.monotonic()
        samples = [sample(site, started)]
        try:
            with Progress("soak", total=round(duration), unit="s") as progress:
                while (left := started + duration - time.monotonic()) > 0:
                    time.sleep(min(arguments.sample_seconds, left))
                    samples.append(sample(site, started))
                    progress.bar.set_postfix_str(so_far(load, samples[-1]), refresh=False)
                    progress(round(samples[-1]["t"]))
        finally:
            load.stop()
        elapsed = time.monotonic() - started
        samples.append(sample(site, started))
        after = stored(site)
        logged = server_errors(site.log, since=offset)

    totals = load.tally.totals()
    figures = summary(totals)
    comments, views = kept(load.tally, before, after)
    processes = memory(samples, warm_up)
    last_t = samples[-1]["t"]
    replaced = [name for name, p in processes.items()
                if p["seen_until_s"] < last_t or p["seen_from_s"] > 0]
    grown = {name: p["growth_after_warm_up"] for name, p in processes.items()
             if p["growth_after_warm_up"] > GROWTH_LIMIT}

    failures = []
    if figures["error_responses"] or figures["connection_errors"] or figures["timeouts"]:
        failures.append("error responses or failed connections")
    if comments["lost"]:
        failures.append(f"{len(comments['lost'])} acknowledged comments lost")
    if views["lost"]:
        failures.append(f"{views['lost']} acknowledged views lost")
    if replaced:
        failures.append(f"processes replaced during the run: {', '.join(replaced)}")
    if grown:
        failures.append(f"memory grew more than {GROWTH_LIMIT:.0%}: {grown}")

    report = {
        "minutes": arguments.minutes, "seconds": round(elapsed, 1),
        "articles": arguments.articles, "database": site.database, "redis": site.redis,
        "clients": ROLES, **figures,
        "per_kind": {kind: dict(counts) for kind, counts in sorted(totals.items())},
        "slowest_s": {k: round(v, 2) for k, v in load.tally.slowest["run"].items()},
        "comments": comments, "views": views,
        "memory": {"warm_up_s": warm_up, "growth_limit": GROWTH_LIMIT, "processes": processes,
                   "samples": samples},
        "server_log_errors": logged, "failures": failures,
    }
    write_report(REPORT, report, ensure_ascii=False)

    print()
    print(f"{'kind':<14}{'requests':>10}{'req/s':>8}{'errors':>8}{'slowest s':>11}  statuses")
    for kind, counts in sorted(totals.items()):
        bad = sum(n for outcome, n in counts.items() if is_error(outcome))
        print(f"{kind:<14}{sum(counts.values()):>10}{sum(counts.values()) / elapsed:>8.1f}"
              f"{bad:>8}{load.tally.slowest['run'][kind]:>11.2f}  {dict(sorted(counts.items()))}")
    print(f"\nresponses by status: {figures['statuses']}")
    print(f"error responses {figures['error_responses']}, connection errors "
          f"{figures['connection_errors']}, timeouts {figures['timeouts']}")
    print(f"comments: {comments['answered_201']} answered 201, {comments['stored']} stored, "
          f"{len(comments['lost'])} lost, {len(comments['stored_twice'])} stored twice")
    print(f"views: {views['acknowledged_counted']} acknowledged as counted, "
          f"{views['counted']} counted after flush_views, {views['lost']} lost")
    print(f"memory (MiB; growth judged from {warm_up:g}s on):")
    for name, p in processes.items():
        print(f"  {name:<16} first {p['first_kib'] / 1024:6.1f}  after warm-up "
              f"{p['after_warm_up_kib'] / 1024:6.1f}  last {p['last_kib'] / 1024:6.1f}  "
              f"max {p['max_kib'] / 1024:6.1f}  growth {p['growth_after_warm_up']:+.1%}")
    for line in logged:
        print(f"  server logged: {line}")
    print(f"\n{site.describe()}; {REPORT.relative_to(ROOT)}")
    print("FAILED: " + "; ".join(failures) if failures else "OK")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
