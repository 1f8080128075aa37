"""The opinion side of the site: the columnists and the latest piece of each column."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from nashra.newsroom.authors import Column
from nashra.newsroom.models import ArticlePage


@dataclass(frozen=True)
class ColumnWithLatest:
    column: Column
    latest: ArticlePage | None


def columns_with_latest() -> list[ColumnWithLatest]:
    """Every column with its newest published piece, most recently written first.

    Two queries whatever the number of columns: the columns with the id of their newest
    piece, then those pieces as cards.
    """
    newest = (
        ArticlePage.objects.published()
        .filter(column=OuterRef("pk"))
        .newest_first()
        .values("pk")[:1]
    )
    columns = list(
        Column.objects.select_related("writer", "writer__photo")
        .annotate(latest_id=Subquery(newest))
    )
    pieces = ArticlePage.objects.published().for_cards().in_bulk(
        [column.latest_id for column in columns if column.latest_id]  # type: ignore[attr-defined]
    )
    found = [ColumnWithLatest(column, pieces.get(column.latest_id)) for column in columns]  # type: ignore[attr-defined]
    return sorted(found, key=_newest_first)


def _newest_first(entry: ColumnWithLatest) -> tuple[bool, float]:
    latest = entry.latest
    if latest is None or latest.first_published_at is None:
        return (True, 0.0)
    return (False, -latest.first_published_at.timestamp())
