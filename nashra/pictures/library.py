"""Adding a checked picture to the library from code: the wire, importers, the demo."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile

from nashra.pictures.inspection import CleanPicture
from nashra.pictures.models import Picture


def add_picture(
    clean: CleanPicture,
    *,
    title: str,
    alt: str = "",
    photographer: str = "",
    agency: str = "",
    file_stem: str = "picture",
) -> tuple[Picture, bool]:
    """The library's picture with these bytes, and whether it is new: the one already
    there, or a new one.

    `clean` has passed `inspect_picture`; pictures are found again by the hash Wagtail
    keeps of their file, so a photo that arrives twice is stored once.
    """
    digest = hashlib.sha1(clean.data).hexdigest()
    existing = Picture.objects.filter(file_hash=digest).first()
    if existing is not None:
        return existing, False
    picture = Picture(
        title=title[:255] or file_stem,
        description=alt[:255],
        photographer=photographer[:120],
        agency=agency[:120],
        width=clean.width,
        height=clean.height,
        file_size=len(clean.data),
        file_hash=digest,
    )
    picture.file.save(f"{file_stem[:60]}.{clean.extension}", ContentFile(clean.data), save=False)
    # Saving the file resets the dimension fields it cannot read from a bare ContentFile.
    picture.width, picture.height = clean.width, clean.height
    picture.save()
    return picture, True
