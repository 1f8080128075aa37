"""The picture gate: every hostile file is built here, with Pillow and byte surgery."""

from __future__ import annotations

import struct
import warnings
import zipfile
import zlib
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageCms, ImageDraw, ImageFile
from PIL.PngImagePlugin import PngInfo

from nashra.pictures.inspection import (
    EXTENSIONS,
    CleanPicture,
    PictureRefused,
    inspect_picture,
)

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 1_000_000
GPS_IFD = 0x8825
ORIENTATION = 0x0112

# A word from each refusal, to tell the reasons apart (the test settings speak Arabic).
TOO_LARGE = "ميغابايت"
VECTOR = "SVG"
NOT_A_PICTURE = "ليس صورة"
PIXELS = "أبعاد الصورة"
CORRUPT = "تالف"
MARKUP = "شيفرة"
TRAILING = "بيانات إضافية"
ANIMATED = "المتحركة"


# Making pictures.


def scene(size: tuple[int, int] = (120, 80), mode: str = "RGB") -> Image.Image:
    """A small picture with shapes, so encoders have something to compress."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0] // 2, size[1]), fill=(200, 30, 30))
    draw.ellipse((10, 10, size[0] - 10, size[1] - 10), fill=(20, 90, 200))
    return image.convert(mode)


def noise(size: tuple[int, int] = (200, 150)) -> Image.Image:
    # Noise compresses badly, so half the file is half the picture data.
    return Image.merge("RGB", [Image.effect_noise(size, 60) for _ in range(3)])


def encode(image: Image.Image, file_format: str, **options: Any) -> bytes:
    output = BytesIO()
    image.save(output, file_format, **options)
    return output.getvalue()


def animation(file_format: str) -> bytes:
    frames = [scene(), scene().rotate(90), scene().rotate(180)]
    return encode(frames[0], file_format, save_all=True, append_images=frames[1:], duration=100)


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_claiming(width: int, height: int, idat: bytes) -> bytes:
    """A PNG whose header claims any size, costing a few dozen bytes (1-bit grey)."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def gps_exif(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    if orientation is not None:
        exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (33.0, 53.0, 21.0)
    gps[3] = "E"
    gps[4] = (35.0, 30.0, 15.0)
    return exif


def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def zip_file() -> bytes:
    output = BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("readme.txt", "a second file riding along")
    return output.getvalue()


JPEG = encode(scene(), "JPEG")
PNG = encode(scene(mode="RGBA"), "PNG")


# Inspecting.


def inspect(data: bytes, **limits: int) -> CleanPicture:
    return inspect_picture(
        data,
        max_bytes=limits.get("max_bytes", MAX_BYTES),
        max_pixels=limits.get("max_pixels", MAX_PIXELS),
    )


def refusal(data: bytes, **limits: int) -> str:
    with pytest.raises(PictureRefused) as refused:
        inspect(data, **limits)
    assert refused.value.message.strip()
    assert str(refused.value) == refused.value.message
    return refused.value.message


def pixel(image: Image.Image, xy: tuple[int, int]) -> tuple[int, ...]:
    value = image.getpixel(xy)
    assert isinstance(value, tuple)
    return value


def reopened(clean: CleanPicture) -> Image.Image:
    image = Image.open(BytesIO(clean.data))
    image.load()
    return image


# Good pictures pass.


@pytest.mark.parametrize(
    ("file_format", "mode", "extension"),
    [
        ("JPEG", "RGB", "jpg"),
        ("JPEG", "L", "jpg"),
        ("PNG", "RGBA", "png"),
        ("PNG", "RGB", "png"),
        ("PNG", "P", "png"),
        ("WEBP", "RGB", "webp"),
        ("WEBP", "RGBA", "webp"),
        ("AVIF", "RGB", "avif"),
        ("GIF", "P", "gif"),
    ],
)
def test_a_good_picture_passes_in_its_own_format(
    file_format: str, mode: str, extension: str
) -> None:
    clean = inspect(encode(scene((123, 45), mode), file_format))

    assert (clean.format, clean.extension) == (file_format, extension)
    assert (clean.width, clean.height) == (123, 45)
    image = reopened(clean)
    assert image.format == file_format
    assert image.size == (123, 45)


