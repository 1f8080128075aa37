"""Live coverage behind deploy/nginx.conf, run for real: the story and its updates stay in
the proxy's cache, and an entry purges those two alone."""

from __future__ import annotations

import json
import urllib.request

import pytest

from nashra.live.models import LiveEntry, start_coverage
from nashra.newsroom import factories
from nashra.operations.tests.test_nginx import fetch, proxy  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_entry_reaches_the_proxy_s_readers_without_purging_the_site(proxy: str) -> None:  # noqa: F811
    factories.home_page()
    section = factories.section("محليات", slug="local")
    story = factories.article(section, "فيضانات: تغطية مباشرة", slug="floods")
    start_coverage(story)
    LiveEntry.add(story, None, text="ارتفاع منسوب المياه.")
    updates = f"{proxy}/live/{story.pk}/updates/"
    for address in (proxy + story.url, updates, proxy + "/", proxy + "/local/"):
        fetch(address)
        assert fetch(address) == (200, "HIT"), address

    entry = LiveEntry.add(story, None, text="إخلاء المنازل القريبة من الوادي.")

    assert fetch(updates) == (200, "MISS")
    with urllib.request.urlopen(updates, timeout=10) as answer:
        assert json.loads(answer.read())["entries"][0]["id"] == entry.pk
    assert fetch(proxy + story.url) == (200, "MISS")
    for listing in ("/", "/local/"):
        assert fetch(proxy + listing) == (200, "HIT"), listing


def test_a_withdrawn_live_story_s_updates_leave_the_proxy(proxy: str) -> None:  # noqa: F811
    factories.home_page()
    story = factories.article(factories.section("محليات", slug="local"), "عاصفة", slug="storm")
    start_coverage(story)
    LiveEntry.add(story, None, text="بدء العاصفة.")
    updates = f"{proxy}/live/{story.pk}/updates/"
    fetch(updates)
    assert fetch(updates) == (200, "HIT")

    story.unpublish()

    assert fetch(updates)[0] == 404
