"""The sizes and formats readers get of a picture, made ahead of time, never on request.

Each role is one way pages show pictures: `wide` keeps the picture's own shape (a
story's lead, a body picture, a gallery), `card` is the thumbnail every list shows, cut
to one shape at the focal point, and `share` is the 1200×630 picture social networks and
search engines ask for. Every rendition is stored under a name that carries a hash of
its bytes, so the files can be cached by browsers and proxies for a year: a new crop or
a new file is a new name.

What was made is written to `Picture.made` as plain data (see `Made`), which the page
templates read: no query, no storage call, no image decoding while a reader waits.
"""

from __future__ import annotations

import hashlib
import io
import logging
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import F
from PIL import Image, ImageOps

from nashra.pictures.models import Picture
from nashra.pictures.signals import renditions_made

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Role:
    widths: tuple[int, ...]
    formats: tuple[str, ...]
    # None keeps the picture's own shape; otherwise every width is cut to this shape.
    shape: tuple[int, int] | None = None
    # A share picture is what machines fetch: it is made at its width even from a smaller
    # original, as large previews need 1200 pixels.
    upscale: bool = False


ROLES: dict[str, Role] = {
    "wide": Role(widths=(480, 800, 1200, 1600), formats=("avif", "webp", "jpeg")),
    "card": Role(widths=(320, 480, 640, 960), formats=("avif", "webp", "jpeg"), shape=(16, 9)),
    "share": Role(widths=(1200,), formats=("jpeg",), shape=(1200, 630), upscale=True),
}

# AVIF's default effort takes ~0.5 s per large rendition on these machines; speed 8 makes
# it ~0.07 s for files ~10% larger, still half the size of WebP.
_ENCODERS: dict[str, tuple[str, dict[str, Any]]] = {
    "avif": ("AVIF", {"quality": 55, "speed": 8}),
    "webp": ("WEBP", {"quality": 78, "method": 3}),
    "jpeg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
}
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}


@dataclass(frozen=True)
class Rendition:
    name: str
    width: int
    height: int
    size: int = 0  # bytes

    @property
    def url(self) -> str:
        return media_url(self.name)


def _media_base_url() -> str | None:
    # Local storage (and the tests' in-memory one) join names to MEDIA_URL; object storage
    # may sign or map names, so it is asked each time.
    return getattr(default_storage, "base_url", None)


def media_url(name: str) -> str:
    """The address of a stored file; names made here are ASCII, with nothing to quote."""
    base = _media_base_url()
    return f"{base}{name}" if base is not None else default_storage.url(name)


