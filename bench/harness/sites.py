"""A throw-away site: N synthetic articles in a state of their own, served by `nashra serve`.

It never touches the site's own data (see `state.throwaway_state`). The articles are
written straight into the page tree by `bench.synthetic_site` in a child process, then
indexed for search; the site is served with gunicorn and no scheduler.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .children import child
from .commands import NASHRA, nashra
from .servers import running
from .state import State, throwaway_state


@dataclass
class Site(State):
    """A state holding a site of synthetic articles, and the server serving it, if any."""

    paths: list[str]  # of every article, from the site's root
    ids: list[int]  # of every article, in the order of `paths`
    sections: list[str]
    server: subprocess.Popen[bytes] | None = None

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    def describe(self) -> str:
        return f"{len(self.ids):,} articles, {self.database}{', Redis' if self.redis else ''}"


@contextmanager
def timed(what: str) -> Iterator[None]:
    """Say how long the work in the block took, as "  `what` in 1.2s"."""
    started = time.monotonic()
    yield
    print(f"  {what} in {time.monotonic() - started:.1f}s", flush=True)


def synthetic(state: State, *args: str, label: str, unit: str) -> Any:
    """`bench.synthetic_site ARGS`, run on `state`; what it answered."""
    return child("bench.synthetic_site", *args, env=state.env, label=label, unit=unit)


@contextmanager
def loaded_site(articles: int, database_name: str, redis_db: int) -> Iterator[Site]:
    """`articles` articles written and indexed, static files collected; not served yet.

    The index is of the words only: no story has its «إقرأ أيضاً» list until
    `read_also` computes the lists of the stories asked for.
    """
    with throwaway_state(database_name, redis_db) as state:
        print(f"Loading {articles:,} articles ({state.database})…", flush=True)
        nashra(state.env, "migrate", "--no-input", "-v", "0")
        with timed("pages written"):
            shape = synthetic(state, "load", str(articles), label="pages", unit="page")
        with timed("search index built"):
            synthetic(state, "index", label="search index", unit="article")
        nashra(state.env, "collectstatic", "--no-input", "-v", "0")
        yield Site(state.folder, state.port, state.env, state.database, paths=shape["paths"],
                   ids=shape["ids"], sections=shape["sections"])


# Every relation of the site's PostgreSQL database read once into the OS's file cache.
_PREWARM = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
    cursor.execute(
        "SELECT pg_prewarm(c.oid, 'read') FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'i', 't', 'm') AND n.nspname IN ('public', 'pg_toast') "
        "AND c.relpersistence = 'p'"
    )
"""


def warm_files(site: Site) -> None:
    """Read the site's database once, as a running site has it in memory already.

    On a machine whose disk is slow, the first searches after loading a site read the
    postings from the disk: iowait reached 63% during `make bench`'s search scenario
    and requests waited seconds, so the scenario measured the disk's first reads of a
    site loaded a minute before. A site that has been serving has its archive's hot
    pages cached by the OS (PostgreSQL's own buffers are 128 MB by default).
    """
    with timed("database files read into the OS's cache"):
        if site.database == "postgresql":
            nashra(site.env, "shell", "-v", "0", "-c", _PREWARM, timeout=600)
            return
        for path in site.folder.glob("*.sqlite3*"):
            with path.open("rb") as file:
                while file.read(1 << 24):
                    pass


def read_also(site: Site, ids: list[int]) -> None:
    """Compute the «إقرأ أيضاً» lists of the articles `ids`, against the whole archive."""
    with timed(f"read-also of {len(ids):,} articles"):
        synthetic(site, "read-also", json.dumps(ids), label="read-also", unit="article")


@contextmanager
def serving(site: Site, workers: int) -> Iterator[subprocess.Popen[bytes]]:
    """`nashra serve` on the site's port, logging to `site.log`, until the block ends."""
    command = [NASHRA, "serve", "--bind", f"127.0.0.1:{site.port}", "--workers", str(workers),
               "--no-scheduler", "--skip-setup"]
    with running(command, site.env, site.url + "/healthz", log=site.log) as server:
        site.server = server
        yield server


@contextmanager
def throwaway_site(articles: int, database_name: str, redis_db: int,
                   workers: int = 2) -> Iterator[Site]:
    """A site of `articles` articles, every read-also list computed, being served."""
    with loaded_site(articles, database_name, redis_db) as site:
        read_also(site, site.ids)
        with serving(site, workers):
            yield site
