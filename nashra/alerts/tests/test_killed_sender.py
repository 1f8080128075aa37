"""A sender killed with SIGKILL in the middle of 10,000 subscribers: started again, it
sends the rest; every subscriber has the alert, and what it had recorded as sent is never
sent again.

What this shows, and its limit: the only repeats are messages the push service had
accepted while their answer was not yet recorded (`Sender.most_unrecorded`: those in
flight, those queued for the writer, and the batch being written). They carry the
alert's notification tag, so a reader's browser shows the repeat in place of the first
(test_browser.py shows the tag), not as a second alert. Exactly once on the wire across
a kill would need the push service to drop repeats, which Web Push (RFC 8030) does not
offer.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings

from nashra.alerts.models import Alert, Delivery, PushSubscription, Status
from nashra.alerts.outbox import Sender
from nashra.alerts.tests.standins import b64
from nashra.audience.tests.servers import database_url

pytestmark = pytest.mark.django_db(transaction=True)

SUBSCRIBERS = 10_000
LEASE_SECONDS = 3
CONCURRENCY = 16


def sender(tmp_path) -> subprocess.Popen[bytes]:
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="nashra.settings.base",
        NASHRA_VAR_DIR=str(tmp_path),
        DATABASE_URL=database_url(),
        SECRET_KEY="alerts-tests-" + "k" * 40,
        NASHRA_VAPID_PRIVATE_KEY=settings.NASHRA_VAPID_PRIVATE_KEY,
        NASHRA_VAPID_PUBLIC_KEY=settings.NASHRA_VAPID_PUBLIC_KEY,
        NASHRA_VAPID_SUBJECT=settings.NASHRA_VAPID_SUBJECT,
        NASHRA_ALERTS_CONCURRENCY=str(CONCURRENCY),
        LOG_FORMAT="plain",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "nashra", "send_alerts",
         "--lease-seconds", str(LEASE_SECONDS), "--verbosity", "1"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )


def test_a_sender_killed_mid_batch_resumes_and_repeats_only_what_was_in_flight(
    push_service, story, desk, tmp_path
):
    service, base = push_service
    rows = []
    for n in range(SUBSCRIBERS):
        subscriber = service.add(f"r{n}")
        rows.append(PushSubscription(
            endpoint=f"{base}/push/r{n}", p256dh=subscriber.p256dh, auth=b64(subscriber.auth)
        ))
    PushSubscription.objects.bulk_create(rows, batch_size=2000)
    alert = Alert.objects.announce(story, by=desk)
    assert alert.deliveries.count() == SUBSCRIBERS

    first = sender(tmp_path)
    deadline = time.monotonic() + 120
    while len(service.received) < SUBSCRIBERS // 3 and time.monotonic() < deadline:
        assert first.poll() is None, first.stderr.read() if first.stderr else ""
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.wait()
    received_before = len(service.received)
    states = {
        status: alert.deliveries.filter(status=status).count() for status in Status.values
    }
    recorded = set(alert.deliveries.filter(status=Status.SENT).values_list("target", flat=True))
    assert SUBSCRIBERS // 3 <= received_before < SUBSCRIBERS
    assert states[Status.SENT] > 0 and states[Status.PENDING] > 0, states

    time.sleep(LEASE_SECONDS + 0.5)  # the dead sender's leases run out
    second = sender(tmp_path)
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err.decode()

    counts = service.counts()
    assert service.rejected == []
    assert len(counts) == SUBSCRIBERS  # every subscriber has it
    assert set(Delivery.objects.values_list("status", flat=True)) == {Status.SENT}
    repeated = {name for name, count in counts.items() if count > 1}
    assert max(counts.values()) <= 2
    # What the first sender had recorded as sent was never sent again…
    names = dict(PushSubscription.objects.values_list("pk", "endpoint"))
    assert not repeated & {names[int(pk)].rsplit("/", 1)[1] for pk in recorded}
    # …and the repeats are only the messages in flight when it died.
    assert len(repeated) <= Sender(concurrency=CONCURRENCY).most_unrecorded, sorted(repeated)
    assert {message["tag"] for _, message in service.received} == {f"nashra-alert-{alert.pk}"}
    print(f"killed after {received_before} received; states then {states}; "
          f"repeated (in flight at the kill): {len(repeated)}; "
          f"second run: {out.decode().strip()}")
