"""wrk (Debian's package) against a served site, driven by a Lua script of the run's own.

`scenario` is the page runs' script: GET or POST a list of paths, each request for one
picked at random (or each path in turn, once), and answer requests per second, p50, p99,
bytes per response and errors in the page contract's shape (`var/bench/latest.json`).
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from .load import BROWSER

SCENARIO = """
local paths = {PATHS}
local method = "{METHOD}"
local counter = 0
local thread_id = 0
local threads = {}
setup = function(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
init = function(args)
  math.randomseed(os.time() + id)
end
request = function()
  counter = counter + 1
  local path
  if {STREAM} then
    -- Each thread walks its own share of the list in turn: no path is asked twice
    -- until the list runs out.
    path = paths[((counter - 1) * {THREADS} + id - 1) % #paths + 1]
  else
    path = paths[math.random(#paths)]
  end
  local headers = {}
  headers["User-Agent"] = "{BROWSER}"
  if {SPREAD} then
    path = path .. "?bench=" .. id .. "-" .. counter
  end
  if method == "POST" then
    headers["X-Forwarded-For"] = "10." .. id .. "." .. (counter % 250) .. "." .. math.random(250)
  end
  return wrk.format(method, path, headers, nil)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "errors": %d, "p50_us": %d, '
    .. '"p99_us": %d}\\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50), latency:percentile(99)))
end
"""


def require_wrk() -> None:
    if not shutil.which("wrk"):
        sys.exit("bench: wrk is missing (apt-get install wrk)")


def wrk(url: str, script: str, state: Path, *, connections: int, duration: float,
        threads: int = 2, timeout: float | None = None, latency: bool = False,
        arguments: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the Lua `script` (written into the folder `state`) against `url`."""
    path = state / f"wrk-{random.getrandbits(32)}.lua"
    path.write_text(script, encoding="utf-8")
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration:g}s"]
    command += [f"--timeout={timeout:g}s"] if timeout else []
    command += ["--latency"] if latency else []
    command += ["-s", str(path), url]
    command += ["--", *arguments] if arguments else []
    return subprocess.run(command, capture_output=True, text=True, check=True)


def scenario(url: str, paths: list[str], duration: float, connections: int, state: Path,
             method: str = "GET", spread: bool = False, stream: bool = False,
             threads: int = 2) -> dict[str, Any]:
    """`paths` under load from `connections` connections for `duration` seconds.

    `spread` adds a query string of its own to every request, so that no cache answers.
    `stream` asks for the paths in turn instead of at random, each once while the list
    lasts; the result says whether it lasted (`"repeated": false`).
    """
    listed = "{" + ", ".join(json.dumps(path) for path in paths) + "}"
    script = (SCENARIO.replace("{PATHS}", listed).replace("{METHOD}", method)
              .replace("{BROWSER}", BROWSER).replace("{SPREAD}", "true" if spread else "false")
              .replace("{STREAM}", "true" if stream else "false")
              .replace("{THREADS}", str(threads)))
    done = wrk(url, script, state, connections=connections, duration=duration, latency=True,
               threads=threads)
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))
    raw = json.loads(line.removeprefix("RESULT "))
    seconds = raw["duration_us"] / 1e6
    extra = {"repeated": raw["requests"] > len(paths)} if stream else {}
    return {
        **extra,
        "rps": round(raw["requests"] / seconds, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "errors": raw["errors"],
        "bytes": round(raw["bytes"] / max(raw["requests"], 1)),
    }
