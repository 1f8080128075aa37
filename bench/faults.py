"""Faults under load: a worker killed, PostgreSQL stopped, Redis stopped; nothing lost.

    python -m bench.faults                         kill9 on SQLite (the others need services)
    bench/faults --only kill9 --seconds 10
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nashra \\
        REDIS_URL=redis://127.0.0.1:6379/0 bench/faults --seconds 10

It never touches the site's own data (`bench.harness`: its own state folder; with
DATABASE_URL naming PostgreSQL, a throw-away database `nashra_bench_faults`; with
REDIS_URL, Redis database 13, emptied first), but the postgres and redis scenarios stop
the machine's PostgreSQL or Redis for `--outage` seconds (at most 10): everything else
using them on this machine sees the outage too. Each is started again in a `finally`,
as .ci/run starts it.

Reader threads (loopback only, a client timeout of 10 s so a hang shows as one) load the
site for `--seconds`, then the fault, then at least `--seconds` more, until every kind
of request has had a 2xx again or 30 s have passed:

  kill9     comment posts and beacons; `kill -9` one gunicorn worker, the master
            respawns it. Requests in flight on that worker get their connection reset:
            reported as connection errors, expected, and never acknowledged.
  postgres  reads, searches, comments and beacons (DATABASE_URL must be PostgreSQL on
            this machine); `pg_ctlcluster <version> main stop`, wait, start.
  redis     the same with Redis (REDIS_URL must be set): `redis-cli shutdown nosave`,
            wait, `redis-server` as .ci/run starts it. Redis keeps nothing on disk, so
            the views it buffers are flushed into the database (`nashra flush_views`)
            just before it is stopped, with the beacons paused meanwhile.

For each: responses by status before, during and after the fault; hangs; the time from
the kill or the restart to each kind's first 2xx; comments answered 201 against comments
stored (each carries a tag) and beacons answered `Nashra-View: counted` against views
counted after `flush_views`. Lost = acknowledged but not stored.

The exit status is 1 when an acknowledged comment or view was lost, a 5xx other than 503
was served (an outage must answer 503, not 500), a request hung, or some kind of request
had no 2xx within 30 s of the restart. Writes var/bench/faults.json.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.harness import (
    REPORTS,
    ROOT,
    Load,
    Site,
    gunicorn,
    kept,
    log_size,
    nashra,
    server_errors,
    stored,
    summary,
    throwaway_site,
    write_report,
)

REPORT = REPORTS / "faults.json"
SCENARIOS = ["kill9", "postgres", "redis"]
TIMEOUT = 10.0  # seconds a client waits: longer is a hang
RECOVERY_LIMIT = 30.0
KINDS = {"reader": ["article", "home", "section"], "searcher": ["search"],
         "beacon": ["beacon"], "commenter": ["comment_form", "comment"]}
# Writes are what can be lost; reads are what an outage should still answer from cache.
WRITES = {"beacon": 3, "commenter": 3}
MIXED = {"reader": 2, "searcher": 1, "beacon": 2, "commenter": 2}
REDIS_START = ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379",
               "--save", "", "--appendonly", "no"]

LABELS = {
    "flushed_before_stop": "views in Redis, flushed before the stop",
    "killed_worker": "killed (kill -9) worker",
    "respawned_after_s": "the master forked a new worker after (s)",
    "stop_took_s": "the stop took (s)",
    "outage_s": "down for (s), from the stop asked to the start asked",
    "ready_after_start_s": "the service answered again after the start (s)",
}

Fault = Callable[[Site, Load, argparse.Namespace], tuple[dict[str, Any], str]]


def wait_until(check: Callable[[], bool], seconds: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(0.05)
    return None


# --- The faults -------------------------------------------------------------------------

def kill9(site: Site, load: Load, arguments: argparse.Namespace) -> tuple[dict[str, Any], str]:
    server = site.server
    assert server is not None
    master, workers = gunicorn(server)
    if master is None or not workers:
        raise RuntimeError("no gunicorn workers under the server")
    victim = workers[0]
    os.kill(victim, signal.SIGKILL)
    load.tally.mark("kill", phase="after")

    def respawned() -> bool:
        now = gunicorn(server)[1]
        return victim not in now and len(now) >= len(workers)

    took = wait_until(respawned, RECOVERY_LIMIT)
    return {
        "killed_worker": victim, "workers_before": workers,
        "respawned_after_s": None if took is None else round(took, 2),
        "workers_after": gunicorn(server)[1],
    }, "kill"


def postgres_version() -> str:
    versions = sorted(os.listdir("/etc/postgresql"))
    if len(versions) != 1:
        raise RuntimeError(f"expected one PostgreSQL version in /etc/postgresql, saw {versions}")
    return versions[0]


def postgres_ready() -> bool:
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]).returncode == 0


def postgres_skip(site: Site) -> str | None:
    if site.database != "postgresql":
        return "DATABASE_URL does not name PostgreSQL"
    host = urlsplit(site.env["DATABASE_URL"])
    if host.hostname not in {"127.0.0.1", "localhost"} or (host.port or 5432) != 5432:
        return "PostgreSQL is not the local cluster on 127.0.0.1:5432"
    if not Path("/etc/postgresql").is_dir() or not shutil.which("pg_ctlcluster"):
        return "no local cluster to stop (pg_ctlcluster, /etc/postgresql)"
    return None


def postgres(site: Site, load: Load, arguments: argparse.Namespace) -> tuple[dict[str, Any], str]:
    cluster = ["pg_ctlcluster", "--skip-systemctl-redirect", postgres_version(), "main"]
    info: dict[str, Any] = {}
    try:
        # The stop closes connections as it goes: the outage starts when it is asked for.
        started = load.tally.mark("stop", phase="outage")
        subprocess.run([*cluster, "stop"], check=True, capture_output=True, timeout=60)
        info["stop_took_s"] = round(time.monotonic() - started, 2)
        time.sleep(arguments.outage)
    finally:
        started = load.tally.mark("restart", phase="after")
        # Whatever happened above, the machine's PostgreSQL must be back.
        for _ in range(3):
            if postgres_ready():
                break
            subprocess.run([*cluster, "start"], capture_output=True, timeout=120)
            wait_until(postgres_ready, 30)
        info["ready_after_start_s"] = round(time.monotonic() - started, 2)
    return info, "restart"


def redis_ready() -> bool:
    return subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping"],
                          capture_output=True, text=True).stdout.strip() == "PONG"


def redis_skip(site: Site) -> str | None:
    if not site.redis:
        return "REDIS_URL is not set"
    parts = urlsplit(site.env["REDIS_URL"])
    if parts.hostname not in {"127.0.0.1", "localhost"} or (parts.port or 6379) != 6379:
        return "Redis is not the local server on 127.0.0.1:6379"
    return None


def redis(site: Site, load: Load, arguments: argparse.Namespace) -> tuple[dict[str, Any], str]:
    info: dict[str, Any] = {}
    # Views wait in Redis until a flush, and Redis here keeps nothing on disk: move them
    # into the database first, with no beacon in flight, or the shutdown loses them.
    load.pause("beacon")
    flushed = nashra(site.env, "flush_views").strip().splitlines()
    info["flushed_before_stop"] = flushed[-1] if flushed else ""
    try:
        started = load.tally.mark("stop", phase="outage")
        subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"],
                       capture_output=True, timeout=30)
        info["stop_took_s"] = round(time.monotonic() - started, 2)
        load.resume("beacon")
        time.sleep(arguments.outage)
    finally:
        load.resume("beacon")
        started = load.tally.mark("restart", phase="after")
        # Whatever happened above, the machine's Redis must be back.
        for _ in range(3):
            if redis_ready():
                break
            subprocess.run(REDIS_START, capture_output=True, timeout=30)
            wait_until(redis_ready, 10)
        info["ready_after_start_s"] = round(time.monotonic() - started, 2)
    return info, "restart"


# --- Running one ------------------------------------------------------------------------

def scenario(site: Site, name: str, roles: dict[str, int], fault: Fault,
             arguments: argparse.Namespace) -> dict[str, Any]:
    print(f"\n== {name}: {site.describe()}; clients {roles}; {arguments.seconds:g}s before, "
          f"the fault, {arguments.seconds:g}s or more after", flush=True)
    offset = log_size(site.log)
    before = stored(site)
    load = Load(site, roles, label=name, timeout=TIMEOUT)
    load.tally.phase = "before"
    load.start()
    kinds = [kind for role in roles for kind in KINDS[role]]
    try:
        time.sleep(arguments.seconds)
        info, since = fault(site, load, arguments)
        mark = load.tally.marks[since]

        def recovered() -> bool:
            elapsed = time.monotonic() - mark
            return elapsed >= arguments.seconds and all(
                kind in load.tally.first_ok[since] for kind in kinds)

        wait_until(recovered, RECOVERY_LIMIT + arguments.seconds)
    finally:
        load.stop()
    after = stored(site)
    tally = load.tally
    if "stop" in tally.marks and "restart" in tally.marks:
        info["outage_s"] = round(tally.marks["restart"] - tally.marks["stop"], 2)

    comments, views = kept(tally, before, after, prefix=f"b-{name}-", by_phase=True)
    recovery = {kind: round(tally.first_ok[since][kind], 2) if kind in tally.first_ok[since]
                else None for kind in kinds}
    asked = {kind: round(tally.first_seen[since][kind], 2) for kind in kinds
             if kind in tally.first_seen[since]}
    phases = {phase: {kind: dict(sorted(c.items())) for kind, c in sorted(per.items())}
              for phase, per in tally.outcomes.items()}
    figures = summary(tally.totals())
    result: dict[str, Any] = {
        **info,
        "clients": roles,
        "responses": phases,
        **{key: figures[key] for key in ("statuses", "server_errors_5xx", "connection_errors",
                                         "timeouts")},
        "slowest_s": {phase: {k: round(v, 2) for k, v in per.items()}
                      for phase, per in tally.slowest.items()},
        f"first_2xx_after_{since}_s": recovery,
        f"first_answer_after_{since}_s": asked,
        "comments": comments,
        "views": views,
        "server_log_errors": server_errors(site.log, since=offset),
    }
    failures = []
    if result["comments"]["lost"]:
        failures.append(f"{len(result['comments']['lost'])} acknowledged comments lost")
    if result["views"]["lost"]:
        failures.append(f"{result['views']['lost']} acknowledged views lost")
    not_503 = {s: n for s, n in figures["server_errors_5xx"].items() if s != "503"}
    if not_503:
        failures.append(f"served {not_503} (an outage must answer 503)")
    if figures["timeouts"]:
        failures.append(f"{figures['timeouts']} requests hung past {TIMEOUT:g}s")
    late = [kind for kind, took in recovery.items() if took is None or took > RECOVERY_LIMIT]
    if late:
        failures.append(f"no 2xx within {RECOVERY_LIMIT:g}s of the {since}: {', '.join(late)}")
    if name == "redis" and tally.views.get("outage"):
        failures.append(f"{tally.views['outage']} views acknowledged while Redis was down")
    if info.get("respawned_after_s", 0) is None:
        failures.append(f"the master did not respawn the worker within {RECOVERY_LIMIT:g}s")
    result["failures"] = failures
    show(name, result, since)
    return result


def show(name: str, result: dict[str, Any], since: str) -> None:
    for key, label in LABELS.items():
        if key in result:
            print(f"  {label}: {result[key]}")
    for phase in ("before", "outage", "after"):
        if phase in result["responses"]:
            print(f"  responses {phase}:")
            for kind, counts in result["responses"][phase].items():
                slowest = result["slowest_s"][phase].get(kind, 0)
                print(f"    {kind:<13} {counts}  slowest {slowest:.2f}s")
    expected = ""
    if name == "kill9":
        expected = " (in flight or kept alive on the killed worker: expected, never acknowledged)"
    print(f"  connection errors: {result['connection_errors']}{expected}; "
          f"hangs (>{TIMEOUT:g}s): {result['timeouts']}; 5xx: {result['server_errors_5xx']}")
    recovery = result[f"first_2xx_after_{since}_s"]
    asked = result[f"first_answer_after_{since}_s"]
    print(f"  first 2xx after the {since} (s) [and the first request of the kind to end, "
          "whatever its outcome]: "
          + ", ".join(f"{k} {'never' if v is None else v} [{asked.get(k, '-')}]"
                      for k, v in recovery.items()))
    if None not in recovery.values():
        print(f"  every kind answered 2xx again {max(recovery.values()):.2f}s after the {since}")
    c, v = result["comments"], result["views"]
    print(f"  comments: {c['answered_201']} answered 201 {c['answered_201_by_phase']}, "
          f"{c['stored']} stored, {len(c['lost'])} lost, {len(c['stored_twice'])} stored twice, "
          f"{c['stored_unacknowledged']} stored without a 201 reaching the client")
    print(f"  views: {v['acknowledged_counted']} acknowledged {v['acknowledged_by_phase']}, "
          f"{v['counted']} counted, {v['lost']} lost")
    for line in result["server_log_errors"]:
        print(f"  server logged: {line}")
    print("  " + ("FAILED: " + "; ".join(result["failures"]) if result["failures"] else "OK"))


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--only", default=",".join(SCENARIOS),
                        help=f"comma-separated, of {','.join(SCENARIOS)}")
    parser.add_argument("--seconds", type=float, default=15, help="load before and after")
    parser.add_argument("--outage", type=float, default=5,
                        help="seconds PostgreSQL or Redis stays down (at most 10)")
    parser.add_argument("--articles", type=int, default=200)
    arguments = parser.parse_args()
    chosen = [name.strip() for name in arguments.only.split(",") if name.strip()]
    unknown = set(chosen) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios {sorted(unknown)}; choose from {SCENARIOS}")
    arguments.outage = min(arguments.outage, 10)

    results: dict[str, Any] = {}
    with throwaway_site(arguments.articles, "nashra_bench_faults", 13) as site:
        plans: dict[str, tuple[dict[str, int], Fault, str | None]] = {
            "kill9": (WRITES, kill9, None),
            "postgres": (MIXED, postgres, postgres_skip(site)),
            "redis": (MIXED, redis, redis_skip(site)),
        }
        for name in chosen:
            roles, fault, skipped = plans[name]
            if skipped:
                print(f"\n== {name}: skipped, {skipped}")
                results[name] = {"skipped": skipped}
                continue
            try:
                results[name] = scenario(site, name, roles, fault, arguments)
            except Exception as error:  # noqa: BLE001 - report it, go on with the others
                print(f"  FAILED: {type(error).__name__}: {error}")
                results[name] = {"failures": [f"{type(error).__name__}: {error}"]}

    report = {"articles": arguments.articles, "database": site.database, "redis": site.redis,
              "seconds": arguments.seconds, "outage_s": arguments.outage, "scenarios": results}
    write_report(REPORT, report, ensure_ascii=False)
    failed = [name for name, r in results.items() if r.get("failures")]
    print(f"\n{site.describe()}; {REPORT.relative_to(ROOT)}")
    print(f"FAILED: {', '.join(failed)}" if failed else "OK")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
