"""`live_poll`: readers of a live story polling its updates while the newsroom writes.

wrk asks the story's updates endpoint as fast as it can (what a crowd of open live pages
costs the app). Meanwhile a child process with the site's settings adds an entry every
`every` seconds through the live desk's own code (`LiveEntry.add`, which purges the
endpoint after its commit; how long each save took is reported too), and reader threads
poll as the page's script does: every `POLL_SECONDS`, each from its own moment. How long
each entry took to reach each reader, from its commit to the first answer that carried
it, is what readers feel: its p99 must stay within 10 s while the endpoint is under load.
"""

from __future__ import annotations

import http.client
import json
import random
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from .commands import PYTHON, ROOT
from .load import BROWSER
from .sites import Site
from .wrk import scenario

# As nashra/static/js/live.js polls.
POLL_SECONDS = 5.0
READERS = 20

WRITER = """
import sys, time, django
django.setup()
from nashra.live.models import LiveEntry, start_coverage
from nashra.newsroom.models import ArticlePage
story = ArticlePage.objects.get(pk=int(sys.argv[1]))
start_coverage(story)
every, written = float(sys.argv[2]), 0
print("ready", flush=True)
while True:
    time.sleep(every)
    written += 1
    began = time.perf_counter()
    entry = LiveEntry.add(story, None, text=f"تحديث رقم {written} من قلب الحدث.")
    print(entry.pk, time.time(), time.perf_counter() - began, flush=True)
"""


class _PollingReader(threading.Thread):
    def __init__(self, site: Site, path: str, until: float, seed: int) -> None:
        super().__init__(daemon=True)
        self.site, self.path, self.until = site, path, until
        self.random = random.Random(seed)
        self.first_seen: dict[int, float] = {}
        self.errors = 0

    def run(self) -> None:
        time.sleep(self.random.uniform(0, POLL_SECONDS))
        etag = ""
        while time.monotonic() < self.until:
            headers = {"User-Agent": BROWSER, **({"If-None-Match": etag} if etag else {})}
            # A connection per poll: the server closes one left idle between polls, as it
            # does a browser's.
            connection = http.client.HTTPConnection("127.0.0.1", self.site.port, timeout=30)
            try:
                connection.request("GET", self.path, headers=headers)
                response = connection.getresponse()
                body = response.read()
                now = time.time()
                if response.status == 200:
                    etag = response.getheader("ETag") or ""
                    for entry in json.loads(body)["entries"]:
                        self.first_seen.setdefault(entry["id"], now)
                elif response.status != 304:
                    self.errors += 1
            except (OSError, http.client.HTTPException, ValueError):
                self.errors += 1
            finally:
                connection.close()
            time.sleep(POLL_SECONDS)


def live_poll(site: Site, story_id: int, duration: float, connections: int, state: Path,
              every: float = 1.0) -> dict[str, Any]:
    """wrk on the story's updates for `duration` s while an entry is added every `every` s."""
    path = f"/live/{story_id}/updates/"
    writer = subprocess.Popen(
        [PYTHON, "-c", WRITER, str(story_id), str(every)], env=site.env, cwd=ROOT,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert writer.stdin is not None and writer.stdout is not None
    if writer.stdout.readline().strip() != "ready":
        raise RuntimeError("the live_poll writer did not start")
    # Readers keep polling a little after wrk stops, to see the last entries arrive.
    until = time.monotonic() + duration + 2 * POLL_SECONDS
    readers = [_PollingReader(site, path, until, seed) for seed in range(READERS)]
    for reader in readers:
        reader.start()
    result = scenario(site.url, [path], duration, connections, state)
    writer.stdin.close()
    writer.terminate()
    lines = [line.split() for line in writer.stdout.read().splitlines() if line.strip()]
    written = {int(entry): float(at) for entry, at, _took in lines}
    saves = sorted(float(took) for _entry, _at, took in lines)
    writer.wait(timeout=30)
    for reader in readers:
        reader.join(duration + 60)

    # Entries written early enough that every reader polled at least once after them.
    last_fair = time.time() - POLL_SECONDS - 1
    delays = sorted(
        reader.first_seen.get(entry, float("inf")) - at
        for entry, at in written.items() if at <= last_fair
        for reader in readers
    )
    count = len(delays)
    unseen = sum(1 for delay in delays if delay == float("inf"))

    def seconds(delay: float) -> float | None:
        return None if delay == float("inf") else round(delay, 2)

    return {
        **result,
        "entries": len(written),
        # How long the desk's save of an entry took, commit and purge included.
        "save_p99_ms": round(saves[max(int(len(saves) * 0.99) - 1, 0)] * 1000, 1)
        if saves else None,
        "readers": READERS,
        "poll_errors": sum(reader.errors for reader in readers),
        # None: some reader never saw an entry (that is a failure, not a fast answer).
        "unseen": unseen,
        "visible_p50_s": seconds(delays[count // 2]) if count else None,
        "visible_p99_s": seconds(delays[max(int(count * 0.99) - 1, 0)]) if count else None,
        "visible_max_s": seconds(delays[-1]) if count else None,
    }
