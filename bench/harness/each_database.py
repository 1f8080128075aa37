"""Runs measured on each database the machine offers: SQLite, then PostgreSQL.

`python -m bench.NAME ARGS` runs itself again as a child, `--child sqlite ARGS`, with a
fresh state folder, then, when DATABASE_URL names PostgreSQL, `--child postgresql ARGS`
on a throw-away database of that server, dropped afterwards. The child does the work
and measures it; the parent prints each child's figures as a JSON line as they come, and
writes them all to `--json FILE` when asked.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .children import Report, answer, child, report_progress
from .commands import write_report
from .state import drop_postgres, is_postgres, recreate_postgres

# The child's work: on which database ("sqlite" or "postgresql"), with the run's
# arguments, reporting its progress; its figures.
Work = Callable[[str, argparse.Namespace, Report], Any]


def on_each_database(parser: argparse.ArgumentParser, work: Work, *, module: str,
                     env: dict[str, str], database_name: str, label: str, unit: str,
                     summary: Callable[[list[Any]], None] | None = None) -> int:
    """Parse the arguments, then do `work` as the child, or run a child on each database.

    `env` is the children's environment, less any database; `database_name` the name of
    the throw-away PostgreSQL database; `summary`, if any, gets every child's figures.
    """
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        answer(work(arguments.child, arguments, report_progress))
        return 0

    url = os.environ.get("DATABASE_URL", "")
    results = []
    for database in ("sqlite", "postgresql") if is_postgres(url) else ("sqlite",):
        with tempfile.TemporaryDirectory(prefix=f"{database_name}-") as folder:
            own = {**env, "NASHRA_VAR_DIR": folder}
            if database == "postgresql":
                own["DATABASE_URL"] = recreate_postgres(url, database_name)
            try:
                results.append(child(module, "--child", database, *sys.argv[1:], env=own,
                                     label=f"{database}: {label}", unit=unit,
                                     show_stderr=True))
            finally:
                if database == "postgresql":
                    drop_postgres(url, database_name)
        print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    if arguments.json:
        write_report(arguments.json, results)
    if summary is not None:
        summary(results)
    return 0
