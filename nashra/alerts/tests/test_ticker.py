"""The ticker at its own address: kept in the page cache like a page, purged alone when an
alert goes out, while the pages around it stay cached."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from nashra.alerts.models import Alert
from nashra.conftest import redis_cache
from nashra.newsroom import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def ticker_stories(answer):
    return [a.get_text() for a in BeautifulSoup(answer.content, "html.parser").select(
        ".breaking-ticker li a"
    )]


def test_an_alert_reaches_the_cached_ticker_and_leaves_the_pages_cached(
    client, page_cache, story, desk, django_capture_on_commit_callbacks
):
    assert ticker_stories(client.get("/alerts/ticker/")) == []
    assert client.get("/alerts/ticker/")["Nashra-Cache"] == "hit"
    page = client.get(story.url)
    assert client.get(story.url)["Nashra-Cache"] == "hit"
    slot = BeautifulSoup(page.content, "html.parser").select_one("header [data-ticker-url]")
    assert slot["data-ticker-url"] == "/alerts/ticker/"

    with django_capture_on_commit_callbacks(execute=True):
        Alert.objects.announce(story, by=desk)

    fresh = client.get("/alerts/ticker/")
    assert fresh["Nashra-Cache"] == "miss"
    assert ticker_stories(fresh) == ["مجلس الوزراء يعلن حالة الطوارئ في المحافظات الشمالية"]
    # Only the ticker was purged: the story's page and the home page stay cached.
    assert client.get(story.url)["Nashra-Cache"] == "hit"


def test_a_page_drawn_after_the_alert_carries_the_ticker_for_readers_without_script(
    client, story, desk, django_capture_on_commit_callbacks
):
    client.get("/")  # the frame's cached lists are filled before the alert
    with django_capture_on_commit_callbacks(execute=True):
        Alert.objects.announce(story, by=desk)
    home = BeautifulSoup(client.get("/").content, "html.parser")
    assert [a.get_text() for a in home.select("[data-ticker-url] .breaking-ticker li a")] == [
        story.title
    ]


def test_the_ticker_leaves_out_stories_not_published(client, story):
    factories.article(story.get_parent(), "خبر عاجل لم يُنشر", breaking=True, live=False)
    assert ticker_stories(client.get("/alerts/ticker/")) == []


@pytest.fixture(params=["files", "redis"])
def kept_by_the_worker(request, settings, tmp_path):
    """The page cache on, with its stamps in files or in Redis (heard by near pages)."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.VAR_DIR = tmp_path
    if request.param == "redis":
        redis = redis_cache()
        settings.REDIS_URL = settings.PAGE_CACHE_REDIS_URL = redis["LOCATION"]
        settings.CACHES = {"default": redis, "pages": redis}


def test_a_worker_keeps_the_ticker_it_drew_until_an_alert_goes_out(
    client, kept_by_the_worker, story, desk, django_capture_on_commit_callbacks
):
    # The search page is never served from the page cache: each answer is drawn anew,
    # its ticker from what the worker keeps.
    assert ticker_stories(client.get("/search/?q=الطوارئ")) == []
    assert ticker_stories(client.get("/search/?q=المحافظات")) == []

    with django_capture_on_commit_callbacks(execute=True):
        Alert.objects.announce(story, by=desk)

    assert ticker_stories(client.get("/search/?q=الوزراء")) == [story.title]
