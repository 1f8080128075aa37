"""A worker's cyclic garbage collector: short pauses, and no garbage kept for good.

A full collection walks every object the process tracks and stops every thread of the
worker meanwhile. gunicorn_conf freezes what the worker loaded and what its first
requests built, but what it keeps after that (the stories and cards a search found,
the site's parts, the words it highlighted) stays in the collected generations: under
`make bench`'s search stream a worker held about 75,000 such objects, and each full
collection took 20-55 ms, every few hundred requests, while every request in flight
waited: that adds to the search page's p99.

So the survivors of each full collection are frozen, and the next one walks only what
survived since: 6-9 ms instead. Freezing also keeps whatever cyclic garbage existed
at that moment (the requests then in flight, a hundred objects or so each time), and
frozen objects are only freed by their reference count. Every SWEEP_EVERY-th full
collection therefore walks the frozen objects too, which frees those cycles at the
cost of one long pause (about 200 ms) every few tens of thousands of requests.

Plain Python, without Django: gunicorn's settings import it before the application loads.
"""

from __future__ import annotations

import gc
from typing import Any

# Full collections come every few hundred requests under load, so a sweep comes every few
# tens of thousands; until it does, the cycles of at most this many freezes (about one
# request's each) are kept.
SWEEP_EVERY = 64
OLDEST = 2  # the generation a full collection collects


class FreezingCollector:
    """A gc callback: freezes after each full collection, thaws before every n-th."""

    def __init__(self, sweep_every: int = SWEEP_EVERY) -> None:
        self.sweep_every = sweep_every
        self.full_collections = 0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if info["generation"] != OLDEST:
            return
        if phase == "start":
            self.full_collections += 1
            if self.full_collections % self.sweep_every == 0:
                # Called before the collection picks its objects: this one walks them all.
                gc.unfreeze()
        else:
            gc.freeze()


def install(sweep_every: int = SWEEP_EVERY) -> FreezingCollector:
    """Freeze the survivors of every full collection of this process from now on."""
    collector = FreezingCollector(sweep_every)
    gc.callbacks.append(collector)
    return collector


def uninstall(collector: FreezingCollector) -> None:
    gc.callbacks.remove(collector)
