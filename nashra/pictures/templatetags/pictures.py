"""`{% picture %}`: a picture as <picture> with AVIF, WebP and JPEG sources, from `made`.

Nothing here opens a file or asks the database: the rendition names and sizes come with
the picture's row, and their addresses are built from the media storage's base URL.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

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
    # An author's photo, a card cut to a square (or a circle) by the stylesheet: the width
    # drawn is the 16:9 card's, for a square of 9rem or 5rem.
    "portrait": "16rem",
    "portrait-small": "9rem",
}
# The widths each layout offers, where it needs fewer than its role has: a thumbnail is
# never shown wide enough to want the largest card, and every width listed is page weight.
WIDTHS = {
    "card-small": (320, 480, 640),
    "card-grid": (320, 480, 640),
    "card-list": (480, 640, 960),
    "card-lead": (480, 640, 960),
    "portrait": (320, 480, 640),
    "portrait-small": (320, 480),
}


def _srcset(renditions: list[Rendition]) -> str:
    return escape(", ".join(f"{item.url} {item.width}w" for item in renditions))


# Markup already built, by picture, made renditions, role, layout, words and priority: the
# same thumbnails appear on many pages (most read, «إقرأ أيضاً»), and building the markup
# anew each time was most of what pictures cost an uncached page.
_built: dict[tuple[Any, ...], str] = {}
BUILT_ENTRIES = 4000


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
    words = image.alt if alt is None else alt
    key = (image.pk, image.made_key, role, layout, words, eager, settings.MEDIA_URL)
    markup = _built.get(key)
    if markup is None:
        markup = _markup(Made(image.made), role, layout, words, eager)
        if len(_built) >= BUILT_ENTRIES:
            _built.clear()
        _built[key] = markup
    return mark_safe(markup)  # noqa: S308 - built from escaped parts only (_markup)


def _offered(made: Made, role: str, layout: str, file_format: str) -> list[Rendition]:
    found = made.renditions(role, file_format)
    wanted = WIDTHS.get(layout)
    fitting = [item for item in found if wanted is None or item.width in wanted]
    return fitting or found


def _markup(made: Made, role: str, layout: str, words: str, eager: bool) -> str:
    fallback = _offered(made, role, layout, "jpeg")
    if not fallback:
        return ""
    sizes = SIZES[layout]
    sources = "".join(
        f'<source type="{MIME_TYPES[file_format]}" srcset="{_srcset(renditions)}"'
        f' sizes="{sizes}">'
        for file_format in ("avif", "webp")
        if (renditions := _offered(made, role, layout, file_format))
    )
    largest = fallback[-1]
    middle = fallback[min(1, len(fallback) - 1)]
    loading = 'fetchpriority="high" loading="eager"' if eager else 'loading="lazy"'
    return (
        f'<picture>{sources}<img src="{escape(middle.url)}" srcset="{_srcset(fallback)}"'
        f' sizes="{sizes}" width="{largest.width}" height="{largest.height}"'
        f' alt="{escape(words)}" decoding="async" {loading}></picture>'
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
