from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element
from zoneinfo import ZoneInfo

import feedparser
import pytest
from bs4 import BeautifulSoup
from defusedxml.ElementTree import fromstring
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from nashra.core.models import SiteSettings
from nashra.newsroom import factories
from nashra.newsroom.feeds import FEED_SIZE
from nashra.newsroom.models import Author
from nashra.pictures import factories as picture_factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def fetch(client: Client, url: str, **headers: str):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.status_code
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return response, fromstring(response.content)


def rss_items(channel: Element) -> list[Element]:
    return channel.findall("item")


def atom_entries(feed: Element) -> list[Element]:
    return feed.findall(f"{ATOM}entry")


def rss_titles(url: str, client: Client) -> list[str]:
    _, rss = fetch(client, url)
    return [item.findtext("title") for item in rss_items(rss.find("channel"))]


def atom_titles(url: str, client: Client) -> list[str]:
    _, feed = fetch(client, url)
    return [entry.findtext(f"{ATOM}title") for entry in atom_entries(feed)]


def is_absolute(url: str | None) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def html_of(text: str | None) -> BeautifulSoup:
    return BeautifulSoup(text or "", "html.parser")


@pytest.fixture
def story():
    politics = factories.section("سياسة", slug="politics")
    article = factories.article(
        politics,
        "وزير الخارجية يصل إلى دمشق",
        standfirst="زيارة هي الأولى منذ سنوات.",
        wire_credit="رويترز",
        published_at=datetime(2025, 1, 5, 20, 51, tzinfo=ZoneInfo("UTC")),
        sources=[("منصة مزيج", ""), ("صحيفة المرصد", "https://example.com/story")],
        tags=["سوريا", "دبلوماسية"],
        body=[
            ("paragraph", f'<p>وصل الوزير <a linktype="page" id="{politics.pk}">اليوم</a>.</p>'),
        ],
    )
    article.authors.add(Author.objects.create(name="ليلى حداد"))
    article.save_revision().publish()
    return article


def test_the_site_rss_feed_is_valid_rss_2_in_arabic_with_absolute_links(client, story) -> None:
    response, rss = fetch(client, "/feed/")

    assert response["Content-Type"].startswith("application/rss+xml")
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel.findtext("title") == "نشرة"
    assert is_absolute(channel.findtext("link"))
    assert channel.findtext("description")
    assert channel.findtext("language") == "ar"
    [item] = rss_items(channel)
    assert item.findtext("title") == "وزير الخارجية يصل إلى دمشق"
    assert is_absolute(item.findtext("link"))
    assert unquote(urlsplit(item.findtext("link")).path) == story.url
    assert item.find("guid").text and item.find("guid").get("isPermaLink") == "false"
    assert item.findtext("pubDate") == "Sun, 05 Jan 2025 20:51:00 +0000"
    assert item.findtext(f"{DC}creator") == "ليلى حداد"
    assert [c.text for c in item.findall("category")] == ["سياسة", "سوريا", "دبلوماسية"]


def test_a_story_carries_its_body_its_sources_and_the_wire_credit_right_to_left(
    client, story
) -> None:
    _, rss = fetch(client, "/feed/")
    content = html_of(rss_items(rss.find("channel"))[0].findtext("description"))

    wrapper = content.find("div")
    assert wrapper["dir"] == "rtl"
    assert "وصل الوزير" in wrapper.get_text()
    assert [li.get_text(" ", strip=True) for li in wrapper.select("li")] == [
        "المصدر: منصة مزيج",
        "المصدر: صحيفة المرصد",
    ]
    assert "رويترز" in wrapper.get_text()
    hrefs = [a["href"] for a in wrapper.select("a")]
    assert hrefs and all(is_absolute(href) for href in hrefs)


def test_every_address_in_a_feed_is_on_the_sites_root_url(client, story) -> None:
    root = Site.objects.get(is_default_site=True).root_url + "/"
    _, rss = fetch(client, "/feed/")
    _, atom = fetch(client, "/feed/atom/")

    channel, entry = rss.find("channel"), atom_entries(atom)[0]
    item = rss_items(channel)[0]
    addresses = [
        channel.findtext("link"),
        channel.find(f"{ATOM}link").get("href"),
        item.findtext("link"),
        *(a["href"] for a in html_of(item.findtext("description")).select("a:not([href^=https])")),
        *(link.get("href") for link in atom.findall(f"{ATOM}link")),
        entry.find(f"{ATOM}link").get("href"),
    ]
    assert len(addresses) == 7
    assert all(address.startswith(root) for address in addresses), addresses


