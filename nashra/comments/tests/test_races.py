"""Posts that arrive together, over real HTTP to a threaded server: one captcha is one
comment, and a limit of K lets K through, however the requests interleave."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import requests
from captcha.models import CaptchaStore

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


def _all_at_once(base: str, article: Any, posts: list[dict[str, str]]) -> list[requests.Response]:
    """Send every post at the same moment, each from its own connection."""
    start = threading.Barrier(len(posts))
    answers: list[requests.Response | None] = [None] * len(posts)

    def send(index: int) -> None:
        with requests.Session() as session:
            start.wait()
            answers[index] = session.post(
                f"{base}/comments/{article.pk}/post/", data=posts[index], headers=HEADERS
            )

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(posts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(answer is not None for answer in answers), "a post got no answer"
    return [answer for answer in answers if answer is not None]


def _post(state: dict[str, Any], body: str, answer: str = "PASSED") -> dict[str, str]:
    return {
        "name": "سلمى", "email": "", "body": body, "parent": "", "website": "",
        "token": state["token"], "captcha_0": state["captcha"]["key"], "captcha_1": answer,
    }  # fmt: skip


def _stored_answer(key: str) -> str:
    # What a person reads off the image: the store's own response for this key.
    return str(CaptchaStore.objects.get(hashkey=key).response)


@pytest.fixture(params=["the image's answer", "the test mode's answer"])
def solve(request: Any) -> Callable[[str], str]:
    """Solve a captcha key. The image's answer takes the path every real reader takes;
    the test settings' "passed" must still spend the real key, as the other tests rely on."""
    if request.param == "the image's answer":
        return _stored_answer
    return lambda _key: "PASSED"


def test_one_solved_captcha_posted_eight_times_at_once_is_one_comment(
    live_server: Any, story: Any, settings: Any, solve: Callable[[str], str]
) -> None:
    settings.COMMENT_CAPTCHA_FAILURES_PER_HOUR = ROUNDS * AT_ONCE
    settings.COMMENT_CAPTCHAS_PER_HOUR = ROUNDS * AT_ONCE * 2
    for round_ in range(ROUNDS):
        state = _form_state(live_server.url, story)
        key = state["captcha"]["key"]
        answer = solve(key)
        # Distinct bodies, so only the captcha can stop the copies.
        posts = [_post(state, f"تعليق {round_} من النسخة {n}", answer) for n in range(AT_ONCE)]

        answers = _all_at_once(live_server.url, story, posts)

        statuses = [answer.status_code for answer in answers]
        assert sorted(statuses) == [201] + [400] * (AT_ONCE - 1), (round_, statuses)
        refused = [answer.json()["errors"] for answer in answers if answer.status_code == 400]
        assert all(set(errors) == {"captcha"} for errors in refused), (round_, refused)
        assert not CaptchaStore.objects.filter(hashkey=key).exists()
    assert Comment.objects.count() == ROUNDS


@pytest.fixture(params=["local memory", "redis"])
def fresh_limits(request: Any, settings: Any) -> Callable[[], None]:
    """Open a new limit window: a cache of its own. Clearing would not do with Redis,
    where Django's clear() empties the whole database, other users' keys with it."""

    def fresh() -> None:
        if request.param == "redis":
            settings.CACHES = {"default": redis_cache()}
        else:
            cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
            settings.CACHES = {"default": {**cache, "LOCATION": uuid.uuid4().hex}}

    return fresh


def test_a_burst_of_posts_never_passes_the_rate_limit(
    live_server: Any, story: Any, settings: Any, fresh_limits: Callable[[], None]
) -> None:
    allowed = 3
    settings.COMMENT_RATE_LIMITS = [(allowed, 3600)]
    for round_ in range(ROUNDS):
        fresh_limits()
        posts = [
            _post(_form_state(live_server.url, story), f"تعليق {round_} رقم {n}")
            for n in range(AT_ONCE)
        ]

        statuses = [answer.status_code for answer in _all_at_once(live_server.url, story, posts)]

        assert statuses.count(201) == allowed, (round_, statuses)
        assert statuses.count(429) == AT_ONCE - allowed, (round_, statuses)
    assert Comment.objects.count() == ROUNDS * allowed
