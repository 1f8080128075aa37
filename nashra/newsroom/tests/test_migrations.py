"""Migrations that rewrite what a site already holds, run on rows written before them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_AUTHOR_PAGES = [("newsroom", "0008_share_cards_and_galleries")]
AFTER_AUTHOR_PAGES = [("newsroom", "0009_corrections_authors_columns")]


@pytest.mark.django_db(transaction=True)
def test_authors_written_before_author_pages_each_get_an_address_of_their_own() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_AUTHOR_PAGES)
    old = executor.loader.project_state(BEFORE_AUTHOR_PAGES).apps.get_model("newsroom", "Author")
    for name in ("سلمى خالد", "سلمى  خالد", "!!!", "Omar Nasser"):
        old.objects.create(name=name)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER_AUTHOR_PAGES)
    new = executor.loader.project_state(AFTER_AUTHOR_PAGES).apps.get_model("newsroom", "Author")

    slugs = dict(new.objects.values_list("name", "slug"))
    assert slugs == {
        "سلمى خالد": "سلمى-خالد",
        "سلمى  خالد": "سلمى-خالد-2",
        "!!!": "author",
        "Omar Nasser": "omar-nasser",
    }
    # Back to the latest state, for the tests that follow.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
