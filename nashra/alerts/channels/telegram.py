"""A post to the newsroom's Telegram channel through the Bot API's `sendMessage`."""

from __future__ import annotations

import requests
from django.conf import settings

from nashra.alerts.channels import Outcome, seconds
from nashra.alerts.models import Alert

TIMEOUT = 10  # seconds: connection and answer


def send(alert: Alert, chat_id: str, session: requests.Session) -> Outcome:
    base = settings.NASHRA_TELEGRAM_API_URL.rstrip("/")
    token = settings.NASHRA_TELEGRAM_BOT_TOKEN
    try:
        answer = session.post(
            f"{base}/bot{token}/sendMessage",
            json={"chat_id": chat_id, "text": alert.share_text()},
            timeout=TIMEOUT,
        )
    except requests.RequestException as error:
        return Outcome.retry(f"{type(error).__name__}: {error}")
    try:
        body = answer.json()
    except ValueError:
        body = {}
    if answer.status_code == 200 and body.get("ok"):
        return Outcome.sent()
    reason = f"{answer.status_code} {body.get('description', answer.text[:200])}"
    if answer.status_code == 429:
        # The Bot API says how long to wait in the body, not in a header.
        return Outcome.retry(reason, seconds((body.get("parameters") or {}).get("retry_after")))
    if answer.status_code >= 500:
        return Outcome.retry(reason)
    return Outcome.fail(reason)
