"""Hot statements prepared once per PostgreSQL connection, failing as Django's do."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection

from nashra.operations.prepared import prepared_rows

pytestmark = pytest.mark.django_db


def test_the_rows_are_those_of_the_statement_on_every_database() -> None:
    statement = "SELECT %s, %s UNION ALL SELECT %s, %s ORDER BY 1"
    assert prepared_rows("default", statement, [2, "ب", 1, "أ"]) == [(1, "أ"), (2, "ب")]


def test_on_postgresql_a_statement_is_prepared_once_and_reused() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL prepares statements; the PostgreSQL pass runs this")
    statement = "SELECT count(*) FROM wagtailcore_page WHERE depth >= %s"
    for _ in range(3):
        prepared_rows("default", statement, [1])
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement = %s",
                       [statement.replace("%s", "$1")])
        assert cursor.fetchone() == (1,)


def test_a_failing_statement_raises_djangos_error_and_marks_the_connection() -> None:
    connection.errors_occurred = False
    with pytest.raises(DatabaseError):
        prepared_rows("default", "SELECT * FROM no_such_table WHERE id = %s", [1])
    assert connection.errors_occurred
