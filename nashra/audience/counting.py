"""Taking a view in: Redis when the site has it, else one row in the database.

Both stores answer the same question atomically — was this reader's key free, and has
their network a reader's place left; if so, take the view — so a reply of "counted"
always means the view is stored durably enough for the flush (`flush.py`) to move it
into the buckets exactly once.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from nashra.audience import clock
from nashra.audience.models import PendingView, SeenVisitor
from nashra.operations.sqlite_writers import one_writer_at_a_time

WINDOW = timedelta(minutes=30)

# One round trip, atomic: a reader's key and their view are taken together or not at all.
# The key holds the end of its window in the audience clock's milliseconds, so tests can
# move time (whole seconds would end a window up to a second early); its Redis expiry
# only keeps memory bounded. The network's key is a sorted set of its readers' window
# ends: while it holds ARGV[4] windows that have not ended, the network counts no more.
RECORD_SCRIPT = """
local now = tonumber(ARGV[1])
local ends = now + tonumber(ARGV[2]) * 1000
if tonumber(redis.call('GET', KEYS[1]) or '0') > now then return 0 end
local cap = tonumber(ARGV[4])
if cap > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
  if redis.call('ZCARD', KEYS[3]) >= cap then return 0 end
  redis.call('ZADD', KEYS[3], ends, KEYS[1])
  redis.call('EXPIRE', KEYS[3], ARGV[2])
end
redis.call('SET', KEYS[1], ends, 'EX', ARGV[2])
redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
return 1
"""


def redis_mode() -> bool:
    return bool(settings.AUDIENCE_REDIS_URL)


@cache
def _redis_client(url: str) -> Any:
    import redis

    return redis.Redis.from_url(url)


def redis_client() -> Any:
    return _redis_client(settings.AUDIENCE_REDIS_URL)


def redis_key(name: str) -> str:
    return f"{settings.AUDIENCE_REDIS_PREFIX}{name}"


@cache
def _record_script(url: str) -> Any:
    return _redis_client(url).register_script(RECORD_SCRIPT)


def bucket_field(article_id: int, at: datetime) -> str:
    return f"{article_id}:{int(clock.hour_of(at).timestamp())}"


def record(
    article_id: int, reader: str, at: datetime | None = None, *, network: str | None = None
) -> bool:
    """Take one view of `article_id` by `reader`; False if it falls in their window, or
    if `network` (their address's key) already counts AUDIENCE_READERS_PER_ADDRESS
    readers of the article in theirs. Without a network, the reader is their own."""
    at = at or clock.now()
    network = f"net:{network or reader}"
    if redis_mode():
        return _record_in_redis(article_id, reader, network, at)
    return _record_in_database(article_id, reader, network, at)


def _record_in_redis(article_id: int, reader: str, network: str, at: datetime) -> bool:
    script = _record_script(settings.AUDIENCE_REDIS_URL)
    taken = script(
        keys=[redis_key(f"seen:{reader}"), redis_key("pending"), redis_key(network)],
        args=[
            int(at.timestamp() * 1000), int(WINDOW.total_seconds()), bucket_field(article_id, at),
            settings.AUDIENCE_READERS_PER_ADDRESS,
        ],
    )
    return bool(taken)


def _record_in_database(article_id: int, reader: str, network: str, at: datetime) -> bool:
    # A network's readers are numbered seats, each a key with its own window: a view
    # takes the reader's key and a free seat, or neither. Seats are looked at first,
    # outside the transaction, so a full network costs one read and no write lock.
    # Plain SQL throughout: the ORM's query building cost more than the statements.
    cap = settings.AUDIENCE_READERS_PER_ADDRESS
    seats = [f"{network}:{n}" for n in range(cap)]
    taken: set[str] = set()
    if seats:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {_q('key')} FROM {_q(SeenVisitor._meta.db_table)} "
                f"WHERE {_q('key')} IN ({', '.join(['%s'] * len(seats))}) AND until > %s",
                [*seats, db_time(at)],
            )
            taken = {row[0] for row in cursor.fetchall()}
    free = [seat for seat in seats if seat not in taken]
    if cap > 0 and not free:
        return False
    with one_writer_at_a_time(), transaction.atomic():
        if not _take(reader, at):
            return False
        # Another reader of the network may take a seat seen free: try the next one.
        if cap > 0 and not any(_take(seat, at) for seat in free):
            transaction.set_rollback(True)
            return False
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {_q(PendingView._meta.db_table)} (article_id, at, batch) "
                "VALUES (%s, %s, '')",
                [article_id, db_time(at)],
            )
    return True


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _take(key: str, at: datetime) -> bool:
    """Whether `key` was free (new, or its window had ended); if so it is now taken."""
    table = _q(SeenVisitor._meta.db_table)
    # An upsert that returns a row only when the key was new or its window had ended:
    # two beacons of one reader racing each other cannot both win.
    sql = (
        f"INSERT INTO {table} ({_q('key')}, until) VALUES (%s, %s) "
        f"ON CONFLICT ({_q('key')}) DO UPDATE SET until = excluded.until "
        f"WHERE {table}.until <= %s RETURNING 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, db_time(at + WINDOW), db_time(at)])
        return cursor.fetchone() is not None


def db_time(moment: datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(moment)