def test_the_site_atom_feed_is_valid_atom_in_arabic(client, story) -> None:
    response, feed = fetch(client, "/feed/atom/")

    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.tag == f"{ATOM}feed" and feed.get(XML_LANG) == "ar"
    assert feed.findtext(f"{ATOM}id") and feed.findtext(f"{ATOM}updated")
    assert feed.findtext(f"{ATOM}title") == "نشرة"
    [entry] = atom_entries(feed)
    assert entry.findtext(f"{ATOM}id").startswith("tag:")
    assert entry.findtext(f"{ATOM}title") == "وزير الخارجية يصل إلى دمشق"
    assert entry.findtext(f"{ATOM}updated") == "2025-01-05T20:51:00+00:00"
    link = entry.find(f"{ATOM}link[@rel='alternate']")
    assert is_absolute(link.get("href"))
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "ليلى حداد"
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert html_of(summary.text).div.get_text() == "زيارة هي الأولى منذ سنوات."
    content = entry.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert html_of(content.text).div["dir"] == "rtl"
    assert "وصل الوزير" in html_of(content.text).get_text()


def test_a_story_without_authors_is_credited_to_the_site(client) -> None:
    factories.article(factories.section())

    _, rss = fetch(client, "/feed/")
    _, atom = fetch(client, "/feed/atom/")

    assert rss_items(rss.find("channel"))[0].findtext(f"{DC}creator") == "نشرة"
    assert atom_entries(atom)[0].findtext(f"{ATOM}author/{ATOM}name") == "نشرة"


def test_feeds_list_only_published_stories_newest_first(client) -> None:
    now = timezone.now()
    politics = factories.section()
    factories.article(politics, "الأقدم", published_at=now - timedelta(hours=3))
    factories.article(politics, "الأحدث", published_at=now - timedelta(hours=1))
    factories.article(politics, "مسودة لم تنشر", live=False)

    assert rss_titles("/feed/", client) == ["الأحدث", "الأقدم"]
    assert atom_titles("/feed/atom/", client) == ["الأحدث", "الأقدم"]


def test_a_feed_holds_only_the_50_newest_stories(client) -> None:
    now = timezone.now()
    economy = factories.section("اقتصاد")
    for number in range(FEED_SIZE + 2):
        factories.article(economy, f"خبر رقم {number}", published_at=now - timedelta(hours=number))

    titles = rss_titles("/feed/", client)

    assert FEED_SIZE == 50
    assert titles == [f"خبر رقم {number}" for number in range(FEED_SIZE)]


def test_a_section_feed_holds_only_that_sections_stories(client) -> None:
    economy = factories.section("اقتصاد", slug="economy")
    sport = factories.section("رياضة", slug="sport")
    factories.article(economy, "البورصة ترتفع")
    factories.article(sport, "الفريق يفوز")

    _, rss = fetch(client, "/feed/section/economy/")

    channel = rss.find("channel")
    assert channel.findtext("title") == "اقتصاد | نشرة"
    assert urlsplit(channel.findtext("link")).path == economy.url
    assert [item.findtext("title") for item in rss_items(channel)] == ["البورصة ترتفع"]
    assert atom_titles("/feed/section/sport/atom/", client) == ["الفريق يفوز"]


def test_a_tag_feed_holds_only_the_stories_with_that_tag(client) -> None:
    politics = factories.section()
    factories.article(politics, "قمة عربية في الدوحة", tags=["القمة العربية"])
    factories.article(politics, "خبر آخر", tags=["الطقس"])
    factories.article(politics, "قمة لم تُنشر", tags=["القمة العربية"], live=False)

    _, rss = fetch(client, "/feed/tag/القمة-العربية/")

    channel = rss.find("channel")
    assert channel.findtext("title") == "وسم: القمة العربية | نشرة"
    assert is_absolute(channel.findtext("link"))
    assert [item.findtext("title") for item in rss_items(channel)] == ["قمة عربية في الدوحة"]
    assert atom_titles("/feed/tag/الطقس/atom/", client) == ["خبر آخر"]


@pytest.mark.parametrize(
    "url",
    [
        "/feed/section/no-such-section/",
        "/feed/section/no-such-section/atom/",
        "/feed/tag/no-such-tag/",
        "/feed/tag/no-such-tag/atom/",
    ],
)
def test_an_unknown_section_or_tag_has_no_feed(client, url: str) -> None:
    factories.section(slug="politics")

    assert client.get(url).status_code == 404


