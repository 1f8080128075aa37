"""RSS and Atom feeds, from bytes to entries, screened before they are parsed.

The bytes are decoded first (declared encoding, else the HTTP charset, else UTF-8, and
windows-1256 for the many Arabic servers that say UTF-8 and mean it), re-encoded as
UTF-8, then screened with defusedxml: no entity declarations (billion laughs), no
external references. Only then does feedparser see them. Malformed XML is an error for
the whole feed, never a guess at half of it: feedparser would happily return the
entries before the fault with its ``bozo`` flag up.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree
import feedparser
from django.utils.translation import gettext as _

from nashra.wire.fetch import FetchError
from nashra.wire.pictures import OfferedPicture

_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""")
_ARABIC = re.compile("[\u0600-\u06ff]")


class FeedError(FetchError):
    pass


@dataclass
class FeedEntry:
    key: str
    link: str
    title: str
    html: str
    published_at: datetime | None
    author: str = ""
    picture: OfferedPicture | None = None


def decode(body: bytes, declared: str, http_charset: str) -> str:
    """Text of a document whose encoding is claimed, perhaps wrongly, in two places."""
    if body.startswith(b"\xef\xbb\xbf"):
        return body[3:].decode("utf-8", errors="replace")
    tried: list[str] = []
    for name in (declared, http_charset, "utf-8", "windows-1256"):
        if not name or name.lower() in tried:
            continue
        tried.append(name.lower())
        try:
            text = body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
        # A single-byte guess decodes anything; keep it only if it reads as Arabic.
        if name.lower() in {"utf-8", "utf8"} or _ARABIC.search(text) or name == declared:
            return text
    raise FeedError(_("ترميز النص غير صالح (جُرّب: %(names)s)") % {"names": "، ".join(tried)})


def to_utf8_xml(body: bytes, http_charset: str) -> bytes:
    match = _DECLARED_ENCODING.match(body)
    declared = match.group(1).decode("ascii") if match else ""
    text = decode(body, declared, http_charset)
    utf8 = text.encode("utf-8")
    return _DECLARATION.sub(b'<?xml version="1.0" encoding="utf-8"?>', utf8, count=1)


def screen(xml: bytes) -> None:
    """Refuse entity tricks and malformed XML before any parser acts on them."""
    try:
        defusedxml.ElementTree.fromstring(
            xml, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DefusedXmlException as error:
        raise FeedError(
            _("الموجز يحوي تعريفات كيانات أو مراجع خارجية مرفوضة (%(kind)s)")
            % {"kind": type(error).__name__}
        ) from error
    except ParseError as error:
        raise FeedError(_("الموجز ليس XML سليماً: %(error)s") % {"error": error}) from error


def _when(parsed: time.struct_time | None) -> datetime | None:
    # feedparser has already moved the time to UTC using the feed's own offset.
    if not parsed:
        return None
    return datetime(*parsed[:6], tzinfo=UTC)


def parse_feed(body: bytes, http_charset: str = "") -> list[FeedEntry]:
    xml = to_utf8_xml(body, http_charset)
    screen(xml)
    parsed = feedparser.parse(xml)
    if parsed.bozo and not parsed.entries:
        raise FeedError(_("تعذّرت قراءة الموجز: %(error)s")
                        % {"error": parsed.get("bozo_exception", "")})
    if not parsed.get("version"):
        raise FeedError(_("المستند ليس موجز RSS أو Atom"))
    entries = []
    for raw in parsed.entries:
        link = str(raw.get("link", "")).strip()
        html = _story_html(raw)
        key = str(raw.get("id") or link).strip()
        if not key:
            continue
        entries.append(FeedEntry(
            key=key[:500],
            link=link,
            title=str(raw.get("title", "")).strip(),
            html=html,
            published_at=_when(raw.get("published_parsed") or raw.get("updated_parsed")),
            author=_byline(str(raw.get("author", ""))),
            picture=_picture(raw),
        ))
    return entries


# RSS's <author> is "address (Name)"; feedparser's own split garbles Arabic names.
_ADDRESS_AND_NAME = re.compile(r"^\s*[^\s@()]+@[^\s@()]+\s*\((?P<name>[^()]+)\)\s*$")


def _byline(author: str) -> str:
    """The name alone: a byline never shows the writer's e-mail address."""
    found = _ADDRESS_AND_NAME.match(author)
    name = found["name"] if found else author
    return "" if "@" in name else name.strip()


def _story_html(raw: Any) -> str:
    """The story's text: its HTML content, else its summary.

    feedparser files a Media RSS <media:description> (a photo's caption) under `content`
    too, as plain text; taken first, the caption would become the story.
    """
    content = raw.get("content") or []
    for kind in ("text/html", "application/xhtml+xml"):
        for part in content:
            if part.get("type") == kind and part.get("value"):
                return str(part["value"])
    if raw.get("summary"):
        return str(raw["summary"])
    return str(content[0].get("value", "")) if content else ""


def _picture(raw: Any) -> OfferedPicture | None:
    """The entry's photo: Media RSS content, else an image enclosure, else a thumbnail."""
    url = _media_image(raw) or _enclosed_image(raw) or _thumbnail(raw)
    if not url:
        return None
    credits = raw.get("media_credit") or []
    photographer = str(credits[0].get("content", "")).strip() if credits else ""
    captions = [
        str(part.get("value", "")).strip()
        for part in raw.get("content") or []
        if part.get("type") == "text/plain"
    ]
    return OfferedPicture(
        url=url,
        caption=" ".join(captions[0].split())[:250] if captions else "",
        alt=" ".join(str(raw.get("media_text", "")).split())[:255],
        photographer=" ".join(photographer.split())[:120],
    )


def _is_image(kind: str, medium: str = "") -> bool:
    return medium == "image" or kind.startswith("image/")


def _media_image(raw: Any) -> str:
    images = [
        media for media in raw.get("media_content") or []
        if _is_image(str(media.get("type", "")), str(media.get("medium", "")))
        and media.get("url")
    ]
    # The largest the source offers; renditions are made from it.
    images.sort(key=lambda media: _number(media.get("width")), reverse=True)
    return str(images[0]["url"]).strip() if images else ""


def _enclosed_image(raw: Any) -> str:
    for link in raw.get("links") or []:
        if link.get("rel") == "enclosure" and _is_image(str(link.get("type", ""))):
            return str(link.get("href", "")).strip()
    return ""


def _thumbnail(raw: Any) -> str:
    thumbnails = raw.get("media_thumbnail") or []
    return str(thumbnails[0].get("url", "")).strip() if thumbnails else ""


def _number(value: Any) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0
