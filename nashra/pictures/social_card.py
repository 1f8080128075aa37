"""The 1200x630 picture shown when a story without a photo is shared on social networks.

Arabic must be *shaped* (each letter takes its initial, medial, final or isolated form and
joins its neighbours) and laid out right to left, with runs of digits or Latin kept in their
own order. Pillow does that only through its RAQM layout engine (libraqm = FriBiDi for the
bidi algorithm + HarfBuzz for shaping), so this module refuses to run without it: Pillow's
BASIC engine would silently draw isolated, unjoined letters left to right.

Each line is drawn in one call with one font, so raqm sees the whole line and resolves its
bidi order itself; nothing here reorders characters.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

CARD_SIZE = (1200, 630)

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
HEADING_FONT = str(FONTS_DIR / "NashraCardKufi-Bold.ttf")
TEXT_FONT = str(FONTS_DIR / "NashraCardNaskh-Regular.ttf")

# The shipped Noto Arabic builds hold Arabic letters and digits but no Latin letters, and
# Kufi lacks even ":" "." and guillemets, which Naskh has. A text is drawn in the first font
# of its list that has a glyph for every character; see UnsupportedCharactersError.
HEADLINE_FONTS = (HEADING_FONT, TEXT_FONT)
SITE_NAME_FONTS = (HEADING_FONT, TEXT_FONT)
SECTION_FONTS = (TEXT_FONT, HEADING_FONT)

BACKGROUND = (20, 33, 61)  # #14213d, the dark brand blue
ACCENT = (214, 69, 65)  # a lighter cousin of the site's #9b1c1c, visible on the dark blue
HEADLINE_COLOUR = (255, 255, 255)
SITE_NAME_COLOUR = (255, 255, 255)
SECTION_COLOUR = (244, 166, 160)

MARGIN = 72
TEXT_RIGHT = CARD_SIZE[0] - MARGIN  # every line is right-aligned here (RTL start edge)
TEXT_WIDTH = CARD_SIZE[0] - 2 * MARGIN

ACCENT_BAR_HEIGHT = 12
SITE_NAME_SIZE = 34
SITE_NAME_BASELINE = 92
SECTION_SIZE = 32
SECTION_BASELINE = 165

MAX_HEADLINE_LINES = 4
HEADLINE_SIZES = range(72, 43, -4)  # 72, 68, ... 44: the first size that fits wins
HEADLINE_AREA = (185, 620)  # top and bottom of the band the headline is centred in
# The tallest and the deepest common letters (alef with hamza, final jeem and yeh): the
# height of a line is measured on them, so lines can at worst touch, never overlap.
LINE_EXTENT_PROBE = "أجي"

ELLIPSIS = "…"
JPEG_QUALITY = 88


class UnsupportedCharactersError(ValueError):
    """None of the shipped fonts can draw some characters (they would come out as boxes)."""


@dataclass(frozen=True)
class DrawnLine:
    text: str  # the logical (typed-order) text of this line
    box: tuple[int, int, int, int]  # where it was drawn on the card (left, top, right, bottom)
    font_path: str
    font_size: int


@dataclass(frozen=True)
class DrawnCard:
    jpeg: bytes  # 1200x630 JPEG, no metadata
    headline_lines: list[DrawnLine]
    section_line: DrawnLine | None
    site_line: DrawnLine


def draw_social_card(headline: str, *, section: str, site_name: str) -> DrawnCard:
    """Draw the share picture for a story; the same arguments always give the same bytes.

    Raises ValueError for a blank headline or site name, UnsupportedCharactersError (a
    ValueError) for characters no shipped font has, and RuntimeError without raqm.
    """
    require_raqm()
    words = headline.split()
    if not words:
        raise ValueError("The headline is empty; a social card needs a headline.")
    if not site_name.strip():
        raise ValueError("The site name is empty; a social card needs it.")

    image = Image.new("RGB", CARD_SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, CARD_SIZE[0] - 1, ACCENT_BAR_HEIGHT - 1), fill=ACCENT)

    site_text = " ".join(site_name.split())
    site_font = font_for(site_text, SITE_NAME_FONTS, "site name")
    site_line = draw_line(
        draw, site_text, site_font, SITE_NAME_SIZE, SITE_NAME_BASELINE, SITE_NAME_COLOUR
    )

    section_line = None
    section_text = " ".join(section.split())
    if section_text:
        section_font = font_for(section_text, SECTION_FONTS, "section name")
        section_line = draw_line(
            draw, section_text, section_font, SECTION_SIZE, SECTION_BASELINE, SECTION_COLOUR
        )

    headline_font = font_for(" ".join(words), HEADLINE_FONTS, "headline")
    size, lines = fit_headline(words, headline_font)
    baselines = headline_baselines(len(lines), size, headline_font)
    headline_lines = [
        draw_line(draw, line, headline_font, size, baseline, HEADLINE_COLOUR)
        for line, baseline in zip(lines, baselines, strict=True)
    ]
    return DrawnCard(encode_jpeg(image), headline_lines, section_line, site_line)


def require_raqm() -> None:
    # Pillow quietly falls back to its BASIC engine when raqm is missing; for Arabic that
    # means disconnected letters in the wrong order, which is worse than no picture.
    if not features.check("raqm"):
        raise RuntimeError(
            "Pillow cannot shape text here: its raqm layout engine (libraqm with FriBiDi and "
            "HarfBuzz) is not available, so Arabic would be drawn as disconnected letters in "
            "the wrong order. Install a Pillow build with raqm support (the official wheels "
            "include it; FriBiDi must be installed on the system, e.g. libfribidi0) and "
            "check with: python -m PIL.report"
        )


def load_font(path: str, size: int) -> ImageFont.FreeTypeFont:
    # Not cached: a FreeType face must not be used by two threads at once, and loading
    # one of these fonts takes about a millisecond.
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)


def font_for(text: str, font_paths: Sequence[str], what: str) -> str:
    """The first font that can draw every character of `text`."""
    for path in font_paths:
        if not missing_characters(text, path):
            return path
    missing = missing_characters(text, font_paths[0])
    listed = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in missing)
    raise UnsupportedCharactersError(
        f"No shipped font can draw these characters of the {what}: {listed}. "
        f"Add a font that has them to {FONTS_DIR} or leave them out."
    )


def missing_characters(text: str, font_path: str) -> list[str]:
    return sorted({char for char in text if not has_glyph(font_path, char)})


@lru_cache(maxsize=4096)
def has_glyph(font_path: str, char: str) -> bool:
    # Pillow does not expose a font's character map, but a character the font lacks is
    # drawn as the .notdef glyph, exactly like U+FFFF (a noncharacter no font maps).
    font = load_font(font_path, 32)
    return glyph_image(font, char) != glyph_image(font, "\uffff")


def glyph_image(font: ImageFont.FreeTypeFont, char: str) -> tuple[float, bytes]:
    image = Image.new("L", (128, 128))
    ImageDraw.Draw(image).text((64, 64), char, font=font, fill=255, anchor="ms")
    return font.getlength(char), image.tobytes()


def measure(text: str, font: ImageFont.FreeTypeFont) -> float:
    """Width of a line as drawn, the ellipsis (drawn as dots, see draw_ellipsis) included."""
    if text.endswith(ELLIPSIS):
        body = text.removesuffix(ELLIPSIS)
        return font.getlength(body, direction="rtl", language="ar") + ellipsis_width(font.size)
    return font.getlength(text, direction="rtl", language="ar")


def fit_headline(words: list[str], font_path: str) -> tuple[int, list[str]]:
    """The largest size at which the headline fits in four lines, else the smallest, cut."""
    for size in HEADLINE_SIZES:
        font = load_font(font_path, size)
        lines = wrap(words, font)
        if len(lines) <= MAX_HEADLINE_LINES and all(
            measure(line, font) <= TEXT_WIDTH for line in lines
        ):
            return size, lines
    # Too long even at the smallest size (the loop's last values): cut it there.
    return size, truncate(lines, font)


def wrap(words: list[str], font: ImageFont.FreeTypeFont) -> list[str]:
    """Greedy wrapping on word boundaries; a word too long for any line stays on its own."""
    lines: list[str] = []
    current: list[str] = []
    for word in words:
        candidate = " ".join([*current, word])
        if current and measure(candidate, font) > TEXT_WIDTH:
            lines.append(" ".join(current))
            current = [word]
        else:
            current.append(word)
    lines.append(" ".join(current))
    return lines


def truncate(lines: list[str], font: ImageFont.FreeTypeFont) -> list[str]:
    """Keep what fits in four lines, ending the last one with an ellipsis."""
    kept: list[str] = []
    for line in lines[:MAX_HEADLINE_LINES]:
        kept.append(line)
        if measure(line, font) > TEXT_WIDTH:
            break
    words = kept.pop().split()
    # Drop whole words until the ellipsis fits; only a single word wider than the card
    # (which no real headline has) is cut inside the word.
    while measure(" ".join(words) + ELLIPSIS, font) > TEXT_WIDTH:
        if len(words) > 1:
            words.pop()
        elif len(words[0]) > 1:
            words[0] = words[0][:-1]
        else:
            break
    return [*kept, " ".join(words) + ELLIPSIS]


def headline_baselines(count: int, size: int, font_path: str) -> list[int]:
    """Baselines that centre the block of lines vertically in HEADLINE_AREA."""
    font = load_font(font_path, size)
    _, top, _, bottom = font.getbbox(LINE_EXTENT_PROBE, anchor="ls", direction="rtl", language="ar")
    pitch = round(bottom - top)  # four lines of 72 px Kufi take 424 px: they fit the area
    block_top = (HEADLINE_AREA[0] + HEADLINE_AREA[1] - count * pitch) // 2
    return [block_top - round(top) + i * pitch for i in range(count)]


def draw_line(
    draw: ImageDraw.ImageDraw,
    text: str,
    font_path: str,
    size: int,
    baseline: int,
    colour: tuple[int, int, int],
) -> DrawnLine:
    """Draw one right-aligned, right-to-left line with its right edge at TEXT_RIGHT."""
    font = load_font(font_path, size)
    body = text.removesuffix(ELLIPSIS)
    origin = (TEXT_RIGHT, baseline)
    draw.text(origin, body, fill=colour, font=font, anchor="rs", direction="rtl", language="ar")
    left, top, right, bottom = draw.textbbox(
        origin, body, font=font, anchor="rs", direction="rtl", language="ar"
    )
    if body != text:
        dots_right = TEXT_RIGHT - round(font.getlength(body, direction="rtl", language="ar"))
        left = draw_ellipsis(draw, dots_right, baseline, size, colour)
    return DrawnLine(text, (int(left), int(top), int(right), int(bottom)), font_path, size)


def ellipsis_dot(size: float) -> tuple[int, int, int]:
    """Diameter of a dot, the space between dots, and the space before the first."""
    diameter = max(3, round(size * 0.13))
    return diameter, round(diameter * 0.8), round(diameter * 0.6)


def ellipsis_width(size: float) -> int:
    diameter, between, before = ellipsis_dot(size)
    return before + 3 * diameter + 2 * between


def draw_ellipsis(
    draw: ImageDraw.ImageDraw, right: int, baseline: int, size: int, colour: tuple[int, int, int]
) -> int:
    """Draw "…" as three dots on the baseline leftwards from `right`; return its left edge.

    No shipped font has U+2026 (Kufi has not even "."). A trailing ellipsis always ends up
    at the left of a right-to-left line, whatever the last word, so it is drawn there.
    """
    diameter, between, before = ellipsis_dot(size)
    x = right - before
    for _ in range(3):
        draw.ellipse((x - diameter, baseline - diameter, x - 1, baseline - 1), fill=colour)
        x -= diameter + between
    return right - ellipsis_width(size)


def encode_jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    # Full-resolution colour (no 4:2:0 subsampling) keeps white text on blue crisp; Pillow
    # writes no EXIF or ICC unless asked, so the file carries no metadata.
    image.save(out, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=True)
    return out.getvalue()
