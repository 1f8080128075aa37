"""Relevance is ranked over every match: the top ten equal an exhaustive scoring.

Each query word has one old story about it (in its headline, standfirst and tags) and
many recent stories that mention it once, deep in a long body. The old story is the
best match, buried under the weak recent ones, as in a real archive. The exhaustive
scoring here is written from the formula in :mod:`nashra.search.impact`'s docstring,
not with the code under test, and reads the stems the index holds.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from nashra.arabic import normalize
from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage, SectionPage
from nashra.search import backends, postings, ranking
from nashra.search.backends import Filters, get_index
from nashra.search.documents import entry_from_fields
from nashra.search.generations import forget_cached_results
from nashra.search.impact import FIELD_WEIGHTS, FRESH_SECONDS, IMPACT_SCALE, K1, B
from nashra.search.models import FIELDS, SearchEntry
from nashra.search.query import Query, parse
from nashra.search.vocabulary import record, widen

pytestmark = pytest.mark.django_db

TOPICS = (
    "زلزال مرفأ قمح جسر سد مطار منجم نفق فيضان حريق قطار اسطول مصفاة مختبر "
    "متحف ملعب سوق مخيم ميناء منطاد صاروخ بركان غابة نهر واحة جزيرة قلعة برج "
    "مصنع مكتبة"
).split()
FILLER = (
    "قال المسؤول إن العمل مستمر منذ أشهر وسط متابعة من الأهالي والجهات المعنية "
    "وأضاف أن الفرق الفنية أنهت المرحلة الأولى وتستعد للمرحلة التالية خلال "
    "الأسابيع المقبلة بعد توفير التمويل اللازم من الموازنة ومن شركاء محليين "
    "وأشار إلى أن التقرير النهائي سيصدر قريبا ويتضمن توصيات عملية للمواطنين"
).split()
WEAK_PER_TOPIC = 14
# A word and its broken plural are one query word of two stems: a story holding both
# has the impact of the stronger of them.
PLURALS = {
    "جسر": "جسور", "منجم": "مناجم", "متحف": "متاحف", "ملعب": "ملاعب", "سوق": "أسواق",
    "صاروخ": "صواريخ", "برج": "أبراج", "مصنع": "مصانع",
}


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(FILLER) for _ in range(words))


def _stories(rng: random.Random) -> Iterator[dict[str, Any]]:
    """Per topic: one strong old story, weak recent ones, a few of middling strength."""
    for number, topic in enumerate(TOPICS):
        other = TOPICS[(number + 1) % len(TOPICS)]
        yield {
            "title": f"{topic} {_sentence(rng, 6)}",
            "standfirst": f"{_sentence(rng, 8)} {topic} {_sentence(rng, 8)}",
            "tags": [topic],
            "text": f"{_sentence(rng, 60)} {topic} {_sentence(rng, 40)} "
                    f"{PLURALS.get(topic, '')} {other}",
            "days": rng.uniform(300, 700),
        }
        if topic in PLURALS:
            # The plural strong and the singular weak, the other way round; drawn apart,
            # so that the stories above stay as they were.
            apart = random.Random(topic)
            yield {
                "title": f"{PLURALS[topic]} {_sentence(apart, 6)}",
                "standfirst": _sentence(apart, 12),
                "tags": [],
                "text": f"{_sentence(apart, 70)} {topic}",
                "days": apart.uniform(30, 190),
            }
        for _ in range(WEAK_PER_TOPIC):
            body = _sentence(rng, rng.randint(80, 160)).split()
            body.insert(rng.randrange(len(body)), rng.choice([topic, f"و{topic}", f"ال{topic}"]))
            if rng.random() < 0.4:
                body.insert(rng.randrange(len(body)), other)
            yield {
                "title": _sentence(rng, 7),
                "standfirst": _sentence(rng, 15),
                "tags": [],
                "text": " ".join(body),
                "days": rng.uniform(10, 90),
            }
        for _ in range(2):
            yield {
                "title": _sentence(rng, 7),
                "standfirst": f"{_sentence(rng, 10)} {topic}",
                "tags": [],
                "text": f"{_sentence(rng, 50)} {other}",
                "days": rng.uniform(5, 400),
            }


Archive = tuple[list[SearchEntry], float, list[int]]


@pytest.fixture(scope="module")
def archive(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Archive]:
    """The stories as pages (so entries may point at them) and entries, in two sections.

    Built once for the module and committed, then removed with its sections.
    """
    with django_db_blocker.unblock():
        rng = random.Random(20261205)
        sections = [factories.section(f"قسم {n}", slug=f"ranking-{n}") for n in (1, 2)]
        try:
            yield _load(rng, sections)
        finally:
            for section in sections:
                SectionPage.objects.get(pk=section.pk).delete()
            forget_cached_results()


def _load(rng: random.Random, sections: list[SectionPage]) -> Archive:
    now = time.time()
    stories = sorted(_stories(rng), key=lambda story: -story["days"])  # oldest first
    entries = []
    for number, story in enumerate(stories):
        section = sections[number % 2]
        published = datetime.fromtimestamp(now - story["days"] * 86400, UTC)
        page = ArticlePage(title=story["title"], slug=f"ranking-{number}",
                           first_published_at=published)
        section.add_child(instance=page)
        entries.append(entry_from_fields(
            page.pk, section.pk, published, title=story["title"],
            standfirst=story["standfirst"], tags=story["tags"], dateline="", sources=[],
            text=story["text"],
        ))
    SearchEntry.objects.bulk_create(entries)
    postings.write(entries, fresh=True)
    record(entries)
    forget_cached_results()
    return entries, now, [section.pk for section in sections]


def _impact(entry: SearchEntry, stem: str) -> int:
    x = 0.0
    for field in FIELDS:
        stems = getattr(entry, f"{field}_stem").split()
        weight, pivot = FIELD_WEIGHTS[field]
        if stems:
            x += stems.count(stem) * weight / (1 - B + B * len(stems) / pivot)
    return max(1, round(IMPACT_SCALE * x / (K1 + x))) if x else 0


_HELD: dict[int, Counter[str]] = {}


def _held(entry: SearchEntry) -> Counter[str]:
    if entry.page_id not in _HELD:
        _HELD[entry.page_id] = Counter(
            stem for f in FIELDS for stem in getattr(entry, f"{f}_stem").split()
        )
    return _HELD[entry.page_id]


def exhaustive(query: Query, entries: list[SearchEntry], now: float, filters: Filters,
               k: int) -> list[tuple[int, float]]:
    """Every match scored from scratch, best first."""
    words = list(dict.fromkeys(term.stems for term in query.all_terms()))
    held = [_held(entry) for entry in entries]
    # Each stem's stories, summed over the word's stems (impact.py's docstring).
    frequency = [min(sum(s in h for h in held for s in stems), len(held)) for stems in words]
    idfs = [math.log(1 + (len(entries) - n + 0.5) / (n + 0.5)) for n in frequency]
    scored = []
    for entry, has in zip(entries, held, strict=True):
        if not all(any(s in has for s in stems) for stems in words):
            continue
        if any(term.stems[0] in has for term in query.excluded):
            continue
        if filters.section_id is not None and entry.section_id != filters.section_id:
            continue
        if filters.since_ts is not None and entry.published_ts < filters.since_ts:
            continue
        relevance = sum(
            weight * max(_impact(entry, s) for s in stems) / IMPACT_SCALE
            for weight, stems in zip(idfs, words, strict=True)
        )
        age = max(now - entry.published_ts, 0.0)
        score = relevance * (1 + 1 / (1 + age / FRESH_SECONDS))
        scored.append((-score, -entry.published_ts, -entry.page_id, entry.page_id, score))
    scored.sort()
    return [(row[3], row[4]) for row in scored[:k]]


def _queries(sections: list[int], now: float) -> list[tuple[str, Filters]]:
    plain = [(topic, Filters()) for topic in TOPICS]
    pairs = [(f"{a} {b}", Filters()) for a, b in zip(TOPICS, TOPICS[1:] + TOPICS[:1], strict=True)]
    filtered = [(topic, Filters(section_id=sections[n % 2])) for n, topic in enumerate(TOPICS[:6])]
    recent = [(topic, Filters(since_ts=now - 30 * 86400)) for topic in TOPICS[6:10]]
    phrases = [(f"{topic} -{FILLER[0]}", Filters()) for topic in TOPICS[10:13]]
    filtered_pairs = [(text, Filters(section_id=sections[n % 2])) for n, (text, _) in
                      enumerate(pairs[10:13])]
    filtered_pairs.append((pairs[0][0], Filters(since_ts=now - 30 * 86400)))
    return plain + pairs[:10] + filtered + recent + phrases + filtered_pairs


def _filler_words() -> list[str]:
    """The filler's distinct words that a query keeps (no stop words), each in most stories."""
    return [word for word in dict.fromkeys(FILLER) if len(parse(word).terms) == 1]


