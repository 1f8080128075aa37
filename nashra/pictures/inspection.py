"""The one gate every picture passes before it is stored: an editor's upload or a wire photo.

A picture is judged by its content, never by its file name. It is refused when it is too
big, not a photo format we serve, a decompression bomb, cut short or corrupt, a polyglot
(a valid picture that is also something else), or animated. What passes is decoded in full
and re-encoded, so the stored bytes are ours: upright, in the same format family, and with
no metadata left but the ICC colour profile (no GPS position, no comments, no XMP).
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

# The formats Pillow may identify, and the file extension each is stored under.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif", "GIF": "gif"}
# Pillow names a JPEG that carries further pictures (MPF) "MPO"; it is a JPEG all the same.
FAMILIES = {"MPO": "JPEG"} | {name: name for name in EXTENSIONS}

SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 92, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 90},
    "AVIF": {"quality": 80},
    "GIF": {},
}

# Markup a browser or a PHP interpreter would act on. A tag name counts only when it ends as
# a tag name does ([\s/>] or the end): compressed picture data is close to random bytes, and a
# bare four-byte "<svg" turns up in about one 10 MB photo out of fifty.
HIDDEN_MARKUP = re.compile(
    rb"<(?:script|html|svg|iframe|!doctype)(?:[\s/>]|\Z)|<\?php(?:\s|\Z)|javascript:",
    re.IGNORECASE,
)

# How JPEG, PNG and GIF files begin (WEBP and AVIF are recognised by their containers).
PICTURE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")

MEGABYTE = 1024 * 1024


class PictureRefused(ValueError):
    """`message` is a reader/editor-facing Arabic sentence (translatable)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CleanPicture:
    data: bytes  # the picture re-encoded: same format family, no metadata except ICC profile
    format: str  # "JPEG" | "PNG" | "WEBP" | "AVIF" | "GIF"
    width: int
    height: int
    extension: str  # "jpg" | "png" | "webp" | "avif" | "gif"


def inspect_picture(data: bytes, *, max_bytes: int, max_pixels: int) -> CleanPicture:
    """The picture in `data`, checked and re-encoded; PictureRefused says why it is not."""
    refuse_oversized_file(data, max_bytes)
    refuse_vector_drawing(data)
    require_strict_decoding()
    with pillow_failures_refused(), open_picture(data) as image:
        family = FAMILIES[str(image.format)]
        refuse_hidden_markup(data)
        refuse_too_many_pixels(image.width, image.height, max_pixels)
        refuse_trailing_bytes(data, family)
        refuse_animation(image)
        image.load()  # decodes every byte: a cut or corrupt file fails here
        return reencode(image, family)


# The checks, in the order they run: cheapest and surest first.


def refuse_oversized_file(data: bytes, max_bytes: int) -> None:
    # Before Pillow sees a byte: an oversized file costs nothing to turn away.
    if len(data) > max_bytes:
        raise PictureRefused(
            _("حجم الملف %(size)s ميغابايت يتجاوز الحد المسموح (%(limit)s ميغابايت).")
            % {"size": megabytes(len(data), math.ceil), "limit": megabytes(max_bytes, math.floor)}
        )


def refuse_vector_drawing(data: bytes) -> None:
    """SVG is XML that may carry scripts; it earns its own message, since editors often
    have a logo or a chart as SVG and need to know to export it as PNG."""
    text = data.lstrip(b"\xef\xbb\xbf \t\r\n\f")  # a UTF-8 byte-order mark, then blanks
    if text[:1] == b"<" and (text[:5].lower() == b"<?xml" or b"<svg" in text.lower()):
        raise PictureRefused(
            _(
                "الرسوم المتجهة (SVG) غير مقبولة لأنها قد تحمل نصوصًا برمجية. "
                "صدّر الرسم صورةً بصيغة PNG ثم ارفعه."
            )
        )


def require_strict_decoding() -> None:
    """Cut files are refused because Pillow raises on them, unless the process-wide
    ImageFile.LOAD_TRUNCATED_IMAGES is on, when it pads them with grey in silence. We may not
    change that global, so with it on we refuse to judge any picture at all."""
    if ImageFile.LOAD_TRUNCATED_IMAGES:
        raise ImproperlyConfigured(
            "PIL.ImageFile.LOAD_TRUNCATED_IMAGES is True: nashra.pictures.inspection would "
            "accept truncated pictures. Find what sets it and remove that."
        )