def test_every_accepted_format_has_an_extension() -> None:
    assert EXTENSIONS == {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif", "GIF": "gif"}


def test_a_png_keeps_its_transparency() -> None:
    picture = scene(mode="RGBA")
    picture.putpixel((3, 3), (0, 0, 0, 0))

    image = reopened(inspect(encode(picture, "PNG")))

    assert image.mode == "RGBA"
    assert pixel(image, (3, 3))[3] == 0
    assert pixel(image, (60, 40))[3] == 255


@pytest.mark.parametrize("mode", ["P", "LA"])
def test_a_palette_or_grey_png_with_transparency_becomes_rgba(mode: str) -> None:
    if mode == "P":
        picture = scene(mode="P")
        data = encode(picture, "PNG", transparency=picture.getpixel((0, 0)))
    else:
        picture = scene(mode="LA")
        picture.putpixel((3, 3), (0, 0))
        data = encode(picture, "PNG")

    image = reopened(inspect(data))

    assert image.mode == "RGBA"
    assert image.getchannel("A").getextrema()[0] == 0


def test_a_gif_keeps_its_transparent_colour() -> None:
    picture = scene(mode="P")
    data = encode(picture, "GIF", transparency=picture.getpixel((0, 0)))

    image = reopened(inspect(data)).convert("RGBA")

    assert pixel(image, (0, 0))[3] == 0
    assert pixel(image, (60, 40))[3] == 255


def test_a_cmyk_jpeg_becomes_rgb() -> None:
    image = reopened(inspect(encode(scene(mode="CMYK"), "JPEG")))

    assert image.mode == "RGB"


def test_an_mpf_jpeg_with_one_picture_is_a_plain_jpeg() -> None:
    # Pillow reads a multi-picture JPEG as "MPO"; ours are stored as JPEG.
    data = encode(scene(), "MPO")

    clean = inspect(data)

    assert (clean.format, clean.extension) == ("JPEG", "jpg")


def test_a_comment_holding_the_bytes_of_an_end_marker_does_not_end_the_jpeg() -> None:
    # Searching for the last FFD9 would get this wrong; walking the segments does not.
    clean = inspect(encode(scene(), "JPEG", comment=b"before \xff\xd9 after"))

    assert clean.format == "JPEG"


def test_a_progressive_jpeg_with_restart_markers_passes() -> None:
    data = encode(noise(), "JPEG", progressive=True, restart_marker_blocks=1)

    assert inspect(data).format == "JPEG"


def test_a_sixteen_bit_grey_png_passes() -> None:
    picture = Image.linear_gradient("L").resize((64, 32)).convert("I;16")

    clean = inspect(encode(picture, "PNG"))

    assert (clean.width, clean.height) == (64, 32)


# Metadata is dropped; the colour profile and the orientation survive.


def test_gps_position_and_all_exif_are_dropped() -> None:
    data = encode(scene(), "JPEG", exif=gps_exif())
    assert Image.open(BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the test file has them

    clean = inspect(data)

    exif = reopened(clean).getexif()
    assert len(exif) == 0
    assert GPS_IFD not in exif
    assert not exif.get_ifd(GPS_IFD)
    assert b"Exif\x00\x00" not in clean.data


@pytest.mark.parametrize("file_format", ["PNG", "WEBP", "AVIF"])
def test_exif_is_dropped_from_every_format(file_format: str) -> None:
    data = encode(scene(), file_format, exif=gps_exif())
    assert Image.open(BytesIO(data)).getexif().get_ifd(GPS_IFD)

    exif = reopened(inspect(data)).getexif()

    assert len(exif) == 0
    assert not exif.get_ifd(GPS_IFD)


def test_xmp_and_comments_are_dropped() -> None:
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>secret place</rdf:RDF></x:xmpmeta>'
    data = encode(scene(), "JPEG", xmp=xmp, comment=b"Photo taken at home")

    clean = inspect(data)

    assert b"secret place" not in clean.data
    assert b"taken at home" not in clean.data
    assert not {"xmp", "comment", "exif"} & set(reopened(clean).info)


def test_png_text_chunks_are_dropped() -> None:
    text = PngInfo()
    text.add_text("Author", "Someone at a secret address")

    clean = inspect(encode(scene(), "PNG", pnginfo=text))

    assert b"secret address" not in clean.data


def test_a_gif_comment_is_dropped() -> None:
    clean = inspect(encode(scene(mode="P"), "GIF", comment=b"secret place"))

    assert b"secret place" not in clean.data


def test_the_orientation_is_applied_and_then_dropped() -> None:
    # 40 wide and 20 high: red left half, blue right half. Orientation 6 means
    # "turn 90 degrees clockwise to view", which puts the left half on top.
    picture = Image.new("RGB", (40, 20), (0, 0, 255))
    picture.paste((255, 0, 0), (0, 0, 20, 20))
    data = encode(picture, "JPEG", exif=gps_exif(orientation=6))

    clean = inspect(data)

    assert (clean.width, clean.height) == (20, 40)
    image = reopened(clean)
    assert image.size == (20, 40)
    red, _, blue = pixel(image, (10, 5))
    assert red > 200 and blue < 60
    red, _, blue = pixel(image, (10, 35))
    assert blue > 200 and red < 60
    assert ORIENTATION not in image.getexif()


@pytest.mark.parametrize("file_format", ["JPEG", "PNG", "WEBP", "AVIF"])
def test_the_colour_profile_is_kept(file_format: str) -> None:
    profile = srgb_profile()

    clean = inspect(encode(scene(), file_format, icc_profile=profile))

    assert reopened(clean).info.get("icc_profile") == profile


def test_a_profile_for_another_colour_space_is_not_kept() -> None:
    # A CMYK profile on the RGB pixels made from CMYK would show wrong colours.
    cmyk_profile = bytearray(srgb_profile())
    cmyk_profile[16:20] = b"CMYK"

    clean = inspect(encode(scene(mode="CMYK"), "JPEG", icc_profile=bytes(cmyk_profile)))

    assert "icc_profile" not in reopened(clean).info


# 1. Too large.


def test_a_file_over_the_limit_is_refused() -> None:
    message = refusal(JPEG, max_bytes=len(JPEG) - 1)

    assert TOO_LARGE in message


def test_the_size_is_checked_before_anything_else() -> None:
    # Not a picture either, but the size is what the editor is told.
    message = refusal(b"\x00" * 3 * 1024 * 1024, max_bytes=2 * 1024 * 1024)

    assert TOO_LARGE in message
    assert "3 ميغابايت" in message
    assert "(2 ميغابايت)" in message


# 2. Not a picture, or not one of ours.


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>"
)


@pytest.mark.parametrize(
    "data",
    [
        SVG,
        b'\xef\xbb\xbf\n  <?xml version="1.0"?>\n' + SVG,
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN">\n' + SVG.upper(),
    ],
    ids=["plain", "bom-and-xml-prolog", "doctype-uppercase"],
)
def test_a_vector_drawing_is_refused_with_its_own_message(data: bytes) -> None:
    assert VECTOR in refusal(data)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<!doctype html><html><body><script>alert(1)</script></body></html>",
        b"just some text, not a picture\n",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
        encode(scene(), "BMP"),
        encode(scene(), "TIFF"),
        b"\xff\xd8\xff",
    ],
    ids=["empty", "html", "text", "pdf", "bmp", "tiff", "jpeg-signature-only"],
)
def test_what_is_not_an_accepted_picture_is_refused(data: bytes) -> None:
    message = refusal(data)

    assert VECTOR not in message
    assert NOT_A_PICTURE in message or CORRUPT in message


