"""«إقرأ أيضاً»: editors' picks first, then related stories computed on publish."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from nashra.newsroom import factories
from nashra.newsroom.demo import demo_content, load_demo
from nashra.newsroom.models import ArticlePage, ReadAlsoLink
from nashra.search.models import SearchEntry
from nashra.search.related import READ_ALSO_COUNT, Idf, read_also_for

pytestmark = pytest.mark.django_db


def story(section: Any, title: str, standfirst: str, tags: list[str], hours: int = 1) -> Any:
    return factories.article(
        section,
        title,
        standfirst=standfirst,
        tags=tags,
        published_at=timezone.now() - timedelta(hours=hours),
    )


def test_every_demo_story_is_first_related_to_a_story_of_its_group(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        load_demo()
    entries = demo_content()["articles"]
    group_of = {entry["slug"]: entry["group"] for entry in entries}
    sizes = Counter(group_of.values())
    slug_of = dict(ArticlePage.objects.values_list("pk", "slug"))

    checked = 0
    for entry in SearchEntry.objects.all():
        slug = slug_of[entry.pk]
        if sizes[group_of[slug]] < 2:
            continue  # a story alone in its group has no right answer
        assert entry.related_ids, slug
        assert group_of[slug_of[entry.related_ids[0]]] == group_of[slug], slug
        checked += 1
    assert checked == sum(size for size in sizes.values() if size >= 2)


def test_editors_picks_come_first_then_computed_stories_up_to_the_limit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        section = factories.section()
        related = [
            story(section, f"أسعار القمح ترتفع في الأسواق {n}", "القمح والطحين", ["القمح"], n)
            for n in range(1, 7)
        ]
        picked = story(section, "مباراة كرة القدم النهائية", "فوز الفريق باللقب", ["الدوري"])
        article = story(section, "أسعار القمح والطحين", "ارتفاع سعر القمح والخبز", ["القمح"])
        article.read_also_links = [ReadAlsoLink(target=picked, sort_order=0)]
        article.save_revision().publish()

    shown = read_also_for(ArticlePage.objects.get(pk=article.pk))

    assert shown[0].pk == picked.pk
    assert len(shown) == READ_ALSO_COUNT
    assert {page.pk for page in shown[1:]} <= {page.pk for page in related}


def test_a_near_duplicate_of_the_article_is_not_suggested(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        section = factories.section()
        title, standfirst = "الحكومة ترفع أسعار الخبز", "قررت الحكومة رفع سعر الخبز"
        original = story(section, title, standfirst, ["الخبز"])
        copy = story(section, title, standfirst, ["الخبز"])
        other = story(section, "خبازون يحتجون على سعر الخبز", "احتجاج المخابز", ["الخبز"])

    related = SearchEntry.objects.get(pk=original.pk).related_ids
    assert copy.pk not in related
    assert related[0] == other.pk


def test_a_newly_published_story_appears_in_read_also_of_an_open_article(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        section = factories.section()
        article = story(section, "موسم الحصاد في حوران", "تراجع محصول القمح في حوران", ["القمح"])
    first = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert not first.select("section.read-also a.read-also-link")

    with django_capture_on_commit_callbacks(execute=True):
        newer = story(section, "مزارعو حوران يحصون خسائر القمح", "جفاف يضرب حقول القمح", ["القمح"])
    page = BeautifulSoup(client.get(article.url).content, "html.parser")

    links = page.select("section.read-also a.read-also-link")
    assert [link.get_text() for link in links] == [newer.title]


def test_an_unpublished_story_is_no_longer_suggested(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        section = factories.section()
        article = story(section, "موسم الحصاد في حوران", "تراجع محصول القمح في حوران", ["القمح"])
        other = story(section, "مزارعو حوران يحصون خسائر القمح", "جفاف يضرب حقول القمح", ["القمح"])
    assert [page.pk for page in read_also_for(article)] == [other.pk]

    with django_capture_on_commit_callbacks(execute=True):
        other.unpublish()

    assert read_also_for(ArticlePage.objects.get(pk=article.pk)) == []


def test_frequencies_counted_in_one_pass_agree_with_the_index(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        load_demo()
    asked, counted = Idf(), Idf.counted()
    keys = {
        key
        for entry in SearchEntry.objects.all()
        for key in f"{entry.headline_stem} {entry.standfirst_stem} {entry.tags_stem}".split()
        # PostgreSQL's index is asked about words only (numbers would be query syntax).
        if key.isalpha()
    }

    assert len(keys) > 100
    assert {key: round(counted(key), 9) for key in keys} == {
        key: round(asked(key), 9) for key in keys
    }
    assert counted("كلمة-لا-توجد") == asked("كلمة-لا-توجد")
