"""How `bench/NAME` runs `bench.NAME`: in the project's virtualenv, whatever started it.

`bench/NAME` begins `#!/usr/bin/env python3`, which may be a Python without the
project's packages; the runs need them (Django in their children, tqdm for progress), so
such a start is handed over to `.venv/bin/python` first. Standard library only: this
runs before that hand-over.

Run as a file, `bench/NAME` puts its own folder first on the path, where `bench/site.py`
would stand in for the standard library's `site` (and `bench/search.py` for any module
named `search`): the script puts the repository root before it, and `run` takes the
folder off the path before anything else is imported.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import NoReturn

HERE = Path(__file__).resolve().parent
VENV = HERE.parent / ".venv"


def run(module: str, script: str) -> NoReturn:
    """Exit with `module.main()`, re-executing `script` in the virtualenv when outside it."""
    sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]
    python = VENV / "bin" / "python"
    if python.exists() and Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(python, [str(python), script, *sys.argv[1:]])
    sys.exit(importlib.import_module(module).main())
