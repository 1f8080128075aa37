"""The archive's vocabulary: kept as stories are published, read by every query.

A clitic glued to a bare word (بدمشق) is found from the bare word only when the
archive gives no sign that the letter is the word's own; that evidence changes as
stories arrive, and the stories already indexed must not need re-indexing for it.
"""

from __future__ import annotations

import importlib
import multiprocessing
from typing import Any

import pytest
from django.apps import apps

from nashra.arabic import normalize
from nashra.arabic.own_letter_words import WORDS as OWN_LETTER_WORDS
from nashra.newsroom import factories
from nashra.search.backends import Filters
from nashra.search.documents import index_article, rebuild
from nashra.search.generations import forget_cached_results, generation
from nashra.search.models import SearchEntry, SearchStem
from nashra.search.query import parse
from nashra.search.results import SearchResults

pytestmark = pytest.mark.django_db

# A word whose first letter could be a clitic (ب + كرة) and that the lexicon does not
# know: only the archive can tell which it is.
WORD, REST = "بكرة", "كرة"


def found(text: str) -> list[int]:
    return [result.article.pk for result in SearchResults(parse(text), Filters())[0:50]]


def keys_of(page_id: int) -> tuple[str, str]:
    entry = SearchEntry.objects.get(pk=page_id)
    return entry.body_exact, entry.body_stem


@pytest.fixture(autouse=True)
def no_evidence_yet() -> None:
    """Stories other tests committed may have left the word in the vocabulary."""
    SearchStem.objects.filter(stem__in=["بكر", "بكره", "كره"]).delete()


def publish(section: Any, title: str, body: str, capture: Any) -> Any:
    with capture(execute=True):
        return factories.article(section, title, body=[("paragraph", f"<p>{body}</p>")])


def test_the_example_word_is_left_to_the_archive() -> None:
    assert normalize(WORD) not in {normalize(word) for word in OWN_LETTER_WORDS}


def test_a_bare_word_finds_its_clitic_forms_and_the_reverse(
    django_capture_on_commit_callbacks: Any,
) -> None:
    section = factories.section()
    glued = publish(
        section, "مؤتمر للمانحين", "عقد المؤتمر بطرطوس أمس", django_capture_on_commit_callbacks
    )
    bare = publish(section, "ميناء جديد", "وسّعت طرطوس ميناءها", django_capture_on_commit_callbacks)

    assert sorted(found("طرطوس")) == sorted([glued.pk, bare.pk])
    assert sorted(found("بطرطوس")) == sorted([glued.pk, bare.pk])


# The word bare, its remainder on its own, and the word after an article.
GLUED = ("خبر أول", f"اشترى الصياد {WORD} خيط جديدة")
ALONE = ("خبر ثان", f"سجل اللاعب هدفاً بعد أن لمس {REST} القدم")
ARTICLED = ("خبر ثالث", f"انقطع خيط {'ال' + WORD} في المصنع")


def test_new_evidence_changes_what_a_query_finds_without_reindexing(
    django_capture_on_commit_callbacks: Any,
) -> None:
    section = factories.section()
    glued = publish(section, *GLUED, django_capture_on_commit_callbacks)
    publish(section, *ALONE, django_capture_on_commit_callbacks)
    assert glued.pk in found(REST)  # nothing yet says the ب is the word's own
    before = keys_of(glued.pk)

    publish(section, *ARTICLED, django_capture_on_commit_callbacks)

    assert glued.pk not in found(REST)  # البكرة: the word takes the article, so it is a word
    assert keys_of(glued.pk) == before  # and the older story was not touched
    assert SearchStem.objects.get(stem="بكر").prefixed


def test_the_evidence_does_not_depend_on_the_order_stories_arrive(
    django_capture_on_commit_callbacks: Any,
) -> None:
    section = factories.section()
    publish(section, *ARTICLED, django_capture_on_commit_callbacks)
    glued = publish(section, *GLUED, django_capture_on_commit_callbacks)
    publish(section, *ALONE, django_capture_on_commit_callbacks)

    assert glued.pk not in found(REST)
    assert SearchStem.objects.get(stem="بكر").prefixed  # a later bare use does not clear it


def test_a_rebuild_records_the_vocabulary() -> None:
    section = factories.section()  # built without the commit hooks: nothing indexed
    story = factories.article(
        section, "وصول السفينة بطرطوس", body=[("paragraph", "<p>الميناء</p>")]
    )
    SearchStem.objects.all().delete()  # what stories other tests committed left

    rebuild(read_also=False)

    assert {"بطرطوس", "وصول", "ميناء"} <= set(SearchStem.objects.values_list("stem", flat=True))
    assert found("طرطوس") == [story.pk]


