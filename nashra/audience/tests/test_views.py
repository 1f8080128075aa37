"""The beacon endpoint: who is counted, who is not, and what it refuses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nashra.audience import clock
from nashra.audience.flush import flush
from nashra.audience.models import ViewTotal
from nashra.audience.tests.conftest import READER
from nashra.newsroom import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return factories.article(factories.section(), "خبر عن افتتاح جسر جديد فوق النهر", view_count=7)


def beacon(client: Client, article, user_agent: str = READER, **headers: str):
    return client.post(f"/audience/views/{article.pk}/", HTTP_USER_AGENT=user_agent, **headers)


def outcome(response) -> str:
    assert response.status_code == 204, response.status_code
    return response["Nashra-View"]


def counted_total(article) -> int:
    flush()
    article.refresh_from_db()
    return article.view_count


def clear_of_midnight() -> timedelta:
    """How far to move the clock so that the next half hour stays in one UTC day.

    A reader's key is salted per UTC day (visitors.py), so after midnight they are a new
    reader by design: a half hour that crosses it would count them again.
    """
    now = clock.now()
    next_midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0,
                                                      microsecond=0)
    if next_midnight - now > timedelta(minutes=31):
        return timedelta(0)
    return next_midnight - now + timedelta(minutes=1)


def test_a_reader_is_counted_once_per_half_hour(client: Client, story, counting_mode) -> None:
    with clock.travel(clear_of_midnight()):
        assert outcome(beacon(client, story)) == "counted"
        assert outcome(beacon(client, story)) == "repeat"
        with clock.travel(timedelta(minutes=29, seconds=59)):
            assert outcome(beacon(client, story)) == "repeat"
        with clock.travel(timedelta(minutes=30)):
            assert outcome(beacon(client, story)) == "counted"
            assert outcome(beacon(client, story)) == "repeat"

    assert counted_total(story) == 7 + 2
    assert ViewTotal.objects.get(article=story).base == 7


def test_other_readers_and_other_articles_are_counted_apart(
    client: Client, story, counting_mode
) -> None:
    other_story = factories.article(factories.section(), "خبر ثان عن موسم الحصاد")
    assert outcome(beacon(client, story)) == "counted"
    assert outcome(beacon(client, other_story)) == "counted"
    assert outcome(beacon(client, story, READER.replace("126", "127"))) == "counted"
    assert outcome(beacon(client, story, REMOTE_ADDR="192.0.2.44")) == "counted"

    assert counted_total(story) == 7 + 3
    assert counted_total(other_story) == 1


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "HeadlessChrome/126.0.0.0 Safari/537.36",
        "curl/8.5.0",
        "",
    ],
)
def test_it_does_not_count_crawlers(client: Client, story, user_agent, counting_mode) -> None:
    assert outcome(beacon(client, story, user_agent)) == "bot"
    assert counted_total(story) == 7


@pytest.mark.parametrize(
    "header", [{"HTTP_SEC_PURPOSE": "prefetch"}, {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
               {"HTTP_PURPOSE": "prefetch"}],
)
def test_it_does_not_count_prefetch_or_prerender(client: Client, story, header) -> None:
    assert outcome(beacon(client, story, **header)) == "prefetch"
    assert counted_total(story) == 7


def test_it_refuses_unknown_and_unpublished_articles(client: Client, story) -> None:
    retracted = factories.article(factories.section(), "خبر سُحب", live=False)

    assert client.post("/audience/views/987654321/", HTTP_USER_AGENT=READER).status_code == 404
    assert beacon(client, retracted).status_code == 404
    assert beacon(client, story.get_parent()).status_code == 404
    assert client.post("/audience/views/abc/", HTTP_USER_AGENT=READER).status_code == 404


def test_it_stops_counting_a_story_once_it_is_unpublished(client: Client, story) -> None:
    assert outcome(beacon(client, story)) == "counted"
    story.unpublish()
    assert beacon(client, story, READER.replace("126", "128")).status_code == 404


def test_it_answers_only_post(client: Client, story) -> None:
    url = f"/audience/views/{story.pk}/"
    assert client.get(url, HTTP_USER_AGENT=READER).status_code == 405
    assert client.head(url, HTTP_USER_AGENT=READER).status_code == 405
    assert counted_total(story) == 7


def test_it_refuses_posts_from_other_sites(client: Client, story) -> None:
    assert beacon(client, story, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert beacon(client, story, HTTP_ORIGIN="https://elsewhere.example").status_code == 403
    assert outcome(beacon(client, story, HTTP_ORIGIN="http://testserver",
                          HTTP_SEC_FETCH_SITE="same-origin")) == "counted"
    assert counted_total(story) == 8


def test_it_needs_no_csrf_token_and_sets_no_cookie(story) -> None:
    strict = Client(enforce_csrf_checks=True)
    response = beacon(strict, story)

    assert outcome(response) == "counted"
    assert not response.cookies
    assert response["Cache-Control"] == "no-store"


def test_forwarded_addresses_count_only_behind_trusted_proxies(
    client: Client, story, settings
) -> None:
    settings.TRUSTED_PROXIES = 0
    assert outcome(beacon(client, story, HTTP_X_FORWARDED_FOR="198.51.100.1")) == "counted"
    assert outcome(beacon(client, story, HTTP_X_FORWARDED_FOR="198.51.100.2")) == "repeat"

    settings.TRUSTED_PROXIES = 1
    assert outcome(beacon(client, story, HTTP_X_FORWARDED_FOR="198.51.100.3")) == "counted"
    assert outcome(beacon(client, story, HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.3")) == "repeat"


def test_the_article_page_points_its_counter_at_the_beacon(client: Client, story) -> None:
    page = BeautifulSoup(client.get(story.url).content, "html.parser")
    counter = page.select_one(".views-count[data-beacon-url]")

    assert counter["data-beacon-url"] == f"/audience/views/{story.pk}/"
    assert counter["data-count"] == "7"
    assert page.select_one('script[src$="js/views.js"]').has_attr("defer")
    assert outcome(beacon(client, story)) == "counted"


def test_a_window_ends_to_the_millisecond_not_the_second(story, counting_mode) -> None:
    from datetime import UTC, datetime

    from nashra.audience.counting import WINDOW, record

    # Late in a second: a store that kept whole seconds would end this window 0.95 s early.
    start = datetime(2026, 3, 1, 9, 0, 0, 950_000, tzinfo=UTC)
    assert record(story.pk, "reader-a", start)
    assert not record(story.pk, "reader-a", start + WINDOW - timedelta(milliseconds=500))
    assert record(story.pk, "reader-a", start + WINDOW)
