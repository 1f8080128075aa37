"""What search engines and link previews read: JSON-LD, OpenGraph, canonical addresses."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import extruct
import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image as PILImage
from wagtail.models import Site

from nashra.core.models import SiteSettings
from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage, Author
from nashra.pictures import factories as picture_factories

pytestmark = pytest.mark.django_db


def photo(width: int = 1600, height: int = 900) -> Any:
    """A real picture in the media storage with its renditions made, as after upload."""
    return picture_factories.picture(size=(width, height))


def fetch(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def json_ld(html: str) -> dict[str, list[dict[str, Any]]]:
    """JSON-LD objects of the page, by @type."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in extruct.extract(html, syntaxes=["json-ld"])["json-ld"]:
        found[item["@type"]].append(item)
    return found


def open_graph(html: str) -> dict[str, list[str]]:
    properties: dict[str, list[str]] = defaultdict(list)
    data = extruct.extract(html, syntaxes=["opengraph"], uniform=False)
    for block in data["opengraph"]:
        for name, value in block["properties"]:
            properties[name].append(value)
    return properties


def twitter(html: str) -> dict[str, str]:
    soup = BeautifulSoup(html, "html.parser")
    return {tag["name"]: tag["content"] for tag in soup.select('meta[name^="twitter:"]')}


def canonical(html: str) -> list[str]:
    links = BeautifulSoup(html, "html.parser").select("link[rel=canonical]")
    return [link["href"] for link in links]


@pytest.fixture
def root() -> str:
    """The default Wagtail site's root URL: the base of every absolute address."""
    return str(factories.home_page().get_site().root_url)


@pytest.fixture
def story() -> ArticlePage:
    politics = factories.section("سياسة", slug="politics", intro="أخبار السياسة المحلية")
    article = factories.article(
        politics,
        "الحكومة تقر خطة لتحديث شبكات المياه",
        slug="water-plan",
        standfirst="الخطة تمتد خمس سنوات.",
        dateline="عمّان",
        wire_credit="رويترز",
        published_at=datetime(2025, 1, 5, 20, 51, tzinfo=ZoneInfo("UTC")),
        updated_at=datetime(2025, 1, 5, 22, 0, tzinfo=ZoneInfo("UTC")),
        sources=[("منصة مزيج", ""), ("صحيفة المرصد", "https://example.com/story")],
        tags=["مياه", "حكومة"],
    )
    article.authors.add(Author.objects.create(name="سلمى خالد"),
                        Author.objects.create(name="عمر ناصر"))
    article.save_revision().publish()
    return article


def test_the_article_page_describes_itself_as_a_news_article(
    client: Client, story, root: str
) -> None:
    [article] = json_ld(fetch(client, story.url))["NewsArticle"]
    address = f"{root}/politics/water-plan/"

    assert article["headline"] == "الحكومة تقر خطة لتحديث شبكات المياه"
    assert article["description"] == "الخطة تمتد خمس سنوات."
    # 20:51 UTC is 23:51 in Amman, the site's display zone; the update is 22:00 UTC.
    assert article["datePublished"] == "2025-01-05T23:51:00+03:00"
    assert article["dateModified"] == "2025-01-06T01:00:00+03:00"
    pages = {name: f"{root}/author/{quote(name.replace(' ', '-'))}/"
             for name in ("سلمى خالد", "عمر ناصر")}
    assert article["author"] == [
        {"@type": "Person", "@id": pages[name] + "#person", "name": name, "url": pages[name]}
        for name in ("سلمى خالد", "عمر ناصر")
    ]
    assert article["articleSection"] == "سياسة"
    assert sorted(article["keywords"]) == ["حكومة", "مياه"]
    assert article["inLanguage"] == "ar"
    assert article["isAccessibleForFree"] is True
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": address}
    assert article["citation"] == [
        {"@type": "CreativeWork", "name": "منصة مزيج"},
        {"@type": "CreativeWork", "name": "صحيفة المرصد", "url": "https://example.com/story"},
    ]
    assert article["sourceOrganization"]["name"] == "رويترز"
    assert "image" not in article


