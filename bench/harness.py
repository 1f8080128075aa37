"""What the long-running bench scripts share: a throw-away site, and readers to load it.

Used by `bench/soak` and `bench/faults` (and, later, `bench/site`). `throwaway_site()`
never touches the site's own data: a state folder of its own (SQLite file, secret key,
static files); with DATABASE_URL naming PostgreSQL, a throw-away database of the
caller's name on that server; with REDIS_URL, a Redis database number of its own,
emptied first. It loads N articles with `bench/site --load N`, builds the search index,
collects static files and serves with `nashra serve` (gunicorn, no scheduler).

`Load` runs reader threads (http.client, loopback only) of four roles: readers (articles,
home, sections), searchers (Arabic queries), view beacons (one distinct reader each) and
commenters (form state, then the post, as `comment_load.py` does). Every outcome is
tallied per phase and kind; a comment answered 201 and a beacon answered `Nashra-View:
counted` are remembered, so the caller can check them against the database afterwards.
"""

from __future__ import annotations

import http.client
import itertools
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
NASHRA = str(ROOT / ".venv" / "bin" / "nashra")
PYTHON = str(ROOT / ".venv" / "bin" / "python")
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0 Safari/537.36"
)
QUERIES = ["الحكومة", "اسعار المحروقات", "الأسد", "وزير الخارجيه", "بحلب", "المنتخب", "٢٠٢٥"]
# Comments close 30 days after publication and `bench/site --load` dates its stories
# seven minutes apart, newest first: the first ids stay open at any size.
COMMENTED_ARTICLES = 20

STORED = """
import json
from django.db.models import Sum
from nashra.audience.models import HourlyViews, PendingView
from nashra.comments.models import Comment
texts = Comment.objects.values_list("body", "original_body")
print("STORED " + json.dumps({
    "tags": [tag for pair in texts for tag in TAG.findall(" ".join(pair))[:1]],
    "views": HourlyViews.objects.aggregate(n=Sum("views"))["n"] or 0,
    "pending_rows": PendingView.objects.count(),
}))
"""
TAG = re.compile(r"\[(b-[a-z0-9-]+)\]")
EXCEPTION = re.compile(r"^[\w.]+(Error|Exception|Refused|Timeout)\b")
WORKER_EVENT = re.compile(r"Booting worker|WORKER TIMEOUT|Worker \(pid|exited|SIGKILL", re.I)
# The server's keep-alive closes idle connections (gunicorn's default: 2 s); a browser
# would open a new one rather than send on a connection the server may have just closed.
IDLE_REOPEN = 1.0


# --- Starting a site --------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"bench: {process.args[0]} exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"bench: {url} did not answer within {seconds:g}s")


@contextmanager
def running(command: list[str], env: dict[str, str], ready_url: str,
            log: Path | None = None) -> Iterator[subprocess.Popen[bytes]]:
    output = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=output, stderr=output, start_new_session=True,
    )
    try:
        wait_for(ready_url, process)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if log:
            output.close()  # type: ignore[union-attr]


def throwaway_postgres(url: str, name: str = "nashra_bench_site") -> str:
    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    # FORCE: a server left over from an interrupted run must not keep the name taken.
    for statement in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", admin, "-q", "-c", statement], check=True, capture_output=True)
    return urlunsplit(parts._replace(path=f"/{name}"))


