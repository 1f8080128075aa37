"""Posts that arrive together, over real HTTP to a threaded server: one captcha is one
comment, and a limit of K lets K through, however the requests interleave."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import requests
from django.core.cache import cache

from nashra.comments.models import Comment
from nashra.comments.tests.over_http import BROWSER
from nashra.conftest import redis_cache

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 50
AT_ONCE = 8
HEADERS = {"Accept": "application/json", "User-Agent": BROWSER}


@pytest.fixture
def story(live_story: Any) -> Any:
    return live_story("خبر تتسابق عليه التعليقات", "raced-story")


def _form_state(base: str, article: Any) -> dict[str, Any]:
    return requests.get(f"{base}/comments/{article.pk}/form/", headers=HEADERS).json()


def _all_at_once(base: str, article: Any, posts: list[dict[str, str]]) -> list[int]:
    """Send every post at the same moment, each from its own connection."""
    start = threading.Barrier(len(posts))
    statuses: list[int] = [0] * len(posts)

    def send(index: int) -> None:
        with requests.Session() as session:
            start.wait()
            response = session.post(
                f"{base}/comments/{article.pk}/post/", data=posts[index], headers=HEADERS
            )
            statuses[index] = response.status_code

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(posts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def _post(state: dict[str, Any], body: str) -> dict[str, str]:
    return {
        "name": "سلمى", "email": "", "body": body, "parent": "", "website": "",
        "token": state["token"], "captcha_0": state["captcha"]["key"], "captcha_1": "PASSED",
    }  # fmt: skip


def test_one_solved_captcha_posted_eight_times_at_once_is_one_comment(
    live_server: Any, story: Any, settings: Any
) -> None:
    settings.COMMENT_CAPTCHA_FAILURES_PER_HOUR = ROUNDS * AT_ONCE
    settings.COMMENT_CAPTCHAS_PER_HOUR = ROUNDS * AT_ONCE * 2
    for round_ in range(ROUNDS):
        state = _form_state(live_server.url, story)
        # Distinct bodies, so only the captcha can stop the copies.
        posts = [_post(state, f"تعليق {round_} من النسخة {copy}") for copy in range(AT_ONCE)]

        statuses = _all_at_once(live_server.url, story, posts)

        assert sorted(statuses) == [201] + [400] * (AT_ONCE - 1), (round_, statuses)
    assert Comment.objects.count() == ROUNDS


@pytest.fixture(params=["local memory", "redis"])
def limits_cache(request: Any, settings: Any) -> str:
    if request.param == "redis":
        settings.CACHES = {"default": redis_cache()}
    return str(request.param)


def test_a_burst_of_posts_never_passes_the_rate_limit(
    live_server: Any, story: Any, settings: Any, limits_cache: str
) -> None:
    allowed = 3
    settings.COMMENT_RATE_LIMITS = [(allowed, 3600)]
    for round_ in range(ROUNDS):
        cache.clear()  # a new window each round
        posts = [
            _post(_form_state(live_server.url, story), f"تعليق {round_} رقم {n}")
            for n in range(AT_ONCE)
        ]

        statuses = _all_at_once(live_server.url, story, posts)

        assert statuses.count(201) == allowed, (round_, statuses)
        assert statuses.count(429) == AT_ONCE - allowed, (round_, statuses)
    assert Comment.objects.count() == ROUNDS * allowed
