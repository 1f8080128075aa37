"""The wire against servers that misbehave: internal addresses behind translation
prefixes, a reply dripped byte by byte, and a source that stalls every run."""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from nashra.newsroom import factories
from nashra.operations.scheduler import Scheduler
from nashra.wire.fetch import Client, FetchError
from nashra.wire.models import Source
from nashra.wire.runs import ingest
from nashra.wire.tests.tarpit import Tarpit


@pytest.mark.parametrize(
    "address",
    [
        "100.64.0.1",  # carrier-grade NAT, where some clouds serve instance metadata
        "100.100.100.200",
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2002:a00:1::1",  # 6to4 of 10.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "::ffff:10.0.0.1",  # IPv4-mapped
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
        "198.18.0.1",  # benchmarking
    ],
)
def test_it_refuses_addresses_that_are_not_on_the_public_internet(address: str) -> None:
    with pytest.raises(FetchError):
        Client().check_address(address, 80)


def test_it_still_reaches_public_addresses() -> None:
    assert Client().check_address("93.184.215.14", 80) == "93.184.215.14"


@pytest.fixture
def tarpit() -> Iterator[Tarpit]:
    pit = Tarpit().start()
    yield pit
    pit.stop()


def _within(seconds: float, work: Any) -> tuple[bool, Any]:
    """Run ``work`` in a thread; whether it ended within ``seconds``, and what it gave."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as error:  # noqa: BLE001 - the outcome is what the test checks
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    return not thread.is_alive(), (outcome[0] if outcome else None)


def test_a_reply_dripped_byte_by_byte_is_cut_at_the_deadline(tarpit: Tarpit) -> None:
    fetcher = Client(timeout=1.0, retries=2, backoff=0.01,
                     allowed_networks=[ipaddress.ip_network("127.0.0.0/8")])

    ended, outcome = _within(8, lambda: fetcher.get(tarpit.url()))

    assert ended, "the dripping reply held the fetch past its deadline"
    assert isinstance(outcome, FetchError) and outcome.timed_out
    assert tarpit.connections == 1  # a stall is not retried within the run


@pytest.fixture
def slow_wire(settings: Any) -> None:
    settings.WIRE_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    settings.WIRE_FETCH_TIMEOUT = 1.0
    settings.WIRE_RETRIES = 2
    settings.WIRE_RETRY_BACKOFF = 0.01


@pytest.mark.django_db
def test_a_source_that_stalled_waits_out_its_backoff(tarpit: Tarpit, slow_wire: None) -> None:
    source = Source.objects.create(name="مصدر بطيء", address=tarpit.url(), poll_minutes=5,
                                   section=factories.section())

    ingest()
    source.refresh_from_db()
    assert tarpit.connections == 1 and source.failures_in_a_row == 1 and source.last_error

    ingest()  # the next run, five minutes later: still inside the doubled wait
    Source.objects.filter(pk=source.pk).update(
        last_polled_at=timezone.now() - timedelta(minutes=6)
    )
    ingest()
    assert tarpit.connections == 1

    Source.objects.filter(pk=source.pk).update(
        last_polled_at=timezone.now() - timedelta(minutes=11)
    )
    ingest()
    source.refresh_from_db()
    assert tarpit.connections == 2 and source.failures_in_a_row == 2


@pytest.mark.django_db(transaction=True)
def test_publishing_keeps_its_minute_while_a_source_stalls(
    tarpit: Tarpit, slow_wire: None, settings: Any
) -> None:
    settings.WIRE_FETCH_TIMEOUT = 30.0  # a source that holds every fetch for long
    Source.objects.create(name="مصدر بطيء", address=tarpit.url(), section=factories.section())
    story = factories.article(factories.section("محليات"), "خبر مجدول", live=False)
    story.go_live_at = timezone.now() - timedelta(seconds=5)
    story.save_revision().publish()
    scheduler = Scheduler.from_schedule(
        [("ingest", 300, "apart"), ("publish_scheduled", 60), ("flush_views", 30)]
    )

    ended, ran = _within(5, scheduler.tick)

    assert ended, "the scheduler waited for the stalled source"
    assert ran == ["ingest", "publish_scheduled", "flush_views"]
    story.refresh_from_db()
    assert story.live
    tarpit.stop()  # the stalled fetch ends, and its run records the failure
    ingesting = scheduler.jobs[0].running
    assert ingesting is not None
    ingesting.join(10)
    assert Source.objects.get().failures_in_a_row == 1
