"""Where a run keeps its state, never the site's own: a folder, a database, a Redis number.

The folder holds the SQLite file, the secret key, static files, logs and nginx's cache.
With DATABASE_URL naming PostgreSQL a run works in a throw-away database of its own name
on that server (the database the URL names is left alone); with REDIS_URL, in a Redis
database number of its own, emptied first.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .servers import free_port


def environment(*, without: Iterable[str] = ("DEBUG",), **values: str) -> dict[str, str]:
    """This process's environment less `without`, with `values` set."""
    left_out = set(without)
    env = {key: value for key, value in os.environ.items() if key not in left_out}
    env.update(values)
    return env


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def with_path(url: str, path: str) -> str:
    """`url` with its path (database name or number) replaced."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{path}"))


def _on_postgres_server(url: str, statement: str, name: str) -> None:
    """`statement` run on the server of `url`, `{}` in it standing for the database `name`."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(with_path(url, "postgres"), autocommit=True) as connection:
        connection.execute(sql.SQL(statement).format(sql.Identifier(name)))


def recreate_postgres(url: str, name: str) -> str:
    """An empty database `name` on the server of `url`; its own URL."""
    if "bench" not in name:
        sys.exit(f"bench: refusing to recreate {name!r}: a throw-away database's name "
                 "contains 'bench'")
    drop_postgres(url, name)
    _on_postgres_server(url, "CREATE DATABASE {}", name)
    return with_path(url, name)


def drop_postgres(url: str, name: str) -> None:
    # FORCE: a server left over from an interrupted run must not keep the name taken.
    _on_postgres_server(url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)


def empty_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


@dataclass
class State:
    """A run's state folder, the environment its commands run in, and its site's port."""

    folder: Path
    port: int
    env: dict[str, str]
    database: str  # "sqlite" or "postgresql"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def redis(self) -> bool:
        return bool(self.env.get("REDIS_URL"))


@contextmanager
def throwaway_state(database_name: str, redis_db: int | None) -> Iterator[State]:
    """A state folder and the environment of a site served from it on a free port; both
    are removed when the block ends, PostgreSQL's database too.

    The settings are the bench's; the site trusts one proxy, so each reader can have an
    address of its own in X-Forwarded-For. `redis_db=None` leaves REDIS_URL as it is.
    """
    with tempfile.TemporaryDirectory(prefix=f"{database_name}-") as folder:
        port = free_port()
        env = environment(
            NASHRA_VAR_DIR=folder, DJANGO_SETTINGS_MODULE="nashra.settings.bench",
            SITE_URL=f"http://127.0.0.1:{port}", TRUSTED_PROXIES="1", LOG_LEVEL="WARNING",
        )
        database = "sqlite"
        if is_postgres(env.get("DATABASE_URL", "")):
            env["DATABASE_URL"] = recreate_postgres(env["DATABASE_URL"], database_name)
            database = "postgresql"
        else:
            env.pop("DATABASE_URL", None)
        if env.get("REDIS_URL") and redis_db is not None:
            env["REDIS_URL"] = with_path(env["REDIS_URL"], str(redis_db))
            empty_redis(env["REDIS_URL"])
        try:
            yield State(Path(folder), port, env, database)
        finally:
            # Gone with its folder, as a SQLite site is: at 100,000 stories it is 10 GB.
            if database == "postgresql":
                drop_postgres(env["DATABASE_URL"], database_name)

