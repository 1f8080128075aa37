"""Who is rendering a page that is missing from the page cache, across every process.

A claim must be seen by every process that may render the page, or each would render it
at once after a purge. With Redis (``PAGE_CACHE_REDIS_URL``) a claim is a key added to
the pages' Redis, seen by the whole site; without it, pages live in each worker's own
memory, and a claim is a file created exclusively in the state folder, seen by every
worker on the box. A renderer that dies leaves its claim to expire after
``CLAIM_SECONDS``.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Any

from django.conf import settings

CLAIM_SECONDS = 30

_folders: dict[str, Path] = {}


def _folder() -> Path:
    var_dir = str(settings.VAR_DIR)
    folder = _folders.get(var_dir)
    if folder is None:
        folder = Path(var_dir) / "page-cache" / "rendering"
        folder.mkdir(parents=True, exist_ok=True)
        _folders[var_dir] = folder
    return folder


def _file(key: str) -> str:
    return str(_folder() / hashlib.sha1(key.encode()).hexdigest()[:24])


def take(pages: Any, key: str) -> bool:
    """Claim the rendering of ``key``; False when another request holds the claim."""
    if settings.PAGE_CACHE_REDIS_URL:
        return bool(pages.add(key + ":rendering", 1, timeout=CLAIM_SECONDS))
    path = _file(key)
    for _attempt in range(2):
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            return True
        except FileExistsError:
            if not _expired(path):
                return False
            # Left by a renderer that died: take it over.
            _remove(path)
    return False


def held(pages: Any, key: str) -> bool:
    """Whether someone is still rendering ``key``."""
    if settings.PAGE_CACHE_REDIS_URL:
        return pages.get(key + ":rendering") is not None
    path = _file(key)
    return os.path.exists(path) and not _expired(path)


def release(pages: Any, key: str) -> None:
    if settings.PAGE_CACHE_REDIS_URL:
        pages.delete(key + ":rendering")
    else:
        _remove(_file(key))


def _expired(path: str) -> bool:
    try:
        return time.time() - os.stat(path).st_mtime > CLAIM_SECONDS
    except FileNotFoundError:
        return False


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
