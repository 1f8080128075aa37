"""Every captcha handed out is a stored row: one address cannot fill the table."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from captcha.models import CaptchaStore

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_address_cannot_fill_the_captcha_table(
    live_server: Any, live_story: Any, settings: Any
) -> None:
    settings.COMMENT_CAPTCHAS_PER_HOUR = 40
    story = live_story("خبر مفتوح للتعليق", "open-story")
    base = live_server.url
    with requests.Session() as loop:
        refreshes = [
            loop.get(base + "/captcha/refresh/", headers={"X-Requested-With": "XMLHttpRequest"})
            for _ in range(150)
        ]
        states = [loop.get(f"{base}/comments/{story.pk}/form/") for _ in range(150)]
        pages = [loop.get(f"{base}/comments/{story.pk}/new/") for _ in range(20)]

    assert CaptchaStore.objects.count() <= 40
    assert refreshes[0].status_code == 200 and refreshes[0].json()["key"]
    assert refreshes[-1].status_code == 429 and "رموز تحقق كثيرة" in refreshes[-1].json()["message"]
    assert states[-1].status_code == 429 and states[-1].json()["open"] is False
    assert pages[-1].status_code == 429
