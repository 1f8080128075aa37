"""Writers to one SQLite file queue across processes instead of sleeping in SQLite."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection

from nashra.audience.tests.servers import database_url
from nashra.operations.sqlite_writers import one_writer_at_a_time

pytestmark = pytest.mark.django_db(transaction=True)

HOLD_THE_TURN = """
import sys, django
django.setup()
from nashra.operations.sqlite_writers import one_writer_at_a_time
with one_writer_at_a_time():
    print("holding", flush=True)
    sys.stdin.readline()
print("released", flush=True)
"""


def test_writers_queue_on_sqlite_alone(tmp_path: Path) -> None:
    if connection.vendor == "sqlite":
        a_writer_waits_for_another_process_to_finish_its_turn(tmp_path)
    else:
        postgresql_writers_take_no_turn()


def a_writer_waits_for_another_process_to_finish_its_turn(tmp_path: Path) -> None:
    environment = {
        **dict(os.environ), "DJANGO_SETTINGS_MODULE": "nashra.settings.base",
        "NASHRA_VAR_DIR": str(tmp_path), "SECRET_KEY": "writers-" + "k" * 40,
        "DATABASE_URL": database_url(),
    }
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_TURN], env=environment,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdin is not None and holder.stdout is not None
    assert holder.stdout.readline().strip() == "holding"
    entered = threading.Event()

    def write() -> None:
        with one_writer_at_a_time():
            entered.set()

    writer = threading.Thread(target=write)
    writer.start()
    assert not entered.wait(0.5), "took the turn while another process held it"

    holder.stdin.write("\n")
    holder.stdin.flush()
    assert entered.wait(10), "never took the turn once it was free"
    writer.join()
    assert holder.wait(timeout=30) == 0


def postgresql_writers_take_no_turn() -> None:
    holder_entered = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with one_writer_at_a_time():
            holder_entered.set()
            release.wait(10)

    holding = threading.Thread(target=hold)
    holding.start()
    assert holder_entered.wait(10)
    with one_writer_at_a_time():  # would wait for the other thread if it took a turn
        pass
    release.set()
    holding.join()
