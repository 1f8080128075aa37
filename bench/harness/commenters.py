"""Readers posting comments the way the article page's script does, timed.

Each reader fetches the form's state (token and captcha) from the uncached endpoint, then
posts with the captcha in the library's test mode (the bench and test settings only).
Every post comes from its own address (X-Forwarded-For, for a server run with
TRUSTED_PROXIES=1) and has its own text. Only the POSTs are timed.
"""

from __future__ import annotations

import http.client
import json
import statistics
import threading
import time
from typing import Any
from urllib.parse import urlencode

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def poster_address(first: int, sent: int) -> str:
    """The address of a reader's `sent`th post: one of its own for every post."""
    return f"10.{first}.{sent // 250 % 250}.{sent % 250 + 1}"


def comment_form(number: int, sent: int, state: dict[str, Any], tag: str = "") -> str:
    """Reader `number`'s `sent`th comment, filled in from the form's state."""
    body = f"تعليق رقم {sent} من القارئ {number} على الخبر" + (f" [{tag}]" if tag else "")
    return urlencode({
        "name": f"قارئ {number}",
        "body": body,
        "token": state["token"],
        "captcha_0": state["captcha"]["key"],
        "captcha_1": "PASSED",
    })


class Reader(threading.Thread):
    def __init__(self, number: int, port: int, article: int, until: float) -> None:
        super().__init__(daemon=True)
        self.number, self.port, self.article, self.until = number, port, article, until
        self.latencies: list[float] = []
        self.accepted = 0
        self.errors = 0

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = 0
        while time.monotonic() < self.until:
            sent += 1
            headers = {"Accept": "application/json",
                       "X-Forwarded-For": poster_address(self.number, sent)}
            try:
                connection.request("GET", f"/comments/{self.article}/form/", headers=headers)
                body = comment_form(self.number, sent, json.loads(connection.getresponse().read()))
                started = time.perf_counter()
                connection.request("POST", f"/comments/{self.article}/post/", body=body,
                                   headers={**headers, **FORM})
                response = connection.getresponse()
                response.read()
                self.latencies.append((time.perf_counter() - started) * 1000)
                if response.status == 201:
                    self.accepted += 1
                else:
                    self.errors += 1
            except (OSError, http.client.HTTPException, ValueError, KeyError):
                self.errors += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def post_comments(port: int, article: int, duration: float, readers: int) -> dict[str, Any]:
    """Post for ``duration`` seconds from ``readers`` concurrent readers; the figures."""
    started = time.monotonic()
    crowd = [Reader(n, port, article, started + duration) for n in range(1, readers + 1)]
    for reader in crowd:
        reader.start()
    for reader in crowd:
        reader.join()
    elapsed = time.monotonic() - started
    latencies = [value for reader in crowd for value in reader.latencies]
    accepted = sum(reader.accepted for reader in crowd)
    return {
        "rps": round(accepted / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else 0.0,
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "errors": sum(reader.errors for reader in crowd),
        "accepted": accepted,
    }