def test_an_empty_file_is_not_a_picture() -> None:
    assert NOT_A_PICTURE in refusal(b"")


# 3. Decompression bombs.


def test_a_huge_png_bomb_is_refused() -> None:
    bomb = png_claiming(20_000, 20_000, zlib.compress(b"\x00" * 2_501 * 16))
    assert len(bomb) < 200

    assert PIXELS in refusal(bomb)


def test_a_small_file_of_too_many_pixels_is_refused() -> None:
    data = encode(Image.new("1", (2000, 2000)), "PNG")
    assert len(data) < 5_000

    assert "2000×2000" in refusal(data, max_pixels=MAX_PIXELS)


def test_the_pixel_count_is_refused_from_the_header_before_decoding() -> None:
    # The pixel data is garbage: were it decoded first, the refusal would say "corrupt".
    data = png_claiming(3000, 3000, b"garbage, not zlib")

    message = refusal(data, max_pixels=MAX_PIXELS)

    assert "3000×3000" in message


def test_pillows_own_bomb_warning_becomes_a_refusal() -> None:
    # Over Pillow's global limit (warning) but under ours: still refused.
    data = png_claiming(10_000, 10_000, zlib.compress(b"\x00" * 16))
    assert 10_000 * 10_000 > (Image.MAX_IMAGE_PIXELS or 0)

    assert PIXELS in refusal(data, max_pixels=200_000_000)


