"""Web Push: encrypted for each reader, signed for the push service, by section; a
subscription the push service says is gone is dropped."""

from __future__ import annotations

import pytest

from nashra.alerts.channels.push import vapid_headers
from nashra.alerts.management.commands.make_vapid_keys import key_pair
from nashra.alerts.models import Alert, Delivery, PushSubscription, Status
from nashra.alerts.outbox import Sender
from nashra.alerts.tests.standins import b64
from nashra.newsroom import factories

pytestmark = pytest.mark.django_db(transaction=True)


def subscribe(service, base, name, sections=()):
    subscriber = service.add(name)
    subscription = PushSubscription.objects.create(
        endpoint=f"{base}/push/{name}",
        p256dh=subscriber.p256dh,
        auth=b64(subscriber.auth),
        all_sections=not sections,
    )
    subscription.sections.set(sections)
    return subscription


def test_each_reader_receives_the_alert_decrypted_and_signed(push_service, story, desk):
    service, base = push_service
    for name in ("reader-1", "reader-2", "reader-3"):
        subscribe(service, base, name)
    alert = Alert.objects.announce(story, by=desk)

    assert Sender().run().sent == 3
    assert service.rejected == []
    assert sorted(name for name, _ in service.received) == ["reader-1", "reader-2", "reader-3"]
    for _, message in service.received:
        assert message == {
            "title": "عاجل",
            "body": "مجلس الوزراء يعلن حالة الطوارئ في المحافظات الشمالية",
            "url": alert.url,
            "tag": f"nashra-alert-{alert.pk}",
        }
    assert Sender().run().sent == 0
    assert alert.queue_deliveries() == 0  # queued again: nobody twice


def test_a_push_signed_with_another_key_is_refused(push_service, story, desk, settings):
    service, base = push_service
    subscribe(service, base, "reader")
    settings.NASHRA_VAPID_PRIVATE_KEY, _ = key_pair()  # not the key the reader subscribed with
    Alert.objects.announce(story, by=desk)
    assert Sender().run().failed == 1
    assert service.received == []
    assert service.rejected == [("reader", "unknown application server key")]


def test_the_stand_in_checks_the_signature_itself(push_service, settings):
    service, base = push_service
    good = vapid_headers(f"{base}/push/x")["Authorization"]
    assert service.check_vapid(good, base) is None
    assert service.check_vapid(good, "http://127.0.0.1:1") == "wrong audience " + base
    # Signed by another key, but claiming ours.
    settings.NASHRA_VAPID_PRIVATE_KEY, _ = key_pair()
    forged = vapid_headers(f"{base}/push/y")["Authorization"]
    token = forged.split("t=")[1].split(",")[0]
    assert service.check_vapid(f"vapid t={token},k={service.vapid_public_key}", base) == (
        "bad signature"
    )


def test_readers_of_other_sections_are_left_out(push_service, story, desk):
    service, base = push_service
    sport = factories.section("رياضة", slug="sport")
    subscribe(service, base, "everything")
    subscribe(service, base, "politics", sections=[story.get_parent()])
    subscribe(service, base, "sport-only", sections=[sport])
    subscribe(service, base, "both", sections=[sport, story.get_parent()])
    Alert.objects.announce(story, by=desk)
    Sender().run()
    assert sorted(service.counts()) == ["both", "everything", "politics"]


def test_a_gone_subscription_is_dropped(push_service, story, desk):
    service, base = push_service
    subscribe(service, base, "staying")
    subscribe(service, base, "gone")
    service.gone.add("gone")
    alert = Alert.objects.announce(story, by=desk)
    tally = Sender().run()
    assert (tally.sent, tally.dropped) == (1, 1)
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [
        f"{base}/push/staying"
    ]
    dropped = alert.deliveries.get(status=Status.DROPPED)
    assert dropped.subscription is None and dropped.last_error.startswith("410")


def test_a_busy_push_service_is_asked_again_after_its_retry_after(push_service, story, desk):
    service, base = push_service
    subscribe(service, base, "reader")
    service.script["reader"] = [(503, {"Retry-After": "90"})]
    alert = Alert.objects.announce(story, by=desk)
    assert Sender().run().retried == 1
    delivery = alert.deliveries.get()
    assert delivery.status == Status.PENDING
    assert (delivery.next_attempt_at - delivery.alert.created_at).total_seconds() >= 90
    Delivery.objects.update(next_attempt_at=delivery.alert.created_at)
    assert Sender().run().sent == 1
    assert service.counts() == {"reader": 1}


def test_two_senders_side_by_side_send_each_message_once(push_service, story, desk):
    import threading

    from django.db import connection

    service, base = push_service
    for n in range(300):
        subscribe(service, base, f"reader-{n}")
    Alert.objects.announce(story, by=desk)
    connection.close()  # each sender takes two of the pool's connections (PostgreSQL)
    senders = [
        threading.Thread(target=lambda: Sender(concurrency=4, batch_size=25).run())
        for _ in range(2)
    ]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    assert len(service.counts()) == 300
    assert set(service.counts().values()) == {1}
    assert set(Delivery.objects.values_list("status", flat=True)) == {Status.SENT}
