"""Telegram: the alert is posted once to the channel, through a Bot API on loopback."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from nashra.alerts.models import Alert, Channel, Delivery, Status
from nashra.alerts.outbox import Sender
from nashra.alerts.tests.conftest import CHAT

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_alert_is_posted_to_the_channel_once(bot_api, story, desk):
    alert = Alert.objects.announce(story, by=desk)
    assert Sender().run().sent == 1
    assert Sender().run().sent == 0  # nothing is due any more: never a second post

    [message] = bot_api.messages
    assert message["chat_id"] == CHAT
    lines = message["text"].splitlines()
    assert lines[0] == "عاجل | مجلس الوزراء يعلن حالة الطوارئ في المحافظات الشمالية"
    assert lines[1] == "القرار يسري لمدة أسبوعين ابتداءً من منتصف الليل."
    assert lines[2] == alert.url and alert.url.endswith("/politics/emergency/")
    delivery = Delivery.objects.get(alert=alert, channel=Channel.TELEGRAM)
    assert (delivery.status, delivery.attempts) == (Status.SENT, 1)
    assert delivery.sent_at is not None


def test_queueing_again_adds_no_second_delivery(bot_api, story, desk):
    alert = Alert.objects.announce(story, by=desk)
    alert.queue_deliveries()
    assert alert.deliveries.count() == 1


def test_a_429_waits_as_long_as_the_bot_api_asks(bot_api, story, desk):
    bot_api.script = [
        (429, {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 45",
               "parameters": {"retry_after": 45}}),
    ]
    alert = Alert.objects.announce(story, by=desk)
    before = timezone.now()
    assert Sender().run().retried == 1
    delivery = alert.deliveries.get()
    assert delivery.status == Status.PENDING
    assert delivery.next_attempt_at >= before + timedelta(seconds=45)
    assert "429" in delivery.last_error
    assert Sender().run().sent == 0  # not yet due
    Delivery.objects.update(next_attempt_at=timezone.now())
    assert Sender().run().sent == 1
    assert len(bot_api.messages) == 1
    assert alert.deliveries.get().attempts == 2


def test_a_server_error_is_retried_with_a_growing_wait(bot_api, story, desk):
    error = (502, {"ok": False, "error_code": 502, "description": "Bad Gateway"})
    bot_api.script = [error, error]
    alert = Alert.objects.announce(story, by=desk)
    waits = []
    for _ in range(2):
        now = timezone.now()
        Sender().run()
        delivery = alert.deliveries.get()
        waits.append((delivery.next_attempt_at - now).total_seconds())
        Delivery.objects.update(next_attempt_at=timezone.now())
    assert 10 <= waits[0] < 12 and 20 <= waits[1] < 22
    Sender().run()
    assert alert.deliveries.get().status == Status.SENT
    assert len(bot_api.messages) == 1


def test_a_wrong_token_fails_without_retrying(bot_api, story, desk, settings):
    settings.NASHRA_TELEGRAM_BOT_TOKEN = "999:not-ours"
    alert = Alert.objects.announce(story, by=desk)
    assert Sender().run().failed == 1
    delivery = alert.deliveries.get()
    assert delivery.status == Status.FAILED and delivery.last_error.startswith("404")
    assert bot_api.refused == 1 and bot_api.messages == []


def test_a_row_leased_by_a_sender_that_died_waits_for_its_lease(bot_api, story, desk):
    alert = Alert.objects.announce(story, by=desk)
    # As a killed sender leaves it: claimed, its answer never recorded.
    Delivery.objects.update(
        status=Status.SENDING, claim="dead", claimed_until=timezone.now() + timedelta(minutes=2)
    )
    assert Sender().run().sent == 0
    Delivery.objects.update(claimed_until=timezone.now() - timedelta(seconds=1))
    assert Sender().run().sent == 1
    assert len(bot_api.messages) == 1
    assert alert.deliveries.get().status == Status.SENT
