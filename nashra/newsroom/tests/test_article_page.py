from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nashra.comments.factories import comment_policy
from nashra.newsroom import factories
from nashra.newsroom.models import ReadAlsoLink

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def story():
    politics = factories.section("سياسة", slug="politics")
    related_one = factories.article(politics, "أول خبر ذي صلة", slug="related-one")
    related_two = factories.article(politics, "ثاني خبر ذي صلة", slug="related-two")
    hidden = factories.article(politics, "خبر سُحب من النشر", slug="retracted", live=False)
    article = factories.article(
        politics,
        "مدير المكتب الإعلامي: الزيارة انتهت دون نتائج",
        slug="main-story",
        kicker="خاص",
        standfirst="موجز الخبر في سطر واحد.",
        dateline="سوريا",
        wire_credit="رويترز",
        published_at=datetime(2025, 1, 5, 20, 51, tzinfo=ZoneInfo("UTC")),
        updated_at=datetime(2025, 1, 5, 22, 0, tzinfo=ZoneInfo("UTC")),
        view_count=1148,
        sources=[("منصة مزيج", ""), ("صحيفة المرصد", "https://example.com/story")],
        tags=["سوريا", "روسيا"],
    )
    article.read_also_links = [
        ReadAlsoLink(target=target, sort_order=order)
        for order, target in enumerate([related_two, hidden, related_one])
    ]
    article.save_revision().publish()
    return article


def test_it_shows_every_hook_of_the_article_contract(client: Client, story) -> None:
    comment_policy(close_after_days=0)  # the story is older than the default 30 days
    page = soup_of(client.get(story.url))

    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    article = page.select_one("article.article")
    assert article["data-article-id"] == str(story.pk)
    assert page.select_one("h1.article-headline").get_text(strip=True) == story.title
    assert page.select_one(".article-dateline").get_text(strip=True) == "سوريا"
    assert page.select_one(".article-standfirst").get_text(strip=True) == "موجز الخبر في سطر واحد."
    assert "نص الخبر في فقرته الأولى." in page.select_one(".article-body").get_text()
    assert page.select_one(".article-wire-credit").get_text(strip=True) == "رويترز"
    assert {a.get_text() for a in page.select(".article-tags a")} == {"سوريا", "روسيا"}
    assert page.select_one("a.print-link")["href"] == story.url + "print/"
    views = page.select_one(".views-count")
    assert views["data-article-id"] == str(story.pk) and views["data-count"] == "1148"
    assert {a["data-network"] for a in page.select(".share-links a[data-network]")} == {
        "whatsapp", "telegram", "x", "facebook",
    }
    for hook in [
        "header.site-header", "nav.site-nav a", "form.site-search input[name=q]",
        "footer.site-footer .site-copyright", "section#comments", "#comments .comments-policy",
        "#comments ol.comments-list", "#comments .comments-empty", "form.comment-form",
        ".comment-form .loading-indicator", ".comments-disclaimer", ".captcha-refresh",
    ]:
        assert page.select_one(hook) is not None, hook
    form = page.select_one("form.comment-form")
    names = {field.get("name") for field in form.select("input, textarea")}
    assert {"name", "email", "body", "captcha_0", "captcha_1", "parent"} <= names


def test_it_gives_publication_time_in_iso_and_arabic_with_the_zone(client: Client, story) -> None:
    page = soup_of(client.get(story.url))

    published = page.select_one("time.article-published")
    # 20:51 UTC is 23:51 in Amman (UTC+3), the default display zone.
    assert published["datetime"] == "2025-01-05T23:51:00+03:00"
    assert published.get_text() == "5 كانون الثاني 2025، 11:51 م بتوقيت عمّان"
    assert page.select_one("time.article-updated")["datetime"] == "2025-01-06T01:00:00+03:00"


def test_it_hides_the_update_time_when_there_was_no_update(client: Client) -> None:
    politics = factories.section()
    article = factories.article(politics)

    assert soup_of(client.get(article.url)).select_one("time.article-updated") is None


def test_it_lists_sources_in_order_and_links_those_with_an_address(client: Client, story) -> None:
    lines = soup_of(client.get(story.url)).select(".article-sources > li")

    assert [line.get_text(" ", strip=True) for line in lines] == [
        "المصدر: منصة مزيج",
        "المصدر: صحيفة المرصد",
    ]
    assert lines[0].a is None
    assert lines[1].a["href"] == "https://example.com/story"


def test_read_also_keeps_the_editors_order_and_drops_unpublished_stories(
    client: Client, story
) -> None:
    links = soup_of(client.get(story.url)).select("section.read-also > a.read-also-link")

    assert [link.get_text() for link in links] == ["ثاني خبر ذي صلة", "أول خبر ذي صلة"]


def test_an_article_page_makes_at_most_15_queries(
    client: Client, story, django_assert_max_num_queries
) -> None:
    client.get(story.url)  # a warm process, as in production
    with django_assert_max_num_queries(15):
        response = client.get(story.url)
    assert response.status_code == 200


def test_the_article_page_does_not_depend_on_the_readers_cookies(client: Client, story) -> None:
    client.cookies["sessionid"] = "something"
    client.cookies["csrftoken"] = "x" * 32
    response = client.get(story.url)

    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_the_print_view_shows_the_article_without_navigation(client: Client, story) -> None:
    page = soup_of(client.get(story.url + "print/"))

    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    assert page.select_one("h1.article-headline").get_text(strip=True) == story.title
    assert page.select_one(".article-body") is not None
    assert len(page.select(".article-sources > li")) == 2
    for navigation in ["nav.site-nav", "header.site-header", ".share-links", "#comments",
                       "form.site-search", "section.read-also"]:
        assert page.select_one(navigation) is None, navigation
    assert page.select_one('link[rel=stylesheet][href*="print"]') is not None


def test_an_unpublished_article_is_not_found(client: Client) -> None:
    politics = factories.section()
    draft = factories.article(politics, slug="draft-story", live=False)

    response = client.get(f"{politics.url}{draft.slug}/")
    assert response.status_code == 404


def test_closed_comments_show_no_form(client: Client) -> None:
    article = factories.article(factories.section(), comments_open=False)

    page = soup_of(client.get(article.url))
    assert page.select_one("form.comment-form") is None
    assert page.select_one("#comments .comments-closed") is not None


def test_the_dates_follow_the_sites_month_and_digit_style(client: Client) -> None:
    from wagtail.models import Site

    from nashra.core.models import SiteSettings

    settings_row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.month_style = "egyptian"
    settings_row.digit_style = "eastern"
    settings_row.display_time_zone = "Africa/Cairo"
    settings_row.save()
    article = factories.article(
        factories.section(),
        published_at=datetime(2025, 3, 10, 8, 5, tzinfo=ZoneInfo("UTC")),
        view_count=250,
    )

    page = soup_of(client.get(article.url))
    # Cairo is UTC+2 in March 2025.
    assert page.select_one("time.article-published").get_text() == (
        "١٠ مارس ٢٠٢٥، ١٠:٠٥ ص بتوقيت القاهرة"
    )
    assert page.select_one(".views-count-number").get_text() == "٢٥٠"
