"""A feed whose links are scripts: nothing clickable reaches a page, a feed, the API or
the editors' inbox, and the wire never republishes a live story on its own."""

from __future__ import annotations

import json
import re
from importlib import import_module
from typing import Any

import pytest
import requests
from bs4 import BeautifulSoup
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from nashra.conftest import sign_in_over_http
from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage, ArticleSource
from nashra.wire.models import Item, Outcome, Policy, Source
from nashra.wire.runs import ingest
from nashra.wire.tests import server
from nashra.wire.tests.samples import LIBRARY, OLIVES, RAIN, RAIN_REWRITE, feed_item, rss
from nashra.wire.tests.server import FixtureServer

wire_server = server.wire_server  # the fixture, used by name

pytestmark = pytest.mark.django_db(transaction=True)

# What a browser would run: any case, spaces before, tabs or newlines inside the scheme,
# an entity the feed parser decodes, and the other script-bearing schemes.
HOSTILE_LINKS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    "   javascript:alert(1)",
    "java\tscript:alert(1)",
    "java&#10;script:alert(1)",
    "&#106;avascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]
SCRIPT_SCHEME = re.compile(r"^\s*(j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|vbscript|data)\s*:", re.I)


def hostile_feed(link: str, story: dict[str, object] = RAIN) -> str:
    # The entity spellings are written into the XML as entities, not escaped again.
    return rss([feed_item(story, "LINK")]).replace("LINK", link)


def script_hrefs(html: str | bytes) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    return [a["href"] for a in page.select("a[href]") if SCRIPT_SCHEME.match(a["href"])]


@pytest.mark.parametrize("link", HOSTILE_LINKS)
def test_a_hostile_feed_link_is_clickable_nowhere(
    live_server: Any, wire_server: FixtureServer, admin_user_with_password: Any, link: str
) -> None:
    factories.home_page()
    section = factories.section("محليات", slug="local")
    published = wire_server.serve("/live.xml", hostile_feed(link))
    drafted = wire_server.serve("/draft.xml", hostile_feed(link, RAIN_REWRITE))
    ingest(Source.objects.create(name="جريدة المساء", address=published, section=section,
                                 policy=Policy.PUBLISH).pk)
    [story] = ArticlePage.objects.live()
    base = live_server.url

    assert script_hrefs(requests.get(base + story.url).content) == []
    assert script_hrefs(requests.get(base + story.url + "print/").content) == []
    feed = BeautifulSoup(requests.get(base + "/feed/").content, "xml")
    for description in feed.find_all("description"):
        assert script_hrefs(description.get_text()) == []
    api = requests.get(f"{base}/api/v2/articles/{story.pk}/").json()
    assert all(
        line["url"] is None or line["url"].startswith("http") for line in api["sources"]
    )

    # The same link arriving as a draft for the editors: their inbox shows no script.
    Item.objects.all().delete()
    story.unpublish()
    ingest(Source.objects.create(name="وكالة الجنوب", address=drafted, section=section).pk)
    user, password = admin_user_with_password
    editor, _page = sign_in_over_http(base, user.username, password)
    inbox = editor.get(base + reverse("wire_inbox:index"))
    assert inbox.status_code == 200 and "wire-inbox" in inbox.text
    assert script_hrefs(inbox.content) == []


@pytest.mark.parametrize("link", HOSTILE_LINKS)
def test_a_source_line_holds_web_addresses_only_whatever_writes_it(link: str) -> None:
    story = factories.article(factories.section("محليات"), "خبر")
    line = ArticleSource(article=story, name="مصدر", url=link.replace("&#10;", "\n"))

    with pytest.raises(ValidationError):
        line.save()
    with pytest.raises(ValidationError):
        Source.objects.create(name="مصدر", address=link, section=factories.section("ثقافة"))


def live_story_with_a_second_source(wire_server: FixtureServer) -> ArticlePage:
    """A story a trusted source published, which a second source then sent again."""
    factories.home_page()
    section = factories.section("محليات", slug="local")
    first = wire_server.serve("/a.xml", rss([feed_item(RAIN, wire_server.url("/a/rain"))]))
    second = wire_server.serve("/b.xml", rss([feed_item(RAIN_REWRITE, wire_server.url("/b/1"))]))
    ingest(Source.objects.create(name="جريدة المساء", address=first, section=section,
                                 policy=Policy.PUBLISH).pk)
    ingest(Source.objects.create(name="وكالة الشمال", address=second, section=section).pk)
    [story] = ArticlePage.objects.all()
    return story


