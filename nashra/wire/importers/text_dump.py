"""A web page saved as plain text, read back into the stories it carries.

Such a dump is one line per paragraph: a headline, perhaps a "تاريخ النشر" line, the body
(its first line may open with a dateline, "سوريا –"), "المصدر: …" lines and a wire
credit on a line of its own, then perhaps "إقرأ أيضاً:" and a second story, and around
all of it the other site's furniture (follow links, print, view counter, comment form,
copyright, privacy, hosting, "please wait").

Every line is given a role, so that what was kept and what was dropped can be checked
line by line; nothing is dropped silently. Matching is done on the normalised form
(nashra.arabic.normalize), so hamza and taa marbuta spellings do not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from enum import StrEnum

from django.db import transaction

from nashra.arabic import normalize
from nashra.newsroom.models import ArticlePage, SectionPage
from nashra.wire.articles import IncomingStory, create_article
from nashra.wire.blocks import text_to_blocks
from nashra.wire.importers.dates import find_date

_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069\u00ad]")


class Role(StrEnum):
    HEADLINE = "headline"
    DATE = "date"
    BODY = "body"
    SOURCE = "source"
    WIRE = "wire"
    READ_ALSO = "read_also"  # the "إقرأ أيضاً" marker: the next story starts after it
    FURNITURE = "furniture"
    BLANK = "blank"


# The other site's furniture, by kind, matched against the normalised line.
FURNITURE: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern))
    for kind, pattern in [
        ("follow", r"^تابع(?:وا)? (?:قناتنا|صفحتنا|حسابنا|منصه|موقعنا)"
                   r"|على (?:يوتيوب|فيسبوك|تويتر|تلغرام|انستغرام|واتساب)\b"),
        ("print", r"^(?:طباعه|اطبع)\b"),
        ("views", r"(?:المشاهدات|عدد القراءات|مشاهده)\s*:?\s*\d"),
        ("comments", r"تعليقاتكم|لا (?:يوجد|توجد) تعليقات|^الرد علي تعليق|^اضف تعليق"
                     r"|الاراء والتعليقات المنشوره"),
        ("comment_form", r"^(?:الاسم|البريد الالكتروني|التعليق|رمز التحقق|اكتب الرمز)\s*:"
                         r"|^(?:اضافه|ارسال|تحديث الرمز)\s*\|?$|\|\s*$"),
        ("copyright", r"حقوق (?:النشر|الطبع|الملكيه)|جميع الحقوق محفوظه|©"),
        ("privacy", r"سياسه الخصوصيه|شروط الاستخدام"),
        ("hosting", r"استضافه|تصميم وبرمجه|برمجه و"),
        ("please_wait", r"الرجاء الانتظار|يرجي الانتظار|جار التحميل"),
        ("share", r"^(?:شارك|مشاركه)(?: الخبر| عبر)?\s*:?$"),
    ]
]  # fmt: skip

_READ_ALSO = re.compile(r"^(?:اقرا|طالع|اقرا ايضا|شاهد) ?(?:ايضا|كذلك|المزيد)?\s*:?$")
_DATE_LINE = re.compile(r"^(?:تاريخ النشر|نشر في|نشر بتاريخ|بتاريخ|التاريخ)\s*:?")
_SOURCE = re.compile(r"^\s*(?:المصدر|المصادر)\s*[:：]\s*(?P<name>.+?)\s*$")
# Up to three words, no digits or punctuation, then a dash: "سوريا –", "عمّان -".
_PLACE_WORD = r"[^\s\d:،,.\-–—]+"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?: {_PLACE_WORD}){{0,2}})\s*[-–—]\s+(?P<rest>\S.*)$"
)

# Agencies whose name alone on a line, or as the dateline, is the story's wire credit.
WIRE_AGENCIES = [
    "رويترز", "فرانس برس", "ا ف ب", "اف ب", "الاناضول", "اسوشيتد برس", "ا ب", "د ب ا",
    "شينخوا", "بترا", "سانا", "واس", "وام", "قنا", "كونا", "بنا", "العمانيه", "واج", "وكالات",
]  # fmt: skip
_WIRES = {normalize(name) for name in WIRE_AGENCIES}


@dataclass
class Line:
    number: int  # 1-based, as an editor counts lines in the file
    text: str
    role: Role
    story: int | None = None  # which story the line belongs to, for kept lines
    kind: str = ""  # for furniture, what it is


@dataclass
class DumpStory:
    headline: str = ""
    published_at: datetime | None = None
    dateline: str = ""
    paragraphs: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    wire_credit: str = ""
    date_has_time: bool = False


@dataclass
class Dump:
    stories: list[DumpStory]
    lines: list[Line]


def furniture_kind(text: str) -> str:
    """What kind of site furniture a line is, or "" when it is not furniture."""
    folded = normalize(text)
    for kind, pattern in FURNITURE:
        if pattern.search(folded):
            return kind
    return ""


def _is_wire(text: str) -> bool:
    return normalize(text.strip(" ()[]-–—.")) in _WIRES


def parse_dump(text: str, zone: tzinfo) -> Dump:
    """The stories of a page dump, and the role of each of its lines.

    Dates without a zone on the page are read in ``zone``. A date line that gives only
    the day takes its time from the page's own time stamp (often printed in the comment
    box) when that stamp falls on the same day.
    """
    lines = [
        Line(number, _INVISIBLE.sub("", raw).strip(), Role.BLANK)
        for number, raw in enumerate(text.splitlines(), start=1)
    ]
    outlet_words: set[str] = set()
    stamps: list[datetime] = []
    for line in lines:
        if line.text and (kind := furniture_kind(line.text)):
            line.role, line.kind = Role.FURNITURE, kind
            outlet_words.update(normalize(line.text).replace('"', " ").split())
            stamp = find_date(line.text, zone)
            if stamp is not None and stamp.has_time:
                stamps.append(stamp.at)

    stories: list[DumpStory] = []
    story: DumpStory | None = None
    for line in lines:
        if not line.text or line.role is Role.FURNITURE:
            continue
        folded = normalize(line.text)
        if _READ_ALSO.match(folded) and story is not None:
            line.role, story = Role.READ_ALSO, None
            continue
        if story is None:
            story = DumpStory(headline=line.text)
            stories.append(story)
            line.role = Role.HEADLINE
        elif (
            not story.paragraphs
            and story.published_at is None
            and (_DATE_LINE.match(folded) or _is_only_a_date(line.text, zone))
            and (found := find_date(line.text, zone)) is not None
        ):
            story.published_at, story.date_has_time = found.at, found.has_time
            line.role = Role.DATE
        elif source := _SOURCE.match(line.text):
            story.sources.append(source["name"])
            line.role = Role.SOURCE
        elif _is_wire(line.text) and story.paragraphs:
            story.wire_credit = line.text.strip(" ()[]-–—.")
            line.role = Role.WIRE
        else:
            paragraph = line.text
            if not story.paragraphs:
                paragraph = _take_dateline(story, paragraph, outlet_words)
            story.paragraphs.append(paragraph)
            line.role = Role.BODY
        line.story = len(stories) - 1

    for found_story in stories:
        _settle_time(found_story, stamps)
    return Dump(stories=[s for s in stories if s.paragraphs], lines=lines)


def _is_only_a_date(text: str, zone: tzinfo) -> bool:
    return len(text) <= 40 and find_date(text, zone) is not None


def _take_dateline(story: DumpStory, paragraph: str, outlet_words: set[str]) -> str:
    """Split "سوريا – صرح…" into the dateline and the paragraph.

    The prefix may also name a wire ("رويترز - …"), which becomes the wire credit, or the
    outlet whose page this is ("سرايا - …", the name its furniture carries), which becomes
    a source line: the story reached us through it.
    """
    match = _DATELINE.match(paragraph)
    if match is None:
        return paragraph
    place = match["place"]
    if _is_wire(place):
        story.wire_credit = story.wire_credit or place
    elif normalize(place) in outlet_words:
        story.sources.insert(0, place)
    else:
        story.dateline = place
    return match["rest"]


def _settle_time(story: DumpStory, stamps: list[datetime]) -> None:
    if story.published_at is None:
        # A story with no date of its own shares the page's time stamp, if there is one.
        if stamps:
            story.published_at, story.date_has_time = stamps[0], True
        return
    if story.date_has_time:
        return
    day = story.published_at.date()
    zone = story.published_at.tzinfo
    for stamp in stamps:
        if stamp.astimezone(zone).date() == day:
            story.published_at, story.date_has_time = stamp, True
            return


def import_dump(text: str, section: SectionPage, zone: tzinfo, publish: bool) -> list[ArticlePage]:
    """The dump's stories as articles, the first story first; all of them or none.

    Every story after the first came in under "إقرأ أيضاً" and is linked from the first
    as its read-also pick. A draft keeps the story's own date, so that publishing it
    later does not make an old story look new. A story whose headline is already an
    article's is not made again: that article is returned, so importing a file twice
    is harmless.
    """
    dump = parse_dump(text, zone)
    with transaction.atomic():
        followers = [_create(section, story, publish, []) for story in dump.stories[1:]]
        first = [_create(section, dump.stories[0], publish, followers)] if dump.stories else []
    return first + followers


def _create(
    section: SectionPage, found: DumpStory, publish: bool, read_also: list[ArticlePage]
) -> ArticlePage:
    existing = ArticlePage.objects.filter(title=found.headline[:255]).order_by("pk").first()
    if existing is not None:
        return existing
    story = IncomingStory(
        headline=found.headline,
        body=text_to_blocks("\n".join(found.paragraphs)),
        dateline=found.dateline,
        published_at=found.published_at,
        sources=[(name, "") for name in found.sources],
        wire_credit=found.wire_credit,
        read_also=read_also,
    )
    page = create_article(section, story, publish)
    if not publish and found.published_at is not None:
        # Wagtail keeps a draft's first_published_at when the draft is published.
        ArticlePage.objects.filter(pk=page.pk).update(first_published_at=found.published_at)
        page.first_published_at = found.published_at
    return page
