"""Reader threads loading a served site, and the tally of what they were answered.

`Load` runs reader threads (http.client, loopback only) of four roles: readers (articles,
home, sections), searchers (Arabic queries), view beacons (one distinct reader each) and
commenters (form state, then the post, as `commenters` does). Every outcome is tallied
per phase and kind; a comment answered 201 and a beacon answered `Nashra-View: counted`
are remembered, so the caller can check them against the database afterwards (`kept`).
"""

from __future__ import annotations

import http.client
import itertools
import json
import random
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from .commenters import FORM, comment_form, poster_address
from .sites import Site

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0 Safari/537.36"
)
QUERIES = ["الحكومة", "اسعار المحروقات", "الأسد", "وزير الخارجيه", "بحلب", "المنتخب", "٢٠٢٥"]
# Comments close 30 days after publication and `bench.synthetic_site` dates its stories
# seven minutes apart, newest first: the first ids stay open at any size.
COMMENTED_ARTICLES = 20
# The server's keep-alive closes idle connections (gunicorn's default: 2 s); a browser
# would open a new one rather than send on a connection the server may have just closed.
IDLE_REOPEN = 1.0


class Tally:
    """Outcomes per phase and kind; an outcome is an HTTP status or how the request failed."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.phase = "run"
        self.marks: dict[str, float] = {}
        self.outcomes: dict[str, dict[str, Counter[str]]] = defaultdict(
            lambda: defaultdict(Counter))
        self.slowest: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        # After each mark, when each kind first had a 2xx: the recovery times.
        self.first_ok: dict[str, dict[str, float]] = defaultdict(dict)
        # ...and when each was first answered at all: a kind asked for seldom (home,
        # sections) recovers "late" only because nobody asked sooner.
        self.first_seen: dict[str, dict[str, float]] = defaultdict(dict)
        self.comments: dict[str, str] = {}  # tag -> phase it was answered 201 in
        self.views: Counter[str] = Counter()  # phase -> beacons answered "counted"

    def mark(self, name: str, phase: str | None = None) -> float:
        with self.lock:
            self.marks[name] = time.monotonic()
            if phase:
                self.phase = phase
            return self.marks[name]

    def record(self, kind: str, outcome: str, seconds: float) -> None:
        now = time.monotonic()
        with self.lock:
            self.outcomes[self.phase][kind][outcome] += 1
            slowest = self.slowest[self.phase]
            slowest[kind] = max(slowest[kind], seconds)
            for name, at in self.marks.items():
                if now >= at:
                    self.first_seen[name].setdefault(kind, now - at)
                    if outcome.startswith("2"):
                        self.first_ok[name].setdefault(kind, now - at)

    def totals(self, phases: list[str] | None = None) -> dict[str, Counter[str]]:
        merged: dict[str, Counter[str]] = defaultdict(Counter)
        with self.lock:
            for phase, kinds in self.outcomes.items():
                if phases is None or phase in phases:
                    for kind, counts in kinds.items():
                        merged[kind].update(counts)
        return dict(merged)


def is_error(outcome: str) -> bool:
    return not (outcome.startswith("2") or outcome.startswith("3"))


def summary(totals: dict[str, Counter[str]]) -> dict[str, Any]:
    """Requests per kind, responses by status, and the failures among them."""
    statuses: Counter[str] = Counter()
    for counts in totals.values():
        statuses.update(counts)
    return {
        "requests": {kind: sum(counts.values()) for kind, counts in sorted(totals.items())},
        "statuses": dict(sorted(statuses.items())),
        # A 200 whose body is not what the page's script needs is an error response too.
        "error_responses": sum(n for o, n in statuses.items()
                               if is_error(o) and o not in {"connection", "timeout"}),
        "server_errors_5xx": {o: n for o, n in statuses.items() if o.startswith("5")},
        "connection_errors": statuses["connection"],
        "timeouts": statuses["timeout"],
    }


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


class Client(threading.Thread):
    """One reader thread of a role: `reader`, `searcher`, `beacon` or `commenter`."""

    def __init__(self, load: Load, role: str, number: int) -> None:
        super().__init__(daemon=True, name=f"{role}-{number}")
        self.load, self.role, self.number = load, role, number
        self.connection: http.client.HTTPConnection | None = None
        self.used = 0.0
        self.parked = threading.Event()
        self.random = random.Random(f"{role}-{number}")

    def call(self, kind: str, method: str, path: str, body: str | None = None,
             headers: dict[str, str] | None = None) -> Answer | None:
        """The answer when it is 2xx or 3xx; None otherwise, every outcome tallied."""
        if self.connection is not None and time.monotonic() - self.used > IDLE_REOPEN:
            self.connection.close()
            self.connection = None
        if self.connection is None:
            self.connection = http.client.HTTPConnection(
                "127.0.0.1", self.load.site.port, timeout=self.load.timeout)
        started = time.monotonic()
        answer = None
        try:
            self.connection.request(method, path, body=body, headers={
                "User-Agent": BROWSER, **(headers or {})})
            response = self.connection.getresponse()
            answer = Answer(response.status, response.headers, response.read())
        except TimeoutError:
            outcome = "timeout"
        except (OSError, http.client.HTTPException):
            outcome = "connection"
        else:
            outcome = str(answer.status)
        self.used = time.monotonic()
        self.load.tally.record(kind, outcome, self.used - started)
        if answer is None or is_error(outcome):
            if answer is None:
                self.connection.close()
                self.connection = None
            # An outage answers at once: back off as a reader's retry would, not spin.
            time.sleep(0.1)
            return None
        return answer

    def run(self) -> None:
        step = getattr(self, self.role)
        sent = 0
        while not self.load.done.is_set():
            if self.role in self.load.paused:
                self.parked.set()
                time.sleep(0.05)
                continue
            self.parked.clear()
            sent += 1
            step(sent)
        self.parked.set()

    def reader(self, sent: int) -> None:
        pick = self.random.random()
        if pick < 0.8:
            self.call("article", "GET", self.random.choice(self.load.site.paths))
        elif pick < 0.9:
            self.call("home", "GET", "/")
        else:
            self.call("section", "GET", self.random.choice(self.load.site.sections))

    def searcher(self, sent: int) -> None:
        self.call("search", "GET", "/search/?q=" + quote(self.random.choice(QUERIES)))

    def beacon(self, sent: int) -> None:
        # A reader of its own per beacon (address and browser make the visitor key), so
        # every beacon should be counted, not refused as a repeat.
        n = next(self.load.visitors)
        address = f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"
        article = self.random.choice(self.load.site.ids)
        response = self.call("beacon", "POST", f"/audience/views/{article}/",
                             headers={"X-Forwarded-For": address})
        if response is not None and response.headers.get("Nashra-View") == "counted":
            with self.load.tally.lock:
                self.load.tally.views[self.load.tally.phase] += 1

    def commenter(self, sent: int) -> None:
        headers = {"Accept": "application/json",
                   "X-Forwarded-For": poster_address(200 + self.number, sent)}
        article = self.random.choice(self.load.site.ids[:COMMENTED_ARTICLES])
        response = self.call("comment_form", "GET", f"/comments/{article}/form/", headers=headers)
        if response is None:
            return
        tag = f"b-{self.load.label}-{self.number}-{sent}"
        try:
            body = comment_form(self.number, sent, json.loads(response.body), tag)
        except (ValueError, KeyError, TypeError):
            self.load.tally.record("comment_form", "bad-form-state", 0)
            return
        response = self.call("comment", "POST", f"/comments/{article}/post/", body=body,
                             headers={**headers, **FORM})
        if response is not None and response.status == 201:
            with self.load.tally.lock:
                self.load.tally.comments[tag] = self.load.tally.phase


@dataclass
class Load:
    """Reader threads against a site until `stop()`; `roles` says how many of each."""

    site: Site
    roles: dict[str, int]
    label: str
    timeout: float = 30
    tally: Tally = field(default_factory=Tally)
    done: threading.Event = field(default_factory=threading.Event)
    paused: set[str] = field(default_factory=set)
    visitors: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    clients: list[Client] = field(default_factory=list)

    def start(self) -> Load:
        self.clients = [Client(self, role, n) for role, count in self.roles.items()
                        for n in range(1, count + 1)]
        for client in self.clients:
            client.start()
        return self

    def pause(self, role: str) -> None:
        """Stop sending `role`'s requests; returns once none of them is in flight."""
        mine = [client for client in self.clients if client.role == role]
        for client in mine:
            # A flag left from an earlier pause would say "parked" before the thread looked.
            client.parked.clear()
        self.paused.add(role)
        for client in mine:
            client.parked.wait(self.timeout + 5)

    def resume(self, role: str) -> None:
        self.paused.discard(role)

    def stop(self) -> None:
        self.done.set()
        for client in self.clients:
            client.join(self.timeout + 5)
