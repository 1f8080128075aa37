"""View beacons under load: throughput, p99, and accepted == counted, exactly.

    python -m bench.beacons             20 s of beacons from 64 connections
    bench/beacons --duration 60 --connections 128 --readers 100000

It never touches the site's own data: it (re)creates a throw-away PostgreSQL database
(default `nashra_bench_beacons`; its name must contain "bench"), uses a fresh Redis key
prefix, loads a few articles, and serves them with gunicorn (`--workers`, default one per
core and at least 2, as `nashra serve` does). `wrk` (Debian's package) fires the beacons;
each request comes from one of `--readers` distinct readers (an address in
X-Forwarded-For, with TRUSTED_PROXIES=1 as behind one proxy, and one of a few common
browsers), so some are repeats within the 30-minute window and rightly not counted. While
it runs, a flusher moves counts into the database every second, as `nashra serve`'s
scheduler would.

"Accepted" is what the server answered `Nashra-View: counted` (from its access log, so a
reply wrk abandoned at the end still counts); "counted" is the views in the database
after a last flush. They must be equal; the exit status is 1 when they are not.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from bench.harness import (
    NASHRA,
    PYTHON,
    environment,
    free_port,
    group_cpu_seconds,
    nashra,
    recreate_postgres,
    require_wrk,
    running,
    wrk,
)

LOAD_ARTICLES = """
from nashra.newsroom import factories
section = factories.section("منوعات", slug="bench")
ids = [factories.article(section, f"خبر تجريبي رقم {n}", slug=f"bench-{n}").pk
       for n in range({count})]
print("IDS", " ".join(map(str, ids)))
"""

FLUSH_FOREVER = """
import time
from django.core.management import call_command
while True:
    call_command("flush_views", verbosity=0)
    time.sleep(1)
"""

COUNT_VIEWS = """
import json
from django.db.models import Sum
from nashra.audience.models import HourlyViews, PendingView, ViewTotal
totals = ViewTotal.objects.aggregate(total=Sum("total"), base=Sum("base"))
print("COUNTS", json.dumps({
    "hourly": HourlyViews.objects.aggregate(n=Sum("views"))["n"] or 0,
    "totals": (totals["total"] or 0) - (totals["base"] or 0),
    "pending_rows": PendingView.objects.count(),
}))
"""

WRK_SCRIPT = """
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  readers = tonumber(args[1])
  articles = {}
  for i = 2, #args do table.insert(articles, args[i]) end
  statuses = {}
  -- Readers share a handful of browsers, as real readers do; addresses tell them apart.
  agents = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
      .. "Chrome/126.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
      .. "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
      .. "Chrome/126.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
      .. "(KHTML, like Gecko) Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
    "Mozilla/5.0 (Linux; Android 13; Redmi Note 12) AppleWebKit/537.36 "
      .. "(KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36",
  }
end

