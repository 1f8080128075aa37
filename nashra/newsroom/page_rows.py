"""Pages read from the database, built by Django's model constructor alone.

Wagtail's page and modelcluster's cluster constructors do work only for a page being
created: the page sets its content type when it has no id yet, and the cluster sorts
child objects out of keyword arguments. A row from the database has an id and comes as
positional values, so both are no-ops for it; yet the cluster's constructor lists every
child relation of the model first, for every row: 0.13 ms a story, about 3 ms of the
20 cards of a search page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Self

from django.db import models
from django.db.models.base import DEFERRED


class BuiltFromRow:
    """For page models: a loaded row skips the constructors meant for new pages."""

    @classmethod
    def from_db(cls, db: str | None, field_names: Sequence[str], values: Sequence[Any]) -> Self:
        # Django's Model.from_db, with the plain constructor.
        fields = cls._meta.concrete_fields  # type: ignore[attr-defined]
        if len(values) != len(fields):
            given = iter(values)
            values = [next(given) if f.attname in field_names else DEFERRED for f in fields]
        page = cls.__new__(cls)
        models.Model.__init__(page, *values)  # type: ignore[arg-type]
        page._state.adding = False  # type: ignore[attr-defined]
        page._state.db = db  # type: ignore[attr-defined]
        return page