def test_the_migration_fills_the_vocabulary_from_entries_indexed_before_it(
    django_capture_on_commit_callbacks: Any,
) -> None:
    story = publish(
        factories.section(),
        "مؤتمر للمانحين",
        "عقد المؤتمر بطرطوس أمس",
        django_capture_on_commit_callbacks,
    )
    SearchStem.objects.all().delete()
    migration = importlib.import_module("nashra.search.migrations.0004_vocabulary")

    migration.fill(apps, None)

    assert SearchStem.objects.get(stem="موتمر").prefixed  # المؤتمر, as normalised
    assert not SearchStem.objects.get(stem="بطرطوس").prefixed
    assert found("طرطوس") == [story.pk]


def test_words_too_long_for_the_vocabulary_are_indexed_and_searched_without_error(
    django_capture_on_commit_callbacks: Any,
) -> None:
    run = "بطرطوس" * 40  # 240 letters, no space: a paste gone wrong
    latin = "x" * 300
    story = publish(
        factories.section(),
        "خبر طويل الكلمات",
        f"{run} {latin} وصلت السفينة",
        django_capture_on_commit_callbacks,
    )

    assert found("السفينة") == [story.pk]
    assert found(run[:199]) == []
    assert found(" ".join(["وب" + "ك" * 18] * 10)) == []
    assert not SearchStem.objects.filter(stem__startswith="بطرطوسبطرطوس").exists()


def test_a_widened_query_carries_the_totals_of_every_stem_it_asks_for(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """The totals are read with the vocabulary, before it chooses each word's spellings:
    whatever it chose, ranking must find its stems' totals there, equal to the table's."""
    from nashra.search import stem_totals
    from nashra.search.impact import pair_key
    from nashra.search.postings import stem_id
    from nashra.search.vocabulary import widen

    section = factories.section()
    capture = django_capture_on_commit_callbacks
    publish(section, f"لقاء {WORD} في المدينة", f"انتهى اللقاء {WORD} قرب الجسور", capture)
    publish(section, f"{REST} السلة", f"فاز فريق {REST} القدم في مدن عدة", capture)

    query = widen(parse(f'{REST} بالمدينة جسر "{REST} القدم" -سلة'))
    asked = {stem for term in query.all_terms() for stem in term.stems}
    asked |= {pair_key(phrase[0].stems[0], phrase[1].stems[0]) for phrase in query.phrases}
    assert len(asked) > len(query.all_terms())  # spellings were added
    table = stem_totals.read([stem_id(stem) for stem in asked])
    assert any(stories for stories, _ in table.values())
    for stem in asked:
        assert query.totals[stem_id(stem)] == table.get(stem_id(stem), (0, 0)), stem


@pytest.fixture
def kept_on(settings: Any, tmp_path: Any) -> None:
    """A worker keeps what it read (as under gunicorn), with stamps of this test only."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.VAR_DIR = tmp_path


def test_a_kept_words_evidence_is_read_again_once_the_index_changes(
    kept_on: None, django_capture_on_commit_callbacks: Any
) -> None:
    section = factories.section()
    glued = publish(section, *GLUED, django_capture_on_commit_callbacks)
    publish(section, *ALONE, django_capture_on_commit_callbacks)
    assert glued.pk in found(REST)  # the worker now keeps what the archive says of it
    assert glued.pk in found(REST)

    # The evidence reaches the index alone: the page's own purge is left out, so only
    # the index's generation tells the worker that what it kept is old.
    with django_capture_on_commit_callbacks(execute=False):
        story = factories.article(section, ARTICLED[0],
                                  body=[("paragraph", f"<p>{ARTICLED[1]}</p>")])
    index_article(story.pk)

    assert glued.pk not in found(REST)


def test_the_index_generation_moves_for_every_process_of_the_box(
    settings: Any, tmp_path: Any
) -> None:
    """Without Redis each worker had its own number, moved by the publishing one alone."""
    settings.VAR_DIR = tmp_path
    settings.PAGE_CACHE_REDIS_URL = ""
    before = generation()
    other = multiprocessing.get_context("fork").Process(target=forget_cached_results)
    other.start()
    other.join(timeout=30)
    assert other.exitcode == 0
    assert generation() != before
