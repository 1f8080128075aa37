"""How published comments read on the article: numbered, nested one level, counted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from nashra.comments.factories import comment
from nashra.comments.models import Comment

pytestmark = pytest.mark.django_db


def page_of(client, story) -> BeautifulSoup:
    return BeautifulSoup(client.get(story.url).content, "html.parser")


def test_top_level_comments_are_numbered_and_replies_nest_under_them(client, story) -> None:
    start = timezone.now() - timedelta(hours=2)
    first = comment(story, "الأول", created_at=start)
    comment(story, "الثاني", created_at=start + timedelta(minutes=5))
    comment(story, "رد على الأول", parent=first, created_at=start + timedelta(minutes=9))
    comment(story, "بانتظار المراجعة", status="pending", created_at=start)

    page = page_of(client, story)

    top = page.select("#comments ol.comments-list > li.comment")
    assert [li.select_one(".comment-body").get_text() for li in top] == ["الأول", "الثاني"]
    assert [li.select_one(".comment-number").get_text() for li in top] == ["1", "2"]
    replies = top[0].select("ol > li.comment")
    assert [li.select_one(".comment-body").get_text() for li in replies] == ["رد على الأول"]
    assert replies[0].select_one(".comment-number") is None
    assert page.select_one("#comments .comments-empty") is None
    assert "(3)" in page.select_one("#comments-heading").get_text()


def test_a_comment_shows_its_time_in_the_sites_style(client, story) -> None:
    comment(story, "تعليق", created_at=timezone.now() - timedelta(minutes=3))

    time = page_of(client, story).select_one("li.comment time.comment-time")

    assert time["datetime"].endswith("+03:00")
    assert "بتوقيت" in time.get_text()


def test_line_breaks_are_kept_and_markup_is_text(client, story) -> None:
    comment(story, "سطر\nوسطر <b>غامق</b>")

    body = page_of(client, story).select_one(".comment-body")

    assert body.select("br") and body.select("b") == []
    assert "<b>غامق</b>" in body.get_text()


def test_story_cards_show_the_comment_count(client, story) -> None:
    comment(story, "تعليق أول")
    comment(story, "تعليق ثانٍ")

    card = BeautifulSoup(client.get("/").content, "html.parser").select_one(
        f'.article-card[data-article-id="{story.pk}"]'
    )

    assert card.select_one(".article-card-comments").get_text(strip=True).endswith("2")


def test_the_thread_is_read_in_one_query(story, django_assert_num_queries) -> None:
    first = comment(story, "الأول")
    comment(story, "رد", parent=first)

    with django_assert_num_queries(1):
        thread = Comment.objects.thread(story)

    assert [c.body for c in thread] == ["الأول"] and [r.body for r in thread[0].shown_replies] == [
        "رد"
    ]


def test_a_story_without_published_comments_does_not_ask_for_them(
    client, story, django_assert_max_num_queries
) -> None:
    comment(story, "بانتظار المراجعة", status="pending")
    client.get(story.url)

    with django_assert_max_num_queries(20) as captured:
        page = page_of(client, story)

    assert page.select_one("#comments .comments-empty") is not None
    assert not [q for q in captured.captured_queries if '"comments_comment"' in q["sql"]]

    comment(story, "منشور")
    assert [
        li.select_one(".comment-body").get_text()
        for li in page_of(client, story).select("#comments li.comment")
    ] == ["منشور"]