def test_pillows_global_settings_are_left_alone() -> None:
    limit, truncated = Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES
    filters = list(warnings.filters)

    inspect(JPEG)
    refusal(png_claiming(20_000, 20_000, b""))

    assert Image.MAX_IMAGE_PIXELS == limit
    assert ImageFile.LOAD_TRUNCATED_IMAGES is truncated is False
    assert warnings.filters == filters


# 4. Truncated or corrupt.


@pytest.mark.parametrize("file_format", ["JPEG", "PNG", "WEBP", "AVIF", "GIF"])
def test_a_picture_cut_in_half_is_refused(file_format: str) -> None:
    data = encode(noise(), file_format)

    assert CORRUPT in refusal(data[: len(data) // 2])


def test_a_jpeg_without_its_end_marker_is_refused() -> None:
    assert CORRUPT in refusal(JPEG[:-2])


def test_a_png_chunk_with_a_wrong_checksum_is_refused() -> None:
    at = PNG.index(b"IDAT") + 8
    broken = PNG[:at] + bytes([PNG[at] ^ 0xFF]) + PNG[at + 1 :]

    assert CORRUPT in refusal(broken)


def test_truncated_pictures_are_never_padded_silently(monkeypatch: pytest.MonkeyPatch) -> None:
    # With Pillow's global switched on, cut files would load; the gate refuses to work at all.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)

    with pytest.raises(ImproperlyConfigured):
        inspect(JPEG)


# 5. Polyglots.


def test_a_jpeg_with_html_after_its_end_is_refused() -> None:
    data = JPEG + b"<html><body><script>alert(document.domain)</script></body></html>"

    assert MARKUP in refusal(data)


def test_a_jpeg_with_a_script_in_its_comment_is_refused() -> None:
    data = encode(scene(), "JPEG", comment=b"<script>alert(1)</script>")

    assert MARKUP in refusal(data)


def test_a_png_with_an_svg_in_a_text_chunk_is_refused() -> None:
    text = PngInfo()
    text.add_text("Comment", "<svg onload=alert(1)>")

    assert MARKUP in refusal(encode(scene(), "PNG", pnginfo=text))


@pytest.mark.parametrize(
    "payload",
    [
        b"<?php echo shell_exec($_GET['c']); ?>",
        b"<iframe src=//evil.example>",
        b"<a href='JavaScript:alert(1)'>",
        b"<!DOCTYPE html>",
        b"<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    ],
)
def test_markup_anywhere_in_a_picture_is_refused(payload: bytes) -> None:
    assert MARKUP in refusal(encode(scene(), "JPEG", comment=payload))


def test_the_classic_gif_javascript_polyglot_is_refused() -> None:
    # "GIF89a=alert(1)//" reads as JavaScript; its width and height are the bytes "=a", "le".
    refusal(b"GIF89a=alert(1)//" + b"\x00" * 64)


def test_a_valid_gif_that_is_also_javascript_is_refused() -> None:
    # 10799 pixels wide writes "/*" after "GIF87a": the picture is a JavaScript comment
    # that the appended "*/" closes, leaving a script behind the GIF trailer.
    data = encode(Image.new("P", (10_799, 1)), "GIF") + b"*/=alert(1);"
    assert data[:8] in (b"GIF87a/*", b"GIF89a/*")

    assert TRAILING in refusal(data)


def test_a_png_with_a_zip_appended_is_refused() -> None:
    assert TRAILING in refusal(PNG + zip_file())


@pytest.mark.parametrize("file_format", ["WEBP", "AVIF", "GIF"])
def test_other_formats_with_bytes_appended_are_refused(file_format: str) -> None:
    data = encode(scene(), file_format) + zip_file()

    message = refusal(data)

    assert TRAILING in message or CORRUPT in message


# 6. Animations.


@pytest.mark.parametrize("file_format", ["GIF", "PNG", "WEBP"])
def test_an_animated_picture_is_refused(file_format: str) -> None:
    assert ANIMATED in refusal(animation(file_format))


# Properties: nothing but PictureRefused ever comes out of a bad file.


@settings(max_examples=150, deadline=None)
@given(picture=st.sampled_from([JPEG, PNG]), tail=st.binary(min_size=1, max_size=2048))
def test_any_bytes_appended_to_a_picture_are_refused(picture: bytes, tail: bytes) -> None:
    refusal(picture + tail)


SIGNATURES = [
    b"",
    b"\xff\xd8\xff",
    b"\x89PNG\r\n\x1a\n",
    b"GIF89a",
    b"RIFF\x00\x10\x00\x00WEBPVP8 ",
    b"\x00\x00\x00\x1cftypavif",
]


@settings(max_examples=300, deadline=None)
@given(signature=st.sampled_from(SIGNATURES), body=st.binary(max_size=4096))
def test_random_bytes_are_refused_or_identified(signature: bytes, body: bytes) -> None:
    try:
        clean = inspect(signature + body)
    except PictureRefused as refused:
        assert refused.message
    else:  # vanishingly unlikely
        assert clean.format in EXTENSIONS


GOOD = [encode(scene((40, 30)), file_format) for file_format in EXTENSIONS]


@settings(max_examples=300, deadline=None)
@given(
    picture=st.sampled_from(GOOD),
    changes=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=8),
)
def test_damaged_pictures_never_crash(picture: bytes, changes: list[tuple[float, int]]) -> None:
    damaged = bytearray(picture)
    for where, value in changes:
        damaged[int(where * len(damaged))] = value
    try:
        clean = inspect(bytes(damaged))
    except PictureRefused as refused:
        assert refused.message
    else:
        assert reopened(clean).size == (clean.width, clean.height)


def test_a_phone_jpeg_with_further_pictures_appended_passes_and_loses_them() -> None:
    # MPF previews and Ultra HDR gain maps are whole JPEG pictures after the first one.
    main, gain_map = encode(scene((160, 120)), "JPEG"), encode(scene((80, 60)), "JPEG")
    clean = inspect(main + gain_map)
    assert (clean.width, clean.height) == (160, 120)
    assert len(clean.data) < len(main + gain_map)
    assert reopened(clean).size == (160, 120)


def test_what_follows_appended_pictures_is_still_refused() -> None:
    main, extra = encode(scene(), "JPEG"), encode(scene((40, 30)), "JPEG")
    assert TRAILING in refusal(main + extra + zip_file())
    assert refusal(main + extra[: len(extra) // 2])
