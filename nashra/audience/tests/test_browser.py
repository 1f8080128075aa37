"""A reader in a real Chromium: one view per half hour, however often they reload."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command

from nashra.audience import clock
from nashra.audience.tests.conftest import READER
from nashra.newsroom import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_and_wait_for_the_beacon(tab, url: str | None = None) -> str:
    """Open (or, with no address, reload) the page and wait for its own beacon's answer,
    so a slower beacon of an earlier visit cannot be taken for this one."""
    with tab.expect_response(lambda r: "/audience/views/" in r.url) as beacon:
        if url is None:
            tab.reload()
        else:
            tab.goto(url)
    response = beacon.value
    assert response.status == 204
    return response.headers["nashra-view"]


def shown_count(tab) -> str:
    """The counter's number, after checking the visible one (in either digit style) agrees."""
    counter = tab.locator(".views-count")
    number = counter.get_attribute("data-count")
    shown = counter.locator(".views-count-number").inner_text()
    assert shown.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")) == number
    return number


def test_a_reader_adds_one_view_per_half_hour(live_server, browser, database_mode) -> None:
    story = factories.article(
        factories.section("ثقافة", slug="culture"), "افتتاح متحف للخط العربي", view_count=41
    )
    url = live_server.url + story.url
    # Headless Chromium names itself HeadlessChrome, which is rightly taken for a robot.
    context = browser.new_context(locale="ar", user_agent=READER)
    tab = context.new_page()
    try:
        assert open_and_wait_for_the_beacon(tab, url) == "counted"
        assert open_and_wait_for_the_beacon(tab, url) == "repeat"
        call_command("flush_views", verbosity=0)
        assert open_and_wait_for_the_beacon(tab) == "repeat"
        assert shown_count(tab) == "42"

        with clock.travel(timedelta(minutes=31)):
            assert open_and_wait_for_the_beacon(tab, url) == "counted"
            call_command("flush_views", verbosity=0)
            assert open_and_wait_for_the_beacon(tab) == "repeat"
            assert shown_count(tab) == "43"
    finally:
        context.close()
