"""Who sent a beacon: a keyed hash instead of a cookie, and whether to count them at all.

As Plausible does: hash(daily salt, address, user agent, article), where the address is
its group (an IPv6 /64, see nashra/core/client.py). No cookie is set and
nothing that identifies a reader is stored; the salt changes every UTC day and old salts
are deleted, after which old hashes cannot be linked to anyone.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from crawlerdetect import CrawlerDetect
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from nashra.audience import clock
from nashra.audience.models import DailySalt
from nashra.core.client import address_group, client_address

_salts: dict[date, bytes] = {}
_crawlers = CrawlerDetect()


class Verdict(StrEnum):
    COUNT = "count"
    BOT = "bot"
    PREFETCH = "prefetch"
    CROSS_SITE = "cross-site"


def salt_for(day: date) -> bytes:
    """The day's salt: made by whichever process asks first, then kept in memory."""
    salt = _salts.get(day)
    if salt is None:
        stored = DailySalt.objects.filter(day=day).values_list("salt", flat=True).first()
        if stored is None:
            try:
                with transaction.atomic():
                    stored = DailySalt.objects.create(day=day, salt=secrets.token_hex(32)).salt
            except IntegrityError:
                # Another process made it first: everyone must use the same salt.
                stored = DailySalt.objects.get(day=day).salt
        salt = bytes.fromhex(stored)
        _salts.clear()
        _salts[day] = salt
    return salt


def forget_old_salts() -> int:
    deleted, _ = DailySalt.objects.filter(day__lt=clock.now().date() - timedelta(days=1)).delete()
    return deleted


@dataclass(frozen=True)
class Visitor:
    """Who sent a beacon, twice: the reader (network and browser) and their network alone.

    Any browser can be claimed, so the network's key is what caps how many readers one
    machine can be (`AUDIENCE_READERS_PER_ADDRESS`).
    """

    reader: str
    network: str


def visitor_of(request: HttpRequest, article_id: int) -> Visitor:
    network = address_group(client_address(request))
    user_agent = request.headers.get("User-Agent", "")
    return Visitor(
        reader=_keyed(network, user_agent, str(article_id)),
        network=_keyed(network, str(article_id)),
    )


def _keyed(*parts: str) -> str:
    salt = salt_for(clock.now().date())
    return hashlib.blake2b("\x1f".join(parts).encode(), key=salt, digest_size=16).hexdigest()


@lru_cache(maxsize=8192)
def is_crawler(user_agent: str) -> bool:
    return not user_agent.strip() or bool(_crawlers.is_crawler(user_agent))


def judge(request: HttpRequest) -> Verdict:
    """Whether this beacon is a reader's view; the reasons it may not be, in cost order."""
    purpose = (
        request.headers.get("Sec-Purpose", "") + " " + request.headers.get("Purpose", "")
        + " " + request.headers.get("X-Moz", "")
    ).lower()
    if "prefetch" in purpose or "prerender" in purpose:
        return Verdict.PREFETCH
    if request.headers.get("Sec-Fetch-Site", "").lower() == "cross-site":
        return Verdict.CROSS_SITE
    origin = request.headers.get("Origin")
    if origin and origin != "null" and origin.rstrip("/") not in allowed_origins(request):
        return Verdict.CROSS_SITE
    if is_crawler(request.headers.get("User-Agent", "")):
        return Verdict.BOT
    return Verdict.COUNT


def allowed_origins(request: HttpRequest) -> set[str]:
    scheme = "https" if request.is_secure() else "http"
    return {settings.SITE_URL, f"{scheme}://{request.get_host()}"}
