"""The drawn demo pictures: real JPEGs of photo size, reproducible, varied, with a focal subject."""

from __future__ import annotations

import functools
import io
import itertools
import math

import pytest
from PIL import Image, ImageChops, ImageStat

from nashra.pictures.scenes import SCENE_KINDS, draw_scene, subject_point

FULL = (2400, 1600)
SMALL = (600, 400)


@functools.cache
def scene_bytes(kind: str, seed: int, width: int, height: int) -> bytes:
    """Drawn once per test run: a full-size scene takes a good part of a second."""
    return draw_scene(kind, seed=seed, width=width, height=height)


def scene(kind: str, seed: int = 1, size: tuple[int, int] = SMALL) -> Image.Image:
    return Image.open(io.BytesIO(scene_bytes(kind, seed, *size)))


def mean_colour(image: Image.Image) -> list[float]:
    return list(ImageStat.Stat(image.convert("RGB")).mean)


def rms_difference(a: Image.Image, b: Image.Image) -> float:
    """Root mean square difference of two same-sized pictures, in levels (0..255)."""
    per_band = ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).rms
    return math.sqrt(sum(v * v for v in per_band) / len(per_band))


def test_there_are_at_least_eight_kinds() -> None:
    assert len(SCENE_KINDS) >= 8
    assert len(set(SCENE_KINDS)) == len(SCENE_KINDS)
    assert {"city", "sea", "desert", "mountains", "market", "stadium", "field", "night"} <= set(
        SCENE_KINDS
    )


@pytest.mark.parametrize("kind", SCENE_KINDS)
def test_each_kind_draws_a_photo_sized_jpeg(kind: str) -> None:
    image = scene(kind, size=FULL)
    assert image.format == "JPEG"
    assert image.size == FULL
    assert image.mode == "RGB"
    assert image.info.get("progressive"), "the JPEG should be progressive"
    assert "exif" not in image.info
    assert not image.getexif()


@pytest.mark.parametrize("kind", SCENE_KINDS)
def test_a_full_size_scene_weighs_like_a_photo(kind: str) -> None:
    size = len(scene_bytes(kind, 1, *FULL))
    assert 100_000 <= size <= 1_500_000, f"{kind}: {size // 1024} KB"


@pytest.mark.parametrize("kind", SCENE_KINDS)
@pytest.mark.parametrize("size", [(16, 16), (333, 222), (480, 640), (1000, 300)])
def test_any_size_from_sixteen_pixels_is_drawn_exactly(kind: str, size: tuple[int, int]) -> None:
    image = Image.open(io.BytesIO(draw_scene(kind, seed=7, width=size[0], height=size[1])))
    assert (image.format, image.size, image.mode) == ("JPEG", size, "RGB")


@pytest.mark.parametrize("kind", SCENE_KINDS)
def test_the_same_seed_gives_the_same_bytes(kind: str) -> None:
    first = draw_scene(kind, seed=42, width=SMALL[0], height=SMALL[1])
    again = draw_scene(kind, seed=42, width=SMALL[0], height=SMALL[1])
    assert first == again


@pytest.mark.parametrize("kind", SCENE_KINDS)
def test_other_seeds_give_other_pictures(kind: str) -> None:
    pictures = [scene(kind, seed) for seed in range(4)]
    for a, b in itertools.combinations(pictures, 2):
        # Well above the grain (a few levels): the scene itself changes, not just the noise.
        assert rms_difference(a, b) > 8


def test_kinds_look_different_from_each_other() -> None:
    for seed in (1, 2):
        thumbs = {kind: scene(kind, seed).resize((60, 40)) for kind in SCENE_KINDS}
        for a, b in itertools.combinations(SCENE_KINDS, 2):
            assert rms_difference(thumbs[a], thumbs[b]) > 20, (a, b)
            assert math.dist(mean_colour(thumbs[a]), mean_colour(thumbs[b])) > 8, (a, b)


@pytest.mark.parametrize("kind", SCENE_KINDS)
@pytest.mark.parametrize("size", [SMALL, (480, 640), (1000, 400)])
def test_the_subject_box_is_inside_and_stands_out(kind: str, size: tuple[int, int]) -> None:
    width, height = size
    for seed in range(6):
        x, y, w, h = subject_point(kind, seed=seed, width=width, height=height)
        assert w > 0 and h > 0
        assert 0 <= x and x + w <= width
        assert 0 <= y and y + h <= height
        image = scene(kind, seed, size)
        region = image.crop((x, y, x + w, y + h))
        contrast = math.dist(mean_colour(region), mean_colour(image))
        assert contrast > 15, f"{kind} seed {seed}: subject barely differs ({contrast:.1f})"


@pytest.mark.parametrize("kind", SCENE_KINDS)
def test_the_subject_box_is_reproducible(kind: str) -> None:
    boxes = {subject_point(kind, seed=5, width=2400, height=1600) for _ in range(3)}
    assert len(boxes) == 1
    others = {subject_point(kind, seed=seed, width=2400, height=1600) for seed in range(8)}
    assert len(others) > 1


# A stadium's pitch and a portrait's head belong in the middle.
CENTRED = {"stadium", "portrait"}


@pytest.mark.parametrize("kind", [kind for kind in SCENE_KINDS if kind not in CENTRED])
def test_the_subject_sits_off_centre_on_either_side(kind: str) -> None:
    width, height = FULL
    sides = set()
    for seed in range(20):
        x, _, w, _ = subject_point(kind, seed=seed, width=width, height=height)
        offset = (x + w / 2) - width / 2
        assert abs(offset) >= width * 0.1, f"{kind} seed {seed} is near the middle"
        sides.add(offset > 0)
    assert sides == {True, False}


def test_a_portrait_keeps_its_head_in_the_middle_third_for_square_crops() -> None:
    width, height = FULL
    for seed in range(20):
        x, y, w, h = subject_point("portrait", seed=seed, width=width, height=height)
        assert width / 3 <= x and x + w <= width * 2 / 3, seed
        assert y + h <= height * 0.7, seed


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown scene kind"):
        draw_scene("volcano", seed=1)
    with pytest.raises(ValueError, match="unknown scene kind"):
        subject_point("volcano", seed=1, width=2400, height=1600)


def test_a_picture_smaller_than_sixteen_pixels_is_refused() -> None:
    with pytest.raises(ValueError):
        draw_scene("sea", seed=1, width=15, height=400)
    with pytest.raises(ValueError):
        subject_point("sea", seed=1, width=400, height=8)