def test_the_publisher_is_the_site_with_an_absolute_logo(client: Client, story, root: str) -> None:
    [article] = json_ld(fetch(client, story.url))["NewsArticle"]

    publisher = article["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "نشرة"
    assert publisher["logo"] == {
        "@type": "ImageObject", "url": f"{root}/static/logo.png", "width": 600, "height": 60,
    }
    with PILImage.open(finders.find("logo.png")) as logo:
        assert logo.size == (600, 60)


def test_without_authors_the_newsroom_is_the_author(client: Client) -> None:
    article = factories.article(factories.section())

    [data] = json_ld(fetch(client, article.url))["NewsArticle"]
    assert [(author["@type"], author["name"]) for author in data["author"]] == [
        ("NewsMediaOrganization", "نشرة"),
    ]


def test_without_an_update_date_modified_is_the_last_publication(client: Client) -> None:
    article = factories.article(factories.section())
    article.refresh_from_db()
    last = article.last_published_at.astimezone(ZoneInfo("Asia/Amman"))

    [data] = json_ld(fetch(client, article.url))["NewsArticle"]
    assert datetime.fromisoformat(data["dateModified"]) == last.replace(microsecond=0)
    assert data["dateModified"].endswith("+03:00")


def test_breadcrumbs_lead_from_home_through_the_section_to_the_article(
    client: Client, story, root: str
) -> None:
    [trail] = json_ld(fetch(client, story.url))["BreadcrumbList"]

    items = trail["itemListElement"]
    assert [(item["position"], item["name"], item["item"]) for item in items] == [
        (1, "الرئيسية", f"{root}/"),
        (2, "سياسة", f"{root}/politics/"),
        (3, story.title, f"{root}/politics/water-plan/"),
    ]


def test_a_lead_image_is_shared_as_an_absolute_jpeg_rendition(client: Client, root: str) -> None:
    article = factories.article(factories.section(), lead_image=photo())

    html = fetch(client, article.url)
    image, wide = json_ld(html)["NewsArticle"][0]["image"]
    assert image["url"].startswith(f"{root}/media/renditions/") and image["url"].endswith(".jpg")
    assert (image["width"], image["height"]) == (1200, 630)
    assert (wide["width"], wide["height"]) == (1600, 900)
    card = open_graph(html)
    assert card["og:image"] == [image["url"]]
    assert card["og:image:width"] == ["1200"]
    assert twitter(html)["twitter:card"] == "summary_large_image"


def test_a_headline_cannot_break_out_of_the_json_ld_script(client: Client) -> None:
    headline = 'خبر </script><script>alert(1)</script> <!-- & "اقتباس"'
    article = factories.article(factories.section(), headline, standfirst="</SCRIPT>")

    html = fetch(client, article.url)
    found = json_ld(html)
    assert len(found["NewsArticle"]) == 1 and len(found["BreadcrumbList"]) == 1
    assert found["NewsArticle"][0]["headline"] == headline
    assert found["NewsArticle"][0]["description"] == "</SCRIPT>"
    scripts = BeautifulSoup(html, "html.parser").select("script")
    assert [s.get("type") for s in scripts if not s.get("src")] == ["application/ld+json"] * 2
    for script in scripts:
        if script.get("type") == "application/ld+json":
            assert json.loads(script.string)["@context"] == "https://schema.org"


def test_the_home_page_describes_the_site_and_the_newsroom(client: Client, root: str) -> None:
    settings_row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.telegram_url = "https://t.me/nashra"
    settings_row.x_url = "https://x.com/nashra"
    settings_row.save()

    found = json_ld(fetch(client, "/"))
    [website] = found["WebSite"]
    [newsroom] = found["NewsMediaOrganization"]
    assert website["url"] == f"{root}/" and website["inLanguage"] == "ar"
    assert website["publisher"] == {"@id": newsroom["@id"]}
    assert website["potentialAction"]["target"]["urlTemplate"] == (
        f"{root}/search/?q={{search_term_string}}"
    )
    assert newsroom["name"] == "نشرة"
    assert newsroom["logo"]["url"] == f"{root}/static/logo.png"
    assert newsroom["sameAs"] == ["https://x.com/nashra", "https://t.me/nashra"]


def test_an_article_has_an_article_card(client: Client, story, root: str) -> None:
    html = fetch(client, story.url)
    card = open_graph(html)

    assert card["og:type"] == ["article"]
    assert card["og:site_name"] == ["نشرة"]
    assert card["og:locale"] == ["ar_AR"]
    assert card["og:title"] == [story.title]
    assert card["og:description"] == ["الخطة تمتد خمس سنوات."]
    assert card["og:url"] == canonical(html) == [f"{root}/politics/water-plan/"]
    assert card["og:image"] == [f"{root}/static/logo.png"]
    assert card["article:published_time"] == ["2025-01-05T23:51:00+03:00"]
    assert card["article:modified_time"] == ["2025-01-06T01:00:00+03:00"]
    assert card["article:section"] == ["سياسة"]
    assert sorted(card["article:tag"]) == ["حكومة", "مياه"]
    assert twitter(html) == {
        "twitter:card": "summary",
        "twitter:title": story.title,
        "twitter:image": f"{root}/static/logo.png",
        "twitter:description": "الخطة تمتد خمس سنوات.",
    }


def test_home_section_and_tag_pages_have_website_cards(client: Client, story, root: str) -> None:
    home = open_graph(fetch(client, "/"))
    section = open_graph(fetch(client, "/politics/"))
    tag = open_graph(fetch(client, "/tag/مياه/"))

    assert home["og:type"] == section["og:type"] == tag["og:type"] == ["website"]
    assert home["og:title"] == ["نشرة"] and home["og:url"] == [f"{root}/"]
    assert section["og:title"] == ["سياسة"]
    assert section["og:description"] == ["أخبار السياسة المحلية"]
    assert tag["og:title"] == ["وسم: مياه"]
    assert tag["og:url"] == [f"{root}/tag/%D9%85%D9%8A%D8%A7%D9%87/"]
    for card in (home, section, tag):
        assert card["og:image"] == [f"{root}/static/logo.png"]
        assert "article:section" not in card


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("/", "/"),
        ("/politics/?utm_source=newsletter", "/politics/"),
        ("/politics/water-plan/?fbclid=abc", "/politics/water-plan/"),
        ("/tag/مياه/?utm_medium=x", "/tag/%D9%85%D9%8A%D8%A7%D9%87/"),
        ("/search/?q=مياه&utm_source=x", "/search/?q=%D9%85%D9%8A%D8%A7%D9%87"),
    ],
)
def test_every_reader_page_has_one_absolute_canonical_address(
    client: Client, story, root: str, address: str, expected: str
) -> None:
    assert canonical(fetch(client, address)) == [root + expected]