function request()
  counter = counter + 1
  local reader = (id * 7919 + counter * 104729) % readers
  local article = articles[(counter % #articles) + 1]
  local agent = agents[(reader % #agents) + 1]
  local address = "10." .. (math.floor(reader / 65536) % 256) .. "."
    .. (math.floor(reader / 256) % 256) .. "." .. (reader % 256)
  return wrk.format("POST", "/audience/views/" .. article .. "/",
    {["User-Agent"] = agent, ["X-Forwarded-For"] = address, ["Content-Length"] = "0"}, "")
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do merged[code] = (merged[code] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(merged) do table.insert(parts, '"' .. code .. '": ' .. n) end
  io.write("STATUSES {" .. table.concat(parts, ", ") .. "}\\n")
  io.write(string.format("LATENCY %f %f %f\\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("TOTAL %d %f %d\\n", summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout + summary.errors.status))
end
"""


def said(pattern: str, text: str) -> tuple[str, ...]:
    """The groups of the line of `text` that matches `pattern`."""
    found = re.search(pattern, text, re.M)
    if found is None:
        raise SystemExit(f"bench: no line matching {pattern!r} in:\n{text}")
    return found.groups()


def forget_redis_prefix(url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=prefix + "*", count=1000):
        client.delete(key)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds of load")
    parser.add_argument("--connections", type=int, default=64, help="concurrent clients")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--readers", type=int, default=10_000, help="distinct browsers")
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 1))
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class")
    parser.add_argument("--worker-threads", type=int, default=1,
                        help="threads per worker (gthread only)")
    parser.add_argument("--database-url",
                        default="postgres://postgres@127.0.0.1:5432/nashra_bench_beacons")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    args = parser.parse_args()
    require_wrk()

    with tempfile.TemporaryDirectory(prefix="nashra-bench-beacons-") as folder:
        state = Path(folder)
        prefix = f"bench-beacons:{uuid.uuid4().hex}:"
        env = environment(
            DJANGO_SETTINGS_MODULE="nashra.settings.base", NASHRA_VAR_DIR=folder,
            DATABASE_URL=args.database_url, REDIS_URL=args.redis_url,
            AUDIENCE_REDIS_PREFIX=prefix, LOG_LEVEL="WARNING",
            # wrk plays the proxy in front: each reader's address is in X-Forwarded-For.
            TRUSTED_PROXIES="1",
        )
        print(f"database {args.database_url} (recreated), redis {args.redis_url} "
              f"prefix {prefix}")
        recreate_postgres(args.database_url, urlsplit(args.database_url).path.lstrip("/"))
        nashra(env, "migrate", "--no-input", "-v", "0")
        loaded = nashra(env, "shell", "-v", "0", "-c",
                        LOAD_ARTICLES.replace("{count}", str(args.articles)))
        ids = said(r"^IDS (.+)$", loaded)[0].split()

        port = free_port()
        access_log = state / "access.log"
        gunicorn = [
            PYTHON, "-m", "gunicorn", "nashra.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", str(args.workers), "--worker-class", args.worker_class,
            "--threads", str(args.worker_threads), "--no-control-socket",
            "--access-logfile", str(access_log), "--access-logformat", "%(s)s %({nashra-view}o)s",
        ]
        flusher = [NASHRA, "shell", "-v", "0", "-c", FLUSH_FOREVER]
        with running(gunicorn, env, f"http://127.0.0.1:{port}/healthz",
                     show_errors=True) as server, running(flusher, env, None, show_errors=True):
            print(f"wrk: {args.duration}s, {args.connections} connections, {args.threads} "
                  f"threads, {args.readers} readers, {len(ids)} articles, {args.workers} "
                  f"{args.worker_class} workers x {args.worker_threads} threads")
            cpu_before = group_cpu_seconds(server.pid)
            fired = wrk(f"http://127.0.0.1:{port}", WRK_SCRIPT, state, threads=args.threads,
                        connections=args.connections, duration=args.duration, timeout=10,
                        arguments=[str(args.readers), *ids])
            server_cpu = group_cpu_seconds(server.pid) - cpu_before

        report = fired.stdout
        if "TOTAL" not in report:
            raise SystemExit("wrk said:\n" + report + fired.stderr)
        requests, seconds, socket_errors = said(r"^TOTAL (\d+) ([\d.]+) (\d+)$", report)
        p50, p99, worst = map(float, said(r"^LATENCY (\S+) (\S+) (\S+)$", report))
        statuses = json.loads(said(r"^STATUSES (.*)$", report)[0])
        log = access_log.read_text().split("\n")
        accepted = sum(1 for line in log if line == "204 counted")
        answered = sum(1 for line in log if line.startswith("204 "))

        flush_output = nashra(env, "flush_views")
        counts = json.loads(said(r"^COUNTS (.*)$",
                                 nashra(env, "shell", "-v", "0", "-c", COUNT_VIEWS))[0])
    rate = int(requests) / float(seconds)
    print(f"beacons sent (wrk responses): {requests} in {float(seconds):.1f}s = {rate:,.0f}/s; "
          f"statuses {statuses}; socket errors {socket_errors}")
    print(f"latency p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {worst:.2f} ms")
    per_beacon = server_cpu / max(answered, 1) * 1000
    print(f"server CPU: {server_cpu:.1f} s for {answered} beacons = {per_beacon:.2f} ms each, "
          f"so {os.cpu_count()} idle cores could answer at most "
          f"~{(os.cpu_count() or 1) * 1000 / max(per_beacon, 1e-9):,.0f}/s")
    print(f"server answered 204: {answered}; of them counted (accepted): {accepted}; "
          f"the rest were repeats within the window")
    print(f"last flush: {flush_output.strip()}")
    print(f"in the database: hourly buckets {counts['hourly']}, totals {counts['totals']}, "
          f"pending rows {counts['pending_rows']}")
    exact = accepted == counts["hourly"] == counts["totals"]
    print("accepted == counted: " + ("yes, exactly" if exact else "NO"))
    result = {"rps": round(rate), "p50_ms": round(p50, 2), "p99_ms": round(p99, 2),
              "errors": int(socket_errors) + sum(n for code, n in statuses.items()
                                                 if code != "204"),
              "accepted": accepted, "counted": counts["hourly"],
              "server_cpu_ms_per_beacon": round(per_beacon, 3)}
    print("JSON " + json.dumps(result))
    forget_redis_prefix(args.redis_url, prefix)
    return 0 if exact else 1


if __name__ == "__main__":
    raise SystemExit(main())
