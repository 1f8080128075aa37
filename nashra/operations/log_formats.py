"""How log lines look, shared by Django's logging and gunicorn's (no Django import here).

`json` (the default) gives one object per line for a log collector; `plain` is for eyes.
"""

from __future__ import annotations

from typing import Any

FORMATS: dict[str, dict[str, Any]] = {
    "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        # UTC, ISO 8601: lines from many boxes and time zones sort together.
        "timestamp": "time",
        "json_ensure_ascii": False,
        "fmt": "%(levelname)s %(name)s %(message)s %(process)d",
        "rename_fields": {"levelname": "level", "name": "logger"},
    },
}


def chosen(value: str | None) -> str:
    """The format named by LOG_FORMAT; anything else is refused, with the choices."""
    name = value or "json"
    if name not in FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(FORMATS)}, not {name!r}")
    return name
