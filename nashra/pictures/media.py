"""Pictures served by the app itself when no web server stands in front (`nashra serve`).

In production nginx answers /media/ straight from disk (deploy/nginx.conf), and object
storage answers from its own address; this view covers the embedded default, so a
newcomer's site shows its pictures. Only picture folders are served: documents go through
Wagtail's view, which checks their privacy, and originals stay with the editors.
"""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

# Names that carry a hash of their bytes never change: a year, and "immutable".
HASHED_FOLDERS = ("renditions/", "share-cards/")
# Wagtail's own renditions (the admin's thumbnails) keep their names when remade.
OTHER_FOLDERS = ("images/",)
YEAR = 365 * 24 * 3600


def hashed_folders() -> tuple[str, ...]:
    return (f"{settings.PICTURE_RENDITIONS_FOLDER}/", *HASHED_FOLDERS[1:])


@require_safe
def serve_picture(request: HttpRequest, name: str) -> FileResponse:
    hashed = name.startswith(hashed_folders())
    if not (hashed or name.startswith(OTHER_FOLDERS)) or ".." in name.split("/"):
        raise Http404
    try:
        stored = default_storage.open(name)
    except (OSError, SuspiciousFileOperation) as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(stored, content_type=content_type)
    if hashed:
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=3600)
    return response
