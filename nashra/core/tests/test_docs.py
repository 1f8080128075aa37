"""Docs are code: every setting and every Nashra command is documented."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DOCS = "\n".join(
    path.read_text(encoding="utf-8") for path in [ROOT / "README.md", *ROOT.glob("docs/*.md")]
)


def environment_variables() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "nashra").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r'env\.(?:text|flag|listing)\(\s*"([A-Z_]+)"', text))
        names |= set(re.findall(r'os\.environ(?:\.get)?\(\s*"([A-Z_]+)"', text))
        names |= set(re.findall(r'os\.environ\["([A-Z_]+)"\]', text))
    return names - {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def nashra_commands() -> set[str]:
    return {
        path.stem
        for path in (ROOT / "nashra").glob("*/management/commands/*.py")
        if not path.stem.startswith("_")
    }


def test_every_environment_variable_is_documented() -> None:
    variables = environment_variables()
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "SITE_URL"} <= variables
    missing = {name for name in variables if f"`{name}`" not in DOCS}
    assert not missing


def test_every_nashra_command_is_documented() -> None:
    commands = nashra_commands()
    assert {"serve", "demo", "create_admin"} <= commands
    missing = {name for name in commands if f"`{name}`" not in DOCS}
    assert not missing
