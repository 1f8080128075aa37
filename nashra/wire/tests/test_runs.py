from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage
from nashra.wire.models import Item, Outcome, Policy, Source, SourceKind
from nashra.wire.runs import ingest
from nashra.wire.tests import server
from nashra.wire.tests.samples import (
    BILLION_LAUGHS,
    FURNITURE,
    LIBRARY,
    OLIVES,
    RAIN,
    RAIN_REWRITE,
    article_page,
    feed_item,
    rss,
)
from nashra.wire.tests.server import FixtureServer, Reply

wire_server = server.wire_server  # the fixture, used by name

pytestmark = pytest.mark.django_db


def make_source(url: str, name: str = "جريدة المساء", **fields: Any) -> Source:
    section = fields.pop("section", None) or factories.section("محليات")
    return Source.objects.create(name=name, address=url, section=section, **fields)


def articles() -> list[ArticlePage]:
    return list(ArticlePage.objects.order_by("pk"))


def test_it_takes_feed_stories_as_drafts_with_their_credit(wire_server: FixtureServer) -> None:
    url = wire_server.serve("/feed.xml", rss([
        feed_item(RAIN, wire_server.url("/news/rain"), date="Sat, 28 Nov 2026 09:30:00 +0300"),
        feed_item(LIBRARY, wire_server.url("/news/library")),
    ]), content_type="application/rss+xml")
    source = make_source(url, wire_credit="رويترز")
    [report] = ingest(source.pk)
    assert (report.taken, report.failed, report.errors) == (2, 0, [])
    rain, library = articles()
    assert not rain.live and rain.title == RAIN["title"]
    assert [(s.name, s.url) for s in rain.sources.all()] == [
        ("جريدة المساء", wire_server.url("/news/rain"))
    ]
    assert rain.wire_credit == "رويترز"
    assert RAIN["paragraphs"][1] in str(rain.body)
    source.refresh_from_db()
    assert source.items_taken == 2 and source.last_error == "" and source.last_success_at


def test_it_publishes_directly_for_a_trusted_wire(wire_server: FixtureServer) -> None:
    url = wire_server.serve("/feed.xml", rss([
        feed_item(OLIVES, wire_server.url("/news/olives"), date="Sat, 28 Nov 2026 09:30:00 +0300"),
    ]))
    ingest(make_source(url, policy=Policy.PUBLISH).pk)
    [olives] = articles()
    assert olives.live
    assert olives.first_published_at == datetime(2026, 11, 28, 6, 30, tzinfo=UTC)


def test_it_never_takes_a_story_twice(wire_server: FixtureServer) -> None:
    url = wire_server.serve("/feed.xml", rss([feed_item(RAIN, wire_server.url("/news/rain"))]))
    source = make_source(url)
    ingest(source.pk)
    [again] = ingest(source.pk)
    assert again.offered == 0 and len(articles()) == 1


def test_it_asks_conditionally_on_the_next_poll(wire_server: FixtureServer) -> None:
    url = wire_server.serve("/feed.xml", rss([feed_item(RAIN, wire_server.url("/n/1"))]),
                            etag='"feed-1"')
    source = make_source(url)
    ingest(source.pk)
    [second] = ingest(source.pk)
    assert second.status == "not-modified"
    assert wire_server.requests[-1][1]["if-none-match"] == '"feed-1"'


def test_it_follows_short_entries_to_their_pages(wire_server: FixtureServer) -> None:
    image = '<meta property="og:image" content="http://paper.example/img/olives.jpg">'
    wire_server.serve("/news/olives", article_page(OLIVES, extra_head=image))
    url = wire_server.serve("/feed.xml", rss([
        feed_item(OLIVES, wire_server.url("/news/olives"), full=False)
    ]))
    [report] = ingest(make_source(url).pk)
    assert report.taken == 1
    [olives] = articles()
    assert OLIVES["paragraphs"][2] in str(olives.body)
    assert "جميع الحقوق محفوظة" not in str(olives.body)
    item = Item.objects.get()
    assert (item.author, item.image_url) == ("سلمى الحوراني", "http://paper.example/img/olives.jpg")


def test_it_follows_the_links_of_a_page_source(wire_server: FixtureServer) -> None:
    wire_server.serve("/news/rain", article_page(RAIN))
    wire_server.serve("/news/library", article_page(LIBRARY, charset="windows-1256")
                      .encode("windows-1256"), content_type="text/html")
    wire_server.serve("/about", FURNITURE)
    index = wire_server.serve("/", '<a href="/news/rain">١</a><a href="/news/library">٢</a>'
                                   '<a href="/about">من نحن</a>')
    source = make_source(index, kind=SourceKind.PAGE)
    [report] = ingest(source.pk)
    assert (report.taken, report.failed) == (2, 1)
    assert sorted(a.title for a in articles()) == sorted([RAIN["title"], LIBRARY["title"]])
    source.refresh_from_db()
    assert "لم يُعثر في الصفحة على نص خبر" in source.last_error
    assert Item.objects.get(outcome=Outcome.FAILED).url.endswith("/about")
    # The furniture page is remembered and not fetched again.
    [again] = ingest(source.pk)
    assert again.offered == 0


