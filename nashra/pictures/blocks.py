"""Picture blocks for story bodies, and the chooser that reuses a page's loaded pictures.

A story page loads every picture it shows (lead, body, galleries, related stories) in one
query (`pictures_known`); the body's blocks then find theirs there instead of asking the
database again for each kind of block.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from nashra.pictures.models import Picture

_known: ContextVar[dict[int, Picture] | None] = ContextVar("known_pictures", default=None)


@contextmanager
def pictures_known() -> Iterator[dict[int, Picture]]:
    """A place for this render's pictures; blocks rendered inside look there first."""
    known: dict[int, Picture] = {}
    token = _known.set(known)
    try:
        yield known
    finally:
        _known.reset(token)


def remember(pictures: dict[int, Picture]) -> None:
    known = _known.get()
    if known is not None:
        known.update(pictures)


class PictureChooserBlock(ImageChooserBlock):
    def bulk_to_python(self, values: Any) -> list[Picture | None]:
        known = _known.get() or {}
        missing = [value for value in values if value is not None and value not in known]
        found = {**known, **(Picture.objects.in_bulk(missing) if missing else {})}
        return [found.get(value) for value in values]


def picture_ids(stream_data: Any) -> set[int]:
    """The ids of every picture a body's raw data names, without loading the body."""
    found: set[int] = set()
    for block in stream_data or []:
        value = block.get("value") if isinstance(block, dict) else None
        if not isinstance(value, dict):
            continue
        if block.get("type") == "image" and isinstance(value.get("image"), int):
            found.add(value["image"])
        for item in value.get("pictures") or []:
            inner = item.get("value", item) if isinstance(item, dict) else None
            if isinstance(inner, dict) and isinstance(inner.get("image"), int):
                found.add(inner["image"])
    return found


class PictureBlock(blocks.StructBlock):
    image = PictureChooserBlock(label=_("الصورة"))
    caption = blocks.CharBlock(label=_("التعليق"), required=False)
    credit = blocks.CharBlock(
        label=_("حقوق الصورة"),
        required=False,
        help_text=_("اتركه فارغاً لاستعمال المصوّر والوكالة المسجلين مع الصورة."),
    )

    class Meta:
        icon = "image"
        label = _("صورة")
        template = "pictures/blocks/picture.html"


class GalleryItemBlock(blocks.StructBlock):
    image = PictureChooserBlock(label=_("الصورة"))
    caption = blocks.CharBlock(label=_("التعليق"), required=False)

    class Meta:
        icon = "image"
        label = _("صورة")


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("عنوان المعرض"), required=False)
    pictures = blocks.ListBlock(GalleryItemBlock(), min_num=2, label=_("الصور"))

    class Meta:
        icon = "image"
        label = _("معرض صور")
        template = "pictures/blocks/gallery.html"
