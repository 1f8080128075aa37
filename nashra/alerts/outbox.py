"""The sender: claims due deliveries, sends them, records each answer as it arrives.

Exactly once, and its honest limit. A batch is claimed in one short transaction: its
rows become `sending`, with a lease (`claimed_until`) and this sender's claim token.
Each answer is handed at once to one writing thread, which marks what has arrived in a
single statement, so a sender killed mid-batch leaves behind only rows still `sending`;
those go out again after their lease runs out, and a row already marked is never sent
again. The window left is between the push service taking a message and its row being
marked: a message in that window when the process dies goes out twice, at most
`Sender.most_unrecorded` of them. The service worker shows every repeat of an alert under
one notification tag, so a reader still sees it once.

One writer, not one per sending thread: SQLite has a single write lock, and threads
queueing for it would hold answered messages unrecorded for as long as they wait.
On PostgreSQL senders claim with `FOR UPDATE SKIP LOCKED` and may run side by side; on
SQLite the claim's transaction is IMMEDIATE (settings), so claims follow one another.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import requests
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from nashra.alerts.channels import Outcome, push, telegram
from nashra.alerts.models import Alert, Channel, Delivery, PushSubscription, Status, backoff

log = logging.getLogger(__name__)

LEASE_SECONDS = 120  # far longer than one batch takes to send
BATCH_SIZE = 500
MAX_ATTEMPTS = 8  # about 21 minutes of backoff: an alert later than that is stale


@dataclass
class Tally:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    dropped: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, kind: str) -> None:
        with self.lock:
            name = {"sent": "sent", "retry": "retried", "fail": "failed", "drop": "dropped"}
            setattr(self, name[kind], getattr(self, name[kind]) + 1)


def claim(batch_size: int, lease: timedelta) -> tuple[str, list[Delivery]]:
    """Lease up to ``batch_size`` due rows to a new claim token; the token and the rows."""
    token = uuid.uuid4().hex
    now = timezone.now()
    with transaction.atomic():
        due = Delivery.objects.due(now).order_by("next_attempt_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("pk", flat=True)[:batch_size])
        if ids:
            Delivery.objects.filter(pk__in=ids).update(
                status=Status.SENDING, claim=token, claimed_until=now + lease,
                attempts=F("attempts") + 1,
            )
    rows = list(
        Delivery.objects.filter(claim=token, status=Status.SENDING).select_related("subscription")
    )
    # A batch is nearly always one alert: load it once, not once per row.
    alerts = Alert.objects.in_bulk({row.alert_id for row in rows})
    for row in rows:
        row.alert = alerts[row.alert_id]
    return token, rows


def record(delivery: Delivery, token: str, outcome: Outcome) -> None:
    """Write one answer, if this sender still holds the row's lease."""
    mine = Delivery.objects.filter(pk=delivery.pk, claim=token, status=Status.SENDING)
    now = timezone.now()
    if outcome.kind == "sent":
        mine.update(status=Status.SENT, sent_at=now, claimed_until=None, last_error="")
    elif outcome.kind == "drop":
        mine.update(status=Status.DROPPED, claimed_until=None, last_error=outcome.error)
        if delivery.subscription_id:
            # The push service says the subscription is gone (404/410): forget the reader.
            PushSubscription.objects.filter(pk=delivery.subscription_id).delete()
    elif outcome.kind == "retry" and delivery.attempts < MAX_ATTEMPTS:
        # The service's own word on when to ask again comes first; else the backoff.
        wait = outcome.wait if outcome.wait is not None else backoff(delivery.attempts)
        mine.update(
            status=Status.PENDING, next_attempt_at=now + wait, claimed_until=None,
            last_error=outcome.error,
        )
    else:
        mine.update(status=Status.FAILED, claimed_until=None, last_error=outcome.error)


def record_many(answers: list[tuple[Delivery, str, Outcome]]) -> None:
    """``record`` for many answers: the sent ones of one claim in a single statement."""
    sent: dict[str, list[int]] = {}
    for delivery, token, outcome in answers:
        if outcome.kind == "sent":
            sent.setdefault(token, []).append(delivery.pk)
        else:
            record(delivery, token, outcome)
    for token, ids in sent.items():
        Delivery.objects.filter(pk__in=ids, claim=token, status=Status.SENDING).update(
            status=Status.SENT, sent_at=timezone.now(), claimed_until=None, last_error=""
        )