def test_a_later_page_of_a_list_is_its_own_canonical_address(
    client: Client, story, monkeypatch, root: str
) -> None:
    monkeypatch.setattr("nashra.newsroom.models.SECTION_PAGE_SIZE", 1)
    factories.article(story.get_parent().specific, "خبر أقدم", slug="older")

    assert canonical(fetch(client, "/politics/?page=2&ref=x")) == [f"{root}/politics/?page=2"]
    assert canonical(fetch(client, "/politics/?ref=x")) == [f"{root}/politics/"]
    # The first page has one address only: page=1 and junk are not pages of the list.
    assert client.get("/politics/?page=1").status_code == 404
    assert client.get("/politics/?page=junk").status_code == 404


def test_a_missing_page_claims_no_canonical_address(client: Client) -> None:
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert canonical(response.content.decode()) == []


def test_the_copy_link_button_waits_for_its_script(client: Client, story, root: str) -> None:
    soup = BeautifulSoup(fetch(client, story.url), "html.parser")

    button = soup.select_one('.share-links button.share-copy[data-network="copy"]')
    assert button["type"] == "button"
    assert button["data-url"] == f"{root}/politics/water-plan/"
    assert button.get_text(strip=True) == "نسخ الرابط"
    assert button["data-copied"] == "تم النسخ"
    # Without JavaScript the control would do nothing, so it starts hidden.
    assert button.find_parent(attrs={"hidden": True}) is not None
    assert soup.select_one(".share-links [aria-live=polite]") is not None
    script = soup.select_one('script[src$="js/share.js"]')
    assert script is not None and script.has_attr("defer")
    assert finders.find("js/share.js") is not None


def test_an_illustrated_article_with_authors_stays_within_the_query_budget(
    client: Client, story, django_assert_max_num_queries
) -> None:
    story.lead_image = photo()
    story.save_revision().publish()
    client.get(story.url)  # a warm process, as in production

    with django_assert_max_num_queries(15):
        response = client.get(story.url)
    assert response.status_code == 200


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_copy_button_copies_the_address_and_says_so(
    live_server, browser, tab, root: str
) -> None:
    article = factories.article(factories.section("سياسة", slug="politics"), slug="copied")
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    tab.goto(live_server.url + article.url)
    tab.locator("button.share-copy").click()
    status = tab.locator(".share-links [aria-live=polite]")
    status.filter(has_text="تم النسخ").wait_for()
    assert tab.evaluate("navigator.clipboard.readText()") == f"{root}/politics/copied/"

    without_script = browser.new_context(java_script_enabled=False)
    try:
        plain = without_script.new_page()
        plain.goto(live_server.url + article.url)
        assert not plain.locator("button.share-copy").is_visible()
        assert plain.locator(".share-links a[data-network]").count() == 4
    finally:
        without_script.close()
