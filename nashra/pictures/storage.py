"""Media on S3-compatible object storage, for sites that run on more than one machine.

Chosen by `MEDIA_S3_BUCKET` (settings/base.py); local files stay the default. Objects
carry the same cache lifetimes nginx gives local files: a year, immutable, for the
renditions and social cards whose names hold a hash of their bytes; an hour for the rest.
"""

from __future__ import annotations

from typing import Any

from storages.backends.s3 import S3Storage

from nashra.pictures.media import YEAR, hashed_folders


class MediaStorage(S3Storage):
    def get_object_parameters(self, name: str) -> dict[str, Any]:
        parameters: dict[str, Any] = super().get_object_parameters(name)
        if name.startswith(hashed_folders()):
            parameters["CacheControl"] = f"public, max-age={YEAR}, immutable"
        else:
            parameters.setdefault("CacheControl", "public, max-age=3600")
        return parameters
