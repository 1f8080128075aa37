"""Drawn stand-in photographs for the demo site.

The demo (``nashra demo``) must show stories with photos on a machine without internet, so it
cannot fetch stock pictures. Instead it draws simple illustrated scenes with Pillow: a gradient
sky, a few layers of shapes, and a fine grain so that the JPEG weighs and behaves like a real photo
(photo size, a few hundred KB, progressive) when it goes through the image pipeline.

Every choice comes from ``random.Random`` seeded with the kind and the seed, so a picture is
reproducible byte for byte and the demo can be rebuilt into the same site.

Each kind has a main subject (the boat, the sun, the moon...) placed off-centre on purpose, so the
focal point returned by :func:`subject_point` matters when renditions are cropped.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw

Colour = tuple[int, int, int]
Point = tuple[float, float]
Box = tuple[int, int, int, int]  # x, y, width, height
Draw = ImageDraw.ImageDraw

MIN_SIDE = 16
JPEG_QUALITY = 88


# --- Colours -------------------------------------------------------------------------------------


def _clamp(value: float) -> int:
    return max(0, min(255, round(value)))


def _mix(a: Colour, b: Colour, t: float) -> Colour:
    """The colour a fraction t of the way from a to b."""
    return (
        _clamp(a[0] + (b[0] - a[0]) * t),
        _clamp(a[1] + (b[1] - a[1]) * t),
        _clamp(a[2] + (b[2] - a[2]) * t),
    )


def _vary(rng: random.Random, colour: Colour, amount: int = 12) -> Colour:
    """A colour nudged at random, so two pictures of one kind never share a palette."""
    return (
        _clamp(colour[0] + rng.randint(-amount, amount)),
        _clamp(colour[1] + rng.randint(-amount, amount)),
        _clamp(colour[2] + rng.randint(-amount, amount)),
    )


def _alpha(colour: Colour, alpha: int) -> tuple[int, int, int, int]:
    return (*colour, alpha)


# --- Shared drawing helpers ----------------------------------------------------------------------


def _gradient(size: tuple[int, int], stops: Sequence[tuple[float, Colour]]) -> Image.Image:
    """A vertical gradient through colour stops (offsets 0..1 from the top, ascending).

    Built as a one-pixel column and stretched sideways: one resize in C rather than a Python loop
    over rows (let alone pixels).
    """
    width, height = size
    column: list[Colour] = []
    for y in range(height):
        t = y / max(height - 1, 1)
        colour = stops[-1][1]
        for (t0, c0), (t1, c1) in zip(stops, stops[1:], strict=False):
            if t <= t1:
                colour = _mix(c0, c1, (t - t0) / (t1 - t0)) if t1 > t0 else c1
                break
        column.append(colour)
    strip = Image.new("RGB", (1, height))
    strip.putdata(column)
    return strip.resize((width, height), Image.Resampling.NEAREST)


# Image.radial_gradient is 0 at the centre and reaches 181 (128 * sqrt 2) on the inscribed circle.
_GLOW_FALLOFF = [round(255 * max(0.0, 1 - v / 181) ** 2) for v in range(256)]


def _sky(size: tuple[int, int], top: Colour, low: Colour, at: float) -> Image.Image:
    """A sky: `top` at the top, blending to `low` at fraction `at` of the height, then flat."""
    return _gradient(size, [(0.0, top), (at, low), (1.0, low)])


def _late_or_day_sky(
    rng: random.Random,
    size: tuple[int, int],
    *,
    late: tuple[Colour, Colour],
    day: tuple[Colour, Colour],
    at: float,
) -> tuple[Image.Image, bool, Colour]:
    """A sky of the evening (`late`) or of the day, by a coin toss; which it was, and the
    colour at its horizon (far things fade towards it)."""
    is_late = rng.random() < 0.5
    top, low = late if is_late else day
    zenith, horizon = _vary(rng, top), _vary(rng, low)
    return _sky(size, zenith, horizon, at), is_late, horizon


def _glow(
    image: Image.Image, centre: Point, radius: float, colour: Colour, strength: float
) -> None:
    """Soft light around the sun, the moon or a floodlight: a radial falloff used as a mask."""
    side = max(2, round(radius * 2))
    lut = [round(v * strength) for v in _GLOW_FALLOFF]
    mask = Image.radial_gradient("L").point(lut).resize((side, side), Image.Resampling.BILINEAR)
    # paste clips a box that runs off the picture, so glows near an edge need no special case.
    image.paste(colour, (round(centre[0] - side / 2), round(centre[1] - side / 2)), mask)


def _ridge(
    rng: random.Random, width: int, base: float, amplitude: float, waves: int = 3, steps: int = 96
) -> list[Point]:
    """A rolling outline (dunes, hills): a few sines with random frequencies and phases."""
    terms = [
        (
            amplitude * rng.uniform(0.5, 1.0) / (i + 1),
            rng.uniform(1.0, 2.2) * (i + 1),
            rng.uniform(0, 2 * math.pi),
        )
        for i in range(waves)
    ]
    points: list[Point] = []
    for step in range(steps + 1):
        x = width * step / steps
        y = base + sum(a * math.sin(f * 2 * math.pi * x / width + p) for a, f, p in terms)
        points.append((x, y))
    return points


def _fill_below(draw: Draw, outline: Sequence[Point], bottom: float, fill: Colour) -> None:
    """Fill from an outline down to the bottom line: a hill, a dune, a mountain range."""
    draw.polygon([*outline, (outline[-1][0], bottom), (outline[0][0], bottom)], fill=fill)


def _cloud(draw: Draw, rng: random.Random, centre: Point, size: float, colour: Colour) -> None:
    """A cloud as a loose heap of translucent ellipses, flatter at the bottom."""
    cx, cy = centre
    for _ in range(rng.randint(5, 8)):
        w = size * rng.uniform(0.35, 0.7)
        h = w * rng.uniform(0.45, 0.7)
        x = cx + size * rng.uniform(-0.45, 0.45)
        y = cy - h * rng.uniform(0.0, 0.6)
        draw.ellipse((x - w / 2, y - h / 2, x + w / 2, y + h / 2), fill=_alpha(colour, 170))


def _clouds(draw: Draw, rng: random.Random, size: tuple[int, int], count: int, avoid: Box) -> None:
    """A few clouds high in the sky, kept off the subject so they never hide the focal point."""
    w, h = size
    reach = avoid[2] / 2 + w * 0.1  # half the subject plus about half a cloud
    for _ in range(count):
        x = rng.uniform(0, w)
        if abs(x - (avoid[0] + avoid[2] / 2)) < reach:
            x = (x + w / 2) % w
        _cloud(draw, rng, (x, h * rng.uniform(0.06, 0.28)), w * 0.15, (255, 255, 255))


def _windows(
    draw: Draw,
    rng: random.Random,
    rect: tuple[float, float, float, float],
    cell: float,
    lit: Colour,
    unlit: Colour,
    lit_share: float,
) -> None:
    """A grid of windows on a facade, some lit: what makes a block read as a building."""
    x0, y0, x1, y1 = rect
    cell = max(cell, 2.0)
    cols = int((x1 - x0 - cell * 0.5) // cell)
    rows = int((y1 - y0 - cell) // (cell * 1.4))
    for row in range(rows):
        for col in range(cols):
            wx = x0 + cell * 0.5 + col * cell
            wy = y0 + cell * 0.8 + row * cell * 1.4
            fill = lit if rng.random() < lit_share else unlit
            draw.rectangle((wx, wy, wx + cell * 0.5, wy + cell * 0.75), fill=fill)


def _sun(image: Image.Image, box: Box, disc: Colour, halo: Colour, strength: float) -> None:
    x, y, w, h = box
    centre = (x + w / 2, y + h / 2)
    _glow(image, centre, w * 1.8, halo, strength)
    ImageDraw.Draw(image).ellipse((x, y, x + w - 1, y + h - 1), fill=disc)


# --- Scenes --------------------------------------------------------------------------------------
# Each takes the scene's random source, the picture size and the subject box (already placed by
# subject_point) and returns the drawn picture. Sizes are fractions of the picture, so a scene
# draws the same at any size.


def _city(rng: random.Random, size: tuple[int, int], subject: Box) -> Image.Image:
    """A skyline: hazy far blocks, a landmark tower (the subject), near blocks with windows."""
    w, h = size
    image, dusk, low = _late_or_day_sky(
        rng, size, late=((45, 70, 140), (245, 165, 115)), day=((70, 130, 205), (205, 222, 240)),
        at=0.8,
    )
    draw = ImageDraw.Draw(image, "RGBA")
    ground = h * 0.86
    bx, by, bw, bh = subject

    # Far blocks fade towards the sky colour (atmospheric perspective), so the city gets depth.
    far = _mix(_vary(rng, (70, 80, 100)), low, 0.55)
    x = -rng.uniform(0, 0.03) * w
    while x < w:
        block = rng.uniform(0.03, 0.07) * w
        draw.rectangle((x, ground - rng.uniform(0.2, 0.42) * h, x + block, ground), fill=far)
        x += block + rng.uniform(-0.01, 0.004) * w

    # The landmark: a stepped glass tower with a spire; its lit left faces give it volume.
    glass = _vary(rng, (110, 135, 175) if dusk else (150, 175, 205))
    shade = _mix(glass, (20, 25, 45), 0.35)
    cx = bx + bw / 2
    draw.polygon(
        [(cx, by), (cx + bw * 0.04, by + bh * 0.2), (cx - bw * 0.04, by + bh * 0.2)], fill=shade
    )
    for top_frac, half in ((0.2, 0.28), (0.42, 0.39), (0.66, 0.5)):
        y0 = by + bh * top_frac
        draw.rectangle((cx - bw * half, y0, cx, ground), fill=glass)
        draw.rectangle((cx, y0, cx + bw * half, ground), fill=shade)
    floor = max(3.0, h * 0.012)
    y = by + bh * 0.2 + floor
    while y < ground:
        draw.line((cx - bw * 0.5, y, cx + bw * 0.5, y), fill=(255, 255, 255, 28))
        y += floor
    if dusk:
        _glow(image, (cx, by), bw * 0.25, (255, 90, 80), 0.9)  # aircraft warning light

    # Near blocks stay below the tower's box, so the subject is never hidden.
    near = _vary(rng, (50, 55, 70) if dusk else (95, 100, 115), 8)
    lit = (255, 214, 140) if dusk else (190, 215, 235)
    unlit = _mix(near, (0, 0, 0), 0.35)
    cell = w * 0.011
    x = -rng.uniform(0, 0.03) * w
    while x < w:
        block = rng.uniform(0.04, 0.08) * w
        height = rng.uniform(0.1, 0.32) * h
        if x < bx + bw and x + block > bx:
            height = min(height, ground - (by + bh) - 0.02 * h)
        rect = (x, ground - height, x + block, ground)
        draw.rectangle(rect, fill=_vary(rng, near, 8))
        _windows(draw, rng, rect, cell, lit, unlit, 0.35 if dusk else 0.5)
        x += block + rng.uniform(0.0, 0.012) * w

    draw.rectangle((0, ground, w, h), fill=_vary(rng, (70, 70, 76), 6))
    draw.line((0, ground, w, ground), fill=(30, 30, 36), width=max(1, round(h * 0.004)))
    dash = w * 0.04
    for i in range(int(w / dash / 2) + 1):
        x = i * dash * 2
        draw.rectangle((x, h * 0.93, x + dash, h * 0.93 + h * 0.006), fill=(225, 220, 200, 160))
    return image


def _sea(rng: random.Random, size: tuple[int, int], subject: Box) -> Image.Image:
    """Open sea: sun glitter, rows of waves shrinking towards the horizon, a sailing boat."""
    w, h = size
    bx, by, bw, bh = subject
    horizon = h * 0.44
    sky_top, sky_low = _vary(rng, (70, 140, 210)), _vary(rng, (210, 228, 242))
    image = _sky(size, sky_top, sky_low, 0.44)
    water_far, water_near = _vary(rng, (70, 140, 180)), _vary(rng, (15, 60, 110))
    sea_height = h - round(horizon)
    image.paste(
        _gradient((w, sea_height), [(0.0, water_far), (1.0, water_near)]), (0, round(horizon))
    )
    draw = ImageDraw.Draw(image, "RGBA")

    # The sun sits on the side away from the boat, low, with its glitter path on the water.
    sun_x = w - (bx + bw / 2) + rng.uniform(-0.05, 0.05) * w
    sun_r = h * 0.045
    sun_y = h * rng.uniform(0.15, 0.25)
    _sun(
        image,
        (round(sun_x - sun_r), round(sun_y - sun_r), round(2 * sun_r), round(2 * sun_r)),
        (255, 248, 225),
        (255, 240, 200),
        0.55,
    )
    _clouds(draw, rng, size, rng.randint(2, 4), subject)

    # A low island on the horizon breaks the straight line.
    island_x = rng.uniform(0.0, 0.7) * w
    draw.pieslice(
        (island_x, horizon - h * 0.03, island_x + w * 0.3, horizon + h * 0.03),
        180,
        360,
        fill=_mix(water_far, (40, 70, 80), 0.5),
    )

    rows = 30
    for row in range(rows):
        t = (row + 1) / rows
        y = horizon + (h - horizon) * t**1.7
        length = w * (0.012 + 0.06 * t)
        thick = max(1, round(h * 0.0015 * (0.6 + 2.5 * t)))
        x = -rng.uniform(0, length)
        while x < w:
            crest = _alpha((235, 245, 250), rng.randint(60, 150))
            draw.arc((x, y, x + length, y + length * 0.25), 200, 340, fill=crest, width=thick)
            x += length * rng.uniform(1.2, 2.6)
    for _ in range(int(120 * w / 2400) + 4):  # glitter under the sun
        gy = horizon + (h - horizon) * rng.random() ** 1.5
        gx = sun_x + rng.gauss(0, w * 0.03 * (1 + 2 * (gy - horizon) / h))
        half = w * 0.006 * (1 + 3 * (gy - horizon) / h)
        draw.line(
            (gx - half, gy, gx + half, gy),
            fill=(255, 250, 225, 190),
            width=max(1, round(h * 0.002)),
        )

    # The boat fills its box: hull at the bottom, mast and two sails above.
    hull_top = by + bh * 0.78
    waterline = by + bh
    hull = _vary(rng, (170, 50, 45) if rng.random() < 0.5 else (245, 245, 240), 10)
    draw.polygon(
        [
            (bx, hull_top - bh * 0.03),
            (bx + bw, hull_top),
            (bx + bw * 0.88, waterline),
            (bx + bw * 0.1, waterline),
        ],
        fill=hull,
    )
    draw.line(
        (bx + bw * 0.05, hull_top + bh * 0.04, bx + bw * 0.96, hull_top + bh * 0.04),
        fill=(30, 40, 60),
        width=max(1, round(bh * 0.025)),
    )
    mast = bx + bw * 0.45
    draw.line((mast, by, mast, hull_top), fill=(60, 45, 35), width=max(1, round(bw * 0.015)))
    sail = _vary(rng, (248, 244, 232), 6)
    draw.polygon(
        [
            (mast + bw * 0.02, by + bh * 0.03),
            (mast + bw * 0.02, hull_top - bh * 0.05),
            (bx + bw * 0.93, hull_top - bh * 0.05),
        ],
        fill=sail,
    )
    draw.polygon(
        [
            (mast - bw * 0.02, by + bh * 0.1),
            (mast - bw * 0.02, hull_top - bh * 0.07),
            (bx + bw * 0.06, hull_top - bh * 0.07),
        ],
        fill=_mix(sail, (120, 140, 170), 0.2),
    )
    for i in range(5):  # the reflection: broken dark bars under the hull
        y = waterline + bh * 0.04 * (i + 0.5)
        draw.line(
            (bx + bw * (0.12 + 0.05 * i), y, bx + bw * (0.86 - 0.06 * i), y),
            fill=(5, 20, 40, 90 - 15 * i),
            width=max(1, round(bh * 0.025)),
        )
    return image


def _desert(rng: random.Random, size: tuple[int, int], subject: Box) -> Image.Image:
    """Dunes under a big sun: layered ridges, each with a shadowed lee and wind ripples."""
    w, h = size
    image, evening, low = _late_or_day_sky(
        rng, size, late=((80, 70, 130), (250, 150, 85)), day=((95, 150, 210), (245, 222, 180)),
        at=0.62,
    )
    _sun(image, subject, (255, 244, 210), (255, 205, 130), 0.75)
    draw = ImageDraw.Draw(image, "RGBA")

    far = _mix(_vary(rng, (225, 170, 110)), low, 0.35)
    near = _vary(rng, (205, 125, 65) if evening else (215, 150, 85))
    layers = 4
    for layer in range(layers):
        t = layer / (layers - 1)
        base = h * (0.6 + 0.32 * t**1.2)
        outline = _ridge(rng, w, base, h * (0.02 + 0.05 * t))
        lit = _mix(far, near, t)
        lee = _mix(lit, (90, 50, 40), 0.3)
        # Fill the dune in its shadow colour, then light it below the crest line moved right:
        # the lit part only misses the slopes facing away from the (left) sun, as on real dunes.
        _fill_below(draw, outline, h, lee)
        shift = rng.randint(3, 6)  # in outline steps
        drop = h * 0.004
        lit_line = [
            (x, max(y, outline[i - shift][1] + drop) if i >= shift else y)
            for i, (x, y) in enumerate(outline)
        ]
        _fill_below(draw, lit_line, h, lit)
        draw.line(
            outline,
            fill=_alpha(_mix(lit, (255, 240, 210), 0.4), 150),
            width=max(1, round(h * 0.002)),
        )
        if layer >= 2:
            for r in range(1, 9):
                ripple = [
                    (x, y + r * h * 0.018 + h * 0.004 * math.sin(x / w * 40)) for x, y in outline
                ]
                draw.line(ripple, fill=_alpha(lee, 70), width=max(1, round(h * 0.0015)))
    return image


def _mountains(rng: random.Random, size: tuple[int, int], subject: Box) -> Image.Image:
    """A range whose highest peak is the subject: lit and shadowed faces, snow, pines in front."""
    w, h = size
    bx, by, bw, bh = subject
    top, low = _vary(rng, (65, 125, 200)), _vary(rng, (200, 222, 242))
    image = _sky(size, top, low, 0.6)
    draw = ImageDraw.Draw(image, "RGBA")
    _clouds(draw, rng, size, rng.randint(1, 3), subject)
    _fill_below(
        draw,
        _ridge(rng, w, h * 0.5, h * 0.05, waves=4),
        h,
        _mix(_vary(rng, (90, 110, 150)), low, 0.45),
    )

    # Peaks as tents (x, summit, slope); the subject's summit is the highest point of the range.
    peak_x = bx + bw / 2
    slope = bh / max(bw / 2, 1)
    peaks = [(peak_x, float(by), slope)]
    for _ in range(rng.randint(3, 5)):
        x = rng.uniform(0, w)
        if abs(x - peak_x) < bw * 0.6:
            x += bw * 1.2 if x >= peak_x else -bw * 1.2
        peaks.append((x, by + bh * rng.uniform(0.25, 0.7), slope * rng.uniform(0.7, 1.2)))
    foot = h * 0.8
    steps = 200
    ridge: list[Point] = []
    for step in range(steps + 1):
        x = w * step / steps
        y = min(py + s * abs(x - px) for px, py, s in peaks)
        # Jagged detail, damped near the main summit so the box stays on the true top.
        jag = h * 0.012 * math.sin(x / w * 37) + rng.uniform(-1, 1) * h * 0.006
        y += jag * min(1.0, abs(x - peak_x) / max(bw * 0.15, 1))
        ridge.append((x, min(max(y, float(by)), foot)))
    rock = _vary(rng, (105, 100, 110), 10)
    _fill_below(draw, ridge, h, rock)

    snow_line = by + bh * rng.uniform(0.4, 0.55)
    snow = [(x, max(y, snow_line + rng.uniform(-1, 1) * h * 0.02)) for x, y in ridge]
    draw.polygon([*ridge, *reversed(snow)], fill=(246, 248, 252))

    # Light from the left: darken each peak's right-hand face from its summit down.
    for px, py, s in peaks:
        run = (foot - py) / s
        face = [(x, y) for x, y in ridge if px <= x <= px + run]
        draw.polygon([(px, py), *face, (px + run, h), (px + run * 0.15, h)], fill=(20, 30, 70, 70))

    # Foreground: a dark green hill with pines, drawn far to near.
    hill = _ridge(rng, w, h * 0.86, h * 0.04)
    green = _vary(rng, (45, 85, 50), 10)
    _fill_below(draw, hill, h, green)
    trees = sorted((rng.uniform(0, w), rng.uniform(0, 0.14)) for _ in range(int(40 * w / 2400) + 3))
    for x, depth in sorted(trees, key=lambda tree: tree[1]):
        base = h * (0.88 + depth)
        tall = h * (0.05 + 0.5 * depth)
        draw.polygon(
            [(x, base - tall), (x + tall * 0.22, base), (x - tall * 0.22, base)],
            fill=_mix(green, (10, 30, 20), 0.5 + rng.uniform(-0.15, 0.15)),
        )
    return image


def _stall(draw: Draw, rng: random.Random, box: Box) -> None:
    """A market stall: striped scalloped awning on posts, a counter with heaps of produce."""
    x, y, w, h = box
    stripes = rng.choice(
        [
            ((200, 40, 45), (245, 240, 225)),
            ((40, 110, 70), (240, 230, 200)),
            ((30, 80, 160), (245, 210, 80)),
            ((230, 130, 40), (250, 240, 220)),
        ]
    )
    awning = h * 0.28
    count = rng.randint(6, 9)
    inset = w * 0.08
    draw.rectangle((x, y + awning, x + w, y + h * 0.7), fill=(70, 48, 38))  # shade under it
    for i in range(count):
        colour = stripes[i % 2]
        top0 = x + inset + (w - 2 * inset) * i / count
        top1 = x + inset + (w - 2 * inset) * (i + 1) / count
        draw.polygon(
            [
                (top0, y),
                (top1, y),
                (x + w * (i + 1) / count, y + awning),
                (x + w * i / count, y + awning),
            ],
            fill=colour,
        )
        draw.pieslice(
            (
                x + w * i / count,
                y + awning - h * 0.04,
                x + w * (i + 1) / count,
                y + awning + h * 0.04,
            ),
            0,
            180,
            fill=colour,
        )
    post = (90, 60, 40)
    draw.rectangle((x + w * 0.02, y + awning, x + w * 0.05, y + h), fill=post)
    draw.rectangle((x + w * 0.95, y + awning, x + w * 0.98, y + h), fill=post)
    wood = _vary(rng, (150, 100, 60), 10)
    draw.rectangle((x + w * 0.04, y + h * 0.7, x + w * 0.96, y + h), fill=wood)
    for plank in range(1, 4):
        py = y + h * (0.7 + 0.075 * plank)
        draw.line((x + w * 0.04, py, x + w * 0.96, py), fill=_mix(wood, (0, 0, 0), 0.3))

    # Produce: heaps of round fruit or cones of spice along the counter.
    heaps = rng.randint(3, 5)
    for i in range(heaps):
        hx0 = x + w * (0.08 + 0.84 * i / heaps)
        hx1 = x + w * (0.08 + 0.84 * (i + 1) / heaps) - w * 0.02
        base = y + h * 0.7
        colour = _vary(
            rng,
            rng.choice(
                [
                    (235, 140, 30),
                    (200, 40, 35),
                    (120, 170, 50),
                    (240, 200, 60),
                    (150, 80, 40),
                    (170, 40, 90),
                ]
            ),
            15,
        )
        if rng.random() < 0.5:
            draw.pieslice((hx0, base - h * 0.12, hx1, base + h * 0.12), 180, 360, fill=colour)
        else:
            r = max((hx1 - hx0) / 10, 1.0)
            for row in range(4):
                for k in range(5 - row):
                    fx = hx0 + r * (1 + row + 2 * k)
                    fy = base - r * (1 + 1.7 * row)
                    draw.ellipse(
                        (fx - r, fy - r, fx + r, fy + r),
                        fill=_mix(colour, (255, 255, 255), rng.uniform(0, 0.15)),
                        outline=_mix(colour, (0, 0, 0), 0.3),
                    )


def _market(rng: random.Random, size: tuple[int, int], subject: Box) -> Image.Image:
    """An old-town market street: arched facades, a string of lanterns, a row of stalls."""
    w, h = size
    bx, by, bw, bh = subject
    image = _sky(size, _vary(rng, (110, 170, 230)), _vary(rng, (215, 230, 240)), 0.3)
    draw = ImageDraw.Draw(image, "RGBA")
    street = h * 0.8

    x = 0.0
    while x < w:  # facades with arched doors and windows
        front = rng.uniform(0.15, 0.28) * w
        roof = h * rng.uniform(0.05, 0.2)
        wall = _vary(rng, (215, 185, 140), 18)
        draw.rectangle((x, roof, x + front, street), fill=wall)
        draw.rectangle((x, roof, x + front, roof + h * 0.015), fill=_mix(wall, (0, 0, 0), 0.2))
        dark = _mix(wall, (40, 30, 30), 0.7)
        for k in range(int(front // (w * 0.06))):
            ax = x + w * 0.02 + k * w * 0.06
            ay = roof + h * 0.06
            draw.rectangle((ax, ay + w * 0.0125, ax + w * 0.025, ay + h * 0.12), fill=dark)
            draw.pieslice((ax, ay, ax + w * 0.025, ay + w * 0.025), 180, 360, fill=dark)
        x += front

    draw.rectangle((0, street, w, h), fill=_vary(rng, (175, 155, 125), 8))
    y = street
    gap = h * 0.02
    while y < h:  # paving rows, wider towards the viewer
        draw.line((0, y, w, y), fill=(120, 100, 80, 120), width=max(1, round(h * 0.002)))
        gap *= 1.35
        y += gap

    # Lanterns on a sagging string across the street.
    left, right = h * rng.uniform(0.05, 0.1), h * rng.uniform(0.05, 0.1)
    sag = h * 0.06
    lanterns = 14
    prev = (0.0, left)
    for i in range(lanterns + 1):
        t = i / lanterns
        lx = w * t
        ly = left + (right - left) * t + sag * 4 * t * (1 - t)
        draw.line((prev[0], prev[1], lx, ly), fill=(50, 40, 35), width=max(1, round(h * 0.002)))
        r = h * 0.012
        colour = rng.choice([(230, 60, 50), (250, 190, 50), (60, 140, 200), (90, 170, 90)])
        draw.ellipse((lx - r, ly, lx + r, ly + r * 2.6), fill=colour)
        prev = (lx, ly)

    # Smaller stalls behind, then the main stall (the subject) in front of them.
    x = -rng.uniform(0, 0.1) * w
    while x < w:
        sw = rng.uniform(0.16, 0.22) * w
        sh = sw * rng.uniform(0.9, 1.1)
        _stall(draw, rng, (round(x), round(street - sh), round(sw), round(sh)))
        x += sw + rng.uniform(0.01, 0.04) * w
    draw.ellipse(
        (bx - bw * 0.05, by + bh * 0.95, bx + bw * 1.05, by + bh * 1.08), fill=(40, 30, 20, 90)
    )  # its shadow on the paving
    _stall(draw, rng, subject)
    return image


def _stadium(rng: random.Random, size: tuple[int, int], subject: Box) -> Image.Image:
    """A football stadium at dusk: floodlights, a packed stand, a striped pitch, centre circle."""
    w, h = size
    bx, by, bw, bh = subject
    image = _sky(size, _vary(rng, (35, 45, 100)), _vary(rng, (150, 110, 150)), 0.2)
    draw = ImageDraw.Draw(image, "RGBA")
    roof, stand_top, stand_bottom, pitch_top = h * 0.17, h * 0.2, h * 0.52, h * 0.555

    # The crowd: a mosaic of random clothes colours, one cell per spectator, scaled up crisply.
    home = rng.choice([(200, 30, 40), (30, 90, 190), (240, 200, 40), (30, 140, 70)])
    crowd = [
        home,
        _mix(home, (0, 0, 0), 0.3),
        _mix(home, (255, 255, 255), 0.3),
        home,
        (235, 235, 235),
        (40, 40, 45),
        (200, 160, 130),
        (120, 80, 60),
    ]
    palette = [channel for i in range(256) for channel in crowd[i % len(crowd)]]
    cell = max(w * 0.006, 1.0)
    cols, rows = max(1, round(w / cell)), max(1, round((stand_bottom - stand_top) / cell))
    faces = Image.frombytes("P", (cols, rows), rng.randbytes(cols * rows))
    faces.putpalette(palette)
    stand_height = max(1, round(stand_bottom - stand_top))
    crowd_image = faces.convert("RGB").resize((w, stand_height), Image.Resampling.NEAREST)
    image.paste(crowd_image, (0, round(stand_top)))
    tier = (stand_bottom - stand_top) / 6
    for k in range(1, 6):
        y = stand_top + k * tier
        draw.line((0, y, w, y), fill=(90, 90, 95), width=max(1, round(h * 0.005)))
    for k in range(1, 12):
        x = w * k / 12
        draw.line(
            (x, stand_top, x + (x - w / 2) * 0.08, stand_bottom),
            fill=(90, 90, 95),
            width=max(1, round(w * 0.004)),
        )
    draw.rectangle((0, stand_top, w, stand_top + tier * 2), fill=(10, 10, 30, 70))  # roof shade
    draw.rectangle((0, roof, w, stand_top), fill=(45, 45, 55))
    draw.line((0, roof, w, roof), fill=(170, 170, 180), width=max(1, round(h * 0.004)))

    for tower_x in (w * rng.uniform(0.05, 0.12), w * rng.uniform(0.88, 0.95)):
        draw.line(
            (tower_x, h * 0.05, tower_x, roof), fill=(60, 60, 70), width=max(1, round(w * 0.006))
        )
        _glow(image, (tower_x, h * 0.05), h * 0.12, (255, 250, 220), 0.9)
        draw.rectangle(
            (tower_x - w * 0.02, h * 0.035, tower_x + w * 0.02, h * 0.065), fill=(255, 255, 235)
        )

    x = 0.0
    while x < w:  # advertising boards
        board = rng.uniform(0.06, 0.12) * w
        draw.rectangle(
            (x, stand_bottom, x + board, pitch_top),
            fill=_vary(
                rng, rng.choice([(20, 60, 160), (200, 30, 40), (250, 250, 250), (240, 190, 30)]), 8
            ),
        )
        x += board

    # Mowing stripes get taller towards the viewer (perspective).
    grass = _vary(rng, (60, 140, 60), 10)
    y, band, k = pitch_top, h * 0.03, 0
    while y < h:
        fill = grass if k % 2 else _mix(grass, (255, 255, 200), 0.1)
        draw.rectangle((0, y, w, y + band), fill=fill)
        y, band, k = y + band, band * 1.2, k + 1
    line = (245, 245, 240)
    thick = max(1, round(h * 0.004))
    touch = pitch_top + h * 0.02
    draw.line((0, touch, w, touch), fill=line, width=thick)
    cx, cy = bx + bw / 2, by + bh / 2
    vanish_x, vanish_y = w / 2, touch - h  # the halfway line runs towards a far vanishing point
    top_x = vanish_x + (cx - vanish_x) * (touch - vanish_y) / (cy - vanish_y)
    bottom_x = vanish_x + (cx - vanish_x) * (h - vanish_y) / (cy - vanish_y)
    draw.line((top_x, touch, bottom_x, h), fill=line, width=thick)
    draw.ellipse((bx, by, bx + bw - 1, by + bh - 1), outline=line, width=thick)
    draw.ellipse((cx - thick * 2, cy - thick, cx + thick * 2, cy + thick), fill=line)

    # Players, two teams, smaller when further away; two of them on the centre circle.
    away = rng.choice([(250, 250, 250), (20, 20, 25), (120, 200, 230)])
    spots = [(cx - bw * 0.2, cy), (cx + bw * 0.15, cy - bh * 0.1)]
    spots += [(rng.uniform(0, w), rng.uniform(touch + h * 0.03, h * 0.97)) for _ in range(12)]
    for i, (px, py) in enumerate(sorted(spots, key=lambda spot: spot[1])):
        tall = h * 0.035 * (1 + 2.5 * (py - touch) / h)
        kit = home if i % 2 else away
        draw.ellipse(
            (px - tall * 0.25, py - tall * 0.05, px + tall * 0.25, py + tall * 0.05),
            fill=(0, 40, 0, 90),
        )
        draw.rectangle(
            (px - tall * 0.13, py - tall * 0.75, px + tall * 0.13, py - tall * 0.3), fill=kit
        )
        draw.rectangle((px - tall * 0.11, py - tall * 0.3, px + tall * 0.11, py), fill=(30, 30, 30))
        draw.ellipse(
            (px - tall * 0.1, py - tall, px + tall * 0.1, py - tall * 0.78), fill=(190, 140, 110)
        )
    return image


def _tree(draw: Draw, rng: random.Random, x: float, base: float, tall: float) -> None:
    """A broadleaf tree: trunk, a crown of overlapping leaf masses, a shadow on the ground."""
    draw.ellipse(
        (x - tall * 0.3, base - tall * 0.02, x + tall * 0.4, base + tall * 0.03),
        fill=(20, 40, 10, 100),
    )
    draw.polygon(
        [
            (x - tall * 0.04, base),
            (x + tall * 0.04, base),
            (x + tall * 0.025, base - tall * 0.55),
            (x - tall * 0.025, base - tall * 0.55),
        ],
        fill=(85, 60, 40),
    )
    leaves = _vary(rng, (50, 110, 45), 10)
    for shade in (0.0, 0.35, 0.7):  # dark masses first, lit ones (upper left) on top
        colour = _mix(_mix(leaves, (10, 40, 10), 0.5), _mix(leaves, (200, 230, 120), 0.35), shade)
        for _ in range(6):
            r = tall * rng.uniform(0.14, 0.2)
            mx = x + tall * rng.uniform(-0.2, 0.2) - tall * 0.08 * shade
            my = base - tall * rng.uniform(0.6, 0.72) - tall * 0.08 * shade
            draw.ellipse((mx - r, my - r * 0.9, mx + r, my + r * 0.9), fill=colour)


def _barn(draw: Draw, rng: random.Random, box: Box) -> None:
    """A red barn with a gambrel roof and a cross-braced door, filling its box."""
    x, y, w, h = box
    eaves = y + h * 0.38
    red = _vary(rng, (175, 45, 40), 12)
    trim = (240, 236, 225)
    draw.rectangle((x + w * 0.05, eaves, x + w * 0.95, y + h), fill=red)
    draw.rectangle((x + w * 0.05, eaves, x + w * 0.5, y + h), fill=_mix(red, (255, 220, 180), 0.1))
    draw.polygon(
        [
            (x, eaves),
            (x + w * 0.16, y + h * 0.12),
            (x + w * 0.5, y),
            (x + w * 0.84, y + h * 0.12),
            (x + w, eaves),
        ],
        fill=_vary(rng, (75, 65, 70), 8),
    )
    line = max(1, round(w * 0.012))
    door = (x + w * 0.33, y + h * 0.58, x + w * 0.67, y + h)
    draw.rectangle(door, fill=_mix(red, (0, 0, 0), 0.25), outline=trim, width=line)
    draw.line((door[0], door[1], door[2], door[3]), fill=trim, width=line)
    draw.line((door[0], door[3], door[2], door[1]), fill=trim, width=line)
    draw.rectangle(
        (x + w * 0.42, y + h * 0.2, x + w * 0.58, y + h * 0.36),
        fill=(60, 40, 35),
        outline=trim,
        width=line,
    )
    draw.line((x + w * 0.05, eaves, x + w * 0.95, eaves), fill=trim, width=line)


def _field(rng: random.Random, size: tuple[int, int], subject: Box) -> Image.Image:
    """Farmland: hills far off, crop rows running to a vanishing point, a red barn and a tree."""
    w, h = size
    bx, by, bw, bh = subject
    horizon = h * 0.55
    low = _vary(rng, (225, 235, 242))
    image = _sky(size, _vary(rng, (100, 165, 230)), low, 0.55)
    draw = ImageDraw.Draw(image, "RGBA")
    _clouds(draw, rng, size, rng.randint(2, 4), subject)
    far_hills = _mix(_vary(rng, (80, 120, 110)), low, 0.45)
    _fill_below(draw, _ridge(rng, w, horizon - h * 0.05, h * 0.03), h, far_hills)
    _fill_below(draw, _ridge(rng, w, horizon - h * 0.01, h * 0.02), h, _vary(rng, (95, 140, 80)))

    # Crops in bands, each striped by rows that all point at one vanishing point.
    vanish = (w * rng.uniform(0.35, 0.65), horizon - h * 0.08)
    crops = [(200, 175, 80), (110, 160, 60), (150, 185, 70), (90, 140, 50), (185, 160, 95)]
    rng.shuffle(crops)
    edges = [horizon, h * rng.uniform(0.6, 0.64), h * rng.uniform(0.72, 0.78), float(h)]
    for band, (top, bottom) in enumerate(zip(edges, edges[1:], strict=False)):
        crop = _vary(rng, crops[band], 10)
        row = _mix(crop, (40, 50, 20), 0.25)
        draw.rectangle((0, top, w, bottom), fill=crop)
        spacing = w * 0.05

        def at(x_bottom: float, y: float) -> float:
            return vanish[0] + (x_bottom - vanish[0]) * (y - vanish[1]) / (h - vanish[1])

        for k in range(-60, 60, 2):
            x0, x1 = vanish[0] + k * spacing, vanish[0] + (k + 1) * spacing
            quad = [(at(x0, top), top), (at(x1, top), top), (at(x1, bottom), bottom)]
            draw.polygon([*quad, (at(x0, bottom), bottom)], fill=row)
        hedge = _vary(rng, (50, 90, 40), 8)  # a hedge of bushes along the band's far edge
        r = h * (0.004 + 0.012 * (top - horizon) / (h - horizon))
        x = -rng.uniform(0, r)
        while x < w:
            draw.ellipse((x - r, top - r, x + r * 1.4, top + r * 0.6), fill=hedge)
            x += r * rng.uniform(1.5, 2.5)

    # The barn (the subject) with a tree on its side towards the middle of the picture.
    inwards = 1 if bx + bw / 2 < w / 2 else -1
    tree_x = bx + bw / 2 + inwards * (bw / 2 + h * 0.1)
    _tree(draw, rng, tree_x, by + bh + h * 0.01, h * rng.uniform(0.26, 0.32))
    draw.rectangle(
        (bx - bw * 0.05, by + bh * 0.97, bx + bw * 1.05, by + bh * 1.02), fill=(0, 0, 0, 60)
    )
    _barn(draw, rng, subject)
    return image


def _night(rng: random.Random, size: tuple[int, int], subject: Box) -> Image.Image:
    """A moonlit night over old-town roofs: stars, a glowing moon, domes, a minaret, lit windows."""
    w, h = size
    bx, by, bw, bh = subject
    image = _gradient(
        size,
        [
            (0.0, _vary(rng, (8, 12, 35), 6)),
            (0.7, _vary(rng, (30, 45, 90), 8)),
            (1.0, (55, 60, 100)),
        ],
    )
    draw = ImageDraw.Draw(image, "RGBA")
    dot = max(1.0, w / 2400 * 1.6)
    for _ in range(int(w * h / 8000) + 5):
        sx, sy = rng.uniform(0, w), h * rng.random() ** 1.4 * 0.75
        r = dot * rng.choice([0.5, 0.7, 1.0, 1.5])
        light = rng.randint(150, 255)
        draw.ellipse((sx - r, sy - r, sx + r, sy + r), fill=(light, light, min(255, light + 20)))

    # The moon: halo, disc and a few grey seas.
    cx, cy, r = bx + bw / 2, by + bh / 2, bw / 2
    _glow(image, (cx, cy), r * 4, (170, 190, 255), 0.45)
    draw.ellipse((bx, by, bx + bw - 1, by + bh - 1), fill=(246, 242, 225))
    for _ in range(5):
        cr = r * rng.uniform(0.1, 0.25)
        ox, oy = cx + r * rng.uniform(-0.5, 0.5), cy + r * rng.uniform(-0.5, 0.5)
        draw.ellipse((ox - cr, oy - cr, ox + cr, oy + cr), fill=(222, 218, 200))

    # Roofs: flat houses, some with a dome; a minaret on the side away from the moon.
    roof = _vary(rng, (14, 17, 34), 4)
    window = (255, 205, 120)
    minaret_x = w - cx + rng.uniform(-0.08, 0.08) * w
    tower = w * 0.025
    draw.rectangle((minaret_x - tower / 2, h * 0.42, minaret_x + tower / 2, h), fill=roof)
    draw.rectangle((minaret_x - tower, h * 0.5, minaret_x + tower, h * 0.515), fill=roof)
    draw.polygon(
        [
            (minaret_x - tower * 0.6, h * 0.42),
            (minaret_x + tower * 0.6, h * 0.42),
            (minaret_x, h * 0.36),
        ],
        fill=roof,
    )
    draw.rectangle(
        (minaret_x - tower * 0.15, h * 0.45, minaret_x + tower * 0.15, h * 0.48), fill=window
    )
    x = -rng.uniform(0, 0.05) * w
    while x < w:
        house = rng.uniform(0.06, 0.13) * w
        top = h * rng.uniform(0.68, 0.85)
        draw.rectangle((x, top, x + house, h), fill=roof)
        if rng.random() < 0.3:
            dome = house * rng.uniform(0.4, 0.7)
            dx = x + (house - dome) / 2
            draw.pieslice((dx, top - dome * 0.8, dx + dome, top + dome * 0.8), 180, 360, fill=roof)
        _windows(draw, rng, (x, top, x + house, h), w * 0.014, window, roof, 0.22)
        x += house + rng.uniform(-0.01, 0.01) * w
    return image



def _portrait(rng: random.Random, size: tuple[int, int], subject: Box) -> Image.Image:
    """A columnist's head and shoulders against a studio backdrop; the subject box is the head."""
    w, h = size
    bx, by, bw, bh = subject
    cx = bx + bw / 2

    # A studio backdrop: one muted colour, lighter behind the sitter, as under a background light.
    backdrop = _vary(
        rng, rng.choice([(120, 135, 150), (150, 140, 120), (105, 130, 120), (140, 120, 130)]), 10
    )
    image = _gradient(
        size,
        [
            (0.0, _mix(backdrop, (20, 22, 28), 0.35)),
            (0.55, backdrop),
            (1.0, _mix(backdrop, (20, 22, 28), 0.5)),
        ],
    )
    _glow(image, (cx, by + bh * 0.6), h * 0.75, _mix(backdrop, (255, 250, 240), 0.5), 0.8)
    draw = ImageDraw.Draw(image, "RGBA")

    skin = _vary(rng, rng.choice([(228, 188, 160), (205, 155, 120), (175, 125, 92)]), 8)
    shadow = _mix(skin, (60, 30, 30), 0.3)
    hair = _vary(rng, rng.choice([(30, 24, 22), (60, 40, 28), (95, 90, 88)]), 6)
    garment = _vary(rng, rng.choice([(32, 40, 66), (48, 48, 54), (80, 30, 38), (34, 58, 50)]), 6)
    shirt = _vary(rng, rng.choice([(236, 238, 240), (200, 215, 235)]), 6)
    # Light comes from one side, chosen per picture, so the face and shoulders get volume.
    lit_left = rng.random() < 0.5

    # Shoulders: a wide rounded mass that runs off the bottom, so any crop ends in the garment.
    # It is drawn as a mask first, so the shade on its dark side cannot spill onto the backdrop.
    shoulders = bw * rng.uniform(2.7, 3.1)
    top = by + bh * rng.uniform(1.12, 1.2)
    corner = shoulders * 0.2
    mask = Image.new("L", size, 0)
    outline = ImageDraw.Draw(mask)
    outline.rounded_rectangle(
        (cx - shoulders / 2, top, cx + shoulders / 2, h + shoulders), corner, fill=255
    )
    # The slope from the neck down to the shoulders keeps the outline from reading as a block.
    outline.polygon(
        [
            (cx - bw * 0.3, top - bh * 0.16),
            (cx + bw * 0.3, top - bh * 0.16),
            (cx + shoulders / 2 - corner * 0.5, top + corner * 0.13),
            (cx - shoulders / 2 + corner * 0.5, top + corner * 0.13),
        ],
        fill=255,
    )
    image.paste(garment, (0, 0), mask)
    dark_half = Image.new("L", size, 0)
    ImageDraw.Draw(dark_half).rectangle((cx, 0, w, h) if lit_left else (0, 0, cx, h), fill=255)
    image.paste(_mix(garment, (0, 0, 0), 0.3), (0, 0), ImageChops.multiply(mask, dark_half))

    # Neck and collar: shirt showing in a V between the lapels.
    neck = bw * 0.22
    draw.rectangle((cx - neck, by + bh * 0.7, cx + neck, top + bh * 0.1), fill=shadow)
    draw.polygon(
        [
            (cx - neck * 1.3, top - bh * 0.02),
            (cx + neck * 1.3, top - bh * 0.02),
            (cx, top + bh * 0.5),
        ],
        fill=shirt,
    )
    draw.polygon(
        [(cx - neck * 0.8, top), (cx + neck * 0.8, top), (cx, top + bh * 0.22)], fill=shadow
    )

    # The head fills its box exactly: hair as the back layer, the face over its lower part.
    draw.ellipse((bx, by, bx + bw - 1, by + bh * 0.8), fill=hair)
    ear = bw * 0.08
    for ex in (bx + ear * 0.2, bx + bw - ear * 2.2):
        draw.ellipse((ex, by + bh * 0.45, ex + ear * 2, by + bh * 0.64), fill=shadow)
    face = (bx + bw * 0.08, by + bh * 0.16, bx + bw * 0.92, by + bh - 1)
    draw.ellipse(face, fill=skin)
    # Shade on the side away from the light, as on the shoulders; a fringe, so the hairline is
    # not a hard oval.
    start, end = (290, 70) if lit_left else (110, 250)
    draw.chord(face, start, end, fill=(60, 30, 30, 55))
    fringe = (bx + bw * 0.06, by + bh * 0.05, bx + bw * 0.94, by + bh * 0.42)
    draw.chord(fringe, 180, 360, fill=hair)
    return image


