from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from nashra.newsroom import factories
from nashra.wire.models import Policy, Source
from nashra.wire.runs import ingest
from nashra.wire.tests import server
from nashra.wire.tests.samples import OLIVES, RAIN, RAIN_REWRITE, feed_item, rss
from nashra.wire.tests.server import FixtureServer

wire_server = server.wire_server  # the fixture, used by name

pytestmark = pytest.mark.django_db


def test_editors_see_drafts_taken_in_with_their_origin(
    client: Client, editor: Any, wire_server: FixtureServer
) -> None:
    section = factories.section("محليات")
    first = wire_server.serve("/a.xml", rss([feed_item(RAIN, wire_server.url("/a/rain"))]))
    second = wire_server.serve("/b.xml", rss([
        feed_item(RAIN_REWRITE, wire_server.url("/b/floods"))
    ]))
    trusted = wire_server.serve("/c.xml", rss([feed_item(OLIVES, wire_server.url("/c/olives"))]))
    ingest(Source.objects.create(name="جريدة المساء", address=first, section=section).pk)
    ingest(Source.objects.create(name="وكالة الشمال", address=second, section=section).pk)
    ingest(Source.objects.create(name="وكالة موثوقة", address=trusted, section=section,
                                 policy=Policy.PUBLISH).pk)
    client.force_login(editor)
    response = client.get(reverse("wire_inbox:index"))
    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "html.parser").select(".wire-inbox-row")
    assert len(rows) == 1  # the published story is not waiting for anyone
    cells = rows[0].find_all("td")
    assert cells[0].get_text(strip=True) == RAIN["title"]
    assert "جريدة المساء" in cells[1].get_text() and wire_server.url("/a/rain") in str(cells[1])
    assert [a.get_text() for a in cells[2].select(".wire-also")] == ["وكالة الشمال"]
    assert cells[3].find("time")["datetime"].startswith("2026-11-28T09:30")  # the source's time
