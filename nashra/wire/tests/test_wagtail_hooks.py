from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from nashra.newsroom import factories
from nashra.wire.models import Source

pytestmark = pytest.mark.django_db


def test_the_sources_list_shows_their_health(admin_client: Client) -> None:
    Source.objects.create(name="جريدة المساء", address="https://paper.example/feed",
                          section=factories.section("محليات"), last_error="انتهت المهلة")
    response = admin_client.get(reverse("wire_source:index"))
    assert response.status_code == 200
    assert "جريدة المساء" in response.content.decode()
    source = Source.objects.get()
    inspect = admin_client.get(reverse("wire_source:inspect", args=[source.pk]))
    assert "انتهت المهلة" in inspect.content.decode()


def test_an_editor_adds_a_source_in_the_admin(admin_client: Client) -> None:
    section = factories.section("محليات")
    response = admin_client.post(reverse("wire_source:add"), {
        "name": "صحيفة المرصد", "kind": "feed", "address": "https://observer.example/rss",
        "section": section.pk, "poll_minutes": 30, "policy": "inbox",
        "wire_credit": "", "enabled": "on",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    source = Source.objects.get()
    assert (source.name, source.poll_minutes, source.section_id) == ("صحيفة المرصد", 30, section.pk)
    assert source.last_success_at is None and source.items_taken == 0


def test_moderators_manage_sources_and_editors_only_see_them(
    client: Client, editor: Any, moderator: Any
) -> None:
    client.force_login(editor)
    assert client.get(reverse("wire_source:index")).status_code == 200
    assert client.get(reverse("wire_source:add")).status_code in {302, 403}
    client.force_login(moderator)
    assert client.get(reverse("wire_source:add")).status_code == 200
