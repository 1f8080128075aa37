"""Subscribing from a cached page: a token from an uncached address, JSON posts checked
for CSRF, keys that are keys, and only push services' addresses."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from nashra.alerts.models import PushSubscription
from nashra.alerts.tests.standins import Subscriber, b64
from nashra.alerts.views import SUBSCRIPTION_LIMITS
from nashra.newsroom import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return Client(enforce_csrf_checks=True)


def subscription(endpoint="https://fcm.googleapis.com/fcm/send/abc123"):
    browser = Subscriber.new()
    return {"endpoint": endpoint, "keys": {"p256dh": browser.p256dh, "auth": b64(browser.auth)}}


def post(reader, url, body, token=None):
    headers = {"X-CSRFToken": token} if token else {}
    return reader.post(url, json.dumps(body), content_type="application/json", headers=headers)


def token_of(reader, settings):
    settings.NASHRA_VAPID_PUBLIC_KEY = "BPublicKeyOfTheSite"
    state = reader.get("/alerts/state/")
    assert state["Cache-Control"] == "no-store"
    assert state.json()["key"] == "BPublicKeyOfTheSite"
    return state.json()["token"]


def test_a_reader_subscribes_to_two_sections_and_unsubscribes(reader, settings):
    politics = factories.section("سياسة", slug="politics")
    economy = factories.section("اقتصاد", slug="economy")
    token = token_of(reader, settings)
    body = {"subscription": subscription(), "sections": [politics.pk, economy.pk]}
    answer = post(reader, "/alerts/subscribe/", body, token)
    assert answer.status_code == 200, answer.content
    assert answer.json()["message"] == "ستصلك التنبيهات العاجلة على هذا الجهاز."
    saved = PushSubscription.objects.get()
    assert not saved.all_sections
    assert set(saved.sections.values_list("pk", flat=True)) == {politics.pk, economy.pk}

    # Subscribing again from the same browser updates, never duplicates.
    post(reader, "/alerts/subscribe/", {"subscription": body["subscription"]}, token)
    assert PushSubscription.objects.get().all_sections

    answer = post(reader, "/alerts/unsubscribe/", {"endpoint": saved.endpoint}, token)
    assert answer.json()["message"] == "أُلغي اشتراكك في التنبيهات العاجلة."
    assert not PushSubscription.objects.exists()


def test_a_post_without_the_token_is_refused(reader):
    answer = post(reader, "/alerts/subscribe/", {"subscription": subscription()})
    assert answer.status_code == 403
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize("endpoint", [
    "http://fcm.googleapis.com/fcm/send/x",  # not https
    "https://127.0.0.1:8443/push/x",  # the site's own network
    "https://fcm.googleapis.com.attacker.example/x",
    "https://internal.example/push",
])
def test_only_a_push_services_address_is_accepted(reader, settings, endpoint):
    token = token_of(reader, settings)
    answer = post(reader, "/alerts/subscribe/", {"subscription": subscription(endpoint)}, token)
    assert answer.status_code == 400
    assert answer.json()["message"] == "تعذّر تسجيل الاشتراك."


def test_keys_that_are_not_keys_are_refused(reader, settings):
    token = token_of(reader, settings)
    bad = subscription()
    bad["keys"]["auth"] = "c2hvcnQ"
    assert post(reader, "/alerts/subscribe/", {"subscription": bad}, token).status_code == 400
    assert not PushSubscription.objects.exists()


def test_the_opt_in_page_asks_nothing_until_the_reader_presses(client, settings):
    settings.NASHRA_VAPID_PUBLIC_KEY = "BPublicKeyOfTheSite"
    factories.section("سياسة", slug="politics")
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get("/alerts/").content, "html.parser")
    assert page.select_one("button.alerts-subscribe").get_text() == "تلقّي التنبيهات العاجلة"
    assert [box.parent.get_text(strip=True) for box in page.select("input[name=section]")] == [
        "سياسة"
    ]
    footer = BeautifulSoup(client.get("/").content, "html.parser")
    assert footer.select_one("footer.site-footer a.alerts-link")["href"] == "/alerts/"


def test_without_a_vapid_key_the_page_says_alerts_are_unavailable(client, settings):
    from bs4 import BeautifulSoup

    settings.NASHRA_VAPID_PUBLIC_KEY = ""
    page = BeautifulSoup(client.get("/alerts/").content, "html.parser")
    assert page.select_one("button.alerts-subscribe") is None
    assert page.select_one(".alerts-unavailable").get_text() == (
        "التنبيهات العاجلة غير متاحة على هذا الموقع حالياً."
    )


def test_the_service_worker_is_served_as_script(client):
    answer = client.get("/alerts/sw.js")
    assert answer["Content-Type"].startswith("text/javascript")
    body = answer.content.decode()
    assert '"عاجل"' in body and "showNotification" in body and "openWindow" in body


def test_a_machine_that_subscribes_over_and_over_is_told_to_wait(reader, settings):
    token = token_of(reader, settings)
    allowed = min(count for count, _seconds in SUBSCRIPTION_LIMITS)
    for n in range(allowed):
        answer = post(reader, "/alerts/subscribe/",
                      {"subscription": subscription(f"https://fcm.googleapis.com/fcm/send/r{n}")},
                      token)
        assert answer.status_code == 200, answer.content
    answer = post(reader, "/alerts/subscribe/",
                  {"subscription": subscription("https://fcm.googleapis.com/fcm/send/more")}, token)
    assert answer.status_code == 429
    assert answer.json()["message"] == "طلبات كثيرة من هذا الجهاز؛ حاول مرة أخرى بعد قليل."
    assert PushSubscription.objects.count() == allowed
    # Another machine is not held back by this one.
    other = Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.7")
    answer = post(other, "/alerts/subscribe/", {"subscription": subscription()},
                  token_of(other, settings))
    assert answer.status_code == 200, answer.content