# --- Public API ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Placement:
    """Where a kind's main subject may sit, as fractions of the picture.

    x is a range for the box centre on the left side; half the time the subject is mirrored to
    the right, so it is off-centre either way (a range around 0.5 keeps it central).
    """

    x: tuple[float, float]
    y: tuple[float, float]
    size: tuple[float, float]  # box height as a fraction of the picture height
    aspect: float  # box width / box height, in pixels


_DrawScene = Callable[[random.Random, tuple[int, int], Box], Image.Image]

_SCENES: dict[str, tuple[_Placement, _DrawScene]] = {
    "city": (_Placement(x=(0.2, 0.35), y=(0.3, 0.36), size=(0.4, 0.46), aspect=0.4), _city),
    "sea": (_Placement(x=(0.2, 0.34), y=(0.56, 0.62), size=(0.2, 0.25), aspect=1.1), _sea),
    "desert": (_Placement(x=(0.2, 0.32), y=(0.22, 0.3), size=(0.14, 0.18), aspect=1.0), _desert),
    "mountains": (
        _Placement(x=(0.25, 0.38), y=(0.26, 0.32), size=(0.24, 0.3), aspect=1.5),
        _mountains,
    ),
    "market": (_Placement(x=(0.28, 0.36), y=(0.56, 0.6), size=(0.42, 0.46), aspect=1.0), _market),
    "stadium": (
        _Placement(x=(0.42, 0.58), y=(0.72, 0.76), size=(0.14, 0.18), aspect=2.6),
        _stadium,
    ),
    "field": (_Placement(x=(0.2, 0.32), y=(0.5, 0.55), size=(0.18, 0.23), aspect=1.25), _field),
    "night": (_Placement(x=(0.18, 0.3), y=(0.2, 0.26), size=(0.12, 0.15), aspect=1.0), _night),
    # Unlike the others, centred: a columnist's photo is cut to a square or circle in the middle.
    "portrait": (
        _Placement(x=(0.45, 0.5), y=(0.36, 0.42), size=(0.3, 0.34), aspect=0.78),
        _portrait,
    ),
}

