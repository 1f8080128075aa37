"""A search only reads: a publish never waits for one, and the connection is left as it
was, on SQLite or PostgreSQL."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import DataError, connection, connections, transaction

from nashra.newsroom import factories
from nashra.search.backends import Filters, _without_sequential_scan
from nashra.search.models import SearchEntry
from nashra.search.query import parse
from nashra.search.results import SearchResults

pytestmark = pytest.mark.django_db(transaction=True)

# Far longer than a publish takes, far shorter than SQLite's busy timeout (20 s): a
# publish held up by a lock would still be waiting when this runs out.
PATIENCE_SECONDS = 10


def test_a_publish_goes_through_while_a_search_is_half_read(
    django_capture_on_commit_callbacks: Any,
) -> None:
    section = factories.section()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(30):
            factories.article(section, f"أسعار الذهب في الأسواق، التقرير {n}")
    results = SearchResults(parse("الذهب"), Filters())
    assert len(results[0:20]) == 20
    # A search's statement left open mid-way, as a slow reader's would be.
    cursor = connection.cursor()
    cursor.execute("SELECT page_id FROM nashra_search_searchentry ORDER BY page_id")
    assert cursor.fetchone() is not None
    published: list[int] = []
    failures: list[BaseException] = []

    def publish() -> None:
        try:
            story = factories.article(section, "الذهب يتراجع بعد ارتفاع دام أسبوعاً")
            published.append(story.pk)
        except BaseException as error:  # reported below, in the test's own thread
            failures.append(error)
        finally:
            connections.close_all()

    writer = threading.Thread(target=publish)
    writer.start()
    writer.join(PATIENCE_SECONDS)
    still_waiting = writer.is_alive()
    cursor.close()
    writer.join()

    assert not still_waiting, "the publish waited for the search"
    assert not failures, failures
    assert published and SearchEntry.objects.filter(pk=published[0]).exists()


@pytest.mark.parametrize("in_transaction", [False, True])
def test_a_failed_full_text_read_leaves_the_database_planning_as_it_was(
    in_transaction: bool,
) -> None:
    """The setting is put back in the statement's own message: when the statement fails,
    the rollback must put it back, in autocommit and inside a transaction alike."""
    if connection.vendor != "postgresql":
        pytest.skip("a planner setting of PostgreSQL's: the PostgreSQL pass runs this")

    def planning() -> Any:
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            return cursor.fetchone()

    if in_transaction:
        with transaction.atomic():
            with pytest.raises(DataError), transaction.atomic():
                _without_sequential_scan("SELECT 1 / %s", [0])
            assert planning() == ("on",)
    else:
        with pytest.raises(DataError):
            _without_sequential_scan("SELECT 1 / %s", [0])
    assert planning() == ("on",)
    assert _without_sequential_scan("SELECT %s", [7]) == [(7,)]
    assert planning() == ("on",)
