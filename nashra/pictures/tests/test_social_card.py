"""The social card: its layout, and proof from the pixels that its Arabic is really shaped.

The shaping proof does not trust Pillow: each drawn line is shaped again with HarfBuzz
(uharfbuzz, its own copy of the library), the glyph outlines of that run are filled here
with numpy, and the card's ink must match that picture and not an unshaped one.
No mocks and no database.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pytest
import uharfbuzz as hb
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFont

from nashra.pictures.social_card import (
    BACKGROUND,
    CARD_SIZE,
    ELLIPSIS,
    HEADING_FONT,
    HEADLINE_COLOUR,
    HEADLINE_SIZES,
    MARGIN,
    MAX_HEADLINE_LINES,
    DrawnCard,
    DrawnLine,
    UnsupportedCharactersError,
    draw_social_card,
)

Mask = NDArray[np.bool_]

BRIDGE = "افتتاح جسر جديد يربط ضفتي النهر في العاصمة"
FARMERS = "الحكومة تعلن خطة لدعم المزارعين بعد موسم جاف طويل"
LONG = (
    "الحكومة تعلن خطة لدعم المزارعين بعد موسم جاف طويل وتعد بتعويضات عاجلة للأسر "
    "المتضررة في القرى الجنوبية وتفتح باب التسجيل أمام أصحاب الحقول الصغيرة حتى نهاية "
    "الشهر المقبل على أن تصرف الدفعة الأولى قبل بدء موسم الزراعة الجديد في الخريف"
)
SUMMIT = "قمة 2026 تجمع 19 دولة"  # digits inside Arabic: two left-to-right runs
MINISTER = "وزير المالية: «الموازنة الجديدة تحمي الأسر»"  # ":" and «» are not in Kufi


def card_for(headline: str, section: str = "اقتصاد") -> DrawnCard:
    return draw_social_card(headline, section=section, site_name="نشرة")


def card_pixels(card: DrawnCard) -> NDArray[np.uint8]:
    return np.asarray(Image.open(io.BytesIO(card.jpeg)).convert("RGB"))


def text_ink(pixels: NDArray[np.uint8]) -> Mask:
    """Pixels nearer the headline colour than the background (JPEG noise and all)."""
    lum = pixels.astype(float) @ np.array([0.299, 0.587, 0.114])
    bg = np.dot(BACKGROUND, [0.299, 0.587, 0.114])
    fg = np.dot(HEADLINE_COLOUR, [0.299, 0.587, 0.114])
    return np.asarray(lum > (bg + fg) / 2)


def line_ink(card: DrawnCard, line: DrawnLine, pad: int = 4) -> Mask:
    left, top, right, bottom = line.box
    return text_ink(card_pixels(card)[top - 2 : bottom + 2, left - pad : right + pad])


# --- HarfBuzz, independently of Pillow ------------------------------------------------------


@dataclass(frozen=True)
class Glyph:
    gid: int
    char: str  # the first character of its cluster
    x_advance: int
    x_offset: int
    y_offset: int


@cache
def hb_font(path: str) -> hb.Font:
    return hb.Font(hb.Face(hb.Blob.from_file_path(path)))  # scale = units per em


def shape(text: str, path: str, direction: str = "rtl") -> list[Glyph]:
    """The glyph run HarfBuzz makes of `text`, in visual order (left to right)."""
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = direction
    if direction == "rtl":
        buf.script = "Arab"
        buf.language = "ar"
    hb.shape(hb_font(path), buf, {})
    return [
        Glyph(info.codepoint, text[info.cluster], pos.x_advance, pos.x_offset, pos.y_offset)
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True)
    ]


def unshaped(text: str, path: str) -> list[Glyph]:
    """Right order, no shaping: each character's nominal (isolated) glyph, right to left."""
    font = hb_font(path)
    glyphs = []
    for char in reversed(text):
        gid = font.get_nominal_glyph(ord(char)) or 0
        glyphs.append(Glyph(gid, char, font.get_glyph_h_advance(gid), 0, 0))
    return glyphs


