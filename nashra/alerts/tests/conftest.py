from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from nashra.alerts.management.commands.make_vapid_keys import key_pair
from nashra.alerts.tests.standins import BotApi, BotApiHandler, PushHandler, PushService, serving
from nashra.newsroom import factories

TOKEN = "123456:test-bot-token"
CHAT = "@nashra_breaking"


@pytest.fixture
def story() -> Any:
    politics = factories.section("سياسة", slug="politics")
    return factories.article(
        politics,
        "مجلس الوزراء يعلن حالة الطوارئ في المحافظات الشمالية",
        slug="emergency",
        standfirst="القرار يسري لمدة أسبوعين ابتداءً من منتصف الليل.",
    )


@pytest.fixture
def bot_api(settings: Any) -> Iterator[BotApi]:
    state = BotApi(token=TOKEN)
    with serving(BotApiHandler, state) as base:
        settings.NASHRA_TELEGRAM_API_URL = base
        settings.NASHRA_TELEGRAM_BOT_TOKEN = TOKEN
        settings.NASHRA_TELEGRAM_CHAT_ID = CHAT
        yield state


@pytest.fixture
def push_service(settings: Any) -> Iterator[tuple[PushService, str]]:
    private, public = key_pair()
    settings.NASHRA_VAPID_PRIVATE_KEY = private
    settings.NASHRA_VAPID_PUBLIC_KEY = public
    settings.NASHRA_VAPID_SUBJECT = "mailto:desk@nashra.example"
    settings.NASHRA_TELEGRAM_BOT_TOKEN = ""
    state = PushService(vapid_public_key=public)
    with serving(PushHandler, state) as base:
        yield state, base


@pytest.fixture
def desk(django_user_model: Any) -> Any:
    """Someone on the news desk (transactional tests flush the migrations' groups)."""
    return django_user_model.objects.create_user("desk", password="desk-pass-1")
