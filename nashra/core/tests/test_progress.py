"""Long commands show their progress on a terminal, and nothing in a log."""

from __future__ import annotations

from io import StringIO

from nashra.conftest import Terminal
from nashra.core.progress import Progress, tracked


def test_a_terminal_sees_the_label_and_how_far_the_work_is(terminal: Terminal) -> None:
    with Progress("index", out=terminal.stream) as progress:
        for done in range(1, 5):
            progress(done, 4)

    shown = terminal.text()
    assert "index" in shown
    assert "4/4" in shown and "100%" in shown


def test_a_total_learned_late_is_shown_once_known(terminal: Terminal) -> None:
    with Progress("flush", out=terminal.stream) as progress:
        progress(3, 0)  # a count of batches with no total yet
        progress(7, 10)

    assert "7/10" in terminal.text()


def test_output_that_is_not_a_terminal_gets_nothing() -> None:
    log = StringIO()
    with Progress("prune", out=log) as progress:
        progress(1, 2)
        progress(2, 2)

    assert log.getvalue() == ""


def test_a_quiet_command_draws_nothing_even_on_a_terminal(terminal: Terminal) -> None:
    with Progress("ingest", out=terminal.stream, enabled=False) as progress:
        progress(2, 2)

    assert terminal.text() == ""


def test_tracked_hands_every_item_on_and_counts_them(terminal: Terminal) -> None:
    items = list(tracked(["أ", "ب", "ج"], "letters", out=terminal.stream))

    assert items == ["أ", "ب", "ج"]
    assert "3/3" in terminal.text()
