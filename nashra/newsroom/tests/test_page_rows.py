from __future__ import annotations

from typing import Any

import pytest
from django.db import models

from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db


def built_by_every_constructor(query: Any, monkeypatch: pytest.MonkeyPatch) -> list[ArticlePage]:
    """The rows of ``query``, built the way Django builds any model's rows."""
    with monkeypatch.context() as patched:
        patched.setattr(ArticlePage, "from_db", classmethod(models.Model.from_db.__func__))  # type: ignore[attr-defined]
        return list(query.all())


def state_of(page: ArticlePage) -> dict[str, Any]:
    kept = {name: value for name, value in vars(page).items() if name != "_state"}
    return {**kept, "adding": page._state.adding, "db": page._state.db,
            "deferred": page.get_deferred_fields()}


@pytest.mark.parametrize("cards", [False, True])
def test_a_stored_story_reads_back_as_the_full_constructors_would_build_it(
    cards: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = factories.section("اقتصاد", slug="economy")
    factories.article(section, "المصرف المركزي يثبّت سعر الفائدة", kicker="عاجل",
                      standfirst="قرار متوقع بعد اجتماع استمر يومين.", tags=["المصارف"])
    factories.article(section, "أسعار الخضار تنخفض في الأسواق")
    query = ArticlePage.objects.order_by("pk")
    if cards:
        query = query.for_cards()

    quick, full = list(query), built_by_every_constructor(query, monkeypatch)

    assert [state_of(page) for page in quick] == [state_of(page) for page in full]
    assert [page.pk for page in quick] and all(not page._state.adding for page in quick)


def test_a_story_read_back_is_edited_and_saved_as_before() -> None:
    section = factories.section("رياضة", slug="sport")
    story = factories.article(section, "الفريق يفوز في المباراة الأولى")

    loaded = ArticlePage.objects.get(pk=story.pk)
    loaded.title = "الفريق يفوز في المباراة الأولى من الموسم"
    loaded.save_revision().publish()

    assert ArticlePage.objects.get(pk=story.pk).title.endswith("من الموسم")
    assert ArticlePage.objects.get(pk=story.pk).tags.count() == story.tags.count()
