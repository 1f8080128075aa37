"""Each key's totals stay equal to its postings through every way the index changes.

The totals are checked against the postings themselves, counted in SQL here: stories
exactly, and the strongest impact as a bound no posting exceeds (exact after a rebuild).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, connections

from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage
from nashra.search.documents import index_article, rekey
from nashra.search.models import SearchEntry
from nashra.search.postings import TABLE as POSTINGS
from nashra.search.stem_totals import TABLE as TOTALS

TITLES = (
    "الحكومة تقر الموازنة العامة للعام المقبل",
    "البرلمان يناقش الموازنة وأسعار الوقود",
    "ارتفاع أسعار الذهب في الأسواق المحلية",
    "الحكومة والبرلمان يتفقان على دعم الوقود",
)


def _rows(sql: str) -> dict[int, tuple[int, int]]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {int(stem): (int(a), int(b)) for stem, a, b in cursor.fetchall()}


def assert_totals_follow_postings(exact_strongest: bool = False) -> None:
    held = _rows(f"SELECT stem, count(*), max(impact) FROM {POSTINGS} GROUP BY stem")
    totals = _rows(f"SELECT stem, stories, strongest FROM {TOTALS}")
    assert {stem: stories for stem, (stories, _) in totals.items() if stories} == {
        stem: stories for stem, (stories, _) in held.items()
    }
    for stem, (_, strongest) in held.items():
        if exact_strongest:
            assert totals[stem][1] == strongest
        else:
            assert totals[stem][1] >= strongest


def _published(capture: Any) -> list[ArticlePage]:
    with capture(execute=True):
        section = factories.section()
        return [factories.article(section, title, tags=["اقتصاد"]) for title in TITLES]


@pytest.mark.django_db
def test_totals_follow_publishing_editing_unpublishing_and_deleting(
    django_capture_on_commit_callbacks: Any,
) -> None:
    stories = _published(django_capture_on_commit_callbacks)
    assert_totals_follow_postings()

    edited = stories[0]
    edited.title = "الحكومة تؤجل الموازنة بعد خلاف على أسعار الوقود"
    with django_capture_on_commit_callbacks(execute=True):
        edited.save_revision().publish()
    assert_totals_follow_postings()

    with django_capture_on_commit_callbacks(execute=True):
        stories[1].unpublish()
    assert_totals_follow_postings()

    # A deleted page takes its entry, and the entry its postings, inside the database.
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=stories[2].pk).delete()
    assert not SearchEntry.objects.filter(pk=stories[2].pk).exists()
    assert_totals_follow_postings()

    with django_capture_on_commit_callbacks(execute=True):
        index_article(stories[1].pk)  # still unpublished: it stays out
        index_article(stories[3].pk)  # written again, unchanged
    assert_totals_follow_postings()


@pytest.mark.django_db
def test_a_rekey_and_a_rebuild_leave_totals_equal_to_the_postings(
    django_capture_on_commit_callbacks: Any,
) -> None:
    _published(django_capture_on_commit_callbacks)
    entry = SearchEntry.objects.first()
    assert entry is not None
    # As if older rules had stemmed its headline otherwise: rekeying restores it.
    entry.headline_stem = entry.headline_exact
    entry.save()
    assert rekey() >= 1
    assert_totals_follow_postings()

    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TOTALS} SET stories = stories + 7, strongest = 10000")
    call_command("rebuild_search_index", "--keep-read-also", stdout=StringIO())
    assert_totals_follow_postings(exact_strongest=True)


@contextmanager
def _patient_pool() -> Iterator[None]:
    """PostgreSQL's pool lets a thread wait up to a minute for a connection.

    The writers are about the totals, not the pool. On a slow machine one writer waited
    past the 2 s a request may (DATABASE_POOL_TIMEOUT) while the pool opened connections
    one after another for the others.
    """
    pool = connection.pool if connection.vendor == "postgresql" else None
    if pool is None:
        yield
        return
    kept, pool.timeout = pool.timeout, 60.0
    try:
        yield
    finally:
        pool.timeout = kept


@pytest.mark.django_db(transaction=True)
def test_concurrent_publishes_and_deletes_keep_totals_exact(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Writers on common keys at once neither lose a count nor deadlock (PostgreSQL)."""
    section = factories.section()
    with django_capture_on_commit_callbacks(execute=True):
        doomed = [factories.article(section, f"{TITLES[n % 4]} {n}") for n in range(6)]
    failures: list[BaseException] = []

    def publish(worker: int) -> None:
        try:
            for n in range(4):
                # Every story shares most words with the others, in another order.
                words = " ".join(reversed(TITLES[(worker + n) % 4].split()))
                with django_capture_on_commit_callbacks(execute=True):
                    factories.article(section, f"{words} {TITLES[n % 4]}")
        except BaseException as error:  # reported below, in the test's own thread
            failures.append(error)
        finally:
            connections.close_all()

    def delete(pages: list[int]) -> None:
        try:
            for pk in pages:
                ArticlePage.objects.get(pk=pk).delete()
        except BaseException as error:
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(worker,)) for worker in range(3)]
    threads.append(threading.Thread(target=delete, args=([page.pk for page in doomed],)))
    # Back to the pool, which holds a connection for each of the four writers and no
    # more: kept by this thread, it left one writer waiting on another's whole run, past
    # the pool's timeout on a slow machine.
    connections.close_all()
    with _patient_pool():
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert not failures, failures
    assert SearchEntry.objects.count() == 12
    assert_totals_follow_postings()
