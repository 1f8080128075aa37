"""What readers get of a live story: its entries under their days, key events, the live
badge, structured data, a feed, and an updates endpoint that is cached and purged alone."""

from __future__ import annotations

import json
from collections import Counter
from datetime import timedelta
from typing import Any

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from nashra.arabic import format_clock, format_date
from nashra.core.models import SiteSettings
from nashra.live.models import Kind, LiveEntry, end_coverage
from nashra.live.tests.conftest import STORY_PUBLISHED
from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage
from nashra.newsroom.tests.test_structured_data import json_ld
from nashra.operations.page_cache import stamps

pytestmark = pytest.mark.django_db


def add(story: ArticlePage, text: str, minutes: int, **fields: Any) -> LiveEntry:
    entry = LiveEntry.add(story, None, text=text, **fields)
    # Placed in time after the fact, as an entry written minutes apart would be.
    LiveEntry.objects.filter(pk=entry.pk).update(
        published_at=STORY_PUBLISHED + timedelta(minutes=minutes)
    )
    entry.refresh_from_db()
    return entry


def soup(client: Client, path: str) -> BeautifulSoup:
    answer = client.get(path)
    assert answer.status_code == 200, (path, answer.status_code)
    return BeautifulSoup(answer.content, "html.parser")


def test_entries_are_shown_newest_first_under_their_day_in_both_calendars(
    client: Client, covered: ArticlePage
) -> None:
    # 06:00 UTC is 09:00 in the site's zone; 23:30 the next day's 02:30 there.
    add(covered, "بداية الهطول.", 0)
    add(covered, "ارتفاع منسوب المياه.", 60)
    add(covered, "إخلاء حيّين.", 17 * 60 + 30)
    page = soup(client, covered.url)
    section = page.select_one("section.live-coverage")
    items = section.select("ol.live-entries > li")
    kinds = ["day" if "live-day" in item["class"] else "entry" for item in items]
    assert kinds == ["day", "entry", "day", "entry", "entry"]
    texts = [item.select_one(".live-entry-text").get_text(strip=True)
             for item in section.select("li.live-entry")]
    assert texts == ["إخلاء حيّين.", "ارتفاع منسوب المياه.", "بداية الهطول."]

    zone = SiteSettings().time_zone  # the site's own settings are the defaults here
    latest = STORY_PUBLISHED + timedelta(minutes=17 * 60 + 30)
    headings = [item.get_text(strip=True) for item in section.select(".live-day-heading")]
    assert headings[0] == format_date(latest.astimezone(zone).date(), hijri=True,
                                      with_weekday=True)
    assert "هـ" in headings[0] and "هـ" in headings[1]
    first_time = section.select_one("li.live-entry time.live-entry-time")
    assert first_time.get_text() == format_clock(latest, tz=zone)
    assert first_time["datetime"].startswith(latest.astimezone(zone).strftime("%Y-%m-%dT%H:%M"))


def test_the_print_view_carries_the_entries_and_no_polling(
    client: Client, covered: ArticlePage
) -> None:
    add(covered, "مدخل للطباعة.", 1)
    page = soup(client, covered.url + "print/")
    assert page.select_one(".live-entry-text").get_text(strip=True) == "مدخل للطباعة."
    assert page.select_one("[data-updates-url]") is None
    assert page.select_one("script[src*='live']") is None


def test_key_events_are_listed_above_and_link_to_their_entries(
    client: Client, covered: ArticlePage
) -> None:
    add(covered, "نص عادي.", 1)
    key = add(covered, "الدفاع المدني يعلن إخلاء المنطقة كاملة.", 2, key_event=True,
              key_event_title="إخلاء المنطقة")
    page = soup(client, covered.url)
    events = page.select(".live-key-events li a")
    assert [(a.get_text(strip=True), a["href"]) for a in events] == [
        ("إخلاء المنطقة", f"#entry-{key.pk}")
    ]
    assert page.select_one(f"#entry-{key.pk}.live-key-event") is not None


