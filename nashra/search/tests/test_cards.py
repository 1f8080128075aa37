"""Found stories and their cards, kept by a worker: the same page, and never a stale one."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nashra.newsroom import factories
from nashra.search.cards import SNIPPET_MARK, TITLE_MARK

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept_on(settings: Any, tmp_path: Any) -> None:
    settings.PAGE_CACHE_SECONDS = 600
    settings.VAR_DIR = tmp_path  # stamps of this test only


def cards_of(client: Client, query: str) -> list[str]:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [str(card) for card in page.select(".search-results .article-card")]


def text_of(card: str) -> str:
    return BeautifulSoup(card, "html.parser").get_text()


def test_kept_cards_are_the_cards_drawn_afresh(
    client: Client, settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        section = factories.section()
        factories.article(section, "الحكومة تقر خطة المياه", standfirst="خطة الحكومة للمياه")
        factories.article(section, "وزير المياه يزور السدود", standfirst="")
        factories.article(section, "المياه في الصيف", standfirst="موسم جاف",
                          body=[("paragraph", "<p>قالت الحكومة إن المياه تكفي.</p>")])
    settings.PAGE_CACHE_SECONDS = 0
    drawn = {query: cards_of(client, query) for query in ("المياه", "الحكومة", "وزير")}
    assert all(len(cards) >= 1 for cards in drawn.values())

    settings.PAGE_CACHE_SECONDS = 600
    settings.VAR_DIR = tmp_path
    # The first asks draw and keep the cards; the later ones assemble them from what
    # was kept, each with its own query's words marked.
    for _round in range(2):
        for query, cards in drawn.items():
            assert cards_of(client, query) == cards


def test_an_edited_headline_shows_at_once_though_its_card_was_kept(
    client: Client, kept_on: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        story = factories.article(factories.section(), "افتتاح جسر الملك في عمان")
    assert "جسر الملك" in text_of(cards_of(client, "جسر")[0])

    story.title = "تأجيل افتتاح جسر الشمال في عمان"
    story.kicker = "بنية تحتية"
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()

    (card,) = map(text_of, cards_of(client, "جسر"))
    assert "جسر الشمال" in card and "جسر الملك" not in card
    assert "بنية تحتية" in card


def test_an_unpublished_story_leaves_the_results_though_its_card_was_kept(
    client: Client, kept_on: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        section = factories.section()
        kept = factories.article(section, "مهرجان الزيتون في جرش")
        withdrawn = factories.article(section, "مهرجان الزيتون يفتح أبوابه")
    assert len(cards_of(client, "الزيتون")) == 2

    with django_capture_on_commit_callbacks(execute=True):
        withdrawn.unpublish()

    (card,) = cards_of(client, "الزيتون")
    assert f'data-article-id="{kept.pk}"' in card


@pytest.mark.parametrize("mark", [TITLE_MARK, SNIPPET_MARK])
def test_a_story_that_writes_a_cards_marker_shows_it_as_text(
    client: Client, kept_on: None, django_capture_on_commit_callbacks: Any, mark: str
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        factories.article(factories.section(), f"القمح {mark} والشعير",
                          kicker=mark, standfirst=f"موسم القمح {mark}")

    for _round in range(2):
        (card,) = cards_of(client, "القمح")
        text = BeautifulSoup(card, "html.parser")
        assert text.select_one(".article-card-title").get_text() == f"القمح {mark} والشعير"
        assert text.select_one(".article-card-kicker").get_text() == mark
        assert mark in text.select_one(".search-snippet").get_text()
        assert text.select_one(".article-card-title mark").get_text() == "القمح"
