"""Django's Redis cache, with one client object per connection pool instead of one per call.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache
operation, and redis-py fills a table of about 170 response callbacks in each
constructor: on this machine that costs a page-cache hit more CPU than the round trip to
Redis itself. A client is only a view onto its pool (the pool holds the connections,
checks the process id after a fork and is safe across threads), so one per pool is kept
and reused. It also publishes on a channel (the page cache's stamp moves, heard by
nashra/operations/near_pages.py). Everything else is Django's backend unchanged.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _ReusedClients(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}  # by id() of the pool, which Django keeps

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Django's pool choice (primary for writes, a replica for reads), its pools kept.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(  # type: ignore[attr-defined]
                connection_pool=pool
            )
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ReusedClients

    def publish(self, channel: str, message: str) -> None:
        """Publish on a Redis channel, through the pool that writes go to."""
        self._cache.get_client(write=True).publish(channel, message)
