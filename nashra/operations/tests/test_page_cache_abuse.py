"""The page cache under attack, over real HTTP: page numbers nobody links to, a flood of
pages against the rate limits, and plain-HTTP requests for pages kept for https."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
import requests
from django.core.cache import caches
from django.core.wsgi import get_wsgi_application

from nashra.core import limits
from nashra.newsroom import factories
from nashra.operations.page_cache import PageCacheFastPath

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache_on(settings: Any, tmp_path: Any) -> None:
    settings.PAGE_CACHE_SECONDS = 600
    settings.VAR_DIR = tmp_path


@pytest.fixture
def story() -> Any:
    factories.home_page()
    politics = factories.section("سياسة", slug="politics")
    return factories.article(politics, "الحكومة تعلن خطة النقل العام", slug="transport")


def kept_pages() -> int:
    store = caches["pages"]._cache  # the local-memory store the served site writes to
    return sum(1 for key in store if "page-cache:page:" in key)


def test_page_numbers_nobody_links_to_are_not_kept(live_server: Any, story: Any) -> None:
    base = live_server.url
    with requests.Session() as reader:
        reader.get(base + "/politics/")
        reader.get(base + story.url)
        kept_before = kept_pages()

        listing = [reader.get(f"{base}/politics/?page={n}").status_code for n in range(1, 40)]
        story_pages = [reader.get(f"{base}{story.url}?page={n}").status_code for n in range(40)]
        home_pages = [reader.get(f"{base}/?page={n}").status_code for n in range(2, 40)]

    assert set(listing) == {404}  # one story: the listing has no page but its first
    assert set(story_pages) == {200} and set(home_pages) <= {200, 404}
    assert kept_pages() == kept_before == 2


def test_a_flood_of_pages_does_not_push_out_the_rate_limits(
    live_server: Any, settings: Any
) -> None:
    small = {"MAX_ENTRIES": 20, "CULL_FREQUENCY": 2}
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": small},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": small,
        },
    }
    factories.home_page()
    section = factories.section("سياسة", slug="politics")
    stories = [factories.article(section, f"خبر رقم {n}", slug=f"story-{n}") for n in range(45)]
    once = [(1, 3600)]
    assert limits.take("post", "address:203.0.113.9", once)

    with requests.Session() as flooder:
        for page in stories:
            assert flooder.get(live_server.url + page.url).status_code == 200

    assert kept_pages() > 0
    assert not limits.take("post", "address:203.0.113.9", once), "the limit was evicted"


@pytest.fixture
def https_site(settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


class _ThreadedServer(WSGIServer):
    daemon_threads = True


def _serve(application: Any) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, application, handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(params=["middleware", "fast path"])
def site_url(request: Any, https_site: None) -> Iterator[str]:
    """The site served anew under this test's settings: through Django's middleware
    alone, or as gunicorn serves it, with hits answered by WSGI before Django."""
    django_site = get_wsgi_application()
    fast_path = PageCacheFastPath(django_site)
    yield from _serve(django_site if request.param == "middleware" else fast_path)


def test_plain_http_is_sent_to_https_even_for_a_kept_page(site_url: str, story: Any) -> None:
    secure = {"X-Forwarded-Proto": "https"}
    with requests.Session() as reader:
        # The first render of a new site settles its settings, so the second is kept.
        answers = [reader.get(site_url + story.url, headers=secure) for _ in range(3)]
        assert answers[-1].headers.get("Nashra-Cache") == "hit"

        plain = reader.get(site_url + story.url, allow_redirects=False)

    assert plain.status_code == 301
    assert plain.headers["Location"].startswith("https://")
    assert plain.headers["Location"].endswith(story.url)