def test_the_wire_never_republishes_a_live_story_it_adds_a_source_to(
    live_server: Any, wire_server: FixtureServer, admin_user_with_password: Any
) -> None:
    story = live_story_with_a_second_source(wire_server)
    base = live_server.url

    live = BeautifulSoup(requests.get(base + story.url).content, "html.parser")
    assert [li.get_text(" ", strip=True) for li in live.select(".article-sources li")] == [
        "المصدر: جريدة المساء"
    ]
    story.refresh_from_db()
    assert story.has_unpublished_changes
    draft = story.get_latest_revision_as_object()
    assert [line.name for line in draft.sources.all()] == ["جريدة المساء", "وكالة الشمال"]
    [added] = Item.objects.awaiting_approval()
    assert (added.outcome, added.article_id) == (Outcome.ATTACHED, story.pk)

    user, password = admin_user_with_password
    editor, _page = sign_in_over_http(base, user.username, password)
    inbox = BeautifulSoup(editor.get(base + reverse("wire_inbox:index")).content, "html.parser")
    [row] = inbox.select(".wire-source-to-approve")
    assert "وكالة الشمال" in row.get_text() and story.title in row.get_text()

    # An editor's publish is the approval.
    story.get_latest_revision().publish()
    approved = BeautifulSoup(requests.get(base + story.url).content, "html.parser")
    assert len(approved.select(".article-sources li")) == 2
    assert not Item.objects.awaiting_approval().exists()


