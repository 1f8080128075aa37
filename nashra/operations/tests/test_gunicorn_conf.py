"""The gunicorn settings' worker hooks, called as gunicorn calls them."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from nashra.operations import gunicorn_conf


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_worker_freezes_what_it_loaded_then_what_its_first_requests_built(
    unfrozen: None,
) -> None:
    worker = SimpleNamespace()

    gunicorn_conf.post_worker_init(worker)
    loaded = gc.get_freeze_count()
    built_by_requests = [[n] for n in range(5_000)]
    for _ in range(gunicorn_conf.WARM_AFTER_REQUESTS - 1):
        gunicorn_conf.post_request(worker, None, {}, None)
    before_warm = gc.get_freeze_count()
    gunicorn_conf.post_request(worker, None, {}, None)

    assert loaded > 0
    assert before_warm == loaded
    assert gc.get_freeze_count() >= loaded + len(built_by_requests)
