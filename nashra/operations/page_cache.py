"""The full-page cache for readers: whole responses kept, served before Django routes.

A reader's page (GET, no session, no query string but a page number) is rendered once
and kept in Django's cache (local memory by default, Redis in production). A hit costs a
cache read and a check of two stamps; no database query, no routing, no template. Under
gunicorn a hit is answered straight from WSGI (`PageCacheFastPath`), before Django builds
a request and runs its middleware; the middleware answers hits that arrive any other way
(the test client, runserver) and stores misses.

Invalidation is by stamps, not by listing every address a change touches: publishing,
withdrawing, moving or deleting a page moves the site-wide stamp (home, sections, tags,
feeds, other stories' read-also and most-read lists may all change); a change in one
story's comments moves that story's own stamp. An entry made under older stamps is a miss.
With Redis the stamps live in Redis; without it, in files under the state folder, so
every gunicorn worker on the box sees a purge at once although each keeps its own copies.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from email.utils import formatdate
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.connection import ConnectionProxy

from nashra.operations import render_claims
from nashra.operations.near_pages import NearPages, move_message
from nashra.operations.redis_cache import RedisCache
from nashra.operations.render_slots import render_slot
from nashra.operations.session_cookie import carries_session

_NOT_CACHED_PREFIXES = (
    "/admin/",
    "/comments/",
    "/captcha/",
    "/audience/",
    "/static/",
    "/media/",
    "/documents/",
    "/search/",
    "/healthz",
    "/readyz",
)
HEADER = "Nashra-Cache"

# Pages live in a cache of their own (settings: CACHES["pages"]), apart from the rate
# limits and pending view counts in the default one: filling it with pages can then
# never push a counter out.
pages: Any = ConnectionProxy(caches, "pages")


_made: dict[str, Path] = {}


def _stamp_dir() -> Path:
    var_dir = str(settings.VAR_DIR)
    path = _made.get(var_dir)
    if path is None:  # asked on every hit: create the folder once per process
        path = Path(var_dir) / "page-cache"
        path.mkdir(parents=True, exist_ok=True)
        _made[var_dir] = path
    return path


def _path_token(path: str) -> str:
    return hashlib.sha1(path.encode()).hexdigest()[:20]


class Stamps:
    """The site-wide stamp and one per path; a purge moves one of them forward."""

    SITE = "site"

    def current(self, path: str) -> tuple[int, int]:
        return self.current_and_entry(path)[0]

    def current_and_entry(self, path: str, key: str = "") -> tuple[tuple[int, int], Any]:
        """The stamps of ``path`` and the entry under ``key``.

        With Redis: from this worker's near copies when it has them, else in one round trip.
        """
        if not settings.PAGE_CACHE_REDIS_URL:
            stamped = self._file_stamp(self.SITE), self._file_stamp(_path_token(path))
            return stamped, pages.get(key) if key else None
        names = (self.SITE, _path_token(path))
        listening = _listening_near()
        if listening and key and (kept := listening[0].page(names, key)) is not None:
            return kept
        if listening and not key and (known := listening[0].stamps(names)) is not None:
            return (known[0], known[1]), None
        site, own = self._key(names[0]), self._key(names[1])
        found = pages.get_many([site, own, key] if key else [site, own])
        stamped, entry = (found.get(site, 0), found.get(own, 0)), found.get(key)
        if listening:
            listening[0].learn(listening[1], names, stamped, key, entry)
        return stamped, entry

    def site(self) -> int:
        """The site-wide stamp alone: what every page's content depends on."""
        return self.named(self.SITE)

    def named(self, name: str) -> int:
        """One stamp by its name: heard by this worker with Redis, else read."""
        if not settings.PAGE_CACHE_REDIS_URL:
            return self._file_stamp(name)
        listening = _listening_near()
        if listening and (known := listening[0].stamp(name)) is not None:
            return known
        value = int(pages.get(self._key(name)) or 0)
        if listening:
            listening[0].learn(listening[1], (name,), (value,))
        return value

    def move(self, name: str) -> None:
        if settings.PAGE_CACHE_REDIS_URL:
            key = self._key(name)
            pages.add(key, 0, timeout=None)
            value = pages.incr(key)
            cast(RedisCache, pages).publish(_stamp_channel(), move_message(name, value))
            near = _near_pages()
            if near:
                near.moved(name, value)
            return
        target = _stamp_dir() / name
        target.touch()
        now = time.time_ns()
        # Two purges within the clock's resolution must still give two stamps.
        later = max(now, target.stat().st_mtime_ns + 1)
        os.utime(target, ns=(later, later))

    def move_site(self) -> None:
        self.move(self.SITE)

    def move_path(self, path: str) -> None:
        self.move(_path_token(path))

    @staticmethod
    def _key(name: str) -> str:
        return f"page-cache:stamp:{name}"

    @staticmethod
    def _file_stamp(name: str) -> int:
        # Read on every hit, twice: plain strings and os.stat, no pathlib objects.
        try:
            return os.stat(f"{_stamp_dir()}/{name}").st_mtime_ns
        except FileNotFoundError:
            return 0