class Made:
    """`Picture.made` read back: {"key": …, "roles": {role: {format: [[name, w, h, bytes]]}}}."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data or {}

    def renditions(self, role: str, file_format: str) -> list[Rendition]:
        found = self.data.get("roles", {}).get(role, {}).get(file_format, [])
        return [Rendition(*entry[:4]) for entry in found]

    def names(self) -> set[str]:
        return {
            entry[0]
            for formats in self.data.get("roles", {}).values()
            for entries in formats.values()
            for entry in entries
        }


def only_card_renditions(picture: Picture | None) -> None:
    """Drop from `picture.made` (in memory) every role but the card's: for card lists that
    are kept in a cache and read back on every page, where the rest would only be weight."""
    if picture is not None and picture.made.get("roles"):
        picture.made = {**picture.made, "roles": {"card": picture.made["roles"].get("card", {})}}


def _waiting() -> Any:
    """Pictures whose renditions are missing or were made for an older file or crop."""
    return Picture.objects.exclude(made_key=F("wanted"))


def pending() -> Iterator[Picture]:
    """The waiting pictures, newest first, read fifty at a time."""
    yield from _waiting().order_by("-pk").iterator(chunk_size=50)


def make_pending(
    limit: int | None = None, progress: Callable[[int, int], None] | None = None
) -> int:
    """Make what every waiting picture lacks; return how many pictures were done.

    Counting the waiting pictures costs a query, so only a caller showing `progress` pays
    it: the scheduler's turn every few seconds does not.
    """
    total = 0
    if progress is not None:
        waiting = _waiting().count()
        total = waiting if limit is None else min(waiting, limit)
    done = 0
    for picture in pending():
        make(picture)
        done += 1
        if progress is not None:
            progress(done, total)
        if limit is not None and done >= limit:
            break
    return done


def make(picture: Picture) -> bool:
    """Make and store every rendition of `picture`; False when its file cannot be read.

    The result is saved only if the picture still wants what was made: an editor who moved
    the focal point meanwhile gets a fresh run, and the files of this one are removed.
    """
    key = picture.source_key()
    try:
        source = _open(picture)
    except (OSError, ValueError, Image.DecompressionBombError, Warning) as error:
        log.warning("picture %s: cannot make renditions: %s", picture.pk, error)
        # Recorded, so the job does not try the same broken file every turn.
        Picture.objects.filter(pk=picture.pk, wanted=key).update(
            made={"key": key, "error": str(error)[:200]}, made_key=key
        )
        return False
    roles: dict[str, dict[str, list[list[Any]]]] = {}
    for role_name, role in ROLES.items():
        roles[role_name] = _make_role(picture, source, role_name, role)
    made = {"key": key, "roles": roles}
    old = Made(picture.made).names()
    new = Made(made).names()
    stored = Picture.objects.filter(pk=picture.pk, wanted=key).update(made=made, made_key=key)
    if not stored:
        _delete(new - old)
        return False
    picture.made, picture.made_key = made, key
    _delete(old - new)
    renditions_made.send(sender=Picture, picture=picture)
    return True


def _open(picture: Picture) -> Image.Image:
    with warnings.catch_warnings():
        # A picture stored before uploads were checked may still be a bomb.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with picture.open_file() as stored:
            image: Image.Image = Image.open(io.BytesIO(stored.read()))
            image.load()
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        # JPEG has no transparency: what is transparent is shown on the page's white.
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        return flat
    return image.convert("RGB")


def _make_role(
    picture: Picture, source: Image.Image, role_name: str, role: Role
) -> dict[str, list[list[Any]]]:
    cut = source if role.shape is None else source.crop(focal_crop(picture, source, role.shape))
    made: dict[str, list[list[Any]]] = {file_format: [] for file_format in role.formats}
    # Largest first, each size resampled from the one before: a third of the time of
    # resampling every size from a camera-sized original, and no visible difference.
    larger = cut
    for width in sorted(_widths(role, cut.width), reverse=True):
        height = max(1, round(cut.height * width / cut.width))
        if role.shape is not None:
            height = round(width * role.shape[1] / role.shape[0])
        larger = larger.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        for file_format in role.formats:
            data = _encode(larger, file_format)
            name = _store(picture, role_name, width, height, file_format, data)
            made[file_format].insert(0, [name, width, height, len(data)])
    return made


def _widths(role: Role, available: int) -> list[int]:
    if role.upscale:
        return list(role.widths)
    fitting = [width for width in role.widths if width <= available]
    # A picture narrower than the smallest width is shown at its own size, never blown up.
    return fitting or [available]


def focal_crop(
    picture: Picture, source: Image.Image, shape: tuple[int, int]
) -> tuple[int, int, int, int]:
    """The largest box of `shape` inside the picture, centred on its focal point."""
    width, height = source.size
    crop_width = min(width, round(height * shape[0] / shape[1]))
    crop_height = min(height, round(crop_width * shape[1] / shape[0]))
    centre_x, centre_y = _focal_centre(picture, source)
    left = min(max(0, round(centre_x - crop_width / 2)), width - crop_width)
    top = min(max(0, round(centre_y - crop_height / 2)), height - crop_height)
    return left, top, left + crop_width, top + crop_height


def _focal_centre(picture: Picture, source: Image.Image) -> tuple[float, float]:
    if not picture.has_focal_point():
        return source.width / 2, source.height / 2
    # The focal point is stored in the uploaded file's pixels; the source may have been
    # turned upright since, which swaps the axes of a sideways photo.
    x, y = float(picture.focal_point_x or 0), float(picture.focal_point_y or 0)
    if (picture.width, picture.height) != source.size and (picture.height, picture.width) == (
        source.size
    ):
        x, y = y, x
    return x, y


def _encode(image: Image.Image, file_format: str) -> bytes:
    pillow_format, options = _ENCODERS[file_format]
    out = io.BytesIO()
    # Nothing of the original's metadata is passed on: no EXIF, so no location.
    image.save(out, pillow_format, **options)
    return out.getvalue()


def _store(
    picture: Picture, role: str, width: int, height: int, file_format: str, data: bytes
) -> str:
    digest = hashlib.sha256(data).hexdigest()[:10]
    extension = "jpg" if file_format == "jpeg" else file_format
    folder = f"{settings.PICTURE_RENDITIONS_FOLDER}/{picture.pk}"
    # Short: a list page names each of these a dozen times per card.
    name = f"{folder}/{role}{width}.{digest}.{extension}"
    if default_storage.exists(name):
        return name
    return default_storage.save(name, ContentFile(data))


def _delete(names: set[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError as error:
            log.warning("could not delete old rendition %s: %s", name, error)