@contextmanager
def pillow_failures_refused() -> Iterator[None]:
    """Turn whatever Pillow raises on a hostile file into a refusal.

    Pillow's parsers fail with many exception types (its own fuzzing harness catches
    Exception), so anything but our own refusals means the file is not a readable picture.
    Pillow warns, and does not raise, for a picture between one and two times its global
    pixel limit; here that warning is an error too. (catch_warnings changes process-wide
    state, so another thread may briefly lose the filter; our own pixel check from the
    header does not depend on it.)
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except PictureRefused:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise PictureRefused(_("أبعاد الصورة أكبر من الحد المسموح.")) from error
        except Exception as error:
            raise corrupt_picture() from error


def open_picture(data: bytes) -> ImageFile.ImageFile:
    """The picture, identified by its content; Image.open reads only the header."""
    try:
        return Image.open(BytesIO(data), formats=list(EXTENSIONS))
    except UnidentifiedImageError as error:
        if starts_like_a_picture(data):
            raise corrupt_picture() from error
        raise PictureRefused(
            _("هذا الملف ليس صورة بصيغة مقبولة. الصيغ المقبولة: JPEG وPNG وWebP وAVIF وGIF.")
        ) from error


def starts_like_a_picture(data: bytes) -> bool:
    # A file Pillow cannot identify despite the signature of one of our formats is a damaged
    # picture; saying so helps an editor more than "not a picture". (HEIC, which iPhones
    # make, carries other brands and is told it is not an accepted format.)
    webp = data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    avif = data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis")
    return data.startswith(PICTURE_SIGNATURES) or webp or avif


def corrupt_picture() -> PictureRefused:
    return PictureRefused(
        _("الملف تالف أو ناقص ولا يمكن قراءة الصورة كاملة. صدّرها من جديد ثم ارفعها.")
    )


def refuse_hidden_markup(data: bytes) -> None:
    """A picture with HTML or script inside (in a JPEG comment, a PNG text chunk, or raw) is
    a polyglot: served under another type, or included by a careless script, it would run."""
    if HIDDEN_MARKUP.search(data):
        raise PictureRefused(
            _("يحتوي الملف على شيفرة (HTML أو نص برمجي) مخبّأة داخل الصورة، فلا يمكن قبوله.")
        )


def refuse_too_many_pixels(width: int, height: int, max_pixels: int) -> None:
    # Image.open has read only the header: a bomb is refused before any memory is set aside.
    if width * height > max_pixels:
        raise PictureRefused(
            _("أبعاد الصورة %(width)s×%(height)s بكسل تتجاوز الحد المسموح (%(limit)s ميغابكسل).")
            % {"width": width, "height": height, "limit": f"{max_pixels / 1_000_000:g}"}
        )


def refuse_trailing_bytes(data: bytes, family: str) -> None:
    """Bytes after the picture's own end are another file riding along (a ZIP, a script).

    Phones append further whole JPEG pictures to a JPEG (MPF previews, Ultra HDR gain
    maps): those are walked like the first and accepted, as a newsroom's photos come from
    phones; the re-encoding drops them. Anything else (a motion-photo video included) is
    refused, and re-saving the picture in an editor drops it."""
    end = logical_end(data, family)
    if family == "JPEG":
        end = after_appended_jpegs(data, end)
    if end != len(data):
        raise PictureRefused(
            _(
                "يحتوي الملف على بيانات إضافية بعد نهاية الصورة. "
                "احفظ الصورة من جديد ببرنامج تحرير الصور ثم ارفعها."
            )
        )


def refuse_animation(image: Image.Image) -> None:
    """News pictures are stills. Kept apart from the other checks so that accepting
    animations later means deleting this check and re-encoding every frame."""
    if getattr(image, "n_frames", 1) > 1:
        raise PictureRefused(_("الصور المتحركة غير مقبولة حاليًا؛ ارفع صورة ثابتة."))


# Where each format ends, found by walking its structure from the start. Running off the end
# of the bytes (IndexError) or arriving past it means the file is cut short.


def after_appended_jpegs(data: bytes, position: int) -> int:
    """Just past the whole JPEG streams that follow `position`, if any."""
    try:
        while data[position : position + 2] == b"\xff\xd8":
            position += jpeg_end(data[position:])
    except IndexError as error:
        raise corrupt_picture() from error
    return position


def logical_end(data: bytes, family: str) -> int:
    walkers: dict[str, Callable[[bytes], int]] = {
        "JPEG": jpeg_end,
        "PNG": png_end,
        "GIF": gif_end,
        "WEBP": webp_end,
        "AVIF": iso_bmff_end,
    }
    try:
        end = walkers[family](data)
    except IndexError as error:
        raise corrupt_picture() from error
    if end > len(data):
        raise corrupt_picture()
    return end


def jpeg_end(data: bytes) -> int:
    """Just past the EOI marker that ends the stream begun by SOI. Walking the segments,
    rather than looking for the last FFD9, steps over an EOI inside an embedded thumbnail
    and stops at the real one, whatever is hidden after it."""
    position = 2  # after SOI
    while True:
        if data[position] != 0xFF:
            raise corrupt_picture()
        while data[position] == 0xFF:  # any number of fill bytes may precede a marker
            position += 1
        marker = data[position]
        position += 1
        if marker == 0xD9:  # EOI
            return position
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # TEM and RSTn have no length
            continue
        if marker == 0x00:
            raise corrupt_picture()
        length = int.from_bytes(data[position : position + 2], "big")
        if length < 2:
            raise corrupt_picture()
        position += length
        if marker == 0xDA:  # SOS: the compressed scan follows its header
            position = end_of_scan(data, position)


def end_of_scan(data: bytes, position: int) -> int:
    """The position of the marker that ends a compressed scan. Inside a scan, FF00 is a
    stuffed FF byte and FFD0-FFD7 are restart markers; anything else ends it."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0:
            raise corrupt_picture()  # the file ends inside the scan
        following = data[position + 1]
        if following == 0xFF:
            position += 1  # a fill byte; the marker is further on
        elif following == 0x00 or 0xD0 <= following <= 0xD7:
            position += 2
        else:
            return position