def test_each_kind_of_entry_is_shown_as_what_it_is_and_nothing_runs(
    client: Client, covered: ArticlePage
) -> None:
    add(covered, "<script>alert(1)</script> نص", 1)
    add(covered, "«لن نغادر بيوتنا»", 2, kind=Kind.QUOTE, quote_by="أحد السكان")
    add(covered, "تقرير الأرصاد", 3, kind=Kind.LINK, link_url="https://example.com/r",
        link_title="التقرير كاملاً")
    page = soup(client, covered.url)
    assert page.select_one(".live-coverage script:not([src])") is None
    texts = [found.get_text() for found in page.select(".live-entry-text")]
    assert any("<script>alert(1)</script>" in text for text in texts), texts
    quote = page.select_one(".live-entry-quote")
    assert quote.blockquote.get_text(strip=True) == "«لن نغادر بيوتنا»"
    assert quote.figcaption.get_text(strip=True) == "أحد السكان"
    link = page.select_one(".live-entry-link a")
    assert (link["href"], link.get_text()) == ("https://example.com/r", "التقرير كاملاً")


def test_the_page_is_a_live_blog_posting_for_machines(
    client: Client, covered: ArticlePage
) -> None:
    entries = [add(covered, f"المدخل رقم {number}.", number) for number in range(3)]
    data = json_ld(client.get(covered.url).content.decode())
    assert "NewsArticle" not in data
    (posting,) = data["LiveBlogPosting"]
    assert posting["headline"] == covered.title
    assert posting["coverageStartTime"] and "coverageEndTime" not in posting
    updates = posting["liveBlogUpdate"]
    assert [update["articleBody"] for update in updates] == [e.text for e in reversed(entries)]
    assert all(update["@type"] == "BlogPosting" and update["url"].endswith(f"#entry-{e.pk}")
               for update, e in zip(updates, reversed(entries), strict=True))

    end_coverage(covered)
    (ended,) = json_ld(client.get(covered.url).content.decode())["LiveBlogPosting"]
    assert ended["coverageEndTime"] >= ended["coverageStartTime"]


def test_a_finished_coverage_says_so_and_does_not_poll(
    client: Client, covered: ArticlePage
) -> None:
    add(covered, "آخر تحديث.", 1)
    end_coverage(covered)
    page = soup(client, covered.url)
    section = page.select_one("section.live-coverage")
    assert section["data-ended"] == "1"
    assert "انتهت التغطية" in section.select_one(".live-status").get_text()
    assert page.select_one("script[src*='live']") is None
    assert section.select_one(".live-badge") is None


def test_cards_of_stories_covered_now_carry_the_live_badge(
    client: Client, covered: ArticlePage
) -> None:
    section = covered.get_parent()
    factories.article(section.specific, "خبر آخر في القسم", slug="other")
    page = soup(client, section.url)
    badges = {card["data-article-id"]: card.select_one(".live-badge") is not None
              for card in page.select(".article-card")}
    assert badges == {str(covered.pk): True, str(ArticlePage.objects.get(slug="other").pk): False}
    end_coverage(covered)
    page = soup(client, section.url)
    assert page.select(".article-card .live-badge") == []


def test_the_home_page_shows_the_newest_key_events_of_live_stories(
    client: Client, covered: ArticlePage
) -> None:
    add(covered, "تفصيل.", 1)
    for minute in range(2, 7):
        add(covered, f"تطور {minute}", minute, key_event=True)
    page = soup(client, "/")
    box = page.select_one(".live-home")
    assert box.select_one("h2 a")["href"] == covered.url + "#live"
    shown = [a.get_text(strip=True) for a in box.select(".live-home-key-events a")]
    assert shown == ["تطور 6", "تطور 5", "تطور 4"]


def test_the_feed_and_the_api_carry_the_entries(client: Client, covered: ArticlePage) -> None:
    entries = [add(covered, f"تحديث {n}", n) for n in range(3)]
    feed = feedparser.parse(client.get(reverse("live:feed", args=[covered.pk])).content)
    assert [item.title for item in feed.entries] == ["تحديث 2", "تحديث 1", "تحديث 0"]
    assert feed.entries[0].link.endswith(f"#entry-{entries[-1].pk}")
    story = factories.article(covered.get_parent().specific, "غير مباشر", slug="plain")
    assert client.get(reverse("live:feed", args=[story.pk])).status_code == 404
    assert client.get(reverse("live:updates", args=[story.pk])).status_code == 404

    record = client.get(f"/api/v2/articles/{covered.pk}/").json()["live_coverage"]
    assert record["live_now"] is True and record["ended_at"] is None
    assert [item["text"] for item in record["entries"]] == ["تحديث 2", "تحديث 1", "تحديث 0"]
    assert record["updates_url"].endswith(reverse("live:updates", args=[covered.pk]))
    assert client.get(f"/api/v2/articles/{story.pk}/").json()["live_coverage"] is None