SCENE_KINDS: tuple[str, ...] = tuple(_SCENES)


def _lookup(kind: str, width: int, height: int) -> tuple[_Placement, _DrawScene]:
    if kind not in _SCENES:
        raise ValueError(f"unknown scene kind {kind!r}; expected one of {', '.join(SCENE_KINDS)}")
    if width < MIN_SIDE or height < MIN_SIDE:
        raise ValueError(f"a scene must be at least {MIN_SIDE}x{MIN_SIDE}, not {width}x{height}")
    return _SCENES[kind]


def subject_point(kind: str, *, seed: int, width: int, height: int) -> Box:
    """The (x, y, width, height) box of the scene's main subject, inside the picture.

    It is computed from its own random source, without drawing, so the demo can store it as the
    picture's focal point cheaply; draw_scene places the subject in exactly this box.
    """
    placement, _ = _lookup(kind, width, height)
    rng = random.Random(f"{kind}:{seed}:subject")
    box_h = min(rng.uniform(*placement.size) * height, height)
    box_w = min(box_h * placement.aspect, width)
    centre_x = rng.uniform(*placement.x)
    if rng.random() < 0.5:
        centre_x = 1 - centre_x
    centre_y = rng.uniform(*placement.y)
    x = min(max(centre_x * width - box_w / 2, 0), width - box_w)
    y = min(max(centre_y * height - box_h / 2, 0), height - box_h)
    return (round(x), round(y), max(1, round(box_w)), max(1, round(box_h)))