class OutlinePen:
    """Collects a glyph's contours as polygons (curves flattened), in font units."""

    def __init__(self, dx: float, dy: float) -> None:
        self.dx, self.dy = dx, dy
        self.contours: list[list[tuple[float, float]]] = []

    def moveTo(self, p: tuple[float, float]) -> None:  # noqa: N802 (fontTools pen protocol)
        self.contours.append([self._at(p)])

    def lineTo(self, p: tuple[float, float]) -> None:  # noqa: N802
        self.contours[-1].append(self._at(p))

    def qCurveTo(self, *points: tuple[float, float]) -> None:  # noqa: N802
        # TrueType: off-curve points with implied on-curve points halfway between them.
        offs, end = [self._at(p) for p in points[:-1]], self._at(points[-1])
        for i, ctrl in enumerate(offs):
            nxt = end if i == len(offs) - 1 else _mid(ctrl, offs[i + 1])
            self._bezier([self.contours[-1][-1], ctrl, nxt])

    def curveTo(self, *points: tuple[float, float]) -> None:  # noqa: N802
        self._bezier([self.contours[-1][-1], *(self._at(p) for p in points)])

    def closePath(self) -> None:  # noqa: N802
        pass

    endPath = closePath  # noqa: N815

    def _at(self, p: tuple[float, float]) -> tuple[float, float]:
        return p[0] + self.dx, p[1] + self.dy

    def _bezier(self, ctrl: list[tuple[float, float]], steps: int = 12) -> None:
        for step in range(1, steps + 1):
            t, pts = step / steps, ctrl
            while len(pts) > 1:  # de Casteljau
                pts = [
                    (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
                    for a, b in zip(pts, pts[1:], strict=False)
                ]
            self.contours[-1].append(pts[0])


def _mid(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return (a[0] + b[0]) / 2, (a[1] + b[1]) / 2


def fill_nonzero(contours: Sequence[Sequence[tuple[float, float]]], w: int, h: int) -> Mask:
    """Pixels whose centre is inside the outline (non-zero winding rule), y pointing down."""
    delta = np.zeros((h, w + 1), dtype=np.int32)
    centres = np.arange(h) + 0.5
    for contour in contours:
        x0, y0 = np.asarray(contour, dtype=float).T
        x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
        low, high = np.minimum(y0, y1), np.maximum(y0, y1)
        edge, row = np.nonzero((centres >= low[:, None]) & (centres < high[:, None]))
        t = (centres[row] - y0[edge]) / (y1[edge] - y0[edge])
        crossing = x0[edge] + t * (x1[edge] - x0[edge])
        col = np.clip(np.ceil(crossing - 0.5), 0, w).astype(int)
        np.add.at(delta, (row, col), np.where(y1[edge] > y0[edge], 1, -1))
    return np.asarray(np.cumsum(delta[:, :w], axis=1) != 0)


def render_run(glyphs: list[Glyph], path: str, size: int) -> Mask:
    """Fill each glyph's outline at its HarfBuzz position (pixels = font units * size/upem)."""
    font = hb_font(path)
    scale = size / font.face.upem
    contours: list[list[tuple[float, float]]] = []
    pen_x = 0
    for glyph in glyphs:
        pen = OutlinePen(pen_x + glyph.x_offset, glyph.y_offset)
        font.draw_glyph_with_pen(glyph.gid, pen)
        contours += pen.contours
        pen_x += glyph.x_advance
    pad, baseline = size, 2 * size
    pixels = [[(pad + x * scale, baseline - y * scale) for x, y in c] for c in contours]
    return fill_nonzero(pixels, round(pen_x * scale) + 2 * pad, 3 * size)


def render_basic(text: str, path: str, size: int) -> Mask:
    """What Pillow draws without raqm: nominal glyphs in typed order, left to right."""
    font = ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)
    image = Image.new("L", (round(font.getlength(text)) + 2 * size, 3 * size))
    ImageDraw.Draw(image).text((size, 2 * size), text, font=font, fill=255, anchor="ls")
    return np.asarray(image) > 127


# --- comparing ink ---------------------------------------------------------------------------


def trim(mask: Mask) -> Mask:
    rows, cols = np.nonzero(mask)
    return mask[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]


def iou_right_aligned(a: Mask, b: Mask, search: int = 3) -> float:
    """Best intersection-over-union of two inks, right and top edges aligned, +-3 px."""
    a, b = trim(a), trim(b)
    h, w = max(a.shape[0], b.shape[0]) + 2 * search, max(a.shape[1], b.shape[1]) + 2 * search
    canvas_a = np.zeros((h, w), dtype=bool)
    canvas_a[search : search + a.shape[0], w - search - a.shape[1] : w - search] = a
    best = 0.0
    for dy in range(2 * search + 1):
        for dx in range(2 * search + 1):
            canvas_b = np.zeros((h, w), dtype=bool)
            right = w - dx
            canvas_b[dy : dy + b.shape[0], right - b.shape[1] : right] = b
            union = np.count_nonzero(canvas_a | canvas_b)
            best = max(best, np.count_nonzero(canvas_a & canvas_b) / union)
    return best


def find(template: Mask, image: Mask) -> tuple[float, int]:
    """Best IoU of `template` anywhere in `image`, and the x where it is best."""
    template = trim(template)
    th, tw = template.shape
    best, best_x = 0.0, -1
    for y in range(image.shape[0] - th + 1):
        windows = np.lib.stride_tricks.sliding_window_view(image[y : y + th], (th, tw))[0]
        inter = np.count_nonzero(windows & template, axis=(1, 2))
        union = np.count_nonzero(windows | template, axis=(1, 2))
        scores = inter / np.maximum(union, 1)
        if scores.max() > best:
            best, best_x = float(scores.max()), int(scores.argmax())
    return best, best_x


# --- shaping ---------------------------------------------------------------------------------


@pytest.mark.parametrize("headline", [BRIDGE, FARMERS])
def test_harfbuzz_uses_contextual_forms_for_every_drawn_line(headline: str) -> None:
    card = card_for(headline)
    assert card.headline_lines
    for line in card.headline_lines:
        font = hb_font(line.font_path)
        glyphs = shape(line.text, line.font_path)
        letters = [g for g in glyphs if g.char != " "]
        contextual = [g for g in letters if g.gid != font.get_nominal_glyph(ord(g.char))]
        # Joined letters take initial/medial/final glyphs; only letters that cannot join on
        # either side (alef after a non-joiner, a lone final ة ...) keep their nominal glyph.
        assert len(contextual) >= 3, line.text
        assert len(contextual) / len(letters) > 0.5, line.text


@pytest.mark.parametrize("headline", [BRIDGE, FARMERS, MINISTER])
def test_card_ink_is_the_harfbuzz_run_not_isolated_letters(headline: str) -> None:
    card = card_for(headline)
    for line in card.headline_lines:
        bold = line.font_path == HEADING_FONT
        drawn = line_ink(card, line)
        shaped = render_run(shape(line.text, line.font_path), line.font_path, line.font_size)
        isolated = render_run(unshaped(line.text, line.font_path), line.font_path, line.font_size)
        basic = render_basic(line.text, line.font_path, line.font_size)

        # Naskh Regular's strokes are thin, so a pixel of JPEG blur costs more of its ink.
        assert iou_right_aligned(drawn, shaped) >= (0.9 if bold else 0.85), line.text
        assert iou_right_aligned(drawn, isolated) < 0.6, line.text
        assert iou_right_aligned(drawn, basic) < 0.6, line.text


def ink_span(glyphs: list[Glyph], path: str) -> tuple[int, int]:
    """Leftmost and rightmost ink of a run, in font units from its left end (glyph extents)."""
    font, pen_x, xs = hb_font(path), 0, []
    for glyph in glyphs:
        extents = font.get_glyph_extents(glyph.gid)
        if extents is not None and extents.width:
            left = pen_x + glyph.x_offset + extents.x_bearing
            xs += [left, left + extents.width]
        pen_x += glyph.x_advance
    return min(xs), max(xs)


@pytest.mark.parametrize("headline", [BRIDGE, FARMERS, MINISTER])
def test_line_width_is_the_harfbuzz_advance_and_line_is_right_aligned(headline: str) -> None:
    card = card_for(headline)
    pixels = card_pixels(card)
    for line in card.headline_lines:
        glyphs = shape(line.text, line.font_path)
        scale = line.font_size / hb_font(line.font_path).face.upem
        advance = sum(g.x_advance for g in glyphs) * scale
        left, top, right, bottom = line.box
        cols = np.nonzero(text_ink(pixels[top:bottom, :]).any(axis=0))[0]
        ink_left, ink_right = int(cols.min()), int(cols.max()) + 1

        # Right-aligned: the run's advance ends exactly at the right margin ...
        assert right == CARD_SIZE[0] - MARGIN
        assert right - left == pytest.approx(advance, abs=2), line.text
        # ... so its ink lies where HarfBuzz's glyph extents put it, to a pixel or two.
        span_left, span_right = ink_span(glyphs, line.font_path)
        assert ink_left == pytest.approx(right - advance + span_left * scale, abs=2), line.text
        assert ink_right == pytest.approx(right - advance + span_right * scale, abs=2)
        if advance > 400:  # side bearings are a few pixels: only a long line's ink is its advance
            assert ink_right - ink_left == pytest.approx(advance, rel=0.03), line.text


def test_digits_inside_arabic_keep_their_own_order() -> None:
    card = card_for(SUMMIT)
    (line,) = card.headline_lines
    assert line.text == SUMMIT
    ink = line_ink(card, line)
    size = line.font_size

    def digits(text: str) -> Mask:
        return render_run(shape(text, line.font_path, "ltr"), line.font_path, size)

    year_score, year_x = find(digits("2026"), ink)
    count_score, count_x = find(digits("19"), ink)
    assert year_score >= 0.9 and count_score >= 0.9
    # Read left to right, not reversed as one right-to-left run would draw them.
    assert find(digits("6202"), ink)[0] < year_score - 0.15
    assert find(digits("91"), ink)[0] < count_score - 0.15
    # "19" comes later in the sentence than "2026", so further left in a right-to-left line.
    assert count_x < year_x


# --- layout ----------------------------------------------------------------------------------


def test_card_is_a_1200x630_jpeg_without_metadata() -> None:
    card = card_for(BRIDGE)
    image = Image.open(io.BytesIO(card.jpeg))
    assert image.format == "JPEG"
    assert image.size == CARD_SIZE == (1200, 630)
    assert image.mode == "RGB"
    assert not image.getexif()
    assert "icc_profile" not in image.info and "xmp" not in image.info


def test_short_headline_is_drawn_large_and_whole() -> None:
    card = card_for(BRIDGE)
    assert all(line.font_size == HEADLINE_SIZES[0] for line in card.headline_lines)
    assert all(line.font_path == HEADING_FONT for line in card.headline_lines)
    assert " ".join(line.text for line in card.headline_lines) == BRIDGE


def test_medium_headline_steps_down_in_size_before_cutting() -> None:
    headline = " ".join(LONG.split()[:22])
    card = card_for(headline)
    sizes = {line.font_size for line in card.headline_lines}
    assert len(sizes) == 1
    assert HEADLINE_SIZES[-1] < sizes.pop() < HEADLINE_SIZES[0]
    assert len(card.headline_lines) <= MAX_HEADLINE_LINES
    assert " ".join(line.text for line in card.headline_lines) == headline


def test_very_long_headline_is_cut_to_four_lines_ending_in_an_ellipsis() -> None:
    card = card_for(LONG)
    lines = card.headline_lines
    assert len(lines) == MAX_HEADLINE_LINES
    assert all(line.font_size == HEADLINE_SIZES[-1] for line in lines)
    assert lines[-1].text.endswith(ELLIPSIS)
    assert not any(ELLIPSIS in line.text for line in lines[:-1])

    kept = " ".join(line.text for line in lines).removesuffix(ELLIPSIS).split()
    words = LONG.split()
    assert kept == words[: len(kept)] and len(kept) < len(words)

    # The ellipsis is really drawn: ink at the far left of the last line's box.
    last = lines[-1]
    dots = text_ink(card_pixels(card)[last.box[1] : last.box[3], last.box[0] : last.box[0] + 30])
    assert dots.any()


@pytest.mark.parametrize("headline", [BRIDGE, FARMERS, LONG, SUMMIT, MINISTER])
def test_every_line_stays_inside_the_margins(headline: str) -> None:
    card = card_for(headline)
    drawn = [card.site_line, *([card.section_line] if card.section_line else [])]
    drawn += card.headline_lines
    for line in drawn:
        left, top, right, bottom = line.box
        assert MARGIN <= left < right <= CARD_SIZE[0] - MARGIN, line.text
        assert 0 <= top < bottom <= CARD_SIZE[1], line.text
    for upper, lower in zip(drawn, drawn[1:], strict=False):
        assert upper.box[3] <= lower.box[1], "lines overlap"
    # And in the pixels: no headline ink in the side margins.
    ink = text_ink(card_pixels(card))
    assert not ink[:, : MARGIN - 1].any() and not ink[:, CARD_SIZE[0] - MARGIN + 1 :].any()


def test_site_name_and_section_are_drawn_top_right() -> None:
    card = card_for(BRIDGE, section="محليات")
    assert card.site_line.text == "نشرة"
    assert card.section_line is not None and card.section_line.text == "محليات"
    assert card.site_line.box[2] == card.section_line.box[2] == CARD_SIZE[0] - MARGIN
    assert card.site_line.box[3] < card.section_line.box[1] < card.headline_lines[0].box[1]


def test_blank_section_draws_no_label() -> None:
    assert card_for(BRIDGE, section="  ").section_line is None


def test_punctuation_and_latin_letters_stay_in_the_heading_face() -> None:
    # The card fonts carry Noto Sans's Latin and marks beside the Arabic (tools/).
    for headline in (MINISTER, "قمة G20 في 2026 تبحث «أمن الغذاء»: iPhone"):
        card = card_for(headline)
        assert {line.font_path for line in card.headline_lines} == {HEADING_FONT}
        assert " ".join(line.text for line in card.headline_lines) == headline


def test_characters_no_shipped_font_has_are_refused_rather_than_drawn_as_boxes() -> None:
    with pytest.raises(UnsupportedCharactersError, match=r"U\+4E2D"):
        card_for("زيارة إلى 中国")


@pytest.mark.parametrize("headline", ["", "   ", "\n\t "])
def test_blank_headline_is_refused(headline: str) -> None:
    with pytest.raises(ValueError, match="headline is empty"):
        card_for(headline)


def test_same_input_gives_the_same_bytes() -> None:
    assert card_for(FARMERS).jpeg == card_for(FARMERS).jpeg
    assert card_for(FARMERS).jpeg != card_for(BRIDGE).jpeg
