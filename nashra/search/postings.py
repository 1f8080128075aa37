"""Each indexed story under each of its stems, with the stem's impact there.

One row per (stem, story): the impact (:mod:`nashra.search.impact`), and the story's
publication time and section, so that ranking reads nothing else. Rows are sorted
three ways: by stem and publication time (a stem's newest stories, and a ranked story's
impact for another word of the query), by stem and impact (the stories most about a
stem), and by story and stem (one story's postings: deleting them, and scoring a list
of stories).
A stem is stored as a 63-bit number taken from its hash: stems compare as integers and
take eight bytes, and a number depends on the stem alone, never on the order stories
were indexed in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from django.db import connection

from nashra.search import stem_totals
from nashra.search.impact import impacts
from nashra.search.models import FIELDS, SearchEntry

TABLE = "nashra_search_posting"
COLUMNS = ("stem", "published_ts", "page_id", "impact", "section_id")
_CHUNK = 500


def stem_id(stem: str) -> int:
    """The number a stem is stored under (non-negative, below 2**63)."""
    digest = hashlib.blake2b(stem.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def rows(entry: SearchEntry) -> Iterator[tuple[int, float, int, int, int]]:
    """The posting rows of one entry, in the order of COLUMNS."""
    fields = {field: getattr(entry, f"{field}_stem") for field in FIELDS}
    for stem, impact in impacts(fields).items():
        yield stem_id(stem), entry.published_ts, entry.page_id, impact, entry.section_id


def write(entries: Iterable[SearchEntry], fresh: bool = False, totals: bool = True) -> None:
    """Replace the postings of ``entries`` (``fresh``: they have none yet).

    ``totals``: count them in :mod:`nashra.search.stem_totals` as well, in the same
    transaction; a rebuild leaves that out and counts everything once at the end.
    """
    entries = list(entries)
    removed: list[int] = []
    with connection.cursor() as cursor:
        if not fresh:
            ids = [entry.page_id for entry in entries]
            for first in range(0, len(ids), _CHUNK):
                chunk = ids[first : first + _CHUNK]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"DELETE FROM {TABLE} WHERE page_id IN ({marks}) RETURNING stem", chunk
                )
                removed += [stem for (stem,) in cursor.fetchall()]
        # In key order: each stem's rows then land together in the sorted table.
        data = sorted(row for entry in entries for row in rows(entry))
        if connection.vendor == "postgresql":
            # COPY: a rebuild writes a hundred rows a story, ten million for a large archive.
            with cursor.cursor.copy(f"COPY {TABLE} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in data:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(COLUMNS))
            cursor.executemany(
                f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({marks})", data
            )
    if totals:
        stem_totals.shift(((row[0], row[3]) for row in data), removed)


def clear() -> None:
    """Remove every posting (before a rebuild writes them all again)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
