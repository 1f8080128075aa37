"""A process renders readers' pages in turn; editors, posts and hits never wait for a turn."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from typing import Any

import pytest
import requests

from nashra.newsroom import factories
from nashra.operations.render_slots import render_slot

READER = {"REQUEST_METHOD": "GET", "HTTP_COOKIE": "csrftoken=abc"}


def most_at_once(meta: dict[str, Any], threads: int, settle: float) -> int:
    """How many of ``threads`` threads held a render slot for ``meta`` at one time.

    Each waits inside its slot until all are in or ``settle`` seconds pass, so that
    threads allowed in together are seen together.
    """
    inside = 0
    most = 0
    changed = threading.Condition()

    def render() -> None:
        nonlocal inside, most
        with render_slot(meta):
            with changed:
                inside += 1
                most = max(most, inside)
                changed.notify_all()
                changed.wait_for(lambda: most == threads, timeout=settle)
                inside -= 1

    with ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(render) for _ in range(threads)]:
            future.result(timeout=30)
    return most


def test_readers_pages_are_rendered_as_many_at_once_as_there_are_slots(settings) -> None:
    settings.RENDER_SLOTS = 1
    assert most_at_once(READER, threads=4, settle=0.05) == 1
    assert most_at_once({**READER, "REQUEST_METHOD": "HEAD"}, threads=4, settle=0.05) == 1
    settings.RENDER_SLOTS = 2
    assert most_at_once(READER, threads=4, settle=0.05) == 2


@pytest.mark.parametrize(
    "meta",
    [
        {"REQUEST_METHOD": "POST"},
        {"REQUEST_METHOD": "GET", "HTTP_COOKIE": "csrftoken=abc; sessionid=editor"},
        # Django's session middleware reads the session past the malformed pair.
        {"REQUEST_METHOD": "GET", "HTTP_COOKIE": "a=1; b\x00=2; sessionid=editor"},
    ],
    ids=["a post", "an editor", "an editor behind a malformed pair"],
)
def test_posts_and_editors_never_wait_for_a_slot(settings, meta) -> None:
    settings.RENDER_SLOTS = 1
    assert most_at_once(meta, threads=4, settle=10) == 4


def test_a_cookie_that_only_looks_like_the_session_is_a_readers(settings) -> None:
    # As the page cache tells them apart: a reader served as a reader renders as one.
    settings.RENDER_SLOTS = 1
    meta = {"REQUEST_METHOD": "GET", "HTTP_COOKIE": "old_sessionid_seen=1; csrftoken=abc"}
    assert most_at_once(meta, threads=4, settle=0.05) == 1


def test_no_slots_lets_every_thread_render_at_once(settings) -> None:
    settings.RENDER_SLOTS = 0
    assert most_at_once(READER, threads=4, settle=10) == 4


def test_a_render_inside_a_render_does_not_wait_for_itself(settings) -> None:
    settings.RENDER_SLOTS = 1
    finished = threading.Event()

    def nested() -> None:
        with render_slot(READER), render_slot(READER):
            finished.set()

    thread = threading.Thread(target=nested, daemon=True)
    thread.start()
    thread.join(timeout=5)
    assert finished.is_set()
    assert most_at_once(READER, threads=2, settle=0.05) == 1  # the slot was given back


RENDER_TIMING = re.compile(r'render;dur=([\d.]+);desc="([\d.]+)"')


@pytest.mark.django_db(transaction=True)
def test_pages_missing_from_the_cache_are_rendered_one_after_another(
    live_server: Any, settings: Any, tmp_path: Any
) -> None:
    settings.PAGE_CACHE_SECONDS = 600
    settings.VAR_DIR = tmp_path
    settings.RENDER_SLOTS = 1
    section = factories.section("سياسة", slug="politics")
    stories = [factories.article(section, f"خبر رقم {n}", slug=f"story-{n}") for n in range(8)]

    def read(path: str) -> tuple[float, float]:
        answer = requests.get(live_server.url + path, timeout=30)
        assert answer.headers["Nashra-Cache"] == "miss"
        took, began = RENDER_TIMING.fullmatch(answer.headers["Server-Timing"]).groups()
        return float(began), float(began) + float(took) / 1000

    with ThreadPoolExecutor(len(stories)) as pool:
        renders = sorted(pool.map(read, [story.url for story in stories]))

    assert len(renders) == len(stories)
    for (_, ended), (began, _) in pairwise(renders):
        assert began >= ended - 0.0005, "two renders overlapped"
