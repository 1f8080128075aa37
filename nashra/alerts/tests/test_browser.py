"""Readers in a real Chromium: the opt-in asks nothing before the reader presses, the
service worker registers and shows a pushed alert in Arabic, and a cached page shows a new
alert in its ticker within seconds.

Chromium cannot finish `pushManager.subscribe` here: in a normal profile it waits on
Google's push service (FCM), which this machine cannot reach, and in Playwright's
off-the-record contexts it refuses at once ("Registration failed - permission denied").
So the subscription's server side is tested with real keys in test_subscriptions.py, and
the service worker receives its push through the DevTools protocol instead of FCM.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from playwright.sync_api import expect

from nashra.alerts.management.commands.make_vapid_keys import key_pair
from nashra.alerts.models import Alert
from nashra.newsroom import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def vapid(settings):
    settings.NASHRA_VAPID_PRIVATE_KEY, settings.NASHRA_VAPID_PUBLIC_KEY = key_pair()


@pytest.fixture
def story():
    politics = factories.section("سياسة", slug="politics")
    return factories.article(politics, "زلزال بقوة خمس درجات يضرب الساحل دون إصابات", slug="quake")


def registrations(tab):
    return tab.evaluate(
        "navigator.serviceWorker.getRegistrations().then(r => r.map(x => x.scope))"
    )


def test_nothing_is_asked_before_the_reader_presses_the_button(live_server, tab, story, vapid):
    tab.goto(live_server.url + "/alerts/")
    tab.wait_for_load_state("networkidle")
    assert tab.evaluate("Notification.permission") == "default"
    assert registrations(tab) == []
    expect(tab.locator("button.alerts-subscribe")).to_have_text("تلقّي التنبيهات العاجلة")
    expect(tab.locator(".alerts-status")).to_have_text("")


def test_the_service_worker_shows_a_pushed_alert_in_arabic(live_server, tab, story, vapid):
    tab.context.grant_permissions(["notifications"], origin=live_server.url)
    tab.goto(live_server.url + "/alerts/")
    tab.locator("button.alerts-subscribe").click()
    # Off the record, Chromium refuses the subscription itself, after the worker is in.
    expect(tab.locator("form.alerts-form")).to_have_attribute("data-state", "failed")
    expect(tab.locator(".alerts-status")).to_have_text(
        "تعذّر الاشتراك في التنبيهات الآن؛ أعد المحاولة بعد قليل."
    )
    assert registrations(tab) == [live_server.url + "/alerts/"]

    devtools = tab.context.new_cdp_session(tab)
    found: list[str] = []
    devtools.on("ServiceWorker.workerRegistrationUpdated", lambda event: found.extend(
        each["registrationId"] for each in event["registrations"]
    ))
    devtools.send("ServiceWorker.enable")
    deadline = time.monotonic() + 10
    while not found and time.monotonic() < deadline:
        tab.wait_for_timeout(100)
    alert = Alert(pk=7, headline=story.title, url=live_server.url + story.url)
    # The worker must be active before a push can reach it; on a loaded machine the first
    # push may still arrive during its start, so it is sent again (one tag: one notice).
    tab.evaluate("navigator.serviceWorker.ready.then(() => true)")
    shown = []
    for _attempt in range(5):
        devtools.send("ServiceWorker.deliverPushMessage", {
            "origin": live_server.url + "/",
            "registrationId": found[0],
            "data": json.dumps(alert.push_payload(), ensure_ascii=False),
        })
        deadline = time.monotonic() + 4
        while not shown and time.monotonic() < deadline:
            shown = tab.evaluate("""navigator.serviceWorker.ready.then(r => r.getNotifications())
                .then(list => list.map(n => ({title: n.title, body: n.body, tag: n.tag,
                                               dir: n.dir, url: n.data.url})))""")
            tab.wait_for_timeout(100)
        if shown:
            break
    assert shown == [{
        "title": "عاجل", "body": story.title, "tag": "nashra-alert-7", "dir": "rtl",
        "url": live_server.url + story.url,
    }]


def test_a_cached_page_shows_a_new_alert_within_ten_seconds(
    live_server, tab, story, settings, django_user_model
):
    settings.PAGE_CACHE_SECONDS = 600
    address = live_server.url + story.url
    tab.goto(address)
    tab.wait_for_load_state("networkidle")  # the view beacon has been counted
    assert tab.locator(".breaking-ticker").count() == 0
    tab.request.get(address)
    assert tab.request.get(address).headers["nashra-cache"] == "hit"

    Alert.objects.announce(story, by=django_user_model.objects.create_user("desk"))
    assert tab.request.get(address).headers["nashra-cache"] == "hit"  # the page stays cached
    began = time.monotonic()
    answer = tab.goto(address)
    # The page as a cache kept it (here the browser's own), drawn before the alert.
    assert "breaking-ticker" not in answer.text()
    expect(tab.locator("[data-ticker-url] .breaking-ticker a")).to_have_text(
        [story.title], timeout=10_000
    )
    assert time.monotonic() - began < 10
    assert re.search(r"/politics/quake/$", tab.locator(".breaking-ticker a").get_attribute("href"))
