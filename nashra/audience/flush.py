"""`flush_views`: move taken views into the buckets, exactly once, whatever crashes.

Redis mode: the pending hash is renamed to a processing hash under a batch id (atomic);
the batch is applied in one database transaction that also records the batch id
(`AppliedBatch`, unique); only then is the processing hash deleted. A crash before the
commit leaves the hash to be applied by the next flush; a crash after it leaves a batch
id the database already has, so the next flush only deletes it. Two flushes at once
race on the unique batch id and one of them rolls back.

Database mode: pending rows are claimed, summed into the buckets and deleted in one
transaction per chunk; a row claimed by one flush is invisible to another.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.db.models.functions import TruncHour

from nashra.audience import clock, counting, storage
from nashra.audience.models import AppliedBatch, PendingView, SeenVisitor
from nashra.audience.visitors import forget_old_salts

CHUNK = 5000
Progress = Callable[[int, int], None]

CLAIM_SCRIPT = """
if redis.call('EXISTS', KEYS[2]) == 1 then return redis.call('GET', KEYS[3]) end
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('SET', KEYS[3], ARGV[1])
return ARGV[1]
"""

RELEASE_SCRIPT = """
if redis.call('GET', KEYS[2]) == ARGV[1] then
  redis.call('DEL', KEYS[1], KEYS[2])
  return 1
end
return 0
"""


@dataclass
class FlushReport:
    views: int = 0
    batches: int = 0
    skipped_batches: int = 0


def flush(progress: Progress | None = None) -> FlushReport:
    report = FlushReport()
    if counting.redis_mode():
        _flush_redis(report, progress)
    else:
        _flush_database(report, progress)
    SeenVisitor.objects.filter(until__lte=clock.now()).delete()
    forget_old_salts()
    return report


# --- Redis mode ------------------------------------------------------------------------


@dataclass
class Batch:
    key: str
    counts: dict[tuple[int, datetime], int]


def _keys() -> list[str]:
    return [
        counting.redis_key("pending"),
        counting.redis_key("processing"),
        counting.redis_key("processing:batch"),
    ]


def claim() -> Batch | None:
    """The batch to apply: one left by an interrupted flush, else the pending views."""
    client = counting.redis_client()
    key = client.eval(CLAIM_SCRIPT, 3, *_keys(), uuid.uuid4().hex)
    if key is None:
        return None
    counts: dict[tuple[int, datetime], int] = {}
    for field, value in client.hgetall(_keys()[1]).items():
        article, hour = field.decode().split(":")
        counts[(int(article), datetime.fromtimestamp(int(hour), tz=UTC))] = int(value)
    return Batch(key.decode(), counts)


def apply(batch: Batch) -> int | None:
    """Put the batch in the database unless it is there already (then None).

    Returns the views added, which leaves out views of articles deleted meanwhile.
    """
    try:
        with transaction.atomic():
            AppliedBatch.objects.create(key=batch.key, views=sum(batch.counts.values()))
            return storage.add_counts(batch.counts)
    except IntegrityError:
        return None


def release(batch: Batch) -> None:
    counting.redis_client().eval(RELEASE_SCRIPT, 2, *_keys()[1:], batch.key)


def _flush_redis(report: FlushReport, progress: Progress | None) -> None:
    # Views keep arriving while we flush; a bounded number of rounds keeps one flush
    # from chasing a busy site forever (the next scheduled flush takes the rest).
    for _ in range(10):
        batch = claim()
        if batch is None:
            return
        added = apply(batch)
        if added is not None:
            report.views += added
            report.batches += 1
        else:
            report.skipped_batches += 1
        release(batch)
        if progress:
            progress(report.batches + report.skipped_batches, 0)


# --- Database mode ---------------------------------------------------------------------


def _flush_database(report: FlushReport, progress: Progress | None) -> None:
    waiting = PendingView.objects.filter(batch="").count()
    done = 0
    while True:
        with transaction.atomic():
            ids = list(
                PendingView.objects.filter(batch="")
                .order_by("id").values_list("id", flat=True)[:CHUNK]
            )
            if not ids:
                return
            batch = uuid.uuid4().hex
            PendingView.objects.filter(id__in=ids, batch="").update(batch=batch)
            claimed = PendingView.objects.filter(batch=batch)
            counts: Counter[tuple[int, datetime]] = Counter()
            for row in claimed.annotate(hour=TruncHour("at", tzinfo=UTC)).values(
                "article_id", "hour"
            ).annotate(n=Count("id")):
                counts[(row["article_id"], row["hour"])] += row["n"]
            added = storage.add_counts(counts)
            claimed.delete()
        report.views += added
        report.batches += 1
        done += len(ids)
        if progress:
            progress(min(done, waiting), waiting)
