"""Taking a view in: Redis when the site has it, else one row in the database.

Both stores answer the same question atomically — was this visitor's key free, and if
so, take the view — so a reply of "counted" always means the view is stored durably
enough for the flush (`flush.py`) to move it into the buckets exactly once.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from nashra.audience import clock
from nashra.audience.models import PendingView, SeenVisitor

WINDOW = timedelta(minutes=30)

# One round trip, atomic: a reader's key and their view are taken together or not at all.
# The key holds the end of its window in the audience clock's milliseconds, so tests can
# move time (whole seconds would end a window up to a second early); its Redis expiry
# only keeps memory bounded.
RECORD_SCRIPT = """
local ends = tonumber(redis.call('GET', KEYS[1]) or '0')
if ends > tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]) * 1000, 'EX', ARGV[2])
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


def record(article_id: int, visitor: str, at: datetime | None = None) -> bool:
    """Take one view of `article_id` by `visitor`; False if it falls in their window."""
    at = at or clock.now()
    if redis_mode():
        return _record_in_redis(article_id, visitor, at)
    return _record_in_database(article_id, visitor, at)


def _record_in_redis(article_id: int, visitor: str, at: datetime) -> bool:
    script = _record_script(settings.AUDIENCE_REDIS_URL)
    taken = script(
        keys=[redis_key(f"seen:{visitor}"), redis_key("pending")],
        args=[
            int(at.timestamp() * 1000), int(WINDOW.total_seconds()), bucket_field(article_id, at)
        ],
    )
    return bool(taken)


def _record_in_database(article_id: int, visitor: str, at: datetime) -> bool:
    table = connection.ops.quote_name(SeenVisitor._meta.db_table)
    # An upsert that returns a row only when the key was new or its window had ended:
    # two beacons of one reader racing each other cannot both win.
    sql = (
        f"INSERT INTO {table} ({connection.ops.quote_name('key')}, until) VALUES (%s, %s) "
        f"ON CONFLICT ({connection.ops.quote_name('key')}) DO UPDATE SET until = excluded.until "
        f"WHERE {table}.until <= %s RETURNING 1"
    )
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql, [visitor, db_time(at + WINDOW), db_time(at)])
            if cursor.fetchone() is None:
                return False
        PendingView.objects.create(article_id=article_id, at=at)
    return True


def db_time(moment: datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(moment)
