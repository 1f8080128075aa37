"""The static files' storage: whitenoise's compressed manifest, each address worked out once.

Every reader page names about ten static files, and `ManifestStaticFilesStorage.url`
cleans, splits and looks up each name on every call: about a tenth of a millisecond a
file here, a millisecond of every uncached page. The manifest does not change while a
process runs (`collectstatic`, then a restart), so neither do the addresses.
"""

from __future__ import annotations

from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._addresses: dict[str, str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        if force or name is None:
            return str(super().url(name, force))
        address = self._addresses.get(name)
        if address is None:
            address = self._addresses[name] = str(super().url(name))
        return address
