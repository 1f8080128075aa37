"""nashra.arabic stays a plain Python library.

It must be importable and testable without Django, Wagtail or the rest of
the project, so every module is checked statically: no import of django,
wagtail or any nashra module outside nashra.arabic, and the library code
itself (not the tests) may use only the standard library and hijridate.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PACKAGE = "nashra.arabic"
FORBIDDEN_ROOTS = {"django", "wagtail", "nashra"}
ALLOWED_THIRD_PARTY = {"hijridate"}

MODULES = sorted(PACKAGE_DIR.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


def _imported_modules(path: Path) -> Iterator[str]:
    """Yield the absolute name of every module ``path`` imports."""
    name = _module_name(path)
    is_package = path.name == "__init__.py"
    # The package a relative import is resolved against.
    anchor = name.split(".") if is_package else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                assert node.module is not None
                yield node.module
            else:
                base = anchor[: len(anchor) - (node.level - 1)]
                yield ".".join([*base, node.module] if node.module else base)


def _is_inside_package(module: str) -> bool:
    return module == PACKAGE or module.startswith(PACKAGE + ".")


def _is_library_module(path: Path) -> bool:
    return "tests" not in path.relative_to(PACKAGE_DIR).parts


def test_it_finds_the_modules_it_checks() -> None:
    names = {_module_name(path) for path in MODULES}
    assert {"nashra.arabic", "nashra.arabic.digits", "nashra.arabic.dates"} <= names


@pytest.mark.parametrize("path", MODULES, ids=_module_name)
def test_no_module_imports_django_wagtail_or_the_rest_of_nashra(path: Path) -> None:
    offending = [
        module
        for module in _imported_modules(path)
        if module.split(".")[0] in FORBIDDEN_ROOTS and not _is_inside_package(module)
    ]
    assert offending == []


@pytest.mark.parametrize("path", [p for p in MODULES if _is_library_module(p)], ids=_module_name)
def test_library_code_uses_only_the_standard_library_and_hijridate(path: Path) -> None:
    offending = [
        module
        for module in _imported_modules(path)
        if not _is_inside_package(module)
        and module.split(".")[0] not in sys.stdlib_module_names | ALLOWED_THIRD_PARTY
    ]
    assert offending == []