def png_end(data: bytes) -> int:
    # Chunks are length, type, data, CRC; the file ends with the IEND chunk's CRC.
    position = 8  # after the signature
    while position + 8 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        position += 12 + length
        if kind == b"IEND":
            return position
    raise corrupt_picture()


def gif_end(data: bytes) -> int:
    # Header and logical screen (13 bytes), a colour table, then blocks up to the 0x3B trailer.
    position = 13 + colour_table_size(data[10])
    while True:
        block = data[position]
        if block == 0x3B:  # trailer
            return position + 1
        if block == 0x21:  # extension: label, then sub-blocks
            position = skip_sub_blocks(data, position + 2)
        elif block == 0x2C:  # image: descriptor, colour table, LZW code size, sub-blocks
            flags = data[position + 9]
            position = skip_sub_blocks(data, position + 10 + colour_table_size(flags) + 1)
        else:
            raise corrupt_picture()


def colour_table_size(flags: int) -> int:
    return 3 << ((flags & 0x07) + 1) if flags & 0x80 else 0


def skip_sub_blocks(data: bytes, position: int) -> int:
    # Each sub-block starts with its length; a zero length ends them.
    while (size := data[position]) != 0:
        position += 1 + size
    return position + 1


def webp_end(data: bytes) -> int:
    # The RIFF header gives the size of everything after its first eight bytes.
    return int.from_bytes(data[4:8], "little") + 8


def iso_bmff_end(data: bytes) -> int:
    """AVIF is a sequence of ISO-BMFF boxes (ftyp, meta, mdat, ...) that must fill the file
    exactly; appended bytes do not read as a box of the right size and a printable type."""
    position = 0
    while position < len(data):
        size = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        if size == 1:  # a 64-bit size follows the type
            size = int.from_bytes(data[position + 8 : position + 16], "big")
        elif size == 0:  # the box runs to the end of the file
            size = len(data) - position
        if size < 8 or len(kind) != 4 or not kind.decode("latin-1").isprintable():
            raise corrupt_picture()
        position += size
    return position


# Re-encoding: the stored picture is made from the decoded pixels alone.


def reencode(image: Image.Image, family: str) -> CleanPicture:
    icc_profile = image.info.get("icc_profile")
    pixels = without_metadata(convert_mode(ImageOps.exif_transpose(image), family), family)
    options = dict(SAVE_OPTIONS[family])
    if family != "GIF" and icc_fits(icc_profile, pixels.mode):
        options["icc_profile"] = icc_profile
    output = BytesIO()
    pixels.save(output, family, **options)
    return CleanPicture(
        data=output.getvalue(),
        format=family,
        width=pixels.width,
        height=pixels.height,
        extension=EXTENSIONS[family],
    )


def convert_mode(image: Image.Image, family: str) -> Image.Image:
    """Pixels in a mode the format saves well, keeping transparency wherever there is some."""
    if family == "GIF":
        return image  # P or L, with its transparent index
    if family == "JPEG":
        # CMYK (print) pictures become RGB for screens; JPEG has no alpha.
        return image if image.mode in ("L", "RGB") else image.convert("RGB")
    if image.has_transparency_data:
        # A palette or grey picture with a transparent colour, LA, RGBA: all become RGBA.
        return image if image.mode == "RGBA" else image.convert("RGBA")
    if family == "PNG" and image.mode in ("1", "L", "P", "I", "I;16"):
        return image  # PNG stores these exactly, and smaller than RGB
    return image if image.mode == "RGB" else image.convert("RGB")


def without_metadata(image: Image.Image, family: str) -> Image.Image:
    """Pillow's encoders copy EXIF, XMP, comments and text chunks from `info` into the new
    file; emptying it drops them all. A GIF keeps only the index of its transparent colour."""
    transparency = image.info.get("transparency") if family == "GIF" else None
    image.info = {} if transparency is None else {"transparency": transparency}
    return image


def icc_fits(icc_profile: bytes | None, mode: str) -> bool:
    """An ICC profile describes one colour space (bytes 16-20 of its header name it). Kept on
    pixels of another, such as a CMYK profile on the RGB made from CMYK, it would make
    browsers show the wrong colours, so it is dropped."""
    if not icc_profile:
        return False
    grey = mode in ("1", "L", "LA", "I", "I;16")
    return icc_profile[16:20] == (b"GRAY" if grey else b"RGB ")


def megabytes(size: int, rounding: Callable[[float], int]) -> str:
    # One decimal; the file's size rounded up and the limit down, so the one always
    # reads larger than the other.
    return f"{rounding(size / MEGABYTE * 10) / 10:g}"
