"""Stories from the wire bring their pictures (Media RSS, enclosures, a page's og:image),
fetched by the wire's guarded client and checked like uploads; and their author and time.
A picture that cannot be taken never costs the story."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

import pytest

from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage
from nashra.pictures.models import Picture
from nashra.pictures.scenes import draw_scene
from nashra.wire.models import Item, Policy, Source
from nashra.wire.runs import ingest
from nashra.wire.tests import server
from nashra.wire.tests.samples import LIBRARY, OLIVES, RAIN, article_page, story_html
from nashra.wire.tests.server import FixtureServer

wire_server = server.wire_server  # the fixture, used by name

pytestmark = pytest.mark.django_db

MEDIA_NS = 'xmlns:media="http://search.yahoo.com/mrss/"'
PHOTO = draw_scene("field", seed=7, width=1600, height=1000)
SOURCE_TIME = datetime(2026, 11, 28, 6, 30, tzinfo=UTC)


def feed(story: dict[str, Any], link: str, picture_xml: str, author: str = "") -> str:
    author_xml = f"<author>{escape(author)}</author>" if author else ""
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" {MEDIA_NS}><channel>'
        "<title>وكالة الجنوب</title><link>http://example.invalid/</link><description>أخبار"
        f"</description><item><title>{escape(str(story['title']))}</title>"
        f"<link>{escape(link)}</link><guid>{escape(link)}</guid>"
        "<pubDate>Sat, 28 Nov 2026 09:30:00 +0300</pubDate>"
        f"{author_xml}<description>{escape(story_html(story))}</description>"
        f"{picture_xml}</item></channel></rss>"
    )


def media_content(url: str) -> str:
    return (
        f'<media:content url="{escape(url)}" medium="image" type="image/jpeg" width="1600">'
        "<media:credit role=\"photographer\">هالة منصور</media:credit>"
        "<media:description>مزارعون يجمعون المحصول</media:description>"
        "<media:text>حقل قمح ذهبي تحت سماء صافية</media:text></media:content>"
    )


def source(url: str, **fields: Any) -> Source:
    fields.setdefault("wire_credit", "وكالة الجنوب")
    return Source.objects.create(name="وكالة الجنوب", address=url,
                                 section=factories.section("محليات"), **fields)


def test_a_media_rss_picture_comes_in_credited_with_the_author_and_time(
    wire_server: FixtureServer,
) -> None:
    photo = wire_server.serve("/photos/field.jpg", PHOTO, content_type="image/jpeg")
    url = wire_server.serve("/feed.xml", feed(
        RAIN, wire_server.url("/news/rain"), media_content(photo),
        author="editor@south.example (سامي الخطيب)",
    ))

    [report] = ingest(source(url).pk)

    assert report.taken == 1 and not report.errors
    story = ArticlePage.objects.get()
    assert not story.live
    picture = story.lead_image
    assert picture is not None and (picture.width, picture.height) == (1600, 1000)
    assert picture.photographer == "هالة منصور" and picture.agency == "وكالة الجنوب"
    assert picture.credit == "هالة منصور / وكالة الجنوب"
    assert picture.alt == "حقل قمح ذهبي تحت سماء صافية"
    assert story.lead_image_caption == "مزارعون يجمعون المحصول"
    # The caption filed under the feed's content is not taken for the story.
    assert RAIN["paragraphs"][0] in str(story.body)
    assert [author.name for author in story.authors.all()] == ["سامي الخطيب"]
    assert story.first_published_at == SOURCE_TIME
    # Still the source's time once an editor publishes the draft.
    story.save_revision().publish()
    assert ArticlePage.objects.get(pk=story.pk).first_published_at == SOURCE_TIME
    assert Item.objects.get().image_url == photo


def test_an_enclosed_picture_and_a_pages_og_image_come_in_too(wire_server) -> None:
    photo = wire_server.serve("/p/library.jpg", PHOTO, content_type="image/jpeg")
    enclosure = f'<enclosure url="{photo}" type="image/jpeg" length="{len(PHOTO)}"/>'
    url = wire_server.serve("/feed.xml", feed(LIBRARY, wire_server.url("/l"), enclosure))
    [report] = ingest(source(url).pk)
    assert report.taken == 1
    assert ArticlePage.objects.get().lead_image.agency == "وكالة الجنوب"

    other = draw_scene("sea", seed=9, width=1200, height=800)
    og = wire_server.serve("/p/olives.jpg", other, content_type="image/jpeg")
    head = f'<meta property="og:image" content="{og}">'
    wire_server.serve("/news/olives", article_page(OLIVES, extra_head=head))
    short = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>ج'
             f"</title><link>http://example.invalid/</link><description>أ</description>"
             f"<item><title>{escape(str(OLIVES['title']))}</title>"
             f"<link>{wire_server.url('/news/olives')}</link><description>قصير</description>"
             "</item></channel></rss>")
    second = wire_server.serve("/short.xml", short)
    [report] = ingest(source(second, wire_credit="").pk)
    assert report.taken == 1
    olives = ArticlePage.objects.get(title=OLIVES["title"])
    assert olives.lead_image is not None and olives.lead_image.width == 1200
    assert olives.lead_image.agency == "وكالة الجنوب"  # the source's name, with no agency


HOSTILE = {
    "polyglot": PHOTO + b"<script>alert(1)</script>",
    "svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
    "cut": PHOTO[: len(PHOTO) // 3],
    "html": b"<!doctype html><title>not a photo</title>",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_picture_is_left_out_and_the_story_taken(wire_server, kind) -> None:
    photo = wire_server.serve(f"/p/{kind}.jpg", HOSTILE[kind], content_type="image/jpeg")
    url = wire_server.serve("/feed.xml", feed(RAIN, wire_server.url("/r"), media_content(photo)))

    [report] = ingest(source(url).pk)

    assert report.taken == 1
    assert ArticlePage.objects.get().lead_image is None
    assert not Picture.objects.exists()
    assert any("صورة الخبر مرفوضة" in error for error in report.errors)


def test_a_picture_on_a_private_address_is_never_fetched(wire_server, settings) -> None:
    url = wire_server.serve("/feed.xml", feed(
        RAIN, wire_server.url("/r"), media_content("http://169.254.169.254/latest/photo.jpg")
    ))
    [report] = ingest(source(url).pk)
    assert report.taken == 1 and report.errors
    assert not Picture.objects.exists()


def test_a_trusted_wire_publishes_its_picture_with_words_for_it(wire_server) -> None:
    photo = wire_server.serve("/p/field.jpg", PHOTO, content_type="image/jpeg")
    bare = f'<media:content url="{photo}" medium="image"/>'
    url = wire_server.serve("/feed.xml", feed(RAIN, wire_server.url("/r"), bare))

    ingest(source(url, policy=Policy.PUBLISH).pk)

    story = ArticlePage.objects.get()
    assert story.live and story.lead_image.alt.strip()
    assert str(RAIN["title"]) in story.lead_image.alt
