"""The index follows publishing: publish, edit, unpublish, move, delete, and a full rebuild."""

from __future__ import annotations

import random
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from nashra.arabic.stem import _LightStemmer
from nashra.conftest import Terminal
from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage
from nashra.search import postings
from nashra.search.backends import Filters
from nashra.search.documents import rebuild, rekey
from nashra.search.models import SearchEntry
from nashra.search.query import parse
from nashra.search.results import SearchResults

pytestmark = pytest.mark.django_db


def found(text: str, **filters: Any) -> list[int]:
    return [result.article.pk for result in SearchResults(parse(text), Filters(**filters))[0:50]]


def test_a_published_story_is_found_and_a_draft_is_not(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        politics = factories.section()
        story = factories.article(politics, "أردوغان يزور بغداد")
        draft = factories.article(politics, "أردوغان يزور طهران", live=False)

    assert found("اردوغان") == [story.pk]
    assert draft.pk not in found("طهران")


def test_an_edit_is_found_by_its_new_words_only(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        story = factories.article(factories.section(), "انقطاع الكهرباء في إربد")
    story.title = "عودة الكهرباء إلى الزرقاء"
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()

    assert found("الزرقاء") == [story.pk]
    assert found("إربد") == []


def test_an_unpublished_story_leaves_the_index(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        story = factories.article(factories.section(), "الحكومة تقر الموازنة")
    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()

    assert found("الموازنة") == []
    assert not SearchEntry.objects.filter(pk=story.pk).exists()


def test_a_deleted_story_leaves_the_index(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        story = factories.article(factories.section(), "الحكومة تقر الموازنة")
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=story.pk).delete()

    assert found("الموازنة") == []
    assert not SearchEntry.objects.exists()


def test_a_moved_story_is_filtered_by_its_new_section(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        politics, economy = factories.section("سياسة"), factories.section("اقتصاد")
        story = factories.article(politics, "الحكومة تقر الموازنة")
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=story.pk).move(economy, pos="last-child")

    assert found("الموازنة", section_id=economy.pk) == [story.pk]
    assert found("الموازنة", section_id=politics.pk) == []


def test_the_newer_of_two_equal_matches_ranks_first(
    django_capture_on_commit_callbacks: Any,
) -> None:
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        section = factories.section()
        title = "ارتفاع أسعار الذهب"
        old = factories.article(section, title, published_at=now - timedelta(days=20))
        new = factories.article(section, title, published_at=now - timedelta(hours=2))

    assert found("الذهب") == [new.pk, old.pk]


def test_rebuild_search_index_recreates_every_entry_and_reports(
    django_capture_on_commit_callbacks: Any, terminal: Terminal
) -> None:
    section = factories.section()  # built without running the commit hooks: nothing indexed
    stories = [factories.article(section, f"خبر عن القمح رقم {n}") for n in range(3)]
    assert not SearchEntry.objects.exists()
    out = StringIO()

    call_command("rebuild_search_index", stdout=out, stderr=terminal.stream)

    assert sorted(found("القمح")) == sorted(story.pk for story in stories)
    assert "6/6" in terminal.text()  # the progress bar reached the end
    assert "Search index rebuilt: 3 articles." in out.getvalue()


def test_a_rebuild_that_keeps_read_also_rebuilds_the_words_and_keeps_each_list(
    terminal: Terminal,
) -> None:
    section = factories.section()
    first, second, third = (
        factories.article(section, title)
        for title in (
            "أسعار القمح ترتفع في الأسواق",
            "الحكومة تدعم مزارعي القمح",
            "مخزون القمح يكفي ستة أشهر",
        )
    )
    call_command("rebuild_search_index", stdout=StringIO())
    lists = dict(SearchEntry.objects.values_list("pk", "related_ids"))
    assert lists[first.pk]  # computed stories exist to be kept
    SearchEntry.objects.filter(pk=third.pk).update(related_ids=[second.pk])
    third.title = "موسم الحصاد يبدأ مبكراً"
    third.save_revision().publish()
    out = StringIO()

    call_command("rebuild_search_index", "--keep-read-also", stdout=out, stderr=terminal.stream)

    assert dict(SearchEntry.objects.values_list("pk", "related_ids")) == {
        **lists,
        third.pk: [second.pk],
    }
    assert found("الحصاد") == [third.pk]
    assert "3/3" in terminal.text()  # one pass: the words only


def test_an_archive_stemmed_by_older_rules_is_stemmed_again_from_its_words(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        section = factories.section()
        school = factories.article(section, "افتتاح مدرسة جديدة في قرية الحصن")
        teacher = factories.article(section, "مدرس الرياضيات يفوز بجائزة التميز")
    # As the archive was indexed when every ة was cut: مدرسة under مدرس, the teacher's stem.
    cut_every_taa = _LightStemmer(keep_taa=frozenset(), own_nisba=frozenset())
    entry = SearchEntry.objects.get(pk=school.pk)
    entry.headline_stem = " ".join(map(cut_every_taa, entry.headline_exact.split()))
    entry.save()
    postings.write([entry])
    assert sorted(found("مدرس")) == sorted([school.pk, teacher.pk])
    assert found("مدارس") == []

    assert rekey() == 1

    assert found("مدارس") == [school.pk]
    assert found("مدرسة") == [school.pk]
    assert found("مدرس") == [teacher.pk]
    assert rekey() == 0  # nothing left to stem again


def test_a_phrase_is_found_by_its_words_side_by_side_and_in_order(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        section = factories.section()
        whole = factories.article(section, "وزير الخارجية الأردني يزور القاهرة")
        # Both pairs of the three-word phrase, but never the three words in a row.
        apart = factories.article(section, "وزير الخارجية يصل وبيان الخارجية الأردني يرحب")
        reversed_ = factories.article(section, "الخارجية وزير في مؤتمر صحفي")

    assert found('"وزير الخارجية الأردني"') == [whole.pk]
    assert sorted(found('"وزير الخارجية"')) == sorted([whole.pk, apart.pk])
    assert found('"الخارجية وزير"') == [reversed_.pk]
    assert sorted(found("وزير الخارجية")) == sorted([whole.pk, apart.pk, reversed_.pk])


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_leaves_the_postings_key_as_small_as_one_built_at_once() -> None:
    """A rebuild's postings arrive batch by batch across every stem: the key it leaves
    must take no more pages than the same key built over the finished table."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's indexes: the PostgreSQL pass runs this")
    letters = "بتثجحخدذرزسشصضطظعغفقكلمنهي"
    words = [a + b + c + "ون" for a in letters[:14] for b in letters[5:19] for c in letters[9:]]
    chosen = random.Random(7)
    section = factories.section()
    # Each story is indexed as it is published; the rebuild then writes them all again.
    for n in range(60):
        body = " ".join(chosen.sample(words, 200))
        factories.article(section, f"تقرير رقم {n}", body=[("paragraph", f"<p>{body}</p>")])

    rebuild(batch_size=5, read_also=False)

    copy = "nashra_search_posting_packed_copy"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX {copy} ON {postings.TABLE} (stem, published_ts, page_id) "
            f"INCLUDE (impact)"
        )
        try:
            cursor.execute(
                f"SELECT pg_relation_size('{postings.TABLE}_pkey'), pg_relation_size('{copy}')"
            )
            rebuilt, packed = cursor.fetchone()
        finally:
            cursor.execute(f"DROP INDEX {copy}")
    assert packed > 40 * 8192  # enough pages for half-empty ones to show
    assert rebuilt <= packed * 1.05
