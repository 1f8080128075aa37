from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import pytest
from defusedxml.ElementTree import fromstring
from django.test import Client
from django.utils import timezone

from nashra.newsroom import factories
from nashra.newsroom.sitemaps import NewsSitemap

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def xml_of(client: Client, url: str) -> Element:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/xml")
    return fromstring(response.content)


def locations(urlset: Element) -> list[str]:
    return [url.findtext(f"{SITEMAP}loc") for url in urlset.findall(f"{SITEMAP}url")]


def paths(urlset: Element) -> list[str]:
    return [urlsplit(location).path for location in locations(urlset)]


def is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def news_entries(client: Client) -> list[Element]:
    urlset = xml_of(client, "/sitemap-news.xml")
    assert urlset.tag == f"{SITEMAP}urlset"
    return urlset.findall(f"{SITEMAP}url")


def test_the_sitemap_index_points_to_the_page_news_and_author_sitemaps(client: Client) -> None:
    factories.article(factories.section())

    index = xml_of(client, "/sitemap.xml")

    assert index.tag == f"{SITEMAP}sitemapindex"
    listed = [entry.findtext(f"{SITEMAP}loc") for entry in index.findall(f"{SITEMAP}sitemap")]
    assert all(is_absolute(location) for location in listed)
    assert sorted(urlsplit(location).path for location in listed) == [
        "/sitemap-authors.xml",
        "/sitemap-news.xml",
        "/sitemap-pages.xml",
    ]
    for location in listed:
        assert client.get(urlsplit(location).path).status_code == 200


def test_the_page_sitemap_lists_every_published_page(client: Client) -> None:
    economy = factories.section("اقتصاد", slug="economy")
    story = factories.article(economy, "البورصة ترتفع")
    draft = factories.article(economy, "مسودة", live=False)

    urlset = xml_of(client, "/sitemap-pages.xml")

    assert all(is_absolute(location) for location in locations(urlset))
    assert {"/", economy.url, story.url} <= set(paths(urlset))
    assert draft.url not in paths(urlset)


def test_the_news_sitemap_names_the_publication_in_arabic(client: Client) -> None:
    story = factories.article(factories.section(), "قمة عربية في الدوحة")

    [entry] = news_entries(client)

    location = entry.findtext(f"{SITEMAP}loc")
    assert is_absolute(location) and urlsplit(location).path == story.url
    news = entry.find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "نشرة"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "ar"
    assert news.findtext(f"{NEWS}title") == "قمة عربية في الدوحة"
    published = datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert published.utcoffset() is not None
    assert published == story.first_published_at.replace(microsecond=0)


def test_the_news_sitemap_leaves_out_stories_older_than_48_hours(client: Client) -> None:
    now = timezone.now()
    politics = factories.section()
    factories.article(politics, "خبر الأمس", published_at=now - timedelta(hours=20))
    factories.article(politics, "خبر قبل يومين وساعتين", published_at=now - timedelta(hours=50))

    titles = [entry.findtext(f"{NEWS}news/{NEWS}title") for entry in news_entries(client)]

    assert titles == ["خبر الأمس"]


def test_the_news_sitemap_leaves_out_unpublished_stories(client: Client) -> None:
    politics = factories.section()
    factories.article(politics, "خبر منشور")
    factories.article(politics, "مسودة", live=False)
    withdrawn = factories.article(politics, "خبر سُحب")
    withdrawn.unpublish()

    titles = [entry.findtext(f"{NEWS}news/{NEWS}title") for entry in news_entries(client)]

    assert titles == ["خبر منشور"]


def test_the_news_sitemap_keeps_only_the_newest_stories_up_to_its_limit(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert NewsSitemap.limit == 1000
    monkeypatch.setattr(NewsSitemap, "limit", 2)
    now = timezone.now()
    politics = factories.section()
    for hours in (3, 1, 2):
        factories.article(politics, f"قبل {hours} ساعات", published_at=now - timedelta(hours=hours))

    titles = [entry.findtext(f"{NEWS}news/{NEWS}title") for entry in news_entries(client)]

    assert titles == ["قبل 1 ساعات", "قبل 2 ساعات"]
    index = xml_of(client, "/sitemap.xml")
    listed = [entry.findtext(f"{SITEMAP}loc") for entry in index.findall(f"{SITEMAP}sitemap")]
    assert len([location for location in listed if "sitemap-news" in location]) == 1


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_search_and_names_the_sitemaps(
    client: Client,
) -> None:
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert {line for line in lines if line.startswith("Disallow:")} == {
        "Disallow: /admin/",
        "Disallow: /search/",
    }
    sitemaps = [line.removeprefix("Sitemap: ") for line in lines if line.startswith("Sitemap:")]
    assert all(is_absolute(address) for address in sitemaps)
    assert [urlsplit(address).path for address in sitemaps] == [
        "/sitemap.xml",
        "/sitemap-news.xml",
    ]
