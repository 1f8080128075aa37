"""`purge_storm`: readers on the home page and 50 stories while all of them are purged.

An update to a breaking story purges the home page and every story that lists it, while
readers are on exactly those pages. Reader threads (http.client, keep-alive) ask for
the pages at random; a child process with the site's settings moves the site-wide stamp
(what a publish does) every `every` seconds through the page cache's own code. Each
answer is timed and its `Nashra-Cache` state kept: a `miss` is a render, so the renders
per purged page and how many renders of one page overlapped in time are read off the
answers. When each render began and how long it took comes from the miss's
`Server-Timing` header (the server's clock is this machine's), so renders that
overlapped are renders that ran at the same time, not readers that waited together.
"""

from __future__ import annotations

import http.client
import random
import subprocess
import threading
import time
import urllib.request
from collections import defaultdict
from typing import Any

from .commands import PYTHON, ROOT
from .load import BROWSER
from .sites import Site

PURGER = """
import sys, time, django
django.setup()
from nashra.operations.page_cache import stamps
every, purges = float(sys.argv[1]), 0
while True:
    time.sleep(every)
    stamps.move_site()
    purges += 1
    print(purges, flush=True)
"""


def _purger(site: Site, every: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [PYTHON, "-c", PURGER, str(every)], env=site.env, cwd=ROOT,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )


class _Reader(threading.Thread):
    def __init__(self, site: Site, pages: list[str], until: float, seed: int) -> None:
        super().__init__(daemon=True)
        self.site, self.pages, self.until = site, pages, until
        self.random = random.Random(seed)
        # (path, asked at, answered at, status or failure, cache state)
        self.answers: list[tuple[str, float, float, str, str]] = []
        # (path, render began, render ended), epoch seconds, from the misses
        self.renders: list[tuple[str, float, float]] = []

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.site.port, timeout=30)
        while time.monotonic() < self.until:
            path = self.random.choice(self.pages)
            asked = time.monotonic()
            try:
                connection.request("GET", path, headers={"User-Agent": BROWSER})
                response = connection.getresponse()
                response.read()
                outcome, state = str(response.status), response.getheader("Nashra-Cache") or ""
                if state == "miss":
                    self.renders.append((path, *_render_time(response)))
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.site.port, timeout=30)
                outcome, state = "connection", ""
            self.answers.append((path, asked, time.monotonic(), outcome, state))
        connection.close()


def _render_time(response: http.client.HTTPResponse) -> tuple[float, float]:
    """From `render;dur=12.34;desc="<epoch seconds it began>"`."""
    fields = dict(part.split("=", 1) for part in
                  (response.getheader("Server-Timing") or "").split(";")[1:])
    began = float(fields["desc"].strip('"'))
    return began, began + float(fields["dur"]) / 1000


def _most_at_once(intervals: list[tuple[float, float]]) -> int:
    events = sorted([(start, 1) for start, _ in intervals] + [(end, -1) for _, end in intervals])
    most = current = 0
    for _at, change in events:
        current += change
        most = max(most, current)
    return most


def purge_storm(site: Site, pages: list[str], duration: float, connections: int,
                every: float = 1.0) -> dict[str, Any]:
    """`pages` read by `connections` readers for `duration` s, all purged every `every` s."""
    for path in pages:  # in the cache before the storm
        urllib.request.urlopen(site.url + path, timeout=30).read()
    until = time.monotonic() + duration
    readers = [_Reader(site, pages, until, seed) for seed in range(connections)]
    purger = _purger(site, every)
    started = time.monotonic()
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join(duration + 60)
    elapsed = time.monotonic() - started
    assert purger.stdin is not None and purger.stdout is not None
    purger.stdin.close()
    purger.terminate()
    purges = len(purger.stdout.read().split())
    purger.wait(timeout=30)

    answers = [answer for reader in readers for answer in reader.answers]
    latencies = sorted(answered - asked for _path, asked, answered, _o, _s in answers)
    renders: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for reader in readers:
        for path, began, ended in reader.renders:
            renders[path].append((began, ended))
    errors = sum(1 for *_rest, outcome, _state in answers if not outcome.startswith("2"))
    count = len(latencies) or 1
    return {
        "rps": round(len(answers) / elapsed, 1),
        "p50_ms": round(latencies[count // 2] * 1000, 2) if latencies else 0.0,
        "p99_ms": round(latencies[int(count * 0.99) - 1] * 1000, 2) if latencies else 0.0,
        "max_ms": round(latencies[-1] * 1000, 2) if latencies else 0.0,
        "errors": errors,
        "pages": len(pages),
        "purges": purges,
        "renders": sum(len(found) for found in renders.values()),
        "renders_per_purged_page": round(
            sum(len(found) for found in renders.values()) / max(purges * len(pages), 1), 2),
        "most_renders_of_a_page_at_once": max(
            (_most_at_once(found) for found in renders.values()), default=0),
    }
