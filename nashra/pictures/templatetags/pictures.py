"""`{% picture %}`: a picture as <picture> with AVIF, WebP and JPEG sources, from `made`.

Nothing here opens a file or asks the database: the rendition names and sizes come with
the picture's row, and their addresses are built from the media storage's base URL.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from nashra.pictures.models import Picture
from nashra.pictures.renditions import MIME_TYPES, Made, Rendition

register = template.Library()

# Thumbnails and pictures as the layout shows them (css/site.css): what the browser may
# assume before the stylesheet arrives, so it fetches the right width first time.
SIZES = {
    "lead": "(min-width: 46rem) 44rem, calc(100vw - 2rem)",
    "body": "(min-width: 46rem) 44rem, calc(100vw - 2rem)",
    "card-lead": "(min-width: 60rem) 46rem, calc(100vw - 2rem)",
    "card-grid": "(min-width: 60rem) 16rem, (min-width: 40rem) 45vw, calc(100vw - 2rem)",
    "card-list": "(min-width: 72rem) 33rem, (min-width: 44rem) 48vw, calc(100vw - 2rem)",
    "card-small": "7rem",
}


def _srcset(renditions: list[Rendition]) -> str:
    return ", ".join(f"{item.url} {item.width}w" for item in renditions)


@register.simple_tag
def picture(
    image: Picture | None,
    role: str,
    layout: str,
    *,
    alt: str | None = None,
    eager: bool = False,
) -> SafeString | str:
    """The picture for `role` (wide, card) sized for `layout` (see SIZES); "" until made.

    `eager` is for the one picture that is the first thing a reader sees: fetched at
    once, with high priority; every other picture loads when it nears the screen.
    """
    if image is None or not image.made.get("roles"):
        return ""
    made = Made(image.made)
    fallback = made.renditions(role, "jpeg")
    if not fallback:
        return ""
    sizes = SIZES[layout]
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        (
            (MIME_TYPES[file_format], _srcset(renditions), sizes)
            for file_format in ("avif", "webp")
            if (renditions := made.renditions(role, file_format))
        ),
    )
    largest = fallback[-1]
    middle = fallback[min(1, len(fallback) - 1)]
    loading: dict[str, Any] = (
        {"loading": "eager", "fetchpriority": "high"} if eager else {"loading": "lazy"}
    )
    attributes = format_html_join(" ", '{}="{}"', sorted(loading.items()))
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"'
        ' decoding="async" {}></picture>',
        sources,
        middle.url,
        _srcset(fallback),
        sizes,
        largest.width,
        largest.height,
        image.alt if alt is None else alt,
        attributes,
    )


@register.simple_tag
def picture_preload(image: Picture | None, role: str, layout: str) -> SafeString | str:
    """A <link rel=preload> for the first format every current browser decodes (AVIF)."""
    if image is None or not image.made.get("roles"):
        return ""
    renditions = Made(image.made).renditions(role, "avif")
    if not renditions:
        return ""
    return format_html(
        '<link rel="preload" as="image" type="image/avif" imagesrcset="{}" imagesizes="{}"'
        ' fetchpriority="high">',
        _srcset(renditions),
        SIZES[layout],
    )
