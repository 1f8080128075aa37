"""What the comment tests share: an open story, a permissive clock, a reader's post."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nashra.comments.factories import comment_policy
from nashra.newsroom import factories


@pytest.fixture
def story(db: Any) -> Any:
    return factories.article(factories.section("محليات", slug="local"), "خبر للتعليق", slug="story")


@pytest.fixture
def live_story(settings: Any) -> Any:
    """Make a story open to comments for a browser test (after its transactional flush),
    with no per-reader limits: one test plays many readers from one address."""

    def make(title: str, slug: str, **policy: Any) -> Any:
        settings.COMMENT_RATE_LIMITS = []
        factories.home_page()
        article = factories.article(factories.section("محليات", slug="local"), title, slug=slug)
        comment_policy(min_fill_seconds=0, moderation="pre", **policy)
        return article

    return make


@pytest.fixture
def policy(db: Any) -> Any:
    # Tests post as fast as code can; the minimum fill time has tests of its own.
    return comment_policy(min_fill_seconds=0, moderation="pre", close_after_days=30)


class Reader:
    """A reader with a browser's manners: asks for the form's state, then posts."""

    def __init__(self, client: Client, address: str = "198.51.100.7") -> None:
        self.client = client
        self.address = address

    def state(self, article: Any) -> dict[str, Any]:
        response = self.client.get(f"/comments/{article.pk}/form/", REMOTE_ADDR=self.address)
        assert response.status_code == 200
        return response.json()

    def post(self, article: Any, as_json: bool = True, **fields: Any) -> Any:
        state = self.state(article)
        data = {
            "name": "سلمى",
            "email": "",
            "body": "تعليق مفيد على الخبر",
            "parent": "",
            "website": "",
            "token": state.get("token", ""),
            "captcha_0": state.get("captcha", {}).get("key", ""),
            "captcha_1": "PASSED",
        }
        data.update(fields)
        headers = {"HTTP_ACCEPT": "application/json"} if as_json else {}
        return self.client.post(
            f"/comments/{article.pk}/post/", data, REMOTE_ADDR=self.address, **headers
        )


@pytest.fixture
def reader(client: Client) -> Reader:
    return Reader(client)
