"""The full-text index over the search entries: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Both index only the keys the entry columns hold (never raw text): FTS5's own
tokenizer would split words at harakat and fold no hamza. The dots and commas
inside numbers (12.4, 1,200) are token characters so a number stays one key.
"""

from django.db import migrations

FIELDS = ("headline", "standfirst", "tags", "body", "sources")
COLUMNS = [f"{name}_{kind}" for name in FIELDS for kind in ("exact", "stem")]

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE nashra_search_fts USING fts5({columns}, "
    "content='nashra_search_searchentry', content_rowid='page_id', "
    "tokenize=\"unicode61 tokenchars '.,'\")",
    "CREATE TRIGGER nashra_search_fts_insert AFTER INSERT ON nashra_search_searchentry BEGIN "
    "INSERT INTO nashra_search_fts(rowid, {columns}) VALUES (new.page_id, {new}); END",
    "CREATE TRIGGER nashra_search_fts_delete AFTER DELETE ON nashra_search_searchentry BEGIN "
    "INSERT INTO nashra_search_fts(nashra_search_fts, rowid, {columns}) "
    "VALUES ('delete', old.page_id, {old}); END",
    "CREATE TRIGGER nashra_search_fts_update AFTER UPDATE ON nashra_search_searchentry BEGIN "
    "INSERT INTO nashra_search_fts(nashra_search_fts, rowid, {columns}) "
    "VALUES ('delete', old.page_id, {old}); "
    "INSERT INTO nashra_search_fts(rowid, {columns}) VALUES (new.page_id, {new}); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS nashra_search_fts_update",
    "DROP TRIGGER IF EXISTS nashra_search_fts_delete",
    "DROP TRIGGER IF EXISTS nashra_search_fts_insert",
    "DROP TABLE IF EXISTS nashra_search_fts",
]

# Weights A-D: headline, then standfirst and tags, then body, then sources.
WEIGHTS = {"headline": "A", "standfirst": "B", "tags": "B", "body": "C", "sources": "D"}


def _vector(kind):
    return " || ".join(
        f"setweight(to_tsvector('simple'::regconfig, coalesce({name}_{kind}, '')), '{weight}')"
        for name, weight in WEIGHTS.items()
    )


POSTGRES_FORWARD = [
    f"ALTER TABLE nashra_search_searchentry ADD COLUMN {kind}_vector tsvector "
    f"GENERATED ALWAYS AS ({_vector(kind)}) STORED"
    for kind in ("exact", "stem")
] + [
    "CREATE INDEX nashra_search_stem_vector_gin ON nashra_search_searchentry "
    "USING gin (stem_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS nashra_search_stem_vector_gin",
    "ALTER TABLE nashra_search_searchentry DROP COLUMN IF EXISTS stem_vector",
    "ALTER TABLE nashra_search_searchentry DROP COLUMN IF EXISTS exact_vector",
]


def _statements(vendor, forward):
    columns = ", ".join(COLUMNS)
    new = ", ".join(f"new.{c}" for c in COLUMNS)
    old = ", ".join(f"old.{c}" for c in COLUMNS)
    if vendor == "sqlite":
        sql = SQLITE_FORWARD if forward else SQLITE_BACKWARD
        return [s.format(columns=columns, new=new, old=old) for s in sql]
    if vendor == "postgresql":
        return POSTGRES_FORWARD if forward else POSTGRES_BACKWARD
    return []


def create_index(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor, forward=True):
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor, forward=False):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("nashra_search", "0001_entry")]

    operations = [migrations.RunPython(create_index, drop_index)]
