"""«إقرأ أيضاً»: the editor's picks first, then stories computed to be related.

Relatedness is cosine similarity of TF-IDF profiles built from the same
keys the index holds: headline stems (heaviest), tags, standfirst stems, and
entities (tags and the dateline as whole normalised names, so الأمن الغذائي is
one thing, not الأمن and الغذائي). It is multiplied by a recency decay on the
time between the two stories. A candidate whose headline and standfirst say
nearly the same words as the article is a duplicate (a re-run, a wire copy),
not a suggestion, and is left out. Lists are computed on publish and stored on
the entry; the article page reads them through the cache.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from typing import Any

from django.core.cache import caches
from django.db import connections
from wagtail.models import Page

from nashra.newsroom.models import ArticlePage, ReadAlsoLink
from nashra.search.backends import get_index
from nashra.search.generations import generation
from nashra.search.models import SearchEntry

READ_ALSO_COUNT = 4
PROFILE_TERMS = 30
# A word in more than this share of all stories (and more than COMMON_FLOOR of them)
# says nothing about which stories are related, but finding and ranking every story it
# is in is most of the cost on a large archive: it is left out of the candidate search
# (it still counts, weakly, in the similarity of the candidates found).
COMMON_SHARE = 0.05
COMMON_FLOOR = 100
HALF_LIFE_DAYS = 30.0
DUPLICATE_OVERLAP = 0.8
CACHE_SECONDS = 3600

_HEADLINE, _STANDFIRST, _TAGS, _ENTITY = 3.0, 1.0, 2.0, 3.0


def _profile(entry: SearchEntry) -> dict[str, float]:
    weights: dict[str, float] = defaultdict(float)
    for key in entry.headline_stem.split():
        weights[key] += _HEADLINE
    for key in entry.standfirst_stem.split():
        weights[key] += _STANDFIRST
    for key in entry.tags_stem.split():
        weights[key] += _TAGS
    for name in filter(None, entry.entities.split("|")):
        weights["@" + name] += _ENTITY
    return weights


def _overlap(a: SearchEntry, b: SearchEntry) -> float:
    """Share of the smaller headline+standfirst key set found in the other one."""
    first = set(f"{a.headline_exact} {a.standfirst_exact}".split())
    second = set(f"{b.headline_exact} {b.standfirst_exact}".split())
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


class Idf:
    """Inverse document frequencies, asked of the index once per key."""

    def __init__(self) -> None:
        self.index = get_index()
        self.total = max(SearchEntry.objects.count(), 1)
        self.known: dict[str, float] = {}
        self.complete = False
        # Past this many stories a word is common (compute_related): no need to count on.
        self.cap = int(COMMON_SHARE * self.total) + 1 if self.is_large else None

    @property
    def is_large(self) -> bool:
        return self.total > COMMON_FLOOR / COMMON_SHARE

    @property
    def common(self) -> float:
        """The weight at or under which a word is too common to look for stories by."""
        return math.log(1 + 1 / COMMON_SHARE) if self.is_large else 0.0

    @classmethod
    def counted(cls) -> Idf:
        """Every key's frequency counted in one pass over the entries, for a batch.

        Recomputing many stories' read-also (a rebuild) would otherwise ask the index once
        per key, and a large archive has hundreds of thousands of keys.
        """
        idf = cls()
        frequencies: Counter[str] = Counter()
        rows = SearchEntry.objects.values_list(
            "headline_stem", "standfirst_stem", "tags_stem", "entities"
        )
        for headline, standfirst, tags, entities in rows.iterator(chunk_size=2000):
            frequencies.update(set(f"{headline} {standfirst} {tags}".split()))
            frequencies.update({"@" + name for name in entities.split("|") if name})
        idf.known = {
            key: math.log(1 + idf.total / (1 + frequency))
            for key, frequency in frequencies.items()
        }
        idf.complete = True
        return idf

    def __call__(self, key: str) -> float:
        if key not in self.known:
            if self.complete:  # counted: a key not seen is in no story
                return math.log(1 + self.total)
            if key.startswith("@"):
                frequency = SearchEntry.objects.filter(entities__contains=key[1:]).count()
            else:
                frequency = self.index.document_frequency(key, self.cap)
            self.known[key] = math.log(1 + self.total / (1 + frequency))
        return self.known[key]


def _weighted(profile: dict[str, float], idf: Idf) -> dict[str, float]:
    vector = {key: weight * idf(key) for key, weight in profile.items()}
    norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
    return {key: value / norm for key, value in vector.items()}


def compute_related(
    entry: SearchEntry, count: int = READ_ALSO_COUNT, idf: Idf | None = None
) -> list[int]:
    """The ids of the stories most related to ``entry``, most related first.

    ``idf`` may be shared by many calls over an unchanged index (a rebuild), so each
    key's document frequency is asked of the index once, not once per article.
    """
    idf = idf or Idf()
    mine = _weighted(_profile(entry), idf)
    words = sorted(
        (key for key in mine if not key.startswith("@") and idf(key) > idf.common),
        key=lambda k: -mine[k],
    )
    candidate_ids = get_index().candidates(words[:PROFILE_TERMS], entry.pk)
    scored: list[tuple[float, int]] = []
    for other in SearchEntry.objects.filter(pk__in=candidate_ids):
        if _overlap(entry, other) >= DUPLICATE_OVERLAP:
            continue
        theirs = _weighted(_profile(other), idf)
        similarity = sum(value * theirs.get(key, 0.0) for key, value in mine.items())
        days = abs(entry.published_ts - other.published_ts) / 86400
        scored.append((similarity * 0.5 ** (days / HALF_LIFE_DAYS), other.pk))
    scored.sort(key=lambda pair: (-pair[0], -pair[1]))
    return [pk for score, pk in scored[:count] if score > 0]


def refresh_related(entry: SearchEntry, idf: Idf | None = None) -> list[int]:
    related = compute_related(entry, idf=idf)
    if related != entry.related_ids:
        SearchEntry.objects.filter(pk=entry.pk).update(related_ids=related)
        entry.related_ids = related
    return related


def read_also_for(page: ArticlePage) -> list[Any]:
    """The stories shown under an article: live manual picks, then computed ones.

    Cached per search generation, so a warm article page asks the database
    nothing for it; any publish, unpublish or delete starts a new generation.
    """
    # One entry per story: kept with the pages (the "pages" cache), where a burst of
    # stories may push out other pages but never a rate limit.
    stories: list[Any] | None = caches["pages"].get(_read_also_key(page))
    if stories is None:
        stories = _read_also(page)
        keep_read_also(page, stories)
    return stories


def keep_read_also(page: ArticlePage, stories: list[Any]) -> None:
    """Keep the list as shown, with the thumbnails the page gave its stories: a new
    rendition of any picture starts a new generation (search/signals.py)."""
    caches["pages"].set(_read_also_key(page), stories, CACHE_SECONDS)


def _read_also_key(page: ArticlePage) -> str:
    return f"nashra:search:read-also:{generation()}:{page.pk}"


def _read_also(page: ArticlePage) -> list[ArticlePage]:
    """Live picks in the editor's order, then live computed stories, READ_ALSO_COUNT in all.

    Plain SQL: an uncached story page runs this, and building the three ORM queries it
    replaces cost 1.5 ms, a fifth of the page, against 0.1 ms for these statements.
    """
    with connections[ArticlePage.objects.db].cursor() as cursor:
        cursor.execute(_PICKS, [page.pk])
        picks = list(dict.fromkeys(target for (target,) in cursor.fetchall()))
        cursor.execute(_COMPUTED, [page.pk])
        stored = cursor.fetchone()
        computed = [
            pk for pk in _json_list(stored[0] if stored else None)
            if pk != page.pk and pk not in picks
        ]
        if not picks and not computed:
            return []
        asked = [*picks, *computed]
        cursor.execute(_LIVE_PAGES.format(", ".join(["%s"] * len(asked))), asked)
        live = {row[0]: row for row in cursor.fetchall()}
    live_picks = [pk for pk in picks if pk in live]
    live_computed = [pk for pk in computed if pk in live]
    shown = live_picks + live_computed[: max(READ_ALSO_COUNT - len(live_picks), 0)]
    return [ArticlePage.from_db(ArticlePage.objects.db, _PAGE_FIELDS, live[pk]) for pk in shown]


def _json_list(value: Any) -> list[int]:
    # SQLite hands JSON back as text, psycopg as Python values.
    loaded = json.loads(value) if isinstance(value, str) else value
    return [int(pk) for pk in loaded or []]


# In the order of the model's fields, which is how from_db reads them; the lead image's id
# is enough: the article page loads all its pictures at once. The column marks opinion.
_PAGE_FIELDS = ["id", "title", "url_path", "page_ptr_id", "lead_image_id", "column_id"]
_PICKS = (
    f"SELECT target_id FROM {ReadAlsoLink._meta.db_table}"
    " WHERE article_id = %s ORDER BY sort_order, id"
)
_COMPUTED = (
    f"SELECT related_ids FROM {SearchEntry._meta.db_table}"
    f" WHERE {SearchEntry._meta.pk.column} = %s"
)
_LIVE_PAGES = (
    f"SELECT page.id, page.title, page.url_path, article.page_ptr_id, article.lead_image_id,"
    " article.column_id"
    f" FROM {Page._meta.db_table} page JOIN {ArticlePage._meta.db_table} article"
    f" ON article.page_ptr_id = page.id WHERE page.live AND page.id IN ({{}})"
)