@pytest.mark.parametrize(("path", "reply", "message"), [
    ("/malformed.xml", Reply(body=rss([feed_item(RAIN, "http://a.example/1")]).encode()[:-30]),
     "ليس XML سليماً"),
    ("/bomb.xml", Reply(body=BILLION_LAUGHS), "كيانات"),
    ("/huge.xml", Reply(stream_bytes=3 * 2**20), "أكبر من الحدّ"),
    ("/slow.xml", Reply(body=b"<rss/>", delay=3), "المهلة"),
    ("/loop/0", Reply(), "التحويلات"),
])
def test_a_broken_source_makes_no_article_and_says_why(
    wire_server: FixtureServer, path: str, reply: Reply, message: str
) -> None:
    wire_server.routes[path] = reply
    source = make_source(wire_server.url(path))
    [report] = ingest(source.pk)
    assert report.status == "error" and articles() == [] and not Item.objects.exists()
    source.refresh_from_db()
    assert message in source.last_error and source.last_error_at and not source.last_success_at


def test_it_reads_a_windows_1256_feed(wire_server: FixtureServer) -> None:
    body = rss([feed_item(LIBRARY, wire_server.url("/n/1"))], encoding="windows-1256")
    url = wire_server.serve("/feed.xml", body.encode("windows-1256"),
                            content_type="application/rss+xml; charset=windows-1256")
    ingest(make_source(url).pk)
    [library] = articles()
    assert library.title == LIBRARY["title"] and LIBRARY["paragraphs"][0] in str(library.body)


def test_a_near_duplicate_from_another_source_becomes_a_source_line(
    wire_server: FixtureServer,
) -> None:
    section = factories.section("محليات")
    first = wire_server.serve("/a.xml", rss([feed_item(RAIN, wire_server.url("/a/rain"))]))
    second = wire_server.serve("/b.xml", rss([
        feed_item(RAIN_REWRITE, wire_server.url("/b/floods")),
        feed_item(OLIVES, wire_server.url("/b/olives")),
    ]))
    ingest(make_source(first, section=section).pk)
    [report] = ingest(make_source(second, name="وكالة الشمال", section=section).pk)
    assert (report.taken, report.attached) == (1, 1)
    rain = ArticlePage.objects.get(title=RAIN["title"])
    latest = rain.get_latest_revision_as_object()
    assert [(s.name, s.url) for s in latest.sources.all()] == [
        ("جريدة المساء", wire_server.url("/a/rain")),
        ("وكالة الشمال", wire_server.url("/b/floods")),
    ]
    assert Item.objects.get(outcome=Outcome.ATTACHED).article_id == rain.pk


def test_a_feed_of_thousands_is_read_no_further_than_the_cap(
    wire_server: FixtureServer, settings: Any
) -> None:
    settings.WIRE_MAX_ENTRIES = 5
    url = wire_server.serve("/flood.xml", rss([
        feed_item(RAIN, wire_server.url(f"/a/{n}"), guid=f"flood-{n}") for n in range(300)
    ]))

    ingest(make_source(url).pk)

    assert Item.objects.count() == 5


def test_the_same_text_again_from_the_same_source_is_only_a_duplicate(
    wire_server: FixtureServer,
) -> None:
    url = wire_server.serve("/a.xml", rss([
        feed_item(RAIN, wire_server.url("/a/rain"), guid="g-1"),
        feed_item(RAIN, wire_server.url("/a/rain?utm_source=x"), guid="g-2"),
    ]))
    [report] = ingest(make_source(url).pk)
    assert (report.taken, report.duplicates) == (1, 1)
    [rain] = articles()
    assert rain.sources.count() == 1


def test_a_source_leased_by_another_run_is_left_alone(wire_server: FixtureServer) -> None:
    url = wire_server.serve("/a.xml", rss([feed_item(RAIN, wire_server.url("/a/rain"))]))
    source = make_source(url)
    assert source.take_lease("another-run", 600)
    [report] = ingest(source.pk)
    assert report.status == "busy" and wire_server.requests == [] and articles() == []
    source.release_lease("another-run")
    assert ingest(source.pk)[0].taken == 1


def test_a_run_that_failed_half_way_is_resumed(wire_server: FixtureServer) -> None:
    wire_server.serve("/news/rain", article_page(RAIN))
    wire_server.routes["/news/olives"] = Reply(status=503)
    url = wire_server.serve("/feed.xml", rss([
        feed_item(RAIN, wire_server.url("/news/rain"), full=False),
        feed_item(OLIVES, wire_server.url("/news/olives"), full=False),
    ]))
    source = make_source(url)
    [first] = ingest(source.pk)
    assert (first.taken, first.failed) == (1, 1)
    assert not Item.objects.filter(key__endswith="/news/olives").exists()
    wire_server.serve("/news/olives", article_page(OLIVES))
    [second] = ingest(source.pk)
    assert (second.offered, second.taken) == (1, 1)
    assert sorted(a.title for a in articles()) == sorted([RAIN["title"], OLIVES["title"]])


def test_only_due_sources_are_polled(wire_server: FixtureServer) -> None:
    url = wire_server.serve("/a.xml", rss([feed_item(RAIN, wire_server.url("/a/rain"))]))
    source = make_source(url, poll_minutes=60)
    make_source(url, name="معطّل", enabled=False)
    assert [r.source for r in ingest()] == ["جريدة المساء"]
    assert ingest() == []
    source.refresh_from_db()
    assert source.last_polled_at is not None
