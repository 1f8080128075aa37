"""The demo's pictures: scenes drawn on this machine, given to most of the demo's stories.

Nothing is downloaded, so `make run` shows a pictured site anywhere. The pictures are of
photo size (2400×1600), so the whole pipeline (checks, renditions, crops at the focal
point, social cards) does its real work on them. Every fifth story keeps no picture: its
social card is the one the site draws from the headline.
"""

from __future__ import annotations

import functools
from typing import Any

from django.utils.translation import gettext as _

from nashra.pictures.inspection import CleanPicture
from nashra.pictures.library import add_picture
from nashra.pictures.models import Picture
from nashra.pictures.scenes import draw_scene, subject_point

WIDTH, HEIGHT = 2400, 1600
WITHOUT_PICTURE_EVERY = 5
PHOTOGRAPHER = "قسم الرسوم في نشرة"
AGENCY = "نشرة"

# What each scene shows, for readers who cannot see it.
ALT_TEXT = {
    "city": "رسم لأفق مدينة تتوسطه برج مرتفع، ونوافذ الأبنية مضاءة عند الغروب",
    "sea": "رسم لبحر مفتوح تعلوه الشمس، ومركب شراعي صغير على الأمواج",
    "desert": "رسم لكثبان رملية متتابعة تحت شمس كبيرة",
    "mountains": "رسم لسلسلة جبال تكسو الثلوج قممها وأمامها أشجار صنوبر",
    "market": "رسم لسوق شعبي بمظلات مخططة وبسطات عليها خضار وفواكه",
    "stadium": "رسم لملعب كرة قدم بمدرجاته الممتلئة وأضوائه الكاشفة",
    "field": "رسم لحقول زراعية خضراء تمتد صفوفها حتى الأفق",
    "night": "رسم لسماء ليلية فيها قمر ونجوم فوق أسطح البيوت",
    "portrait": "رسم لصورة ظلية لرأس وكتفين أمام خلفية ملونة",
}
CAPTION = {
    "city": "مشهد عام للمدينة",
    "sea": "الساحل في ساعات الصباح",
    "desert": "الصحراء في فصل الجفاف",
    "mountains": "المرتفعات الجبلية",
    "market": "حركة التسوق في السوق الشعبي",
    "stadium": "الملعب قبيل المباراة",
    "field": "حقول زراعية",
    "night": "ليلة في المدينة",
}

# The scene a story gets: the first rule whose word its headline or tags contain, else its
# section's scene.
TOPIC_SCENES = [
    (("ثلوج", "منخفض", "عاصفة", "العاصفة", "جبلية"), "mountains"),
    (("مياه", "ميناء", "ساحلية", "البحر"), "sea"),
    (("جفاف", "القمح", "الحبوب", "الشعير", "المزارعين", "مزارعو", "الغذائي"), "field"),
    (("أسعار", "البنزين", "المحروقات", "الكاز"), "market"),
    (("تسهر", "الفجر", "ليلة"), "night"),
]
SECTION_SCENES = {
    "politics": "city", "economy": "market", "local": "city", "sports": "stadium",
    "world": "desert",
}
# The demo's one gallery: the night a city celebrated its team's title.
GALLERY_STORY_WORD = "تسهر"
GALLERY_SCENES = ("stadium", "night", "city", "stadium")


@functools.cache
def _drawn(kind: str, seed: int) -> bytes:
    # Drawing is the slow part; the same demo loaded twice in one process draws once.
    return draw_scene(kind, seed=seed, width=WIDTH, height=HEIGHT)


def scene_for(entry: dict[str, Any]) -> str:
    words = f"{entry['headline']} {' '.join(entry.get('tags', []))}"
    for markers, kind in TOPIC_SCENES:
        if any(marker in words for marker in markers):
            return kind
    return SECTION_SCENES.get(entry["section"], "city")


def drawn_picture(kind: str, seed: int, title: str) -> Picture:
    data = _drawn(kind, seed)
    picture, _created = add_picture(
        CleanPicture(data=data, format="JPEG", width=WIDTH, height=HEIGHT, extension="jpg"),
        title=title,
        alt=ALT_TEXT[kind],
        photographer=PHOTOGRAPHER,
        agency=AGENCY,
        file_stem=f"demo-{kind}-{seed}",
    )
    x, y, width, height = subject_point(kind, seed=seed, width=WIDTH, height=HEIGHT)
    # Wagtail keeps the focal point as its centre and size.
    picture.focal_point_x, picture.focal_point_y = x + width // 2, y + height // 2
    picture.focal_point_width, picture.focal_point_height = width, height
    picture.save()
    return picture


def lead_picture(entry: dict[str, Any], order: int) -> tuple[Picture | None, str]:
    """The story's lead picture and caption; none for every fifth story."""
    if order % WITHOUT_PICTURE_EVERY == WITHOUT_PICTURE_EVERY - 1:
        return None, ""
    kind = scene_for(entry)
    return drawn_picture(kind, order, entry["headline"]), CAPTION[kind]


def gallery_block(entry: dict[str, Any], order: int) -> list[tuple[str, Any]]:
    """A gallery for the one story that has it; nothing for the others."""
    if GALLERY_STORY_WORD not in entry["headline"]:
        return []
    pictures = [
        drawn_picture(kind, 100 + order * 10 + number, f"{entry['headline']} ({number + 1})")
        for number, kind in enumerate(GALLERY_SCENES)
    ]
    return [(
        "gallery",
        {
            "title": _("صور من ليلة الاحتفال"),
            "pictures": [
                {"image": picture, "caption": CAPTION[kind]}
                for picture, kind in zip(pictures, GALLERY_SCENES, strict=True)
            ],
        },
    )]


def portrait(name: str, order: int) -> Picture:
    """A columnist's photo: a drawn head-and-shoulders, one per writer."""
    return drawn_picture("portrait", 500 + order, _("صورة %(name)s") % {"name": name})