stamps = Stamps()

_near: dict[tuple[str, int], NearPages] = {}


def _near_pages() -> NearPages | None:
    if not settings.PAGE_CACHE_REDIS_URL or settings.NEAR_PAGE_ENTRIES <= 0:
        return None
    known = (settings.PAGE_CACHE_REDIS_URL, settings.NEAR_PAGE_ENTRIES)
    near = _near.get(known)
    if near is None:
        near = _near.setdefault(known, NearPages(known[0], _stamp_channel(), known[1]))
    return near


def forget_near_pages() -> None:
    """Each near copy of this process forgotten, once the page cache in Redis is emptied."""
    for near in _near.values():
        near.clear()


def _listening_near() -> tuple[NearPages, int] | None:
    """This worker's near pages and their epoch, when it is hearing stamp moves."""
    near = _near_pages()
    epoch = near.epoch() if near else None
    return (near, epoch) if near and epoch is not None else None


def _stamp_channel() -> str:
    # Redis's channels span its databases: name this site's after its keys and its
    # database, so two sites on one Redis do not hear each other's moves.
    database = urlsplit(settings.PAGE_CACHE_REDIS_URL).path
    return f"{pages.make_key('page-cache:stamp-moves')}:{database}"


def cacheable_path(environ: dict[str, Any]) -> str | None:
    """The page's path when this request may be answered from the cache, else None.

    Read from the WSGI environ, so the fast path and the middleware (through
    `request.META`) apply one rule: GET or HEAD, no session cookie (an editor: the admin
    bar and previews are personal), no query but a page number, a reader's address.
    """
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
        return None
    if settings.SECURE_SSL_REDIRECT and _scheme(environ) != "https":
        return None  # Django's SecurityMiddleware answers with the redirect to https
    query = environ.get("QUERY_STRING", "")
    if query and not (query.startswith("page=") and query[5:].isdigit()):
        return None
    if carries_session(environ.get("HTTP_COOKIE", "")):
        return None
    path = _path_text(environ.get("PATH_INFO", ""))
    if path is None:
        return None
    return None if path.startswith(_NOT_CACHED_PREFIXES) else path


def _path_text(raw: str) -> str | None:
    """The path as text, from WSGI's environ or from Django's META alike.

    WSGI hands the path over as UTF-8 bytes read as Latin-1; Django's META holds it
    decoded already (an Arabic slug is Arabic there). Both must give the same text, or
    the fast path and the middleware would never find each other's pages.
    """
    try:
        return raw.encode("latin-1").decode("utf-8")
    except UnicodeEncodeError:
        return raw  # beyond Latin-1: already decoded text
    except UnicodeDecodeError:
        return None


def _scheme(environ: dict[str, Any]) -> str:
    """The request's scheme as Django's `request.scheme` reads it (the proxy's header first)."""
    header = settings.SECURE_PROXY_SSL_HEADER
    if header:
        value = environ.get(header[0])
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == header[1] else "http"
    return str(environ.get("wsgi.url_scheme", "http"))


def _environ_key(environ: dict[str, Any], path: str) -> str:
    """The entry's key, from the request as text, so WSGI and Django compute the same."""
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    # The scheme is part of the address: a page rendered for http (its links, its
    # canonical URL) is never an answer to https, nor the other way round.
    address = f"{_scheme(environ)}://{host}{path}?{environ.get('QUERY_STRING', '')}"
    return "page-cache:page:" + hashlib.sha1(address.encode("utf-8", "replace")).hexdigest()


def storable(response: HttpResponse) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and "Cookie" not in response.get("Vary", "")
        and not any(word in control for word in ("private", "no-store", "no-cache"))
    )


def _entry(response: HttpResponse, stamped: tuple[int, int]) -> dict[str, Any]:
    body = response.content
    return {
        "status": response.status_code,
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in {"etag", "last-modified", "cache-control", HEADER.lower()}
        ],
        "body": body,
        "etag": '"' + hashlib.md5(body, usedforsecurity=False).hexdigest() + '"',
        "last_modified": formatdate(time.time(), usegmt=True),
        "stamps": stamped,
    }


def _freshness(entry: dict[str, Any], state: str) -> list[tuple[str, str]]:
    return [
        ("ETag", entry["etag"]),
        ("Last-Modified", entry["last_modified"]),
        # Browsers keep a page briefly (news moves); shared caches are purged by the site.
        (
            "Cache-Control",
            f"public, max-age={settings.PAGE_CACHE_BROWSER_SECONDS}, "
            f"s-maxage={settings.PAGE_CACHE_SECONDS}",
        ),
        (HEADER, state),
    ]


def _respond(request: HttpRequest, entry: dict[str, Any], state: str) -> HttpResponse:
    if request.headers.get("If-None-Match") == entry["etag"]:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(
            b"" if request.method == "HEAD" else entry["body"], status=entry["status"]
        )
        for name, value in entry["headers"]:
            response[name] = value
        if request.method == "HEAD":
            response["Content-Length"] = str(len(entry["body"]))
    for name, value in _freshness(entry, state):
        response[name] = value
    return response


