"""The one place Nashra reads its environment.

Every setting an operator may change is read here, with its default, so that
``docs/settings.md`` and this module can be checked against each other.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def var_dir() -> Path:
    """Where the site keeps its local state (SQLite file, secret key, media, benchmarks)."""
    path = Path(os.environ.get("NASHRA_VAR_DIR", BASE_DIR / "var"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def text(name: str, default: str = "") -> str:
    return os.environ.get(name, "") or default


def listing(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once into var/secret_key.

    The generated file is created with mode 0600 and never leaves the machine: it is
    under var/, which git ignores.
    """
    value = os.environ.get("SECRET_KEY")
    if value:
        return value
    path = var_dir() / "secret_key"
    if not path.exists():
        # Written whole under a name of its own, then linked into place: a second process
        # starting at the same moment (another gunicorn worker) finds either no key or
        # the whole key, never a file created but not yet written.
        fd, draft = tempfile.mkstemp(dir=path.parent, prefix=".secret_key-")
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
            os.link(draft, path)
        except FileExistsError:
            pass  # another process linked its key first: use that one
        finally:
            os.unlink(draft)
    return path.read_text().strip()