def nashra(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    done = subprocess.run([NASHRA, *args], env=env, cwd=ROOT, check=True, capture_output=True,
                          text=True, timeout=timeout)
    return done.stdout


@dataclass
class Site:
    url: str
    port: int
    env: dict[str, str]
    state: Path
    database: str
    redis: bool
    paths: list[str]
    ids: list[int]
    sections: list[str]
    server: subprocess.Popen[bytes] | None = None
    log: Path = Path(os.devnull)

    def describe(self) -> str:
        return f"{len(self.ids):,} articles, {self.database}{', Redis' if self.redis else ''}"


@contextmanager
def throwaway_site(articles: int, database_name: str, redis_db: int,
                   workers: int = 2) -> Iterator[Site]:
    with tempfile.TemporaryDirectory(prefix="nashra-bench-") as folder:
        state = Path(folder)
        port = free_port()
        env = {k: v for k, v in os.environ.items() if k not in {"DEBUG"}}
        env.update(
            NASHRA_VAR_DIR=str(state), DJANGO_SETTINGS_MODULE="nashra.settings.bench",
            SITE_URL=f"http://127.0.0.1:{port}", TRUSTED_PROXIES="1", LOG_LEVEL="WARNING",
        )
        database = "sqlite"
        if env.get("DATABASE_URL", "").startswith("postgres"):
            env["DATABASE_URL"] = throwaway_postgres(env["DATABASE_URL"], database_name)
            database = "postgresql"
        else:
            env.pop("DATABASE_URL", None)
        if env.get("REDIS_URL"):
            parts = urlsplit(env["REDIS_URL"])
            env["REDIS_URL"] = urlunsplit(parts._replace(path=f"/{redis_db}"))
            subprocess.run(["redis-cli", "-u", env["REDIS_URL"], "flushdb"], check=True,
                           capture_output=True)

        print(f"Loading {articles:,} articles ({database})…", flush=True)
        nashra(env, "migrate", "--no-input", "-v", "0")
        loaded = subprocess.run(
            [PYTHON, str(ROOT / "bench" / "site"), "--load", str(articles)],
            env=env, cwd=ROOT, check=True, capture_output=True, text=True,
        )
        shape = json.loads(next(
            line for line in loaded.stdout.splitlines() if line.startswith("SITE ")
        ).removeprefix("SITE "))
        nashra(env, "rebuild_search_index")
        nashra(env, "collectstatic", "--no-input", "-v", "0")
        site = Site(
            url=f"http://127.0.0.1:{port}", port=port, env=env, state=state, database=database,
            redis=bool(env.get("REDIS_URL")), paths=shape["paths"], ids=shape["ids"],
            sections=shape["sections"], log=state / "server.log",
        )
        with running(
            [NASHRA, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
             "--no-scheduler", "--skip-setup"], env, site.url + "/healthz", log=site.log,
        ) as server:
            site.server = server
            yield site


# --- The served processes ---------------------------------------------------------------

def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The command may hold spaces and parentheses: the fields follow the last ")".
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def gunicorn(site: Site) -> tuple[int | None, list[int]]:
    """The gunicorn master under `nashra serve`, and its workers (pids)."""
    assert site.server is not None
    masters = children(site.server.pid)
    if not masters:
        return None, []
    return masters[0], children(masters[0])


def rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def stored(site: Site) -> dict[str, Any]:
    """After a flush: the tags of the comments in the database, and the views counted."""
    nashra(site.env, "flush_views")
    code = f"import re\nTAG = re.compile({TAG.pattern!r})\n" + STORED
    output = nashra(site.env, "shell", "-v", "0", "-c", code)
    return json.loads(next(
        line for line in output.splitlines() if line.startswith("STORED ")
    ).removeprefix("STORED "))


def log_size(site: Site) -> int:
    try:
        return site.log.stat().st_size
    except OSError:
        return 0


def server_errors(site: Site, since: int = 0, limit: int = 8) -> list[str]:
    """What the server logged as going wrong after byte `since`, most frequent first.

    Warnings, errors and worker restarts, whether the log is JSON lines or plain text,
    grouped with numbers masked: what a 500 or a reset was about, without keeping the
    state folder the log lives in.
    """
    try:
        with site.log.open("rb") as log:
            log.seek(since)
            lines = log.read().decode(errors="replace").splitlines()
    except OSError:
        return []
    seen: Counter[str] = Counter()
    for line in lines:
        text = line.strip()
        try:
            record = json.loads(text) if text.startswith("{") else None
        except ValueError:
            record = None
        if isinstance(record, dict):
            level = str(record.get("level", "")).upper()
            message = str(record.get("message", ""))
            if level not in {"WARNING", "ERROR", "CRITICAL"} and not WORKER_EVENT.search(message):
                continue
            cause = str(record.get("exc_info") or "").strip().splitlines()
            text = f"{level} {record.get('logger', '')}: {message}"
            text += f" <- {cause[-1]}" if cause else ""
        elif not (EXCEPTION.match(text) or WORKER_EVENT.search(text)
                  or re.search(r"\b(WARNING|ERROR|CRITICAL)\b", text)):
            continue
        # Every process warns of the captcha's test mode at start: the bench settings' own.
        if "CAPTCHA_TEST_MODE" not in text and "_warn_if_test_mode" not in text:
            seen[re.sub(r"\d+", "#", text)[:220]] += 1
    return [f"{n}x {text}" for text, n in seen.most_common(limit)]


# --- Load -------------------------------------------------------------------------------

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


class Client(threading.Thread):
    def __init__(self, load: Load, role: str, number: int) -> None:
        super().__init__(daemon=True, name=f"{role}-{number}")
        self.load, self.role, self.number = load, role, number
        self.connection: http.client.HTTPConnection | None = None
        self.used = 0.0
        self.parked = threading.Event()
        self.random = random.Random(f"{role}-{number}")

    def call(self, kind: str, method: str, path: str, body: str | None = None,
             headers: dict[str, str] | None = None) -> http.client.HTTPResponse | None:
        if self.connection is not None and time.monotonic() - self.used > IDLE_REOPEN:
            self.connection.close()
            self.connection = None
        if self.connection is None:
            self.connection = http.client.HTTPConnection(
                "127.0.0.1", self.load.site.port, timeout=self.load.timeout)
        started = time.monotonic()
        try:
            self.connection.request(method, path, body=body, headers={
                "User-Agent": BROWSER, **(headers or {})})
            response = self.connection.getresponse()
            response.body = response.read()  # type: ignore[attr-defined]
        except TimeoutError:
            outcome, response = "timeout", None
        except (OSError, http.client.HTTPException):
            outcome, response = "connection", None
        else:
            outcome = str(response.status)
        self.used = time.monotonic()
        self.load.tally.record(kind, outcome, self.used - started)
        if response is None or is_error(outcome):
            if response is None:
                self.connection.close()
                self.connection = None
            # An outage answers at once: back off as a reader's retry would, not spin.
            time.sleep(0.1)
        return response if response is not None and not is_error(outcome) else None

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
        if response is not None and response.getheader("Nashra-View") == "counted":
            with self.load.tally.lock:
                self.load.tally.views[self.load.tally.phase] += 1

    def commenter(self, sent: int) -> None:
        address = f"10.{200 + self.number}.{sent // 250 % 250}.{sent % 250 + 1}"
        headers = {"Accept": "application/json", "X-Forwarded-For": address}
        article = self.random.choice(self.load.site.ids[:COMMENTED_ARTICLES])
        response = self.call("comment_form", "GET", f"/comments/{article}/form/", headers=headers)
        if response is None:
            return
        try:
            state = json.loads(response.body)  # type: ignore[attr-defined]
            captcha, token = state["captcha"]["key"], state["token"]
        except (ValueError, KeyError, TypeError):
            self.load.tally.record("comment_form", "bad-form-state", 0)
            return
        tag = f"b-{self.load.label}-{self.number}-{sent}"
        body = urlencode({
            "name": f"قارئ {self.number}",
            "body": f"تعليق رقم {sent} من القارئ {self.number} على الخبر [{tag}]",
            "token": token, "captcha_0": captcha, "captcha_1": "PASSED",
        })
        response = self.call("comment", "POST", f"/comments/{article}/post/", body=body, headers={
            **headers, "Content-Type": "application/x-www-form-urlencoded"})
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