def test_the_updates_endpoint_answers_what_the_page_shows(
    client: Client, covered: ArticlePage
) -> None:
    first = add(covered, "أول.", 1)
    second = add(covered, "ثانٍ.", 2, key_event=True)
    answer = client.get(reverse("live:updates", args=[covered.pk]))
    assert answer["Content-Type"] == "application/json"
    data = json.loads(answer.content)
    assert data["ended"] is False
    assert [(item["id"], item["version"]) for item in data["entries"]] == [
        (second.pk, 1), (first.pk, 1)
    ]
    page = soup(client, covered.url)
    shown = page.select_one(f"#entry-{second.pk}")
    polled = BeautifulSoup(data["entries"][0]["html"], "html.parser").select_one("li")
    assert polled.decode() == shown.decode()
    assert "أبرز التطورات" in data["key_events_html"]


def test_an_entry_purges_the_story_and_its_endpoint_only(
    client: Client,
    covered: ArticlePage,
    proxy: list[str],
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    endpoint = reverse("live:updates", args=[covered.pk])
    section = covered.get_parent().url
    for path in (covered.url, endpoint, "/", section):
        client.get(path)
        assert client.get(path)["Nashra-Cache"] == "hit", path
    etag = client.get(endpoint)["ETag"]
    assert client.get(endpoint, HTTP_IF_NONE_MATCH=etag).status_code == 304

    moves: list[str] = []
    move = stamps.move
    monkeypatch.setattr(stamps, "move", lambda name: (moves.append(name), move(name))[1])
    with django_capture_on_commit_callbacks(execute=True):
        entry = LiveEntry.add(covered, None, text="وصول تعزيزات.")
    assert stamps.SITE not in moves
    assert client.get(section)["Nashra-Cache"] == "hit"
    assert client.get("/")["Nashra-Cache"] == "hit"  # not a key event
    fresh = client.get(endpoint, HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and fresh["Nashra-Cache"] == "miss"
    assert json.loads(fresh.content)["entries"][0]["id"] == entry.pk
    page = client.get(covered.url)
    assert page["Nashra-Cache"] == "miss" and b"\xd9\x88\xd8\xb5\xd9\x88\xd9\x84" in page.content
    counted = Counter(proxy)
    assert {covered.url, endpoint} <= set(counted) and "/" not in counted
    assert max(counted.values()) == 1

    # A key event is listed on the home page: that one is purged too, still not the site.
    proxy.clear()
    with django_capture_on_commit_callbacks(execute=True):
        entry.change(None, entry.version, key_event=True, key_event_title="تعزيزات")
    assert stamps.SITE not in moves
    assert client.get("/")["Nashra-Cache"] == "miss"
    assert client.get(section)["Nashra-Cache"] == "hit"
    assert "/" in proxy


def test_the_updates_endpoint_is_public_and_keeps_no_session(
    client: Client, covered: ArticlePage, proxy: list[str]
) -> None:
    add(covered, "نص.", 1)
    answer = client.get(reverse("live:updates", args=[covered.pk]))
    assert not answer.cookies
    assert "public" in answer["Cache-Control"]
    assert answer["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize("number", ["0", "99999999999999999999999", "2147483648"])
def test_addresses_of_no_story_are_not_found(client: Client, number: str) -> None:
    for address in (f"/live/{number}/updates/", f"/live/{number}/feed/"):
        assert client.get(address).status_code == 404, address


def test_an_older_key_event_stays_listed_after_a_poll(client: Client, covered: ArticlePage) -> None:
    key = add(covered, "بدء الإخلاء.", 0, key_event=True, key_event_title="بدء الإخلاء")
    for minute in range(1, 61):  # more entries than a poll carries
        add(covered, f"تفصيل {minute}.", minute)
    data = json.loads(client.get(reverse("live:updates", args=[covered.pk])).content)
    assert key.pk not in [item["id"] for item in data["entries"]]
    listed = BeautifulSoup(data["key_events_html"], "html.parser").select("li a")
    assert [a["href"] for a in listed] == [f"#entry-{key.pk}"]
