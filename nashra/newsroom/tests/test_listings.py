from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from nashra.newsroom import factories
from nashra.newsroom.models import SECTION_PAGE_SIZE

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def card_titles(page: BeautifulSoup, scope: str = "") -> list[str]:
    return [a.get_text() for a in page.select(f"{scope} .article-card a.article-card-link")]


def test_home_leads_with_the_newest_story_and_lists_each_section(client: Client) -> None:
    now = timezone.now()
    politics = factories.section("سياسة", slug="politics")
    sport = factories.section("رياضة", slug="sports")
    factories.article(politics, "خبر سياسي أقدم", published_at=now - timedelta(hours=5))
    factories.article(sport, "نتيجة المباراة النهائية", published_at=now - timedelta(hours=1))

    page = soup_of(client.get("/"))

    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    assert card_titles(page, ".lead-story") == ["نتيجة المباراة النهائية"]
    assert [a.get_text() for a in page.select("nav.site-nav a")] == ["الرئيسية", "سياسة", "رياضة"]
    blocks = {
        block.h2.get_text(strip=True): card_titles(block)
        for block in page.select("section.section-block")
    }
    assert blocks == {"سياسة": ["خبر سياسي أقدم"], "رياضة": ["نتيجة المباراة النهائية"]}
    for card in page.select(".article-card"):
        assert card["data-article-id"] and card.select_one("time[datetime]")


def test_the_breaking_ticker_shows_only_live_breaking_stories(client: Client) -> None:
    politics = factories.section()
    factories.article(politics, "خبر عادي")
    assert soup_of(client.get("/")).select_one(".breaking-ticker") is None

    factories.article(politics, "انفجار في مرفأ المدينة", breaking=True)
    factories.article(politics, "عاجل لم يُنشر بعد", breaking=True, live=False)

    ticker = soup_of(client.get("/")).select_one(".breaking-ticker")
    assert [a.get_text() for a in ticker.select("a")] == ["انفجار في مرفأ المدينة"]


def test_a_section_pages_its_stories_newest_first(client: Client) -> None:
    now = timezone.now()
    economy = factories.section("اقتصاد", slug="economy")
    other = factories.section("رياضة", slug="sports")
    for number in range(SECTION_PAGE_SIZE + 3):
        factories.article(
            economy, f"خبر اقتصادي رقم {number}", published_at=now - timedelta(hours=number)
        )
    factories.article(other, "خبر من قسم آخر")

    first = soup_of(client.get("/economy/"))
    assert first.h1.get_text() == "اقتصاد"
    titles = card_titles(first, ".article-list")
    assert len(titles) == SECTION_PAGE_SIZE
    assert titles[0] == "خبر اقتصادي رقم 0"
    assert first.select_one(".pagination a[rel=prev]") is None
    next_link = first.select_one(".pagination a[rel=next]")["href"]

    second = soup_of(client.get("/economy/" + next_link))
    assert card_titles(second, ".article-list") == [
        f"خبر اقتصادي رقم {number}" for number in range(SECTION_PAGE_SIZE, SECTION_PAGE_SIZE + 3)
    ]
    # The first page has one address, without a page number.
    assert "page=" not in second.select_one(".pagination a[rel=prev]")["href"]
    assert second.select_one(".pagination a[rel=next]") is None


@pytest.mark.parametrize(
    "query", ["page=abc", "page=99999", "page=2", "page=0", "page=01", "page=1", "page=-1",
              "page=1e3", "page=2&page=3", "page="],
)  # fmt: skip
def test_a_page_number_that_is_not_one_of_the_listings_pages_is_not_found(
    client: Client, query: str
) -> None:
    # Every address of a listing that is not its own would be rendered and kept anew.
    factories.article(factories.section("اقتصاد", slug="economy"))

    response = client.get(f"/economy/?{query}")

    assert response.status_code == 404
    assert "lang=\"ar\"" in response.content.decode()


def test_a_tag_page_lists_the_published_stories_with_that_tag(client: Client) -> None:
    politics = factories.section()
    factories.article(politics, "قمة عربية في الدوحة", tags=["القمة العربية"])
    factories.article(politics, "خبر آخر", tags=["الطقس"])
    factories.article(politics, "قمة لم تُنشر", tags=["القمة العربية"], live=False)

    tag_page = soup_of(client.get("/tag/القمة-العربية/"))

    assert card_titles(tag_page, ".article-list") == ["قمة عربية في الدوحة"]
    assert "القمة العربية" in tag_page.h1.get_text()


def test_an_unknown_tag_is_an_arabic_404(client: Client) -> None:
    response = client.get("/tag/no-such-tag/")

    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "ar"
    assert page.h1.get_text() == "الصفحة غير موجودة"


def test_search_finds_published_stories_and_says_so_when_nothing_matches(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    # The search index is updated when the publishing transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        politics = factories.section()
        factories.article(politics, "البرلمان يقر الموازنة العامة")

    found = soup_of(client.get("/search/", {"q": "الموازنة"}))
    assert card_titles(found, ".search-results") == ["البرلمان يقر الموازنة العامة"]
    assert found.select_one("form.site-search input[name=q]")["value"] == "الموازنة"

    empty = soup_of(client.get("/search/", {"q": "كلمةغيرموجودة"}))
    assert empty.select_one(".search-empty") is not None
