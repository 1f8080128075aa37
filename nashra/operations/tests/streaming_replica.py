"""A real PostgreSQL streaming replica of the test cluster, for the replica tests.

`pg_basebackup -R` copies the running cluster into a temporary folder and writes the
settings that make the copy a standby; `pg_ctl` starts it on a free port, where it
streams the primary's WAL like a production replica. The server refuses to run as root,
so as root every command runs as the `postgres` user, who owns the folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg

from nashra.audience.tests.servers import free_port


class ReplicaUnavailable(RuntimeError):
    """The replica could not be made or started; the message says why."""


def _server_binaries(major: int) -> Path | None:
    """The folder of the primary's own major version's binaries: a replica must match it."""
    debian = Path(f"/usr/lib/postgresql/{major}/bin")
    if (debian / "pg_ctl").exists():
        return debian
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


class StreamingReplica:
    def __init__(self, primary: dict[str, Any]) -> None:
        self.primary = primary
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="nashra-replica-"))
        self.data = self.folder / "data"
        self._as_postgres = os.geteuid() == 0
        self.binaries: Path | None = None

    # --- commands ------------------------------------------------------------------

    def _run(self, *command: str, timeout: float = 120) -> str:
        prefix = ["runuser", "-u", "postgres", "--"] if self._as_postgres else []
        done = subprocess.run(
            [*prefix, *command], capture_output=True, text=True, timeout=timeout,
            cwd=self.folder,
        )
        if done.returncode != 0:
            raise ReplicaUnavailable(f"{' '.join(command)}: {done.stderr.strip()}")
        return done.stdout

    def _primary_connection(self) -> psycopg.Connection[Any]:
        return psycopg.connect(
            host=self.primary["HOST"] or "127.0.0.1", port=int(self.primary["PORT"] or 5432),
            user=self.primary["USER"], password=self.primary.get("PASSWORD") or None,
            dbname=self.primary["NAME"], autocommit=True,
        )

    def connection(self) -> psycopg.Connection[Any]:
        """A connection to the replica's copy of the test database."""
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.primary["USER"],
            password=self.primary.get("PASSWORD") or None, dbname=self.primary["NAME"],
            autocommit=True, connect_timeout=5,
        )

    def url(self) -> str:
        password = f":{self.primary['PASSWORD']}" if self.primary.get("PASSWORD") else ""
        return f"postgres://{self.primary['USER']}{password}@127.0.0.1:{self.port}/{self.primary['NAME']}"

    # --- life ----------------------------------------------------------------------

    def create(self) -> None:
        with self._primary_connection() as primary:
            major = int(primary.execute("SHOW server_version_num").fetchone()[0]) // 10000
        self.binaries = _server_binaries(major)
        if self.binaries is None or shutil.which("pg_basebackup") is None:
            raise ReplicaUnavailable("pg_ctl or pg_basebackup is not installed")
        if self._as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(
            str(self.binaries / "pg_basebackup"),
            "-h", self.primary["HOST"] or "127.0.0.1", "-p", str(self.primary["PORT"] or 5432),
            "-U", self.primary["USER"], "-D", str(self.data),
            "--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast", "--no-sync",
        )
        # Debian keeps a cluster's configuration outside its data folder, so the copy has
        # none: these are all a local standby needs.
        settings = (
            f"port = {self.port}\n"
            "listen_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{self.folder}'\n"
            "hot_standby = on\n"
            "fsync = off\n"
        )
        hba = "local all all trust\nhost all all 127.0.0.1/32 trust\n"
        self._run("sh", "-c", f"printf %s \"$1\" > {self.data}/postgresql.conf; "
                              f"printf %s \"$2\" > {self.data}/pg_hba.conf", "-", settings, hba)
        self.start()

    def start(self) -> None:
        assert self.binaries is not None
        self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-l",
                  str(self.folder / "server.log"), "-w", "-t", "60", "start")
        deadline = time.monotonic() + 60
        while True:
            try:
                with self.connection() as replica:
                    if replica.execute("SELECT pg_is_in_recovery()").fetchone()[0]:
                        return
                    raise ReplicaUnavailable("the copy started as a primary, not a standby")
            except psycopg.OperationalError as error:
                if time.monotonic() > deadline:
                    raise ReplicaUnavailable(f"the replica does not answer: {error}") from error
                time.sleep(0.2)

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def start_if_stopped(self) -> None:
        if not self.running():
            self.start()

    def stop(self) -> None:
        if self.binaries is not None and self.running():
            self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
                      "stop")

    def destroy(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    # --- replay --------------------------------------------------------------------

    def pause(self) -> None:
        """Stop applying the primary's changes: the replica lags from here on."""
        with self.connection() as replica:
            replica.execute("SELECT pg_wal_replay_pause()")
            while replica.execute("SELECT pg_get_wal_replay_pause_state()").fetchone()[0] != (
                "paused"
            ):
                time.sleep(0.05)

    def resume(self) -> None:
        with self.connection() as replica:
            replica.execute("SELECT pg_wal_replay_resume()")

    def catch_up(self, timeout: float = 60) -> None:
        """Wait until the replica has applied everything the primary has written so far."""
        with self._primary_connection() as primary:
            target = primary.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
        deadline = time.monotonic() + timeout
        with self.connection() as replica:
            while not replica.execute(
                "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [str(target)]
            ).fetchone()[0]:
                assert time.monotonic() < deadline, "the replica did not catch up"
                time.sleep(0.05)
