"""A story's sources, authors and tags, read in one statement for live pages."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from nashra.newsroom import factories
from nashra.newsroom.credits import Source, StoryAuthor, StoryTag, credits_for
from nashra.newsroom.models import ArticlePage, ArticleSource, Author

pytestmark = pytest.mark.django_db


def test_a_live_story_reads_the_same_lists_as_its_relations() -> None:
    section = factories.section()
    story = factories.article(
        section,
        sources=[("صحيفة المرصد", "https://example.com/a"), ("إذاعة الشمال", ""),
                 ("وكالة الأنباء", "")],
        tags=["المياه", "البلديات", "الزراعة"],
    )
    story.authors.set([Author.objects.create(name=name) for name in ("سلمى", "أحمد", "نور")])
    story.save_revision().publish()
    factories.article(section, sources=[("مصدر خبر آخر", "")], tags=["أخرى"])
    loaded = ArticlePage.objects.get(pk=story.pk)

    found = credits_for(loaded)

    assert found.sources == [
        Source(source.name, source.url) for source in loaded.sources.order_by("sort_order")
    ]
    assert found.authors == [
        StoryAuthor(author.name, author.slug) for author in loaded.authors.all()
    ]
    assert [author.name for author in found.authors] != ["سلمى", "أحمد", "نور"]
    assert found.tags == [
        StoryTag(item.tag.name, item.tag.slug) for item in loaded.tagged_items.order_by("pk")
    ]
    assert found.tag_names == ["المياه", "البلديات", "الزراعة"]


def test_a_story_without_credits_has_empty_lists() -> None:
    story = factories.article(factories.section())

    found = credits_for(ArticlePage.objects.get(pk=story.pk))

    assert (found.sources, found.authors, found.tags) == ([], [], [])


def test_a_preview_shows_the_editors_unsaved_lists_not_the_live_ones() -> None:
    story = factories.article(factories.section(), sources=[("المصدر المنشور", "")])
    draft = ArticlePage.objects.get(pk=story.pk)
    draft.sources = [ArticleSource(name="مصدر لم يُحفظ بعد", url="")]
    preview = RequestFactory().get("/")
    preview.is_preview = True  # as Wagtail marks a preview request

    assert credits_for(draft, preview).sources == [Source("مصدر لم يُحفظ بعد", "")]
    assert credits_for(draft).sources == [Source("المصدر المنشور", "")]