# The grain: fine per-pixel noise of +-4 levels, and a faint blotchy texture of +-2 levels.
_FINE_GRAIN = [128 + round((v - 128) * 4 / 128) for v in range(256)]
_BLOTCHES = [128 + round((v - 128) * 2 / 128) for v in range(256)]


def _add_grain(image: Image.Image, rng: random.Random) -> Image.Image:
    """Give flat illustration colours the grain and unevenness of a photo.

    Without it a 2400x1600 scene compresses to a few tens of KB; a real photo of that size weighs
    a few hundred, and the demo should load the image pipeline realistically. Image.effect_noise
    is not used: it draws from C's unseeded rand(), so the picture would change on every run.
    randbytes is seeded and produces all the noise in one call, with no Python loop over pixels.
    """
    w, h = image.size
    fine = Image.frombytes("L", (w, h), rng.randbytes(w * h)).point(_FINE_GRAIN)
    cols, rows = w // 64 + 2, h // 64 + 2
    blotches = Image.frombytes("L", (cols, rows), rng.randbytes(cols * rows)).point(_BLOTCHES)
    noise = ImageChops.add(fine, blotches.resize((w, h), Image.Resampling.BICUBIC), 1.0, -128)
    return ImageChops.add(image, Image.merge("RGB", (noise, noise, noise)), 1.0, -128)


def _vignette(image: Image.Image) -> None:
    """Darken the corners a little, as a lens does; it also pulls the eye inwards."""
    lut = [round(70 * min(1.0, v / 181) ** 3) for v in range(256)]
    mask = Image.radial_gradient("L").point(lut).resize(image.size, Image.Resampling.BILINEAR)
    image.paste((0, 0, 0), (0, 0), mask)


def draw_scene(kind: str, *, seed: int, width: int = 2400, height: int = 1600) -> bytes:
    """A JPEG (quality 88, progressive, no EXIF) of a drawn scene of that kind.

    The same kind, seed and size always give the same bytes. The demo should use photo sizes
    (width 2000 or more); any side of at least 16 pixels is accepted so tests can stay small.
    """
    _, draw = _lookup(kind, width, height)
    subject = subject_point(kind, seed=seed, width=width, height=height)
    rng = random.Random(f"{kind}:{seed}:scene")
    image = draw(rng, (width, height), subject)
    _vignette(image)
    image = _add_grain(image, rng)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True)
    return out.getvalue()