def _respond_stale(request: HttpRequest, entry: dict[str, Any]) -> HttpResponse:
    response = _respond(request, entry, "stale")
    # Only for the moment a render takes: no proxy or browser may keep it.
    response["Cache-Control"] = "no-store"
    return response


# A page missing from the cache is rendered by one request at a time across the site (the
# claims of render_claims: in Redis, or in files on a box without it). Meanwhile the
# others get the copy it replaces, or, when there is none, wait for its entry. After a
# publish moves the site-wide stamp, every reader of a busy page arrives at once:
# rendering it once instead of once per thread keeps the database and the cores for
# everyone else. Without Redis each worker keeps its own copies, so a worker that waited
# renders next, still one at a time. A renderer that dies leaves its claim to expire;
# nobody waits longer than RENDER_WAIT_SECONDS.
RENDER_WAIT_SECONDS = 3.0
RENDER_POLL_SECONDS = 0.02


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = cacheable_path(request.META)
        if path is None:
            with render_slot(request.META):
                return self.get_response(request)
        request.get_host()  # refuses a host the site does not serve before anything is kept
        key = _environ_key(request.META, path)
        stamped, entry = stamps.current_and_entry(path, key)
        if entry is not None and tuple(entry["stamps"]) == stamped:
            return _respond(request, entry, "hit")
        rendering = render_claims.take(pages, key)
        if not rendering and entry is not None:
            # Another request is rendering the page anew: meanwhile readers get the copy it
            # replaces at once, as the proxy does (proxy_cache_use_stale updating).
            return _respond_stale(request, entry)
        if not rendering:
            rendering, entry = _claimed_or_rendered(path, key)
            if entry is not None:
                return _respond(request, entry, "hit")
            # Read before rendering: a purge during the render leaves its entry stale.
            stamped = stamps.current(path)
        try:
            # Timed from the slot on: the render's own time, not its wait for a turn.
            with render_slot(request.META):
                began = time.time()
                response = self.get_response(request)
                took = time.time() - began
            # A page number is kept only where the page read it (see newsroom's
            # paginate): elsewhere each page=N would be one more copy of one page.
            read_page = getattr(request, "paginated", False)
            if not storable(response) or (request.META.get("QUERY_STRING") and not read_page):
                return response
            entry = _entry(response, stamped)
            pages.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
        finally:
            if rendering:
                render_claims.release(pages, key)
        answer = _respond(request, entry, "miss")
        # When and how long this render took, for operators' tools and `purge_storm`,
        # which reads whether two renders of one page overlapped.
        answer["Server-Timing"] = (
            f'render;dur={took * 1000:.2f};desc="{began:.6f}"'
        )
        return answer


def _fresh_entry(path: str, key: str) -> dict[str, Any] | None:
    stamped, entry = stamps.current_and_entry(path, key)
    return entry if entry is not None and tuple(entry["stamps"]) == stamped else None


def _claimed_or_rendered(path: str, key: str) -> tuple[bool, dict[str, Any] | None]:
    """Wait while another request renders the page.

    ``(False, entry)`` when its entry arrived; ``(True, None)`` when this request took
    the claim over (the other finished without an entry this process can see: an error,
    a 404, or another worker's own memory); ``(False, None)`` when the wait ran out, to
    render without a claim rather than keep a reader waiting longer.
    """
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        while render_claims.held(pages, key) and time.monotonic() < deadline:
            time.sleep(RENDER_POLL_SECONDS)
            if (entry := _fresh_entry(path, key)) is not None:
                return False, entry
        if (entry := _fresh_entry(path, key)) is not None:
            return False, entry
        if render_claims.take(pages, key):
            return True, None
    return False, None


WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class PageCacheFastPath:
    """Answers page-cache hits from WSGI; everything else goes to Django untouched.

    A hit needs none of Django's request object, middleware or URL resolver, and under
    a spike nearly every request is a hit: skipping them roughly halves its cost. Only
    what the middleware itself would answer from the cache is answered here; any doubt
    (a cookie naming a session, a query, an undecodable path, the cache failing) falls
    through to Django, which then decides as it always does.
    """

    def __init__(self, application: WSGIApp) -> None:
        self.application = application

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        answer = self._hit(environ)
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [body]

    def _hit(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes] | None:
        path = cacheable_path(environ)
        if path is None:
            return None
        try:
            stamped, entry = stamps.current_and_entry(path, _environ_key(environ, path))
        except Exception:  # noqa: BLE001 - the cache is down: Django answers, and says so
            return None
        if entry is None or tuple(entry["stamps"]) != stamped:
            return None
        if environ.get("HTTP_IF_NONE_MATCH") == entry["etag"]:
            return "304 Not Modified", _freshness(entry, "hit"), b""
        headers = [*entry["headers"], *_freshness(entry, "hit")]
        if environ["REQUEST_METHOD"] == "HEAD":
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            return "200 OK", [*headers, ("Content-Length", str(len(entry["body"])))], b""
        return "200 OK", headers, entry["body"]
