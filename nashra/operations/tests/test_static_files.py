"""Static addresses: the manifest's hashed names, worked out once per process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nashra.operations.static_files import StaticFilesStorage


@pytest.fixture
def storage(tmp_path: Path, settings) -> StaticFilesStorage:
    settings.DEBUG = False
    manifest = {"version": "1.1", "hash": "x", "paths": {"css/site.css": "css/site.4f2a9c.css"}}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest), encoding="utf-8")
    return StaticFilesStorage(location=str(tmp_path), base_url="/static/")


def test_an_address_is_the_manifests_hashed_name(storage: StaticFilesStorage) -> None:
    assert storage.url("css/site.css") == "/static/css/site.4f2a9c.css"


def test_an_address_is_looked_up_once(storage: StaticFilesStorage) -> None:
    first = storage.url("css/site.css")
    storage.hashed_files["css/site.css"] = "css/site.changed.css"

    assert storage.url("css/site.css") == first
    # Asked to work it out again, it does.
    assert storage.url("css/site.css", force=True) == "/static/css/site.changed.css"


def test_a_file_missing_from_the_manifest_still_fails_loudly(storage: StaticFilesStorage) -> None:
    with pytest.raises(ValueError):
        storage.url("css/absent.css")
