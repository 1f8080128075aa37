"""The demo site has a story covered live, with enough entries to read as one."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client

from nashra.live.demo import DEMO_STORY
from nashra.live.models import LiveEntry
from nashra.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_the_demo_covers_a_story_live_with_entries_and_key_events(client: Client) -> None:
    call_command("demo", "--pictures-later", stdout=io.StringIO())
    story = ArticlePage.objects.get(slug=DEMO_STORY)
    assert story.live_now
    entries = LiveEntry.objects.of(story)
    assert entries.count() >= 20 and entries.key_events().count() >= 3
    assert {entry.kind for entry in entries} >= {"text", "quote", "link"}

    page = BeautifulSoup(client.get(story.url).content, "html.parser")
    assert len(page.select(".live-entries li.live-entry")) == entries.count()
    assert len(page.select(".live-key-events li")) == entries.key_events().count()
    home = BeautifulSoup(client.get("/").content, "html.parser")
    assert home.select_one(".live-home a")["href"].startswith(story.url)
    assert home.select_one(f".article-card[data-article-id='{story.pk}'] .live-badge")
