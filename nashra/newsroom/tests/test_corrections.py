"""Corrections, clarifications and updates: shown in the open, purged once, never lost."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from zoneinfo import ZoneInfo

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from nashra.newsroom import factories
from nashra.newsroom.corrections import Correction, CorrectionHistory, Kind
from nashra.newsroom.models import ArticlePage
from nashra.newsroom.tests.test_structured_data import json_ld
from nashra.operations.page_cache import stamps

pytestmark = pytest.mark.django_db

AMMAN = ZoneInfo("Asia/Amman")


@pytest.fixture
def story() -> ArticlePage:
    politics = factories.section("سياسة", slug="politics")
    return factories.article(
        politics,
        "البلدية تعلن موعد افتتاح الجسر الجديد",
        slug="bridge",
        published_at=datetime(2025, 3, 1, 9, 0, tzinfo=ZoneInfo("UTC")),
        tags=["الجسور"],
    )


def entry(story: ArticlePage, kind: str, text: str, hours: float) -> Correction:
    published = story.first_published_at + timedelta(hours=hours)
    return Correction.objects.create(article=story, kind=kind, text=text, published_at=published)


def page_of(client: Client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_the_story_lists_its_entries_at_its_foot_oldest_first(client: Client, story) -> None:
    entry(story, Kind.UPDATE, "افتُتح الجسر أمام المشاة أيضاً.", 5)
    entry(story, Kind.CORRECTION, "الموعد الصحيح الأحد لا السبت.", 2)

    page = page_of(client, story.url)

    shown = page.select(".article-corrections li.correction")
    assert [item.select_one(".correction-kind").get_text() for item in shown] == [
        "تصحيح", "تحديث",
    ]
    assert shown[0].select_one(".correction-text").get_text() == "الموعد الصحيح الأحد لا السبت."
    assert shown[0].select_one("time")["datetime"].startswith("2025-03-01T14:00")


def test_a_correction_is_announced_under_the_headline_and_an_update_is_not(
    client: Client, story
) -> None:
    update = entry(story, Kind.UPDATE, "افتُتح الجسر أمام المشاة أيضاً.", 5)
    assert page_of(client, story.url).select_one(".article-correction-notice") is None

    correction = entry(story, Kind.CORRECTION, "الموعد الصحيح الأحد لا السبت.", 2)
    notice = page_of(client, story.url).select_one(".article-header .article-correction-notice")

    assert notice is not None and update.pk != correction.pk
    assert notice.select_one("a")["href"] == f"#correction-{correction.pk}"


def test_structured_data_carries_corrections_and_the_latest_change(client: Client, story) -> None:
    entry(story, Kind.CORRECTION, "الموعد الصحيح الأحد لا السبت.", 2)
    entry(story, Kind.CLARIFICATION, "الجسر للمركبات الصغيرة فقط.", 3)
    # Dated after the story's last publication, so it is the story's latest change.
    story.refresh_from_db()
    later = story.last_published_at - story.first_published_at + timedelta(hours=1)
    entry(story, Kind.UPDATE, "افتُتح الجسر أمام المشاة أيضاً.", later.total_seconds() / 3600)

    [article] = json_ld(client.get(story.url).content.decode())["NewsArticle"]

    assert [(item["@type"], item["text"]) for item in article["correction"]] == [
        ("CorrectionComment", "الموعد الصحيح الأحد لا السبت."),
        ("CorrectionComment", "الجسر للمركبات الصغيرة فقط."),
    ]
    latest = story.last_published_at + timedelta(hours=1)
    assert datetime.fromisoformat(article["dateModified"]) == latest.replace(microsecond=0)


def test_the_archive_lists_entries_of_published_stories_newest_first(
    client: Client, story
) -> None:
    first = entry(story, Kind.CORRECTION, "الموعد الصحيح الأحد لا السبت.", 2)
    second = entry(story, Kind.UPDATE, "افتُتح الجسر أمام المشاة أيضاً.", 5)
    withdrawn = factories.article(story.get_parent().specific, "خبر سُحب", slug="withdrawn")
    entry(withdrawn, Kind.CORRECTION, "تصحيح على خبر سُحب لاحقاً.", 1)
    withdrawn.unpublish()

    page = page_of(client, "/corrections/")

    listed = page.select(".corrections-archive li.correction")
    assert [int(item["data-correction-id"]) for item in listed] == [second.pk, first.pk]
    assert listed[1].select_one(".correction-story a")["href"] == (
        f"{story.url}#correction-{first.pk}"
    )
    assert page.select_one('link[rel=alternate][href="/corrections/feed/"]') is not None


def test_the_archive_is_paginated_and_says_when_it_is_empty(
    client: Client, story, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert page_of(client, "/corrections/").select_one(".listing-empty") is not None
    monkeypatch.setattr("nashra.newsroom.models.SECTION_PAGE_SIZE", 2)
    for hours in range(1, 4):
        entry(story, Kind.UPDATE, f"تحديث رقم {hours}", hours)

    assert len(page_of(client, "/corrections/").select("li.correction")) == 2
    assert len(page_of(client, "/corrections/?page=2").select("li.correction")) == 1
    assert client.get("/corrections/?page=3").status_code == 404


def test_the_archive_feed_and_the_story_feeds_carry_the_entries(client: Client, story) -> None:
    correction = entry(story, Kind.CORRECTION, "الموعد الصحيح الأحد لا السبت.", 2)

    archive = feedparser.parse(client.get("/corrections/feed/").content)
    site = feedparser.parse(client.get("/feed/").content)
    tag = feedparser.parse(client.get(f"/feed/tag/{story.tags.first().slug}/").content)

    assert not archive.bozo
    [item] = archive.entries
    assert item.title == f"تصحيح: {story.title}"
    assert item.link.endswith(f"{story.url}#correction-{correction.pk}")
    assert "الموعد الصحيح الأحد لا السبت." in item.description
    for feed in (site, tag):
        assert "الموعد الصحيح الأحد لا السبت." in feed.entries[0].description


def test_a_feed_reader_holding_the_feed_learns_of_a_new_correction(client: Client, story) -> None:
    first = client.get("/feed/")
    assert client.get("/feed/", headers={"if-none-match": first["ETag"]}).status_code == 304

    entry(story, Kind.CORRECTION, "الموعد الصحيح الأحد لا السبت.", 2)

    again = client.get("/feed/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200


def test_the_api_gives_the_entries_of_a_story(client: Client, story) -> None:
    entry(story, Kind.CLARIFICATION, "الجسر للمركبات الصغيرة فقط.", 3)

    record = json.loads(client.get(f"/api/v2/articles/{story.pk}/").content)

    [given] = record["corrections"]
    assert (given["kind"], given["kind_label"], given["text"]) == (
        "clarification", "توضيح", "الجسر للمركبات الصغيرة فقط.",
    )
    stamp = story.first_published_at + timedelta(hours=3)
    assert datetime.fromisoformat(given["published_at"]) == stamp


def test_publishing_an_older_draft_keeps_the_entries(client: Client, story) -> None:
    older = story.get_latest_revision()
    entry(story, Kind.CORRECTION, "الموعد الصحيح الأحد لا السبت.", 2)
    story.title = "عنوان جديد للخبر"
    story.save_revision().publish()

    older.publish()

    assert Correction.objects.filter(article=story).count() == 1
    assert page_of(client, story.url).select_one(".article-corrections") is not None


# --- Purges --------------------------------------------------------------------------


class PurgeLog(BaseHTTPRequestHandler):
    """A caching proxy's purge endpoint that only writes down what it was asked."""

    purged: list[str]

    def do_PURGE(self) -> None:  # noqa: N802 - the HTTP method's name
        self.purged.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def proxy(settings: Any, tmp_path: Any) -> Iterator[list[str]]:
    purged: list[str] = []
    handler = type("Log", (PurgeLog,), {"purged": purged})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    settings.PAGE_CACHE_SECONDS = 600
    settings.VAR_DIR = tmp_path  # stamps of this test only
    yield purged
    server.shutdown()
    server.server_close()


