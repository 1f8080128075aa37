"""Writers to the SQLite file take turns in a queue, not in SQLite's busy handler.

SQLite lets one writer at a time hold the file, and a writer that finds it held waits in
its busy handler, which sleeps in growing steps (up to 100 ms at a time) and checks
again: under a stream of small writes (view beacons) most writers are quick, but one
in a hundred sleeps through several steps, which was the beacons' p99 of half a second.
Here a writer waits on a lock the kernel hands over the moment it is released: first
the threads of one process on a thread lock, then the processes on the box on an
exclusive `flock` of a file beside the database. On PostgreSQL, writers do not queue
for the whole database, and this takes no lock at all.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

_threads = threading.Lock()
_files: dict[str, int] = {}


def _lock_file() -> int | None:
    database = str(connection.settings_dict["NAME"])
    if database.startswith((":memory:", "file:")):
        return None  # a database of this process alone
    descriptor = _files.get(database)
    if descriptor is None:
        path = Path(database).with_name(Path(database).name + ".writers")
        descriptor = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        _files[database] = descriptor
    return descriptor


@contextmanager
def one_writer_at_a_time() -> Iterator[None]:
    """Hold the site's SQLite write turn for the block (nothing on other databases)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        # Inside a transaction the write lock may already be held: queueing now could
        # wait on a process that waits on this one.
        yield
        return
    with _threads:
        descriptor = _lock_file()
        if descriptor is None:
            yield
            return
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
