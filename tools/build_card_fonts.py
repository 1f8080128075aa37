"""Rebuild the social cards' fonts: Noto's Arabic faces with Noto Sans's Latin added.

Noto Kufi Arabic and Noto Naskh Arabic carry Arabic letters and digits only, while
headlines mix in Latin names and marks ("قمة G20", «...», "…"); HarfBuzz shapes one font
per call, so the card needs both scripts in one face. Run by hand when a font changes,
with fontTools installed (`pip install fonttools`):

    python tools/build_card_fonts.py FOLDER_OF_NOTO_TTF_FILES

The output keeps the SIL Open Font License 1.1 and takes a name of its own, as the
licence asks of modified fonts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import merge, subset  # type: ignore[import-not-found]
from fontTools.ttLib import TTFont  # type: ignore[import-not-found]

HERE = Path(__file__).resolve().parent.parent / "nashra" / "pictures" / "fonts"
LATIN = [
    *range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x2010, 0x2028), *range(0x2030, 0x205F),
    0x20AC, 0x2122,
]
FACES = [
    ("NotoKufiArabic-Bold.ttf", "NotoSans-Bold.ttf", "NashraCardKufi-Bold.ttf",
     "Nashra Card Kufi", "Bold"),
    ("NotoNaskhArabic-Regular.ttf", "NotoSans-Regular.ttf", "NashraCardNaskh-Regular.ttf",
     "Nashra Card Naskh", "Regular"),
]


def latin_only(source: Path, out: Path) -> None:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=LATIN)
    subsetter.subset(font)
    font.save(out)


def build(sources: Path) -> None:
    for arabic, latin, target, family, style in FACES:
        latin_part = HERE / f"latin-{latin}"
        latin_only(sources / latin, latin_part)
        # The first font wins where both map a character: Arabic digits and spaces stay.
        merged = merge.Merger().merge([str(sources / arabic), str(latin_part)])
        latin_part.unlink()
        names = merged["name"]
        for record in list(names.names):
            if record.nameID in (1, 4, 6, 16):
                names.removeNames(nameID=record.nameID)
        names.setName(family, 1, 3, 1, 0x409)
        names.setName(f"{family} {style}", 4, 3, 1, 0x409)
        names.setName(f"{family.replace(' ', '')}-{style}", 6, 3, 1, 0x409)
        merged.save(HERE / target)
        print(f"{target}: {len(merged.getGlyphOrder())} glyphs")


if __name__ == "__main__":
    build(Path(sys.argv[1]))