def test_each_saved_or_removed_entry_purges_every_page_of_the_story_once(
    client: Client,
    story,
    proxy: list[str],
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cached = client.get(story.url)
    assert client.get(story.url)["Nashra-Cache"] == "hit" and cached.status_code == 200
    shown_at = {story.url, story.url + "print/", "/", "/politics/", "/corrections/",
                "/corrections/feed/", "/feed/", iri_to_uri(f"/tag/{story.tags.first().slug}/")}

    moves: list[str] = []
    move = stamps.move

    def counted_move(name: str) -> None:
        moves.append(name)
        move(name)

    monkeypatch.setattr(stamps, "move", counted_move)
    for change in ("add", "edit", "remove"):
        proxy.clear()
        moves.clear()
        site_before = stamps.site()
        with django_capture_on_commit_callbacks(execute=True):
            if change == "add":
                correction = entry(story, Kind.CORRECTION, "الموعد الصحيح الأحد.", 2)
            elif change == "edit":
                correction.text = "الموعد الصحيح الأحد لا السبت."
                correction.save()
            else:
                correction.delete()

        assert moves == [stamps.SITE] and stamps.site() > site_before, change
        counted = Counter(proxy)
        assert shown_at <= set(counted), (change, shown_at - set(counted))
        assert max(counted.values()) == 1, (change, counted.most_common(3))
        fresh = client.get(story.url)
        assert fresh["Nashra-Cache"] == "miss", change
        assert (b"article-corrections" in fresh.content) == (change != "remove")


# --- History -------------------------------------------------------------------------


def test_a_deleted_entry_leaves_what_it_said_in_its_history(story) -> None:
    correction = entry(story, Kind.CORRECTION, "الموعد الصحيح الأحد لا السبت.", 2)
    correction_id = correction.pk

    correction.delete()

    [record] = CorrectionHistory.objects.all()
    assert (record.correction_id, record.action, record.kind, record.text) == (
        correction_id, "removed", "correction", "الموعد الصحيح الأحد لا السبت.",
    )
    assert (record.story_id, record.article_title) == (story.pk, story.title)


def test_an_edit_keeps_the_text_it_replaced_and_a_save_without_change_keeps_nothing(
    story,
) -> None:
    correction = entry(story, Kind.CORRECTION, "النص الأول.", 2)
    correction.save()
    assert not CorrectionHistory.objects.exists()

    correction.text = "النص بعد التعديل."
    correction.save()

    [record] = CorrectionHistory.objects.all()
    assert (record.action, record.text) == ("edited", "النص الأول.")


def test_a_deleted_story_leaves_the_history_of_its_entries(story) -> None:
    entry(story, Kind.CORRECTION, "الموعد الصحيح الأحد لا السبت.", 2)
    story_id, title = story.pk, story.title

    story.delete()

    [record] = CorrectionHistory.objects.all()
    assert (record.story_id, record.article_title, record.action) == (story_id, title, "removed")


def test_an_editor_removing_an_entry_in_the_admin_is_named_in_its_history(
    client: Client, story, editor: Any
) -> None:
    correction = entry(story, Kind.CORRECTION, "الموعد الصحيح الأحد لا السبت.", 2)
    client.force_login(editor)

    response = client.post(f"/admin/snippets/newsroom/correction/delete/{correction.pk}/")

    assert response.status_code == 302
    assert not Correction.objects.exists()
    [record] = CorrectionHistory.objects.all()
    assert record.recorded_by == editor and record.action == "removed"
    listing = client.get("/admin/snippets/newsroom/correctionhistory/")
    assert listing.status_code == 200 and story.title in listing.content.decode()


def test_an_editor_adds_an_entry_in_the_admin_and_is_named_as_its_author(
    client: Client, story, editor: Any
) -> None:
    client.force_login(editor)

    response = client.post(
        "/admin/snippets/newsroom/correction/add/",
        {"article": story.pk, "kind": "update", "text": "افتُتح الجسر.",
         "published_at": timezone.localtime().strftime("%Y-%m-%d %H:%M")},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    added = Correction.objects.get()
    assert (added.article_id, added.kind, added.created_by) == (story.pk, "update", editor)


def test_nobody_can_write_or_remove_the_history(client: Client, story, editor: Any) -> None:
    correction = entry(story, Kind.CORRECTION, "الموعد الصحيح الأحد لا السبت.", 2)
    correction.delete()
    record = CorrectionHistory.objects.get()
    client.force_login(editor)
    base = "/admin/snippets/newsroom/correctionhistory"

    assert client.get(f"{base}/inspect/{record.pk}/").status_code == 200
    for address in (f"{base}/add/", f"{base}/edit/{record.pk}/", f"{base}/delete/{record.pk}/"):
        assert client.get(address).status_code in {302, 403, 404}, address
        client.post(address, {"text": "محو"})
    assert CorrectionHistory.objects.get().text == "الموعد الصحيح الأحد لا السبت."


def test_the_story_editor_offers_to_add_an_entry_for_that_story(
    client: Client, story, editor: Any
) -> None:
    client.force_login(editor)

    editing = BeautifulSoup(
        client.get(f"/admin/pages/{story.pk}/edit/").content, "html.parser"
    )
    link = next(a for a in editing.select("a[href]") if "إضافة تصحيح أو تحديث" in a.get_text())
    assert link["href"] == f"/admin/snippets/newsroom/correction/add/?article={story.pk}"

    form = BeautifulSoup(client.get(link["href"]).content, "html.parser")
    assert form.select_one('input[name="article"]')["value"] == str(story.pk)


def test_entries_removed_together_in_the_admin_each_leave_their_history(
    client: Client, story, editor: Any
) -> None:
    entries = [entry(story, Kind.UPDATE, f"تحديث رقم {n}", n) for n in (1, 2)]
    client.force_login(editor)
    ids = "&".join(f"id={item.pk}" for item in entries)

    response = client.post(f"/admin/bulk/newsroom/correction/delete/?{ids}")

    assert response.status_code == 302
    assert not Correction.objects.exists()
    history = CorrectionHistory.objects.order_by("correction_id")
    assert [(record.text, record.recorded_by) for record in history] == [
        ("تحديث رقم 1", editor), ("تحديث رقم 2", editor),
    ]