def test_an_unpublished_section_has_no_feed(client) -> None:
    section = factories.section(slug="archive")
    section.unpublish()

    assert client.get("/feed/section/archive/").status_code == 404


def test_the_summary_setting_sends_the_standfirst_instead_of_the_body(client, story) -> None:
    chosen = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    chosen.feed_full_text = False
    chosen.save()

    _, rss = fetch(client, "/feed/")
    _, atom = fetch(client, "/feed/atom/")

    description = html_of(rss_items(rss.find("channel"))[0].findtext("description"))
    content = html_of(atom_entries(atom)[0].findtext(f"{ATOM}content"))
    for text in (description, content):
        assert text.div["dir"] == "rtl"
        assert "زيارة هي الأولى منذ سنوات." in text.get_text()
        assert "وصل الوزير" not in text.get_text()
        assert len(text.select("li")) == 2 and "رويترز" in text.get_text()


def test_a_lead_image_travels_as_an_enclosure(client) -> None:
    image = picture_factories.picture(size=(900, 600))
    politics, now = factories.section(), timezone.now()
    factories.article(politics, "خبر مصور", lead_image=image, published_at=now)
    factories.article(politics, "خبر بلا صورة", published_at=now - timedelta(hours=1))

    _, rss = fetch(client, "/feed/")
    _, atom = fetch(client, "/feed/atom/")

    with_image, without_image = rss_items(rss.find("channel"))
    assert without_image.find("enclosure") is None
    enclosure = with_image.find("enclosure")
    assert is_absolute(enclosure.get("url"))
    assert enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) > 0
    entry = atom_entries(atom)[0]
    link = entry.find(f"{ATOM}link[@rel='enclosure']")
    assert link.get("href") == enclosure.get("url") and link.get("type") == "image/jpeg"


def test_a_feed_answers_304_to_a_reader_that_has_the_latest_copy(client) -> None:
    politics = factories.section()
    factories.article(politics, "خبر أول")

    first, _ = fetch(client, "/feed/")
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]

    unchanged = client.get("/feed/", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert "max-age=300" in unchanged["Cache-Control"]
    assert client.get("/feed/", headers={"If-Modified-Since": last_modified}).status_code == 304

    factories.article(politics, "خبر ثان")
    changed = client.get("/feed/", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


@pytest.mark.parametrize("url", ["/feed/atom/", "/feed/section/politics/", "/feed/tag/سوريا/"])
def test_every_feed_answers_conditional_requests(client, url: str) -> None:
    factories.article(factories.section(slug="politics"), tags=["سوريا"])

    first, _ = fetch(client, url)

    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304


def link_tags(client: Client, url: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    head = BeautifulSoup(response.content, "html.parser").head
    links = head.select('link[rel=alternate][type="application/rss+xml"]')
    links += head.select('link[rel=alternate][type="application/atom+xml"]')
    for link in links:
        assert link["title"]
    return {unquote(link["href"]): link["type"] for link in links}


def test_every_page_names_the_feeds_of_its_scope(client) -> None:
    economy = factories.section("اقتصاد", slug="economy")
    article = factories.article(economy, tags=["النفط"])
    site_feeds = {"/feed/": "application/rss+xml", "/feed/atom/": "application/atom+xml"}
    section_feeds = {
        "/feed/section/economy/": "application/rss+xml",
        "/feed/section/economy/atom/": "application/atom+xml",
    }

    assert link_tags(client, "/") == site_feeds
    assert link_tags(client, "/search/?q=x") == site_feeds
    assert link_tags(client, economy.url) == site_feeds | section_feeds
    assert link_tags(client, article.url) == site_feeds | section_feeds
    assert link_tags(client, "/tag/النفط/") == site_feeds | {
        "/feed/tag/النفط/": "application/rss+xml",
        "/feed/tag/النفط/atom/": "application/atom+xml",
    }


def test_the_feed_links_are_titled_in_arabic(client) -> None:
    economy = factories.section("اقتصاد", slug="economy")

    head = BeautifulSoup(client.get(economy.url).content, "html.parser").head
    titles = [link["title"] for link in head.select("link[rel=alternate]")]

    assert titles == [
        "نشرة: آخر الأخبار (RSS)",
        "نشرة: آخر الأخبار (Atom)",
        "نشرة: أخبار اقتصاد (RSS)",
        "نشرة: أخبار اقتصاد (Atom)",
    ]
