"""Renditions: every role, size and format made ahead of time, cut at the focal point,
stored under names that change with their bytes, and nothing kept of the original's
metadata."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw

from nashra.pictures import factories, renditions
from nashra.pictures.models import Picture
from nashra.pictures.renditions import ROLES, Made

pytestmark = pytest.mark.django_db

DECODED = {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}


def stored(name: str) -> Image.Image:
    with default_storage.open(name) as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def test_every_role_is_made_in_every_format_at_every_width() -> None:
    picture = factories.picture(size=(1800, 1200))
    made = Made(picture.made)

    for role_name, role in ROLES.items():
        for file_format in role.formats:
            found = made.renditions(role_name, file_format)
            widths = [item.width for item in found]
            expected = [w for w in role.widths if role.upscale or w <= 1800]
            assert widths == expected, (role_name, file_format)
            for item in found:
                image = stored(item.name)
                assert image.format == DECODED[file_format]
                assert image.size == (item.width, item.height)
                if role.shape:
                    assert abs(item.width / item.height - role.shape[0] / role.shape[1]) < 0.01
                else:
                    assert abs(item.width / item.height - 1.5) < 0.01
    assert len(made.renditions("wide", "avif")) >= 3
    assert [(r.width, r.height) for r in made.renditions("share", "jpeg")] == [(1200, 630)]


def test_names_carry_a_hash_of_their_bytes() -> None:
    picture = factories.picture()
    for name in Made(picture.made).names():
        with default_storage.open(name) as handle:
            digest = hashlib.sha256(handle.read()).hexdigest()[:10]
        assert f".{digest}." in name


def test_a_small_picture_is_never_blown_up_except_for_social_cards() -> None:
    picture = factories.picture(size=(600, 400))
    made = Made(picture.made)
    assert [r.width for r in made.renditions("wide", "jpeg")] == [480]
    assert [r.width for r in made.renditions("card", "webp")] == [320, 480]
    assert made.renditions("share", "jpeg")[0].width == 1200


def red_square_picture(focal: bool) -> Picture:
    """A grey picture with a red square at its far right: only a crop that follows the
    focal point keeps it in a 16:9 card cut from a tall picture."""
    image = Image.new("RGB", (1000, 1600), (128, 128, 128))
    ImageDraw.Draw(image).rectangle((700, 1300, 980, 1580), fill=(220, 0, 0))
    data = io.BytesIO()
    image.save(data, "JPEG", quality=92)
    picture = Picture(title="مربع", description="مربع أحمر في زاوية صورة رمادية")
    picture.file.save("square.jpg", ContentFile(data.getvalue()), save=False)
    picture.width, picture.height = image.size
    if focal:
        picture.focal_point_x, picture.focal_point_y = 840, 1440
        picture.focal_point_width = picture.focal_point_height = 280
    picture.save()
    renditions.make(picture)
    return picture


def redness(picture: Picture) -> float:
    card = stored(Made(picture.made).renditions("card", "jpeg")[-1].name)
    red, green, _blue = card.convert("RGB").resize((16, 9)).split()
    return (sum(red.tobytes()) - sum(green.tobytes())) / 144


def test_the_focal_point_decides_the_crop() -> None:
    assert redness(red_square_picture(focal=True)) > 20
    assert redness(red_square_picture(focal=False)) < 2


def test_no_metadata_reaches_a_rendition() -> None:
    image = Image.new("RGB", (900, 600), (30, 90, 160))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (31.0, 57.0, 0.0)
    data = io.BytesIO()
    image.save(data, "JPEG", exif=exif.tobytes())
    # Stored as it came, as an old upload or another tool might have left it.
    picture = Picture(title="مع موقع", description="لون أزرق")
    picture.file.save("gps.jpg", ContentFile(data.getvalue()), save=False)
    picture.width, picture.height = 900, 600
    picture.save()
    assert renditions.make(picture)

    for name in Made(picture.made).names():
        rendition = stored(name)
        assert not rendition.getexif(), name
        assert "exif" not in rendition.info and "xmp" not in rendition.info


def test_a_new_focal_point_makes_new_renditions_and_removes_the_old() -> None:
    picture = factories.picture()
    old = Made(picture.made).names()
    picture.focal_point_x, picture.focal_point_y = 300, 300
    picture.focal_point_width = picture.focal_point_height = 100
    picture.save()
    assert picture.pk in [waiting.pk for waiting in renditions.pending()]
    # The old renditions stay in use until the new ones exist.
    assert Picture.objects.get(pk=picture.pk).made["roles"]

    assert renditions.make_pending() == 1

    picture.refresh_from_db()
    new = Made(picture.made).names()
    assert new and new != old
    assert all(default_storage.exists(name) for name in new)
    assert not any(default_storage.exists(name) for name in old - new)
    assert not list(renditions.pending())


def test_a_change_during_the_run_wins_over_the_run() -> None:
    picture = factories.picture(made=False)
    editor_copy = Picture.objects.get(pk=picture.pk)
    editor_copy.focal_point_x, editor_copy.focal_point_y = 100, 100
    editor_copy.focal_point_width = editor_copy.focal_point_height = 50
    editor_copy.save()

    assert not renditions.make(picture)  # made for the old crop: thrown away

    assert Picture.objects.get(pk=picture.pk).made == {}
    assert renditions.make_pending() == 1
    assert Picture.objects.get(pk=picture.pk).made["roles"]


def test_a_broken_file_is_recorded_and_not_tried_again() -> None:
    # Stored behind the checks' back, as a file copied onto the disk might be.
    name = default_storage.save("original_images/broken.jpg", ContentFile(b"\xff\xd8 cut"))
    picture = Picture(title="معطوبة", description="لا شيء", file=name, width=10, height=10)
    picture.save()

    assert renditions.make_pending() == 1

    made = Picture.objects.values_list("made", flat=True).get(pk=picture.pk)
    assert made["error"] and not made.get("roles")
    assert renditions.make_pending() == 0
