"""The lock installs what pyproject.toml asks for, every file checked by its hash."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[3]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Machines this project is installed on: Debian's Python, on either processor.
ENVIRONMENTS = [
    {"python_version": "3.11", "python_full_version": "3.11.2", "platform_machine": machine,
     "sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
     "platform_python_implementation": "CPython", "implementation_name": "cpython"}
    for machine in ("x86_64", "aarch64")
]


def pins(lock: str) -> list[tuple[str, Version, Marker | None, list[str]]]:
    """(name, version, marker, hashes) of each entry of a requirements/*.txt lock."""
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
    found = []
    for entry in re.split(r"\n(?=[a-z0-9])", text):
        head = entry.split("\\", 1)[0].strip()
        if not head or head.startswith("#"):
            continue
        requirement = Requirement(head)
        (pinned,) = requirement.specifier
        assert pinned.operator == "==", head
        found.append((
            canonicalize_name(requirement.name), Version(pinned.version),
            requirement.marker, re.findall(r"--hash=sha256:([0-9a-f]{64})", entry),
        ))
    return found


def installed(lock: str, environment: dict[str, str]) -> dict[str, Version]:
    return {
        name: version for name, version, marker, _hashes in pins(lock)
        if marker is None or marker.evaluate(environment)
    }


def test_every_pin_is_exact_and_hashed() -> None:
    for lock in ("run.txt", "test.txt"):
        entries = pins(lock)
        assert len(entries) > 50
        assert all(hashes for *_pin, hashes in entries), lock


def test_the_locks_hold_every_dependency_within_its_range() -> None:
    wanted = {
        "run.txt": PROJECT["dependencies"],
        "test.txt": PROJECT["dependencies"] + PROJECT["optional-dependencies"]["test"],
    }
    for lock, requirements in wanted.items():
        for environment in ENVIRONMENTS:
            versions = installed(lock, environment)
            for line in requirements:
                requirement = Requirement(line)
                name = canonicalize_name(requirement.name)
                assert name in versions, f"{lock} lacks {name}: run `make lock`"
                assert requirement.specifier.contains(versions[name], prereleases=True), (
                    f"{lock} pins {name} {versions[name]}, outside {requirement.specifier}"
                )


def test_the_site_runs_on_the_versions_it_is_tested_on() -> None:
    for environment in ENVIRONMENTS:
        run, test = installed("run.txt", environment), installed("test.txt", environment)
        assert {name: test.get(name) for name in run} == run


def test_the_build_backend_is_locked_for_the_editable_install() -> None:
    backend = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for line in backend["build-system"]["requires"]:
        requirement = Requirement(line)
        for lock in ("run.txt", "test.txt"):
            version = installed(lock, ENVIRONMENTS[0]).get(canonicalize_name(requirement.name))
            assert version is not None and requirement.specifier.contains(version), lock