def _common_words() -> list[tuple[str, Filters]]:
    """Pairs and a triple of filler words: the rarest word's stories are many."""
    words = _filler_words()
    pairs = [f"{a} {b}" for a, b in zip(words[::3], words[1::3], strict=False)][:6]
    return [(text, Filters()) for text in [*pairs, " ".join(words[4:7])]]


def _same(found: list[tuple[int, float]], expected: list[tuple[int, float]]) -> bool:
    if len(found) != len(expected):
        return False
    for (got_id, got), (want_id, want) in zip(found, expected, strict=True):
        if not math.isclose(got, want, rel_tol=1e-9):
            return False
        # Equal scores may come in either order only if they really are equal.
        if got_id != want_id and not math.isclose(got, want, rel_tol=1e-12):
            return False
    return True


@pytest.fixture
def small_recent_part(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the 20 newest stories are scored in full: the bound must reach the rest."""
    monkeypatch.setattr(ranking, "RECENT", 20)
    forget_cached_results()


@pytest.mark.parametrize(("recent", "small_read", "plain_holders"), [
    (ranking.RECENT, ranking.SMALL_READ, backends.PLAIN_HOLDERS),
    # Most of the archive is reached only through the bound, or by scoring every story
    # that holds a plain query's words, which this small archive never asks for.
    (20, 0, backends.PLAIN_HOLDERS),
    # Every plain query is held by too many stories to list: ranked from the postings.
    (20, 0, 1),
])
def test_the_top_ten_equals_scoring_every_match(
    archive: Archive, recent: int, small_read: int, plain_holders: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ranking, "RECENT", recent)
    monkeypatch.setattr(ranking, "SMALL_READ", small_read)
    monkeypatch.setattr(backends, "PLAIN_HOLDERS", plain_holders)
    forget_cached_results()
    entries, now, sections = archive
    index = get_index()
    checked = 0
    for text, filters in _queries(sections, now) + _common_words():
        query = widen(parse(text))
        hits = index.search(query, filters, False, now, 0, 10)
        expected = exhaustive(query, entries, now, filters, 10)
        found = [(hit.page_id, hit.score) for hit in hits]
        assert _same(found, expected), (text, filters, found, expected)
        checked += 1
    assert checked >= 30


def test_scoring_the_stories_that_hold_every_word_equals_scoring_every_match(
    archive: Archive,
) -> None:
    """Handed every story that holds the words, ranking keeps those the filters pass."""
    entries, now, sections = archive
    index = get_index()
    checked = 0
    for text, filters in _queries(sections, now):
        query = widen(parse(text))
        found = index.statistics(query)
        if found is None or len(found.words) < 2 or query.phrases or query.excluded:
            continue
        holders = [pk for pk, _ in exhaustive(query, entries, now, Filters(), len(entries))]
        ranker = ranking.Ranker(found, now, backends._filter_sql(filters, "d"), None)
        best = [(row.page_id, row.score) for row in ranker.among(holders, 10)]
        assert _same(best, exhaustive(query, entries, now, filters, 10)), (text, filters)
        checked += 1
    assert checked >= 10


def test_the_old_story_about_a_word_comes_first(
    archive: Archive, small_recent_part: None,
) -> None:
    entries, now, _ = archive
    by_id = {entry.page_id: entry for entry in entries}
    for topic in TOPICS:
        hits = get_index().search(widen(parse(topic)), Filters(), False, now, 0, 10)
        first = by_id[hits[0].page_id]
        # Two hundred days old at least, under fourteen newer stories that mention it.
        assert now - first.published_ts > 200 * 86400, topic
        assert normalize(topic) in first.headline_exact.split(), topic


def test_a_page_deep_in_the_results_continues_the_first(
    archive: Archive, small_recent_part: None,
) -> None:
    entries, now, _ = archive
    query = widen(parse(TOPICS[0]))
    index = get_index()
    whole = [hit.page_id for hit in index.search(query, Filters(), False, now, 0, 12)]
    pages = [hit.page_id for first in (0, 4, 8) for hit in
             index.search(query, Filters(), False, now, first, 4)]
    assert pages == whole
    assert whole == [pk for pk, _ in exhaustive(query, entries, now, Filters(), 12)]


def test_entries_deleted_take_their_postings_with_them(archive: Archive) -> None:
    entries, now, _ = archive
    gone = entries[0].page_id
    assert postings_of(gone)
    SearchEntry.objects.filter(pk=gone).delete()
    assert not postings_of(gone)


def postings_of(page_id: int) -> list[Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT stem FROM {postings.TABLE} WHERE page_id = %s", [page_id])
        return cursor.fetchall()



@pytest.mark.parametrize("limit", [1000, 5])
def test_the_count_is_every_match_up_to_the_limit(archive: Archive, limit: int) -> None:
    entries, now, sections = archive
    index = get_index()
    queries = _queries(sections, now) + [
        (f"{a} {b}", Filters(section_id=sections[0]))
        for a, b in zip(TOPICS[:4], TOPICS[1:5], strict=True)
    ] + [(f"{FILLER[1]} {FILLER[5]}", Filters()), (f"{FILLER[2]} {TOPICS[0]} ", Filters())]
    for text, filters in queries:
        query = widen(parse(text))
        every = exhaustive(query, entries, now, filters, len(entries))
        assert index.count(query, filters, limit) == min(len(every), limit), (text, filters)


def test_words_in_most_stories_are_held_together_by_no_fewer_than_their_totals_say(
    archive: Archive,
) -> None:
    """The count trusts this bound without asking the index: it must never exceed the
    stories that really hold every word, and must prove something for common words."""
    entries, now, _sections = archive
    index = get_index()
    words = _filler_words()
    texts = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    texts += [f"{a} {b} {c}" for a, b, c in zip(words, words[3:], words[7:], strict=False)]
    proven = 0
    for text in texts:
        query = widen(parse(text))
        found = index.statistics(query)
        assert found is not None, text
        held = len(exhaustive(query, entries, now, Filters(), len(entries)))
        bound = ranking.held_by_every_word(found)
        assert bound <= held, text
        proven += bound > 0
        # At a limit the bound reaches, the count stops there without asking the index.
        assert index.count(query, Filters(), max(bound, 1)) == min(held, max(bound, 1)), text
    assert proven > len(texts) // 2


def test_a_key_spelt_like_full_text_syntax_is_counted_as_a_key(archive: Archive) -> None:
    """Several words are counted, and their stories listed for ranking, by the full-text
    index: a key there is a word, never syntax."""
    plain = widen(parse(f"{TOPICS[0]} {TOPICS[1]}"))
    first = plain.terms[0]
    hostile = ('"', 'x" OR "', "NEAR(", "*", "{headline_exact}:", "'", "^", "!!", "&")
    spiked = replace(plain, terms=(replace(first, stems=(*first.stems, *hostile)),
                                   *plain.terms[1:]))
    index = get_index()
    expected = index.count(plain, Filters(), 1000)

    assert expected > 0
    assert index.count(spiked, Filters(), 1000) == expected
    # Ranking lists them with the same expression, when it scores every holder.
    listed = sorted(index._plain_holders(spiked, Filters(), 1000))
    assert listed == sorted(index._plain_holders(plain, Filters(), 1000))


def test_counting_leaves_the_database_planning_as_it_was(archive: Archive) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a planner setting of PostgreSQL's: the PostgreSQL pass runs this")
    _entries, _now, sections = archive
    query = widen(parse(f"{TOPICS[0]} {TOPICS[1]}"))
    with connection.cursor() as cursor:
        get_index().count(query, Filters(section_id=sections[0]), 1000)
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("on",)
