"""Authors and columnists: their pages, feeds and sitemap, and opinion told apart from news."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from defusedxml.ElementTree import fromstring
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from nashra.newsroom import factories
from nashra.newsroom.authors import Author, Column
from nashra.newsroom.models import ArticlePage, ReadAlsoLink
from nashra.newsroom.tests.test_structured_data import json_ld
from nashra.pictures import factories as picture_factories

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def page_of(client: Client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def written_by(section: Any, authors: list[Author], title: str, hours: int, **fields: Any) -> Any:
    story = factories.article(
        section, title, published_at=timezone.now() - timedelta(hours=hours), **fields
    )
    story.authors.set(authors)
    story.save_revision().publish()
    return ArticlePage.objects.get(pk=story.pk)


@pytest.fixture
def newsroom() -> dict[str, Any]:
    politics = factories.section("سياسة", slug="politics")
    opinion = factories.section("رأي", slug="opinion")
    reporter = Author.objects.create(name="سلمى خالد", job_title="مراسلة برلمانية",
                                     bio="تغطي جلسات البرلمان منذ عشر سنوات.")
    guest = Author.objects.create(name="د. عمر ناصر", guest=True, website="https://example.com/o")
    columnist = Author.objects.create(
        name="ليلى العمري",
        bio="كاتبة عمود أسبوعي عن المدرسة والحي.",
        x_url="https://x.com/layla",
        photo=picture_factories.picture("city", seed=3, alt="ليلى العمري"),
    )
    column = Column.objects.create(title="على الهامش", writer=columnist)
    news = written_by(politics, [reporter, guest], "البرلمان يقر قانون البلديات", 3)
    older = written_by(politics, [reporter], "البرلمان يناقش قانون البلديات", 30)
    piece = written_by(opinion, [columnist], "المدرسة التي نريدها", 2, column=column)
    earlier_piece = written_by(opinion, [columnist], "مكتبات الأحياء", 50, column=column)
    return {"reporter": reporter, "guest": guest, "columnist": columnist, "column": column,
            "news": news, "older": older, "piece": piece, "earlier_piece": earlier_piece,
            "politics": politics, "opinion": opinion}


def test_every_author_gets_an_address_of_their_own(newsroom: dict[str, Any]) -> None:
    twin = Author.objects.create(name="سلمى  خالد")  # the same slug once made
    assert newsroom["reporter"].slug == "سلمى-خالد"
    assert twin.slug == "سلمى-خالد-2"
    assert newsroom["guest"].account is None and newsroom["guest"].guest


def test_a_story_links_each_of_its_authors_to_their_page(
    client: Client, newsroom: dict[str, Any]
) -> None:
    page = page_of(client, newsroom["news"].url)

    links = page.select(".article-authors a.article-author")
    authors = sorted([newsroom["guest"], newsroom["reporter"]], key=lambda author: author.name)
    assert [(link.get_text(), link["href"]) for link in links] == [
        (author.name, iri_to_uri(f"/author/{author.slug}/")) for author in authors
    ]


def test_an_author_page_shows_who_they_are_and_their_stories_newest_first(
    client: Client, newsroom: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    reporter = newsroom["reporter"]
    page = page_of(client, reporter.get_absolute_url())

    assert page.select_one("h1.author-name").get_text() == reporter.name
    assert page.select_one(".author-role").get_text() == "مراسلة برلمانية"
    assert "تغطي جلسات البرلمان" in page.select_one(".author-bio").get_text()
    titles = [link.get_text() for link in page.select(".article-card a.article-card-link")]
    assert titles == ["البرلمان يقر قانون البلديات", "البرلمان يناقش قانون البلديات"]

    monkeypatch.setattr("nashra.newsroom.models.SECTION_PAGE_SIZE", 1)
    second = page_of(client, reporter.get_absolute_url() + "?page=2")
    assert [link.get_text() for link in second.select("a.article-card-link")] == [
        "البرلمان يناقش قانون البلديات"
    ]
    assert client.get(reporter.get_absolute_url() + "?page=3").status_code == 404


def test_a_guest_and_a_columnist_show_what_they_are(
    client: Client, newsroom: dict[str, Any]
) -> None:
    guest = page_of(client, newsroom["guest"].get_absolute_url())
    columnist = page_of(client, newsroom["columnist"].get_absolute_url())

    assert guest.select_one(".author-guest").get_text() == "كاتب ضيف"
    assert guest.select_one('.author-links a[href="https://example.com/o"]') is not None
    assert "على الهامش" in columnist.select_one(".author-column").get_text()
    assert columnist.select_one(".author-photo img")["alt"] == "ليلى العمري"


def test_an_unknown_author_is_not_found(client: Client, newsroom: dict[str, Any]) -> None:
    assert client.get("/author/no-such-writer/").status_code == 404
    assert client.get("/author/no-such-writer/feed/").status_code == 404


def test_the_author_page_describes_a_person_the_story_names_as_its_author(
    client: Client, newsroom: dict[str, Any]
) -> None:
    reporter = newsroom["reporter"]
    [profile] = json_ld(client.get(reporter.get_absolute_url()).content.decode())["ProfilePage"]
    [story] = json_ld(client.get(newsroom["news"].url).content.decode())["NewsArticle"]

    person = profile["mainEntity"]
    assert (person["@type"], person["name"], person["jobTitle"]) == (
        "Person", reporter.name, "مراسلة برلمانية",
    )
    assert urlsplit(person["url"]).path == iri_to_uri(reporter.get_absolute_url())
    assert person["@id"] in {author["@id"] for author in story["author"]}
    assert "worksFor" in person


def test_each_author_has_a_feed_of_their_own_stories(
    client: Client, newsroom: dict[str, Any]
) -> None:
    address = newsroom["reporter"].get_absolute_url()
    page = page_of(client, address)
    feed_link = page.select_one('link[rel=alternate][type="application/rss+xml"][href*="/author/"]')

    rss = feedparser.parse(client.get(feed_link["href"]).content)
    atom = feedparser.parse(client.get(address + "feed/atom/").content)

    assert not rss.bozo and not atom.bozo
    for feed in (rss, atom):
        assert [item.title for item in feed.entries] == [
            "البرلمان يقر قانون البلديات", "البرلمان يناقش قانون البلديات",
        ]


def test_the_sitemap_lists_every_author_who_wrote_and_the_columnists_page(
    client: Client, newsroom: dict[str, Any]
) -> None:
    Author.objects.create(name="كاتب لم ينشر شيئاً")

    urlset = fromstring(client.get("/sitemap-authors.xml").content)

    paths = {urlsplit(entry.findtext(f"{SITEMAP}loc")).path
             for entry in urlset.findall(f"{SITEMAP}url")}
    expected = {iri_to_uri(newsroom[name].get_absolute_url())
                for name in ("reporter", "guest", "columnist")}
    assert paths == expected | {"/columnists/"}


def test_the_columnists_page_lists_each_column_with_its_latest_piece(
    client: Client, newsroom: dict[str, Any]
) -> None:
    other = Author.objects.create(name="مازن القيسي")
    sports = Column.objects.create(title="من المدرج", writer=other)
    written_by(newsroom["opinion"], [other], "الدوري يحتاج ملاعب", 20, column=sports)
    Column.objects.create(title="عمود جديد", writer=Author.objects.create(name="كاتب جديد"))

    page = page_of(client, "/columnists/")

    listed = page.select(".columnist")
    assert [item.select_one(".columnist-name").get_text() for item in listed] == [
        "ليلى العمري", "مازن القيسي", "كاتب جديد",
    ]
    assert listed[0].select_one(".columnist-latest a").get_text() == "المدرسة التي نريدها"
    assert listed[1].select_one(".columnist-latest a").get_text() == "الدوري يحتاج ملاعب"
    assert listed[2].select_one(".columnist-latest a") is None
    assert page.select_one("h1").get_text() == "كتّاب الرأي"


def test_opinion_is_labelled_on_its_page_and_on_every_card(
    client: Client, newsroom: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    piece, news = newsroom["piece"], newsroom["news"]
    with django_capture_on_commit_callbacks(execute=True):
        news.read_also_links = [ReadAlsoLink(target=piece, sort_order=0)]
        news.save_revision().publish()

    story = page_of(client, piece.url)
    assert story.select_one(".article-header .opinion-label").get_text().startswith("رأي")
    assert story.select_one(".article-header .article-column").get_text() == "على الهامش"
    assert page_of(client, news.url).select_one(".article-header .opinion-label") is None

    def labelled(path: str, story: ArticlePage) -> bool:
        card = page_of(client, path).select_one(f'.article-card[data-article-id="{story.pk}"]')
        assert card is not None, path
        return card.select_one(".opinion-label") is not None

    for path in ("/", "/opinion/", newsroom["columnist"].get_absolute_url()):
        assert labelled(path, piece), path
    assert not labelled("/politics/", news)
    read_also = page_of(client, news.url).select_one("section.read-also a.read-also-link")
    assert read_also.select_one(".opinion-label").get_text() == "رأي"


def test_opinion_is_typed_as_such_and_kept_out_of_the_news_sitemap(
    client: Client, newsroom: dict[str, Any]
) -> None:
    [piece] = json_ld(client.get(newsroom["piece"].url).content.decode())["OpinionNewsArticle"]
    [news] = json_ld(client.get(newsroom["news"].url).content.decode())["NewsArticle"]

    assert piece["headline"] == "المدرسة التي نريدها"
    assert news["headline"] == "البرلمان يقر قانون البلديات"
    urlset = fromstring(client.get("/sitemap-news.xml").content)
    listed = {urlsplit(entry.findtext(f"{SITEMAP}loc")).path
              for entry in urlset.findall(f"{SITEMAP}url")}
    assert iri_to_uri(newsroom["news"].url) in listed
    assert iri_to_uri(newsroom["piece"].url) not in listed


def test_the_api_says_who_wrote_a_story_and_whether_it_is_opinion(
    client: Client, newsroom: dict[str, Any]
) -> None:
    piece = client.get(f"/api/v2/articles/{newsroom['piece'].pk}/").json()
    news = client.get(f"/api/v2/articles/{newsroom['news'].pk}/").json()

    assert (piece["opinion"], piece["column"]["title"]) == (True, "على الهامش")
    assert (news["opinion"], news["column"]) == (False, None)
    assert {(author["name"], author["guest"]) for author in news["authors"]} == {
        ("سلمى خالد", False), ("د. عمر ناصر", True),
    }
    assert all(urlsplit(author["url"]).path.startswith("/author/") for author in news["authors"])


def test_changing_an_author_refreshes_their_page_and_their_stories(
    client: Client, newsroom: dict[str, Any], settings: Any, tmp_path: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.PAGE_CACHE_SECONDS = 600
    settings.VAR_DIR = tmp_path  # stamps of this test only
    reporter = newsroom["reporter"]
    for path in (reporter.get_absolute_url(), newsroom["news"].url):
        client.get(path)
        assert client.get(path)["Nashra-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        reporter.name = "سلمى خالد العلي"
        reporter.save()

    assert "سلمى خالد العلي" in page_of(client, reporter.get_absolute_url()).get_text()
    assert "سلمى خالد العلي" in page_of(client, newsroom["news"].url).get_text()


def test_a_piece_published_in_a_column_is_signed_by_the_columns_writer(
    client: Client, newsroom: dict[str, Any], moderator: Any
) -> None:
    client.force_login(moderator)  # moderators publish (editors submit)
    opinion = newsroom["opinion"]
    add = reverse("wagtailadmin_pages:add", args=("newsroom", "articlepage", opinion.pk))
    form = nested_form_data({
        "title": "الحي الذي نسكنه",
        "slug": "our-neighbourhood",
        "body": streamfield([("paragraph", rich_text("<p>عن الحي وناسه.</p>"))]),
        "sources": inline_formset([]),
        "read_also_links": inline_formset([]),
        "column": newsroom["column"].pk,
        "comments_open": "on",
        "action-publish": "action-publish",
    })
    form["authors"] = [newsroom["guest"].pk]  # one field, repeated: not nested

    response = client.post(add, form)

    assert response.status_code == 302, response.content.decode()[:3000]
    piece = ArticlePage.objects.get(slug="our-neighbourhood")
    assert piece.live and piece.is_opinion
    assert {author.name for author in piece.authors.all()} == {"د. عمر ناصر", "ليلى العمري"}


def test_an_author_link_that_is_not_a_web_page_is_never_shown(
    client: Client, newsroom: dict[str, Any]
) -> None:
    guest = newsroom["guest"]
    # update() skips the field's own check, as a bulk import might.
    Author.objects.filter(pk=guest.pk).update(website=" JaVa\tScRiPt:alert(1)")

    page = page_of(client, guest.get_absolute_url())

    assert page.select_one(".author-links") is None
    assert "alert(1)" not in page.decode()
