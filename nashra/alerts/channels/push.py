"""A Web Push message (RFC 8030), encrypted for the subscriber (RFC 8291, aes128gcm) and
signed for the push service (VAPID, RFC 8292).

The VAPID signature names only the push service's origin, so one is made per origin
and kept for an hour (a token may live a day): signing for each of 100,000 readers
would cost as much as encrypting for them.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from py_vapid import Vapid02
from pywebpush import WebPusher

from nashra.alerts.channels import Outcome, seconds
from nashra.alerts.models import Alert, PushSubscription

TIMEOUT = 10  # seconds: connection and answer
# How long a push service keeps the message for a reader who is offline: breaking news
# that arrives a day late is not news.
TTL_SECONDS = 6 * 3600
VAPID_HOLD_SECONDS = 3600
VAPID_LIFETIME_SECONDS = 12 * 3600

_signed: dict[tuple[str, str], tuple[float, dict[str, str]]] = {}
_signing = threading.Lock()


def vapid_headers(endpoint: str) -> dict[str, str]:
    parts = urlsplit(endpoint)
    audience = f"{parts.scheme}://{parts.netloc}"
    key = (audience, settings.NASHRA_VAPID_PRIVATE_KEY)
    now = time.time()
    with _signing:
        kept = _signed.get(key)
        if kept is None or kept[0] < now:
            signer = Vapid02.from_string(private_key=settings.NASHRA_VAPID_PRIVATE_KEY)
            headers = signer.sign(
                {
                    "aud": audience,
                    "sub": settings.NASHRA_VAPID_SUBJECT,
                    "exp": int(now) + VAPID_LIFETIME_SECONDS,
                }
            )
            kept = (now + VAPID_HOLD_SECONDS, {k: str(v) for k, v in headers.items()})
            _signed[key] = kept
        return kept[1]


def payload(alert: Alert) -> bytes:
    return json.dumps(alert.push_payload(), ensure_ascii=False).encode()


class Connections:
    """One kept-alive connection per push service, for one sender thread.

    Plain `http.client`: the sender's cost per message is what limits it (a Python
    process, the cores shared), and a request through `requests` costs three times as
    much. A POST is never sent again by this class: a broken connection is an answer the
    outbox retries, so a message the service may have taken is not repeated at once.
    """

    def __init__(self) -> None:
        self._open: dict[tuple[str, str, int | None], http.client.HTTPConnection] = {}

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str, str]:
        """Status, Retry-After and the first bytes of the body."""
        parts = urlsplit(url)
        key = (parts.scheme, parts.hostname or "", parts.port)
        connection = self._open.get(key)
        if connection is None:
            kind = http.client.HTTPSConnection if parts.scheme == "https" else (
                http.client.HTTPConnection
            )
            connection = self._open[key] = kind(key[1], key[2], timeout=TIMEOUT)
        try:
            connection.request(
                "POST", parts.path + (f"?{parts.query}" if parts.query else ""),
                body=body, headers=headers,
            )
            answer = connection.getresponse()
            text = answer.read(2048).decode("utf-8", "replace")
            answer.read()
        except BaseException:
            connection.close()
            del self._open[key]
            raise
        if answer.will_close:
            connection.close()
            del self._open[key]
        return answer.status, answer.headers.get("Retry-After", ""), text

    def close(self) -> None:
        for connection in self._open.values():
            connection.close()
        self._open.clear()


def send(data: bytes, subscription: PushSubscription, connections: Connections) -> Outcome:
    endpoint = subscription.endpoint
    try:
        encrypted = WebPusher(subscription.as_webpush()).encode(data, "aes128gcm")["body"]
    except (ValueError, TypeError) as error:  # keys that are not keys: nothing will fix them
        return Outcome.drop(f"{type(error).__name__}: {error}")
    headers = {
        **vapid_headers(endpoint),
        "Content-Encoding": "aes128gcm",
        "Content-Type": "application/octet-stream",
        "TTL": str(TTL_SECONDS),
        # RFC 8030: delivered at once, even to a device saving its battery.
        "Urgency": "high",
    }
    try:
        status, retry_after, text = connections.post(endpoint, encrypted, headers)
    except (OSError, http.client.HTTPException) as error:
        # A kept-alive connection the service had closed is the usual cause: ask again soon.
        return Outcome.retry(f"{type(error).__name__}: {error}", timedelta(seconds=1))
    if status in (200, 201, 202):
        return Outcome.sent()
    reason = f"{status} {text[:200]}"
    if status in (404, 410):
        return Outcome.drop(reason)
    if status == 429 or status >= 500:
        return Outcome.retry(reason, seconds(retry_after))
    return Outcome.fail(reason)
