"""Pictures where readers look: responsive <picture> markup on the story, its cards and
lists, galleries and print, feeds, the API, social cards and structured data; and no
image work, and one query for all pictures, while a reader waits."""

from __future__ import annotations

import json
from typing import Any

import pytest
from bs4 import BeautifulSoup
from defusedxml.ElementTree import fromstring
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image

from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage, ReadAlsoLink
from nashra.pictures import factories as picture_factories
from nashra.pictures.models import Picture
from nashra.pictures.renditions import Made

pytestmark = pytest.mark.django_db

FORMATS = ["image/avif", "image/webp"]
MEDIA = "{http://search.yahoo.com/mrss/}"


def soup(client: Client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser")


def widths(srcset: str) -> list[int]:
    return [int(part.strip().rsplit(" ", 1)[1].rstrip("w")) for part in srcset.split(",")]


@pytest.fixture
def pictured(django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    # The search index is written once the story's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        return build_pictured_site()


def build_pictured_site() -> dict[str, Any]:
    section = factories.section("اقتصاد", slug="economy")
    lead = picture_factories.picture(
        "market", seed=3, alt="بسطات خضار تحت مظلات مخططة", photographer="سامر خليل",
        agency="نشرة",
    )
    others = [picture_factories.picture(kind, seed=n, photographer="ريم عادل")
              for n, kind in enumerate(["sea", "city"])]
    gallery = {
        "title": "صور من السوق",
        "pictures": [{"image": others[0], "caption": "الصباح"},
                     {"image": others[1], "caption": "المساء"}],
    }
    related = factories.article(section, "الأسواق تستعد لموسم الأعياد", lead_image=others[1])
    story = factories.article(
        section,
        "أسعار الخضار تتراجع مع وفرة الإنتاج المحلي",
        lead_image=lead,
        lead_image_caption="سوق الخضار المركزي صباح اليوم",
        body=[("paragraph", "<p>تراجعت الأسعار في السوق المركزي.</p>"), ("gallery", gallery)],
    )
    ReadAlsoLink.objects.create(article=story, target=related, sort_order=0)
    story.save_revision().publish()
    return {"story": ArticlePage.objects.get(pk=story.pk), "lead": lead, "related": related,
            "section": section}


def test_the_lead_image_is_a_responsive_credited_picture(client: Client, pictured) -> None:
    page = soup(client, pictured["story"].url)
    figure = page.select_one("article.article figure.article-lead-image")
    sources = figure.select("picture source")
    assert [source["type"] for source in sources] == FORMATS
    image = figure.select_one("picture img")
    assert image["alt"] == "بسطات خضار تحت مظلات مخططة"
    assert int(image["width"]) and int(image["height"])
    assert image["fetchpriority"] == "high" and image["loading"] == "eager"
    assert image["src"].endswith(".jpg")
    for element in [*sources, image]:
        assert len(widths(element["srcset"])) >= 3
        assert element["sizes"] == image["sizes"]
    caption = figure.select_one("figcaption")
    assert caption.select_one(".picture-caption").text == "سوق الخضار المركزي صباح اليوم"
    assert caption.select_one(".picture-credit").text == "الصورة: سامر خليل / نشرة"
    preload = page.select_one('link[rel=preload][as=image]')
    assert preload["imagesrcset"] == sources[0]["srcset"]
    assert preload["type"] == "image/avif"


def test_every_img_has_its_size_and_all_but_the_lead_load_lazily(client, pictured) -> None:
    page = soup(client, pictured["story"].url)
    images = page.select("img")
    assert len(images) >= 4  # lead, two in the gallery, read-also
    for image in images:
        assert image.get("width") and image.get("height"), image
    lazy = [image for image in images if image.get("loading") == "lazy"]
    assert len(lazy) == len(images) - 1


def test_the_gallery_is_a_captioned_list_a_keyboard_can_scroll(client, pictured) -> None:
    gallery = soup(client, pictured["story"].url).select_one(".article-body section.gallery")
    assert gallery["aria-label"] == "صور من السوق"
    items = gallery.select_one("ol.gallery-items")
    assert items["tabindex"] == "0"
    captions = [item.select_one("figcaption").get_text(" ", strip=True) for item in
                items.select("li.gallery-item")]
    assert len(captions) == 2 and "الصباح" in captions[0] and "الصورة:" in captions[0]


def test_read_also_and_lists_show_thumbnails(client: Client, pictured) -> None:
    story_page = soup(client, pictured["story"].url)
    read_also = story_page.select_one("section.read-also a.read-also-link")
    assert read_also.select_one("picture img")["alt"] == ""  # the link's words say it all
    assert read_also.get_text(strip=True) == "الأسواق تستعد لموسم الأعياد"
    for path in ["/", pictured["section"].url, "/search/?q=الخضار"]:
        cards = soup(client, path).select(".article-card")
        pictured_cards = [card for card in cards if card.select_one("picture")]
        assert pictured_cards, path
        for card in pictured_cards:
            image = card.select_one("picture img")
            assert abs(int(image["width"]) / int(image["height"]) - 16 / 9) < 0.01


def test_the_print_view_keeps_the_lead_image_and_captions(client, pictured) -> None:
    page = soup(client, pictured["story"].url + "print/")
    assert page.select_one(".article-lead-image picture img")
    assert "سوق الخضار المركزي" in page.select_one(".article-lead-image figcaption").text
    assert len(page.select(".gallery figcaption")) == 2


def test_social_and_search_engines_get_a_large_picture(client, pictured) -> None:
    page = soup(client, pictured["story"].url)
    assert page.select_one('meta[name=robots]')["content"] == "max-image-preview:large"
    assert page.select_one('meta[property="og:image:width"]')["content"] == "1200"
    assert page.select_one('meta[property="og:image:height"]')["content"] == "630"
    assert page.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    [article] = [data for script in page.select('script[type="application/ld+json"]')
                 if (data := json.loads(script.string))["@type"] == "NewsArticle"]
    assert max(image["width"] for image in article["image"]) >= 1200
    share = Made(pictured["lead"].made).renditions("share", "jpeg")[0]
    assert page.select_one('meta[property="og:image"]')["content"].endswith(share.name)
    assert page.select_one('meta[name="twitter:image"]')["content"].endswith(share.name)


def test_feeds_carry_the_picture_with_its_credit(client: Client, pictured) -> None:
    for path in ["/feed/", "/feed/atom/"]:
        feed = fromstring(client.get(path).content)
        media = feed.find(f".//{MEDIA}content")
        assert media is not None, path
        assert media.get("medium") == "image" and int(media.get("width")) <= 1200
        assert media.get("url").startswith("http")
        assert media.findtext(f"{MEDIA}credit") == "سامر خليل / نشرة"
        assert media.findtext(f"{MEDIA}description") == "سوق الخضار المركزي صباح اليوم"
        # A full-text feed's pictures must be reachable from a feed reader too.
        text = client.get(path).content.decode()
        assert 'srcset="/' not in text and ", /media/" not in text


def test_the_api_lists_every_rendition_with_its_size(client: Client, pictured) -> None:
    data = client.get(f"/api/v2/articles/{pictured['story'].pk}/").json()
    image = data["lead_image"]
    assert image["credit"] == "سامر خليل / نشرة"
    assert image["alt"] == "بسطات خضار تحت مظلات مخططة"
    wide = image["renditions"]["wide"]
    assert set(wide) == {"avif", "webp", "jpeg"}
    assert all(item["url"].startswith("http") and item["width"] and item["height"]
               for item in wide["avif"])
    assert image["renditions"]["share"]["jpeg"][0]["width"] == 1200


def test_a_picture_not_yet_made_is_left_out_not_made(client: Client) -> None:
    section = factories.section()
    waiting = picture_factories.picture(made=False)
    story = factories.article(section, lead_image=waiting)
    page = soup(client, story.url)
    assert not page.select("picture")
    assert not Picture.objects.get(pk=waiting.pk).made


def test_an_uncached_story_does_no_image_work_and_one_query_for_pictures(
    client: Client, pictured, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("image work while a reader waits")

    monkeypatch.setattr(Image, "open", refuse)
    monkeypatch.setattr(Image.Image, "save", refuse)
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(pictured["story"].url)
    assert response.status_code == 200
    picture_queries = [q["sql"] for q in queries if "pictures_picture" in q["sql"]]
    # Most-read's own cached list reads its cards with their pictures: not this page's.
    own = [sql for sql in picture_queries if "newsroom_articlepage" not in sql]
    assert len(own) == 1, own
    assert response.content.count(b"<picture>") >= 4


def test_a_story_without_a_picture_shares_a_drawn_card(client: Client) -> None:
    from nashra.newsroom.share_cards import draw_waiting

    section = factories.section("رياضة", slug="sport")
    story = factories.article(section, "منتخب الشباب يبلغ نصف النهائي")
    before = soup(client, story.url).select_one('meta[property="og:image"]')["content"]
    assert "logo" in before

    assert draw_waiting() == 1
    story.refresh_from_db()
    page = soup(client, story.url)
    address = page.select_one('meta[property="og:image"]')["content"]
    assert address.endswith(story.share_card) and story.share_card.endswith(".jpg")
    assert page.select_one('meta[property="og:image:width"]')["content"] == "1200"
    assert draw_waiting() == 0

    story.title = "منتخب الشباب يبلغ المباراة النهائية"
    story.save_revision().publish()
    assert draw_waiting() == 1
    assert ArticlePage.objects.get(pk=story.pk).share_card != story.share_card


def test_pages_kept_without_a_picture_are_purged_once_it_is_made(
    client: Client, settings: Any, tmp_path: Any
) -> None:
    from nashra.pictures import renditions

    settings.PAGE_CACHE_SECONDS = 600
    settings.VAR_DIR = tmp_path  # stamps of this test only
    section = factories.section()
    waiting = picture_factories.picture(made=False)
    story = factories.article(section, "خبر تنتظر صورته", lead_image=waiting)
    assert client.get(story.url)["Nashra-Cache"] == "miss"
    kept = client.get(story.url)
    assert kept["Nashra-Cache"] == "hit" and b"<picture>" not in kept.content

    renditions.make_pending()

    fresh = client.get(story.url)
    assert fresh["Nashra-Cache"] == "miss" and b"<picture>" in fresh.content