class Sender:
    """Sends what is due, with ``concurrency`` requests in flight, until nothing is."""

    def __init__(
        self,
        concurrency: int | None = None,
        batch_size: int = BATCH_SIZE,
        lease: timedelta = timedelta(seconds=LEASE_SECONDS),
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.concurrency = concurrency or settings.NASHRA_ALERTS_CONCURRENCY
        self.batch_size = batch_size
        self.lease = lease
        self.progress = progress
        self.tally = Tally()
        self._local = threading.local()
        self._payloads: dict[int, bytes] = {}
        # Bounded: when the writer falls behind the senders wait, rather than answered
        # messages piling up unrecorded (see most_unrecorded).
        self._answers: queue.Queue[tuple[Delivery, str, Outcome] | None] = queue.Queue(
            maxsize=self.concurrency
        )

    @property
    def most_unrecorded(self) -> int:
        """The most messages a push service may have taken whose answers are not yet
        written: one per sending thread, a full queue, and the batch being written. What a
        kill at the worst moment can make a second start send again."""
        return 3 * self.concurrency

    def run(self, deadline: float | None = None) -> Tally:
        recorder = threading.Thread(target=self._record_answers, name="alerts-recorder")
        recorder.start()
        try:
            with ThreadPoolExecutor(self.concurrency, thread_name_prefix="alerts") as pool:
                while deadline is None or time.monotonic() < deadline:
                    token, rows = claim(self.batch_size, self.lease)
                    # Back to the pool while the batch is out: the writer holds one
                    # connection, and the process's pool is small (DATABASE_POOL_SIZE).
                    connection.close()
                    if not rows:
                        break
                    for done in pool.map(lambda row, t=token: self._send(row, t), rows):
                        if self.progress:
                            self.progress(done)
                    self._answers.join()  # this batch recorded before the next is claimed
        finally:
            self._answers.put(None)
            recorder.join()
        return self.tally

    def _record_answers(self) -> None:
        try:
            while (first := self._answers.get()) is not None:
                answers: list[tuple[Delivery, str, Outcome] | None] = [first]
                # Whatever else has arrived meanwhile goes in the same statement: one write
                # per moment rather than one per message keeps the unrecorded few.
                while len(answers) < self.concurrency and answers[-1] is not None:
                    try:
                        answers.append(self._answers.get_nowait())
                    except queue.Empty:
                        break
                stop = answers[-1] is None
                done = [each for each in answers if each is not None]
                try:
                    record_many(done)
                except Exception:  # noqa: BLE001 - their leases bring the rows back later
                    log.exception("recording %d alert deliveries failed", len(done))
                finally:
                    for _ in answers:
                        self._answers.task_done()
                if stop:
                    break
        finally:
            connection.close()

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        return session

    def _connections(self) -> push.Connections:
        connections = getattr(self._local, "connections", None)
        if connections is None:
            connections = self._local.connections = push.Connections()
        return connections

    def _send(self, delivery: Delivery, token: str) -> int:
        try:
            outcome = self._outcome(delivery)
        except Exception as error:  # noqa: BLE001 - one bad row must not stop the batch
            log.exception("alert delivery %s failed", delivery.pk)
            outcome = Outcome.retry(f"{type(error).__name__}: {error}")
        self._answers.put((delivery, token, outcome))
        self.tally.count(outcome.kind)
        return 1

    def _outcome(self, delivery: Delivery) -> Outcome:
        if delivery.channel == Channel.TELEGRAM:
            return telegram.send(delivery.alert, delivery.target, self._session())
        if delivery.subscription is None:
            return Outcome.drop("the subscription was removed")
        data = self._payloads.get(delivery.alert_id)
        if data is None:
            data = self._payloads.setdefault(delivery.alert_id, push.payload(delivery.alert))
        return push.send(data, delivery.subscription, self._connections())


def due_count(now: datetime | None = None) -> int:
    return Delivery.objects.due(now or timezone.now()).count()
