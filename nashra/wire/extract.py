"""Article pages into stories, with extraction time bounded by us.

trafilatura's own timeout only works from its command line, and a hostile page can keep
lxml busy for long. Extraction therefore runs in one worker process that is killed and
replaced when a page takes longer than ``WIRE_EXTRACT_TIMEOUT``.
"""

from __future__ import annotations

import atexit
import json
import multiprocessing
import re
import threading
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.pool import Pool
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from nashra.wire import extractor
from nashra.wire.blocks import Block, html_to_blocks, text_of
from nashra.wire.feeds import decode
from nashra.wire.fetch import FetchError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9._-]+)""", re.IGNORECASE)
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069\u00ad]")


class ExtractError(FetchError):
    pass


@dataclass
class Extracted:
    headline: str
    body: list[Block]
    text: str
    published_at: datetime | None
    author: str
    image: str
    canonical: str


class _Worker:
    """One spawned process; replaced after a timeout (it cannot be interrupted)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pool: Pool | None = None

    def call(self, task: dict[str, Any], seconds: float) -> Any:
        with self.lock:
            if self.pool is None:
                self.pool = multiprocessing.get_context("spawn").Pool(1, maxtasksperchild=500)
            pending = self.pool.apply_async(extractor.run, (json.dumps(task),))
            try:
                return json.loads(pending.get(seconds))
            except multiprocessing.TimeoutError:
                self.pool.terminate()
                self.pool = None
                raise ExtractError(
                    _("استغرق استخراج النص أكثر من %(seconds)s ثانية: %(url)s")
                    % {"seconds": seconds, "url": task["url"]}
                ) from None

    def close(self) -> None:
        with self.lock:
            if self.pool is not None:
                self.pool.terminate()
                self.pool = None


worker = _Worker()
# A pool left to the garbage collector at exit complains; end it first.
atexit.register(worker.close)


def clean_line(text: str) -> str:
    return " ".join(_INVISIBLE.sub("", text).split())


def html_text(body: bytes, http_charset: str) -> str:
    match = _META_CHARSET.search(body[:4096])
    return decode(body, match.group(1).decode("ascii") if match else "", http_charset)


def resolve_datetime(value: str) -> datetime | None:
    """An aware datetime; a time without an offset is taken in the site's time zone."""
    value = value.strip()
    if not value:
        return None
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        day = parse_date(value[:10]) if len(value) >= 10 else None
        if day is None:
            return None
        moment = datetime(day.year, day.month, day.day, 12)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def find_links(html: str, url: str) -> list[str]:
    task = {"do": "links", "html": html, "url": url, "limit": settings.WIRE_PAGE_LINKS}
    links: list[str] = worker.call(task, float(settings.WIRE_EXTRACT_TIMEOUT))
    return links


def extract_page(html: str, url: str) -> Extracted:
    """The story on an article page; an error if it has no story, only furniture."""
    found = worker.call({"do": "article", "html": html, "url": url},
                        float(settings.WIRE_EXTRACT_TIMEOUT))
    body = html_to_blocks(found["html"])
    text = " ".join(text_of(value if isinstance(value, str) else value["text"])
                    for _kind, value in body)
    headline = clean_line(found["title"])
    if body and body[0][0] == "heading" and body[0][1] == headline:
        body = body[1:]
    if len(text) < settings.WIRE_MIN_TEXT or not headline:
        raise ExtractError(
            _("لم يُعثر في الصفحة على نص خبر (%(count)d حرفاً فقط، والحدّ الأدنى %(min)d): "
              "%(url)s") % {"count": len(text), "min": settings.WIRE_MIN_TEXT, "url": url}
        )
    return Extracted(
        headline=headline, body=body, text=text,
        published_at=resolve_datetime(found["published"]),
        author=clean_line(found["author"]), image=found["image"],
        canonical=found["canonical"],
    )
