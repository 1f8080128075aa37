"""What every test shares: the people of the newsroom, service checks, a real browser, a
terminal."""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
import struct
import termios
import threading
import time
import uuid
from collections.abc import Iterator
from typing import IO, Any

import pytest
from django.contrib.auth.models import Group

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_service(name: str, available: bool) -> None:
    """Skip a test whose service is missing, except in CI, where that is a failure."""
    if available:
        return
    if os.environ.get("NASHRA_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{name} is required (NASHRA_REQUIRE_SERVICES=1) but is not available")
    pytest.skip(f"{name} is not available")


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Each test starts with empty caches: cached pages and parts must not leak between tests."""
    from django.core.cache import caches

    from nashra.operations import site_memory
    from nashra.operations.page_cache import forget_near_pages

    def empty() -> None:
        for alias in ("default", "pages"):
            caches[alias].clear()
        # The stamps kept near would otherwise be above the emptied Redis's, and a
        # purge moving a stamp from nothing would not show.
        forget_near_pages()
        site_memory.forget_all()

    empty()
    yield
    empty()


@pytest.fixture
def editor(django_user_model: Any) -> Any:
    user = django_user_model.objects.create_user("editor", password="editor-pass-1")
    user.groups.add(Group.objects.get(name="المحررون"))
    return user


@pytest.fixture
def moderator(django_user_model: Any) -> Any:
    user = django_user_model.objects.create_user("moderator", password="moderator-pass-1")
    user.groups.add(Group.objects.get(name="المشرفون"))
    return user


@pytest.fixture
def admin_user_with_password(django_user_model: Any) -> tuple[Any, str]:
    password = "admin-pass-1"
    return django_user_model.objects.create_superuser("chief", "", password), password


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = chromium_path()
    require_service("Chromium", bool(path))
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread; the ORM calls the tests make
    # between browser steps are still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    """A fresh browser tab with its own cookies, in Arabic, desktop-sized."""
    context = browser.new_context(locale="ar", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def log_in_to_admin(tab: Any, base_url: str, username: str, password: str) -> None:
    """Sign in through the admin's login form, as staff do."""
    tab.goto(base_url + "/admin/login/")
    # A fresh profile's first login POST can come back as the form; wait for the page.
    tab.wait_for_load_state("networkidle")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", password)
    with tab.expect_navigation():
        tab.locator("form button[type=submit]").click()


def redis_cache(location: str = "redis://127.0.0.1:6379/0") -> dict[str, Any]:
    """A Redis cache of this test's own: a fresh key prefix, so tests never share keys."""
    require_service("Redis", port_open("127.0.0.1", 6379))
    return {
        "BACKEND": "nashra.operations.redis_cache.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": f"nashra-test-{uuid.uuid4().hex}",
    }


def sign_in_over_http(base: str, username: str, password: str) -> tuple[Any, str]:
    """Post the admin's sign-in form with its CSRF token; the session and the answer."""
    import requests
    from bs4 import BeautifulSoup

    session = requests.Session()
    url = base + "/admin/login/"
    page = BeautifulSoup(session.get(url).content, "html.parser")
    field = page.select_one("input[name=csrfmiddlewaretoken]")
    assert field is not None, "the sign-in page has no CSRF token"
    token = field["value"]
    answer = session.post(
        url,
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": url},
    )
    return session, answer.text



class Terminal:
    """A real pseudo-terminal: what a command writes to `stream` is read back by `text`.

    For output that only shows on a terminal (progress bars): an operator's shell is one,
    a cron mail or a log is not. A thread reads it all the while: a terminal holds only a
    few kilobytes unread, and a long command's bar would block on a full one.
    """

    def __init__(self) -> None:
        self._reader, writer = os.openpty()
        # 24 rows of 100 columns: a new pseudo-terminal has no size, a shell's window has.
        fcntl.ioctl(writer, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
        self.stream: IO[str] = open(writer, "w", encoding="utf-8")  # noqa: SIM115
        self._chunks: list[bytes] = []
        self._draining = threading.Thread(target=self._drain, daemon=True)
        self._draining.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self._reader, 65536)
            except OSError:  # the writing side is closed
                return
            if not chunk:
                return
            self._chunks.append(chunk)

    def text(self) -> str:
        self.stream.flush()
        # What was just flushed may still be on its way to the reading thread.
        seen = -1
        while seen != len(self._chunks):
            seen = len(self._chunks)
            time.sleep(0.05)
        return b"".join(self._chunks).decode("utf-8", "replace")

    def close(self) -> None:
        self.stream.close()
        self._draining.join(timeout=5)
        os.close(self._reader)


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    opened = Terminal()
    yield opened
    opened.close()
