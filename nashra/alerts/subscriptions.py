"""What a browser may subscribe with: a push service we know, and keys that are keys.

The sender POSTs to whatever address a subscription names, so an address is accepted only
at a push service's host (`NASHRA_PUSH_SERVICE_HOSTS`): a reader cannot make the site
send requests into its own network.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

from nashra.alerts.models import PushSubscription
from nashra.newsroom.models import SectionPage


class Refused(ValueError):
    pass


def _decoded(text: Any, size: int) -> str:
    if not isinstance(text, str) or len(text) > 200:
        raise Refused("key")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise Refused("key") from error
    if len(raw) != size:
        raise Refused("key")
    return text


def push_service_allowed(endpoint: str) -> bool:
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and any(
        host == allowed or host.endswith("." + allowed)
        for allowed in settings.NASHRA_PUSH_SERVICE_HOSTS
    )


@transaction.atomic
def subscribe(data: Any) -> PushSubscription:
    """Record (or update) the browser's subscription from `PushSubscription.toJSON()` and
    the sections chosen (none: every section)."""
    if not isinstance(data, dict) or not isinstance(data.get("subscription"), dict):
        raise Refused("shape")
    given = data["subscription"]
    endpoint = given.get("endpoint")
    if not isinstance(endpoint, str) or len(endpoint) > 1000 or not push_service_allowed(
        endpoint
    ):
        raise Refused("endpoint")
    keys = given.get("keys") if isinstance(given.get("keys"), dict) else {}
    p256dh, auth = _decoded(keys.get("p256dh"), 65), _decoded(keys.get("auth"), 16)
    wanted = data.get("sections") or []
    if not isinstance(wanted, list) or not all(isinstance(each, int) for each in wanted):
        raise Refused("sections")
    sections = list(SectionPage.objects.live().filter(pk__in=wanted))
    subscription, _ = PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={"p256dh": p256dh, "auth": auth, "all_sections": not sections},
    )
    subscription.sections.set(sections)
    return subscription


def unsubscribe(data: Any) -> bool:
    endpoint = data.get("endpoint") if isinstance(data, dict) else None
    if not isinstance(endpoint, str):
        raise Refused("endpoint")
    deleted, _ = PushSubscription.objects.filter(endpoint=endpoint).delete()
    return bool(deleted)
