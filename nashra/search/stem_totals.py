"""Each key's number of stories and strongest impact, kept in step with the postings.

Ranking weighs a query word by how many stories hold it (idf) and bounds what it can
add by its strongest impact (:mod:`nashra.search.ranking`). Counted from the postings
at search time, a common word cost a read of all of them: at 100,000 stories a fresh
worker spent a second on its first few hundred searches, one query up to 146 ms, and
again after every publish. Kept here instead, in the transaction that writes the
postings, they cost a search one indexed look-up and are never stale.

* ``stories`` is exact. Writing a story's postings counts it in for its new keys and
  out of its old ones; deleting an entry, which deletes its postings through the
  database, counts it out in a trigger (migration 0008).
* ``strongest`` only ever grows, until a rebuild counts everything again: ranking
  needs a bound that no story exceeds, not the maximum itself.

On PostgreSQL every writer of totals first takes one advisory lock for the rest of
its transaction. Two publishes adding common keys in different orders would otherwise
wait on each other's rows and deadlock. Index writes run after a publish commits and
take milliseconds, so one waits for another's few milliseconds at most; on SQLite
writers go one at a time anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

from nashra.operations.prepared import prepared_rows
from nashra.search.models import Posting, StemTotal

TABLE = StemTotal._meta.db_table
POSTINGS = Posting._meta.db_table
# Any number nothing else in the database locks. Migration 0008's trigger takes it too,
# with the value it had then: never change it.
WRITERS_LOCK = 0x6E617368_72610001


def _serialise_writers(cursor: Any) -> None:
    if connection.vendor == "postgresql":
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WRITERS_LOCK])


def shift(added: Iterable[tuple[int, int]], removed: Iterable[int]) -> None:
    """Count a story in for each (key, impact) of ``added``, out for each key of ``removed``.

    A key may be in both (a story written again): only the difference is written.
    """
    change: dict[int, list[int]] = {}
    for stem, impact in added:
        total = change.setdefault(stem, [0, 0])
        total[0] += 1
        total[1] = max(total[1], impact)
    for stem in removed:
        change.setdefault(stem, [0, 0])[0] -= 1
    # In key order, so that the rows are written where they sit in the table.
    rows = sorted((stem, count, strongest) for stem, (count, strongest) in change.items()
                  if count or strongest)
    if not rows:
        return
    with connection.cursor() as cursor:
        _serialise_writers(cursor)
        if connection.vendor == "postgresql":
            cursor.execute(
                f"INSERT INTO {TABLE} (stem, stories, strongest) "
                f"SELECT * FROM unnest(CAST(%s AS bigint[]), CAST(%s AS integer[]), "
                f"CAST(%s AS smallint[])) "
                f"ON CONFLICT (stem) DO UPDATE SET stories = {TABLE}.stories + EXCLUDED.stories, "
                f"strongest = GREATEST({TABLE}.strongest, EXCLUDED.strongest)",
                [list(column) for column in zip(*rows, strict=True)],
            )
        else:
            cursor.executemany(
                f"INSERT INTO {TABLE} (stem, stories, strongest) VALUES (%s, %s, %s) "
                f"ON CONFLICT (stem) DO UPDATE SET stories = stories + excluded.stories, "
                f"strongest = max(strongest, excluded.strongest)",
                rows,
            )


def recount() -> None:
    """Count every key again from the postings (after a rebuild wrote them all)."""
    with connection.cursor() as cursor:
        _serialise_writers(cursor)
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(
            f"INSERT INTO {TABLE} (stem, stories, strongest) "
            f"SELECT stem, count(*), max(impact) FROM {POSTINGS} GROUP BY stem"
        )


def counted(stories: int, strongest: int) -> tuple[int, int]:
    """A row's (stories, strongest impact) as ranking reads them: never fewer than none."""
    return max(int(stories), 0), int(strongest)


def read(stems: Sequence[int]) -> dict[int, tuple[int, int]]:
    """The (stories, strongest impact) of each of ``stems`` that any story ever held."""
    if not stems:
        return {}
    params: list[Any]
    if connection.vendor == "postgresql":
        among, params = "stem = ANY(%s)", [list(stems)]
    else:
        among, params = f"stem IN ({', '.join(['%s'] * len(stems))})", list(stems)
    rows = prepared_rows(
        connection.alias, f"SELECT stem, stories, strongest FROM {TABLE} WHERE {among}", params
    )
    return {int(stem): counted(stories, strongest) for stem, stories, strongest in rows}
