"""Most read: the right stories, in order, for 24 hours and 7 days, on the pages."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nashra.audience import clock, counting, most_read
from nashra.audience.flush import flush
from nashra.audience.models import HourlyViews
from nashra.newsroom import factories

pytestmark = pytest.mark.django_db

NOW = datetime.fromisoformat("2026-03-10T12:25:00+00:00")
HOUR = clock.hour_of(NOW)


@pytest.fixture
def stories():
    section = factories.section("اقتصاد", slug="economy")
    titles = ["الأول", "الثاني", "الثالث", "الرابع", "المسحوب"]
    made = {t: factories.article(section, f"خبر {t} عن الأسواق", slug=f"s{i}")
            for i, t in enumerate(titles)}
    made["المسحوب"].unpublish()
    return made


def bucket(article, hour: datetime, views: int) -> None:
    HourlyViews.objects.create(article=article, hour=hour, views=views)


def test_windows_are_whole_hours_up_to_the_current_one(stories) -> None:
    first, second, third, fourth = (stories[t] for t in ["الأول", "الثاني", "الثالث", "الرابع"])
    bucket(first, HOUR - timedelta(hours=23), 10)   # oldest hour inside 24 hours
    bucket(second, HOUR - timedelta(hours=24), 20)  # just outside 24 hours, inside 7 days
    bucket(third, HOUR, 5)
    bucket(third, HOUR - timedelta(hours=167), 1)   # oldest hour inside 7 days
    bucket(fourth, HOUR - timedelta(hours=168), 50)  # just outside 7 days
    bucket(fourth, HOUR + timedelta(hours=1), 50)   # a clock ahead of ours: not yet
    bucket(stories["المسحوب"], HOUR, 100)            # unpublished: never listed

    day, week = most_read.ranking(now=NOW)

    assert day == [first.pk, third.pk]
    assert week == [second.pk, first.pk, third.pk]


def test_views_taken_at_the_edge_of_an_hour_land_in_that_hour(stories, counting_mode) -> None:
    first, second = stories["الأول"], stories["الثاني"]
    edge = HOUR - timedelta(hours=23)
    for n in range(3):
        counting.record(first.pk, f"a{n}", edge)  # 11:00:00, 23 hours ago: inside
    for n in range(4):
        counting.record(second.pk, f"b{n}", edge - timedelta(microseconds=1))  # outside
    flush()

    day, week = most_read.ranking(now=NOW)

    assert day == [first.pk]
    assert week == [second.pk, first.pk]


def test_the_home_and_article_pages_show_the_lists(client: Client, stories) -> None:
    first, second = stories["الأول"], stories["الثاني"]
    now_hour = clock.hour_of(clock.now())
    bucket(first, now_hour, 3)
    bucket(second, now_hour - timedelta(days=2), 9)
    bucket(stories["المسحوب"], now_hour, 30)

    for url in ["/", first.url]:
        page = BeautifulSoup(client.get(url).content, "html.parser")
        day = page.select('.most-read [data-period="day"] .article-card')
        week = page.select('.most-read [data-period="week"] .article-card')
        assert [card["data-article-id"] for card in day] == [str(first.pk)]
        assert [card["data-article-id"] for card in week] == [str(second.pk), str(first.pk)]
        assert page.select_one(".most-read a.article-card-link")["href"] == first.url


def test_the_lists_are_cached_and_forget_an_unpublished_story(client: Client, stories) -> None:
    first, second = stories["الأول"], stories["الثاني"]
    bucket(first, clock.hour_of(clock.now()), 3)
    client.get("/")
    bucket(second, clock.hour_of(clock.now()), 9)  # not seen until the cache expires

    ids = [c["data-article-id"] for c in BeautifulSoup(
        client.get("/").content, "html.parser").select(".most-read .article-card")]
    assert ids == [str(first.pk), str(first.pk)]

    first.unpublish()
    ids = [c["data-article-id"] for c in BeautifulSoup(
        client.get("/").content, "html.parser").select(".most-read .article-card")]
    assert ids == [str(second.pk), str(second.pk)]


def test_there_is_no_block_without_views(client: Client, stories) -> None:
    page = BeautifulSoup(client.get("/").content, "html.parser")
    assert page.select_one(".most-read") is None
