"""The frame's kept parts: the same pages as drawn afresh, and a publish shows at once."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from nashra.newsroom import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    politics = factories.section("سياسة", slug="politics")
    economy = factories.section("اقتصاد", slug="economy")
    stories = [
        factories.article(politics, "البرلمان يقر الموازنة العامة", slug="budget",
                          tags=["الموازنة"], breaking=True),
        factories.article(economy, "المصرف المركزي يثبت سعر الفائدة", slug="rates"),
        factories.article(politics, "وزير الخارجية يزور العاصمة", slug="visit"),
    ]
    return {"sections": [politics, economy], "stories": stories}


def drawn(client: Client, path: str, asked: str) -> bytes:
    response = client.get(f"{path}?{asked}=1")
    assert response.status_code == 200
    return response.content.replace(f"{asked}=1".encode(), b"")


def test_pages_drawn_from_kept_parts_are_byte_for_byte_the_pages_drawn_afresh(
    client: Client, settings, tmp_path, newsroom
) -> None:
    paths = ["/", "/politics/", "/economy/", *(story.url for story in newsroom["stories"])]
    settings.PAGE_CACHE_SECONDS = 0
    afresh = {path: drawn(client, path, "fresh") for path in paths}

    settings.PAGE_CACHE_SECONDS = 600
    settings.VAR_DIR = tmp_path
    # Every page once, so that each then takes the parts another page kept, in both orders.
    for order in (paths, paths[::-1]):
        for path in order:
            drawn(client, path, "warm")
        for path in order:
            assert drawn(client, path, "fresh") == afresh[path], path


def test_each_section_page_marks_its_own_link_from_the_kept_navigation(
    client: Client, settings, tmp_path, newsroom
) -> None:
    settings.PAGE_CACHE_SECONDS = 600
    settings.VAR_DIR = tmp_path
    for path, title in [("/politics/", "سياسة"), ("/economy/", "اقتصاد"),
                        ("/politics/", "سياسة")]:
        page = BeautifulSoup(drawn(client, path, "nav"), "html.parser")
        marked = page.select('.site-nav a[aria-current="page"]')
        assert [link.get_text(strip=True) for link in marked] == [title]
    story = BeautifulSoup(drawn(client, newsroom["stories"][0].url, "nav"), "html.parser")
    assert story.select('.site-nav a[aria-current="page"]') == []


def test_a_publish_shows_in_the_kept_navigation_and_ticker_at_once(
    client: Client, settings, tmp_path, newsroom, django_capture_on_commit_callbacks
) -> None:
    settings.PAGE_CACHE_SECONDS = 600
    settings.VAR_DIR = tmp_path
    story = newsroom["stories"][1]
    drawn(client, story.url, "before")

    with django_capture_on_commit_callbacks(execute=True):
        sport = factories.section("رياضة", slug="sport")
    with django_capture_on_commit_callbacks(execute=True):
        factories.article(sport, "المنتخب يتأهل إلى النهائي", slug="final", breaking=True)

    page = BeautifulSoup(drawn(client, story.url, "after"), "html.parser")
    assert "رياضة" in [link.get_text(strip=True) for link in page.select(".site-nav a")]
    ticker = [link.get_text(strip=True) for link in page.select(".breaking-ticker a")]
    assert "المنتخب يتأهل إلى النهائي" in ticker


def test_a_comment_form_shown_again_with_errors_is_not_kept_for_other_readers(
    client: Client, settings, tmp_path, newsroom
) -> None:
    settings.PAGE_CACHE_SECONDS = 600
    settings.VAR_DIR = tmp_path
    story = newsroom["stories"][2]
    refused = client.post(reverse("comments:post", args=[story.pk]),
                          {"name": "", "body": "مرحبا", "email": ""})
    refused_form = BeautifulSoup(refused.content, "html.parser").select_one("#comment-form")
    assert refused_form.select_one("#comment-body").get_text() == "مرحبا"

    page = BeautifulSoup(drawn(client, story.url, "after"), "html.parser")
    form = page.select_one("#comment-form")
    assert form.select_one("#comment-body").get_text() == ""
    assert form.select_one(".comment-form-title").name == "h3"
    assert all(not error.get_text(strip=True) for error in form.select(".field-error"))
    assert form["action"] == reverse("comments:post", args=[story.pk])
