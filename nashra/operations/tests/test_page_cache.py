"""The readers' full-page cache: hits, validators, and purges on every change."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nashra.comments.factories import comment
from nashra.conftest import port_open, require_service
from nashra.newsroom import factories
from nashra.newsroom.models import SECTION_PAGE_SIZE
from nashra.operations import render_claims
from nashra.operations.near_pages import NearPages
from nashra.operations.page_cache import Stamps, _environ_key, _stamp_channel, pages, stamps

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 600
    settings.VAR_DIR = tmp_path  # stamps of this test only


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the transaction's commit, as it would outside a test."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def story():
    politics = factories.section("سياسة", slug="politics")
    return factories.article(politics, "الحكومة تعلن خطة النقل العام", slug="transport")


def titles_on(client: Client, path: str) -> list[str]:
    page = BeautifulSoup(client.get(path).content, "html.parser")
    return [link.get_text() for link in page.select("a.article-card-link")]


def test_the_second_visit_is_served_from_the_cache_without_a_query(
    client: Client, story, django_assert_num_queries
) -> None:
    first = client.get(story.url)
    with django_assert_num_queries(0):
        second = client.get(story.url)

    assert (first["Nashra-Cache"], second["Nashra-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "s-maxage=600" in second["Cache-Control"]
    assert second["ETag"] == first["ETag"] and second["Last-Modified"]


def test_a_browser_that_has_the_page_gets_304(client: Client, story) -> None:
    etag = client.get(story.url)["ETag"]

    again = client.get(story.url, HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304 and again.content == b""


def test_withdrawing_a_story_purges_it_and_the_lists(client: Client, story, committed) -> None:
    assert "الحكومة تعلن خطة النقل العام" in titles_on(client, "/")
    client.get(story.url)

    with committed():
        story.unpublish()

    assert client.get(story.url).status_code == 404
    assert "الحكومة تعلن خطة النقل العام" not in titles_on(client, "/")
    assert "الحكومة تعلن خطة النقل العام" not in titles_on(client, "/politics/")


def test_a_new_story_shows_on_the_home_page_at_once(client: Client, story, committed) -> None:
    titles_on(client, "/")

    with committed():
        factories.article(story.get_parent().specific, "افتتاح جسر جديد", slug="bridge")

    assert "افتتاح جسر جديد" in titles_on(client, "/")


def test_an_edit_shows_at_once(client: Client, story, committed) -> None:
    client.get(story.url)

    story.title = "الحكومة تعدّل خطة النقل العام"
    with committed():
        story.save_revision().publish()

    page = BeautifulSoup(client.get(story.url).content, "html.parser")
    assert page.select_one("h1.article-headline").get_text(strip=True) == story.title


def test_an_approved_comment_shows_at_once_and_other_pages_stay_cached(
    client: Client, story, moderator, committed
) -> None:
    other = factories.article(story.get_parent().specific, "خبر آخر", slug="other")
    client.get(story.url)
    client.get(other.url)
    waiting = comment(story, "تعليق ينتظر الموافقة", status="pending")

    with committed():
        waiting.approve(by=moderator)

    page = BeautifulSoup(client.get(story.url).content, "html.parser")
    assert page.select_one("li.comment .comment-body").get_text() == "تعليق ينتظر الموافقة"
    assert client.get(other.url)["Nashra-Cache"] == "hit"


def test_editors_and_queries_are_not_served_from_the_cache(client: Client, story, editor) -> None:
    client.get(story.url)

    assert "Nashra-Cache" not in client.get(story.url + "?comment=pending")
    client.force_login(editor)
    assert "Nashra-Cache" not in client.get(story.url)


def test_a_page_number_is_its_own_cached_page(client: Client, story) -> None:
    for number in range(SECTION_PAGE_SIZE):
        factories.article(story.get_parent().specific, f"خبر رقم {number}")
    client.get("/politics/?page=2")

    assert client.get("/politics/?page=2")["Nashra-Cache"] == "hit"
    assert client.get("/politics/")["Nashra-Cache"] == "miss"


def test_pages_that_set_cookies_or_refuse_caching_are_not_kept(client: Client, story) -> None:
    state = f"/comments/{story.pk}/form/"

    client.get(state)

    assert "Nashra-Cache" not in client.get(state)


def test_a_purge_in_another_process_reaches_this_one(story, tmp_path) -> None:
    before = stamps.current(story.url)
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"settings.VAR_DIR = {str(tmp_path)!r}; "
        "from nashra.operations.page_cache import stamps; stamps.move_site()"
    )
    environment = {**dict(os.environ), "DJANGO_SETTINGS_MODULE": "nashra.settings.test"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True
    )

    assert done.returncode == 0, done.stderr
    assert stamps.current(story.url)[0] > before[0]


@pytest.fixture
def redis_cache(settings) -> None:
    require_service("Redis", port_open("127.0.0.1", 6379))
    settings.REDIS_URL = settings.PAGE_CACHE_REDIS_URL = "redis://127.0.0.1:6379/0"
    redis = {
        "BACKEND": "nashra.operations.redis_cache.RedisCache",
        "LOCATION": settings.REDIS_URL,
        "KEY_PREFIX": f"nashra-test-{uuid.uuid4().hex}",
    }
    settings.CACHES = {"default": redis, "pages": redis}


def test_with_redis_the_stamps_live_in_redis(
    client: Client, story, redis_cache, committed
) -> None:
    client.get(story.url)
    assert client.get(story.url)["Nashra-Cache"] == "hit"

    with committed():
        story.unpublish()

    assert client.get(story.url).status_code == 404


def test_with_redis_a_purge_reaches_the_near_pages_of_another_worker(
    story, redis_cache, settings
) -> None:
    other_worker = NearPages(settings.PAGE_CACHE_REDIS_URL, _stamp_channel(), 10)
    deadline = time.monotonic() + 5
    while (epoch := other_worker.epoch()) is None and time.monotonic() < deadline:
        time.sleep(0.001)
    assert epoch is not None
    names, key = (Stamps.SITE, "story"), "page-cache:page:story"
    stamped = stamps.current(story.url)
    other_worker.learn(epoch, names, (stamped[0], 0), key, {"stamps": (stamped[0], 0)})

    stamps.move_site()

    while other_worker.page(names, key) is not None and time.monotonic() < deadline:
        other_worker.epoch()
    assert other_worker.page(names, key) is None
    assert other_worker.stamp(Stamps.SITE) == stamps.current(story.url)[0] > stamped[0]


class DjangoBehind:
    """The WSGI application behind the fast path, counting what reaches it."""

    def __init__(self) -> None:
        from django.core.wsgi import get_wsgi_application

        self.django = get_wsgi_application()
        self.calls = 0

    def __call__(self, environ, start_response):
        from django.core import signals
        from django.db import close_old_connections

        self.calls += 1
        # As Django's test client does: the test's transaction must outlive the request.
        signals.request_started.disconnect(close_old_connections)
        try:
            return self.django(environ, start_response)
        finally:
            signals.request_started.connect(close_old_connections)


def through_wsgi(application, path: str, **headers: str) -> tuple[str, dict[str, str], bytes]:
    from django.test import RequestFactory

    environ = RequestFactory().get(path, **headers).environ
    answered: dict[str, object] = {}

    def start_response(status: str, header_list: list[tuple[str, str]]) -> None:
        answered.update(status=status, headers=dict(header_list))

    body = b"".join(application(environ, start_response))
    return str(answered["status"]), dict(answered["headers"]), body  # type: ignore[arg-type]


def test_a_hit_is_answered_in_front_of_django_and_a_purge_reaches_django_again(
    story, committed, django_assert_num_queries
) -> None:
    from nashra.operations.page_cache import PageCacheFastPath

    behind = DjangoBehind()
    application = PageCacheFastPath(behind)
    path = story.url
    first = through_wsgi(application, path)
    with django_assert_num_queries(0):
        second = through_wsgi(application, path)

    assert behind.calls == 1
    assert (first[1]["Nashra-Cache"], second[1]["Nashra-Cache"]) == ("miss", "hit")
    assert second[0] == "200 OK" and second[2] == first[2]
    assert second[1]["ETag"] == first[1]["ETag"]
    assert second[1]["Content-Type"] == first[1]["Content-Type"]
    assert through_wsgi(application, path, HTTP_IF_NONE_MATCH=first[1]["ETag"])[0].startswith(
        "304"
    )

    with committed():
        story.unpublish()

    assert behind.calls == 1  # the 304 too was answered in front
    assert through_wsgi(application, path)[0].startswith("404")
    assert behind.calls == 2


def test_editors_queries_and_posts_pass_through_to_django(story, editor, client) -> None:
    from django.conf import settings

    from nashra.operations.page_cache import PageCacheFastPath

    behind = DjangoBehind()
    application = PageCacheFastPath(behind)
    through_wsgi(application, story.url)
    client.force_login(editor)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value

    through_wsgi(application, story.url, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={session}")
    through_wsgi(application, story.url + "?comment=pending")
    through_wsgi(application, f"/comments/{story.pk}/form/")

    assert behind.calls == 4
    # A cookie that only looks like the session's name is a reader's, still cached.
    through_wsgi(application, story.url, HTTP_COOKIE="not_sessionid_really=1")
    assert behind.calls == 4


def test_a_kept_page_carries_the_readers_security_policy(client: Client, story) -> None:
    first = client.get(story.url)
    second = client.get(story.url)

    assert second["Nashra-Cache"] == "hit"
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_story_with_an_arabic_address_is_kept_too(client: Client) -> None:
    section = factories.section("اقتصاد", slug="اقتصاد")
    story = factories.article(section, "ارتفاع أسعار الذهب", slug="ارتفاع-أسعار-الذهب")

    first = client.get(story.url)
    second = client.get(story.url)

    assert first.status_code == 200
    assert (first["Nashra-Cache"], second["Nashra-Cache"]) == ("miss", "hit")


def test_while_another_request_renders_a_purged_page_readers_get_the_copy_it_replaces(
    client: Client, story, committed
) -> None:
    client.get(story.url)
    old_title = story.title
    story.title = "الحكومة تعدّل خطة النقل العام"
    with committed():
        story.save_revision().publish()
    key = _environ_key(client.get(story.url, follow=False).wsgi_request.META, story.url)
    stamps.move_site()  # purged again, and this time another request is rendering it
    assert render_claims.take(pages, key)

    while_rendering = client.get(story.url)

    assert while_rendering["Nashra-Cache"] == "stale"
    assert while_rendering["Cache-Control"] == "no-store", "no proxy may keep a stale copy"
    assert story.title in while_rendering.content.decode()
    assert old_title not in while_rendering.content.decode()

    render_claims.release(pages, key)
    rendered = client.get(story.url)
    assert rendered["Nashra-Cache"] == "miss"
    assert rendered["Server-Timing"].startswith("render;dur=")
    assert client.get(story.url)["Nashra-Cache"] == "hit"