def json_ld_addresses(html: str | bytes) -> list[str]:
    """Every "url" any JSON-LD block of a page names, however deep."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "url" and isinstance(value, str):
                    found.append(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    page = BeautifulSoup(html, "html.parser")
    for block in page.select('script[type="application/ld+json"]'):
        walk(json.loads(block.string or "null"))
    return found


@pytest.mark.parametrize("link", HOSTILE_LINKS)
def test_an_address_stored_before_the_check_is_clickable_nowhere(
    live_server: Any, admin_user_with_password: Any, link: str
) -> None:
    # Rows written before addresses were checked on save, or by a bulk write that skips
    # save(): every place that prints a stored address checks it again.
    factories.home_page()
    section = factories.section("محليات", slug="local")
    story = factories.article(section, "خبر", sources=[("جريدة المساء", "https://a.example/1")])
    draft = factories.article(section, "مسودة", live=False)
    source = Source.objects.create(name="جريدة المساء", address="https://a.example/feed",
                                   section=section)
    for key, article, outcome in [("k1", draft, Outcome.TAKEN), ("k2", draft, Outcome.ATTACHED),
                                  ("k3", story, Outcome.ATTACHED)]:
        Item.objects.create(source=source, key=key, article=article, outcome=outcome,
                            url="https://a.example/" + key)
    ArticlePage.objects.filter(pk=story.pk).update(has_unpublished_changes=True)
    hostile = link.replace("&#10;", "\n").replace("&#106;", "j")
    ArticleSource.objects.filter(article=story).update(url=hostile)
    Item.objects.update(url=hostile, image_url=hostile)
    base = live_server.url

    page = requests.get(base + story.url).content
    assert script_hrefs(page) == []
    assert [a for a in json_ld_addresses(page) if not a.startswith("http")] == []
    assert script_hrefs(requests.get(base + story.url + "print/").content) == []
    feed = BeautifulSoup(requests.get(base + "/feed/").content, "xml")
    assert feed.find_all("description")
    for description in feed.find_all("description"):
        assert script_hrefs(description.get_text()) == []
    api = requests.get(f"{base}/api/v2/articles/{story.pk}/").json()
    assert [line["url"] for line in api["sources"]] == [None]
    user, password = admin_user_with_password
    editor, _page = sign_in_over_http(base, user.username, password)
    inbox = editor.get(base + reverse("wire_inbox:index"))
    listed = BeautifulSoup(inbox.content, "html.parser")
    assert listed.select(".wire-inbox-row") and listed.select(".wire-source-to-approve")
    assert script_hrefs(inbox.content) == []


def test_a_link_too_long_to_keep_costs_the_run_nothing(wire_server: FixtureServer) -> None:
    # A column of 1,000 characters refuses a longer address on PostgreSQL; one hostile
    # entry must not stop the entries after it, nor the sources after this one.
    section = factories.section("محليات", slug="local")
    long_link = wire_server.url("/a/" + "x" * 1200)
    feed = wire_server.serve("/long.xml", rss([
        feed_item(RAIN, long_link, guid="long-1"),
        feed_item(LIBRARY, wire_server.url("/a/library"), guid="short-1"),
    ]))
    later = wire_server.serve("/later.xml", rss([feed_item(OLIVES, wire_server.url("/c/1"))]))
    Source.objects.create(name="جريدة المساء", address=feed, section=section)
    Source.objects.create(name="وكالة الجنوب", address=later, section=section)

    reports = ingest(every=True)

    assert [(r.status, r.taken) for r in reports] == [("ok", 2), ("ok", 1)]
    rain = ArticlePage.objects.get(title=RAIN["title"])
    assert [(line.name, line.url) for line in rain.sources.all()] == [("جريدة المساء", "")]


def test_a_source_an_editor_published_no_longer_waits_for_approval(
    live_server: Any, wire_server: FixtureServer, admin_user_with_password: Any
) -> None:
    story = live_story_with_a_second_source(wire_server)
    story.get_latest_revision().publish()

    # The editor then starts another change, unrelated to the sources, and saves a draft.
    draft = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    draft.standfirst = "تحديث لم يُنشر بعد"
    draft.save_revision()

    assert ArticlePage.objects.get(pk=story.pk).has_unpublished_changes
    assert not Item.objects.awaiting_approval().exists()
    user, password = admin_user_with_password
    editor, _page = sign_in_over_http(live_server.url, user.username, password)
    inbox = BeautifulSoup(editor.get(live_server.url + reverse("wire_inbox:index")).content,
                          "html.parser")
    assert inbox.select(".wire-source-to-approve") == []


def test_an_address_too_long_to_keep_is_refused_alike_on_every_database() -> None:
    story = factories.article(factories.section("محليات"), "خبر")
    line = ArticleSource(article=story, name="مصدر", url="https://a.example/" + "x" * 1000)

    with pytest.raises(ValidationError) as refused:
        line.save()
    assert "أطول من 1000" in " ".join(refused.value.messages)
    assert not ArticleSource.objects.filter(article=story).exists()


def test_addresses_stored_before_the_check_are_made_safe_by_the_migrations() -> None:
    story = factories.article(factories.section("محليات"), "خبر", sources=[
        ("أ", "https://a.example/1"), ("ب", "https://a.example/2"), ("ج", "https://a.example/3"),
    ])
    source = Source.objects.create(name="مصدر", address="https://a.example/feed",
                                   section=story.get_parent().specific)
    item = Item.objects.create(source=source, key="k", article=story, outcome=Outcome.TAKEN)
    lines = list(ArticleSource.objects.filter(article=story).order_by("sort_order"))
    for line, stored in zip(lines, ["java\nscript:alert(1)", " https://a.example/1\t",
                                    "https://a.example/" + "x" * 900], strict=True):
        ArticleSource.objects.filter(pk=line.pk).update(url=stored)
    Item.objects.filter(pk=item.pk).update(url="vbscript:msgbox(1)",
                                           image_url="https://a.example/i.jpg")

    for app, name in [("newsroom", "0006_source_links_web_addresses_only"),
                      ("wire", "0005_item_links_web_addresses_only")]:
        import_module(f"nashra.{app}.migrations.{name}").clean(django_apps, None)

    assert list(ArticleSource.objects.filter(article=story).order_by("sort_order")
                .values_list("url", flat=True)) == ["", "https://a.example/1",
                                                    "https://a.example/" + "x" * 900]
    item.refresh_from_db()
    assert (item.url, item.image_url) == ("", "https://a.example/i.jpg")
