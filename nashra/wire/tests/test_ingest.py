from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from nashra.conftest import Terminal
from nashra.newsroom import factories
from nashra.wire.models import Source
from nashra.wire.tests import server
from nashra.wire.tests.samples import LIBRARY, RAIN, feed_item, rss
from nashra.wire.tests.server import FixtureServer

wire_server = server.wire_server  # the fixture, used by name

pytestmark = pytest.mark.django_db


def test_it_prints_progress_and_a_summary_table(
    wire_server: FixtureServer, terminal: Terminal
) -> None:
    url = wire_server.serve("/feed.xml", rss([
        feed_item(RAIN, wire_server.url("/n/1")), feed_item(LIBRARY, wire_server.url("/n/2")),
    ]))
    source = Source.objects.create(name="جريدة المساء", address=url,
                                   section=factories.section("محليات"))
    out = StringIO()
    call_command("ingest", "--source", str(source.pk), stdout=out, stderr=terminal.stream)
    output = out.getvalue()
    progress = terminal.text()
    assert "ingest" in progress and "2/2" in progress
    lines = output.split("\n")
    header, _rule, row = lines[0:3]
    assert header.split() == ["source", "status", "offered", "taken", "attached",
                              "duplicates", "failed"]
    assert row.split()[-6:] == ["ok", "2", "2", "0", "0", "0"]


def test_it_refuses_an_unknown_source() -> None:
    with pytest.raises(CommandError, match="no source"):
        call_command("ingest", "--source", "999999")


def test_it_is_on_the_schedule(settings: object) -> None:
    from django.conf import settings as live

    # Apart from the other jobs: a stalling source must not hold up publishing.
    assert ("ingest", 300, "apart") in live.NASHRA_SCHEDULE
