"""The reader's search page: results, highlighting, filters, order, paging, bad input."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db


def soup_of(response: Any) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def result_ids(page: BeautifulSoup) -> list[int]:
    return [int(card["data-article-id"]) for card in page.select(".search-results .article-card")]


def test_a_query_without_hamza_highlights_the_word_as_written(
    client: Client, newsroom: dict[str, Any]
) -> None:
    page = soup_of(client.get("/search/", {"q": "الاسد"}))

    lion = newsroom["lion"].pk
    card = page.select_one(f'.search-results .article-card[data-article-id="{lion}"]')
    marks = {mark.get_text() for mark in card.select("mark")}
    assert {"الأسد", "الأسدَ"} <= marks
    assert card.select_one("a.article-card-link").get_text() == newsroom["lion"].title


def test_a_stemmed_match_is_highlighted_with_its_clitics(
    client: Client, newsroom: dict[str, Any]
) -> None:
    page = soup_of(client.get("/search/", {"q": "حكومات"}))

    marks = [mark.get_text() for mark in page.select(".search-results .article-card mark")]
    assert "الحكومة" in marks


def test_the_query_stays_in_the_search_box(client: Client, newsroom: dict[str, Any]) -> None:
    page = soup_of(client.get("/search/", {"q": "وزير الخارجية"}))

    assert page.select_one("form.site-search input[name=q]")["value"] == "وزير الخارجية"


def test_an_exact_headline_match_outranks_a_stemmed_body_match(
    client: Client, newsroom: dict[str, Any]
) -> None:
    ids = result_ids(soup_of(client.get("/search/", {"q": "الحكومة"})))

    assert ids[0] == newsroom["water-plan"].pk
    assert newsroom["hospital"].pk in ids  # الحكومية, by stem


def test_no_results_shows_the_arabic_empty_state(client: Client, newsroom: dict[str, Any]) -> None:
    page = soup_of(client.get("/search/", {"q": "القدس"}))

    assert not page.select(".search-results .article-card")
    assert "لا توجد نتائج" in page.select_one(".search-empty").get_text()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "ا" * 5000,
        "الحكومة " * 1000,
        "؟!.,:;«»()[]{}",
        '"',
        '"""',
        "'; DROP TABLE nashra_search_searchentry; --",
        "الحكومة OR 1=1",
        "NEAR(الحكومة حلب)",
        "حلب*",
        "^الحكومة",
        "{headline_exact}: حلب",
        "AND OR NOT",
        "-",
        "-الحكومة",
        "\x00حلب",
        "%_%",
        "\\",
    ],
)
def test_a_bad_query_gets_a_normal_page(
    client: Client, newsroom: dict[str, Any], query: str
) -> None:
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("form.site-search input[name=q]") is not None


def test_an_exclusion_alone_finds_nothing(client: Client, newsroom: dict[str, Any]) -> None:
    page = soup_of(client.get("/search/", {"q": "-الحكومة"}))

    assert page.select_one(".search-empty")


def test_bad_filter_values_are_ignored(client: Client, newsroom: dict[str, Any]) -> None:
    page = soup_of(
        client.get(
            "/search/",
            {"q": "الحكومة", "section": "nowhere", "since": "yesterday", "sort": "x"},
        )
    )

    assert newsroom["water-plan"].pk in result_ids(page)


def test_the_section_filter_keeps_only_that_section(
    client: Client, newsroom: dict[str, Any]
) -> None:
    ids = result_ids(soup_of(client.get("/search/", {"q": "الحكومة", "section": "search-economy"})))

    assert newsroom["water-plan"].pk in ids
    assert newsroom["lebanon-shelter"].pk not in ids  # politics


def test_the_date_range_keeps_only_stories_published_in_it(
    client: Client, newsroom: dict[str, Any]
) -> None:
    today = timezone.localdate()
    # lion is 5 hours old, erdogan 30 hours, water-plan 60 hours: keep only the day-before range.
    since = (timezone.localtime() - timedelta(hours=80)).date()
    until = (timezone.localtime() - timedelta(hours=50)).date()
    ids = result_ids(
        soup_of(
            client.get(
                "/search/",
                {"q": "الحكومة", "since": since.isoformat(), "until": until.isoformat()},
            )
        )
    )

    assert newsroom["water-plan"].pk in ids
    assert newsroom["lebanon-shelter"].pk not in ids  # 140 hours old
    assert today > until


def test_newest_first_orders_by_publication_time(
    client: Client, newsroom: dict[str, Any]
) -> None:
    ids = result_ids(soup_of(client.get("/search/", {"q": "وزير", "sort": "newest"})))

    order = [newsroom[slug].pk for slug in ("erdogan", "foreign-minister", "agriculture-fair")]
    assert [pk for pk in ids if pk in order] == order


def test_results_are_paged(client: Client, newsroom: dict[str, Any], settings: Any) -> None:
    from nashra.newsroom import models

    size = models.SECTION_PAGE_SIZE
    models.SECTION_PAGE_SIZE = 2
    try:
        first = soup_of(client.get("/search/", {"q": "وزير"}))
        second_url = first.select_one(".pagination a[rel=next]")["href"]
        second = soup_of(client.get("/search/" + second_url))
    finally:
        models.SECTION_PAGE_SIZE = size

    assert len(result_ids(first)) == 2
    assert not set(result_ids(first)) & set(result_ids(second))
    assert "q=" in second_url


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("ا" * 201, "أطول من 200"),
        ("حلب " * 60, "أطول من 200"),
        ("\x00حلب", "رموز غير مرئية"),
        ("حلب\x1b[31m", "رموز غير مرئية"),
        ("\u064e \u064f\u0651", "الحركات وحدها"),
        ("ـــ", "الحركات وحدها"),
        ("في من على", "الكلمات الشائعة"),
        ("هو", "الكلمات الشائعة"),
    ],
)
def test_a_query_that_cannot_be_searched_gets_an_arabic_reason(
    client: Client, newsroom: dict[str, Any], query: str, message: str
) -> None:
    page = soup_of(client.get("/search/", {"q": query}))

    error = page.select_one(".search-error[role=alert]")
    assert error is not None and message in error.get_text()
    assert not page.select(".search-results .article-card")


def test_a_query_of_exactly_the_limit_is_searched(
    client: Client, newsroom: dict[str, Any]
) -> None:
    query = ("الحكومة " * 40)[:200]

    page = soup_of(client.get("/search/", {"q": query}))

    assert page.select_one(".search-error") is None
    assert newsroom["water-plan"].pk in result_ids(page)


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("دمشق", "بدمشق"),  # a clitic glued to the word in the copy
        ("جسر", "جسور"),  # a broken plural in the headline
        ("جسر", "الجسور"),  # and with the article in the standfirst
        ("أعلن", "وأعلن"),
    ],
)
def test_the_variant_that_matched_is_marked(
    client: Client, newsroom: dict[str, Any], query: str, marked: str
) -> None:
    page = soup_of(client.get("/search/", {"q": query}))

    story = newsroom["damascus-bridges"].pk
    card = page.select_one(f'.search-results .article-card[data-article-id="{story}"]')
    assert card is not None
    assert marked in {mark.get_text() for mark in card.select("mark")}
