"""A reader's browser over real HTTP: asks the form for its state, then posts."""

from __future__ import annotations

from typing import Any

import requests

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def post_comment(
    base: str,
    article: Any,
    body: str,
    forwarded: str | None = None,
    browser: str = BROWSER,
    captcha_answer: str = "PASSED",
) -> requests.Response:
    headers = {"Accept": "application/json", "User-Agent": browser}
    if forwarded is not None:
        headers["X-Forwarded-For"] = forwarded
    with requests.Session() as session:
        state = session.get(f"{base}/comments/{article.pk}/form/", headers=headers).json()
        data = {
            "name": "سلمى", "email": "", "body": body, "parent": "", "website": "",
            "token": state["token"], "captcha_0": state["captcha"]["key"],
            "captcha_1": captcha_answer,
        }  # fmt: skip
        return session.post(f"{base}/comments/{article.pk}/post/", data=data, headers=headers)
