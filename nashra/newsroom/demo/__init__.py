"""The demo site: original Arabic stories written for Nashra, loaded into an empty site.

The stories live in ``articles.json`` beside this module; ``load_demo`` turns them into
sections, articles, authors and columnists, corrections and updates, static pages and
site settings in one transaction, so a
failed load leaves nothing behind. Apps above the newsroom (comments) add their own demo
content when `demo_loaded` is sent, inside the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from wagtail.models import Site

from nashra.core.models import SiteSettings, StaticPage
from nashra.newsroom.authors import Column
from nashra.newsroom.corrections import Correction
from nashra.newsroom.demo import pictures as demo_pictures
from nashra.newsroom.models import (
    ArticlePage,
    ArticleSource,
    Author,
    HomePage,
    ReadAlsoLink,
    SectionPage,
)

CONTENT_FILE = Path(__file__).with_name("articles.json")

# Sent after the stories are loaded, inside the demo's transaction. A receiver adds its
# app's demo content and returns what it added, as (count, "comments").
demo_loaded = Signal()


class SiteHasContent(Exception):
    """The site holds stories that are not the demo's: the demo must not touch it."""


@dataclass
class DemoReport:
    sections: int = 0
    articles: int = 0
    already_loaded: bool = False


def demo_content() -> dict[str, Any]:
    return json.loads(CONTENT_FILE.read_text(encoding="utf-8"))


def site_state(content: dict[str, Any]) -> str:
    """"empty", "demo" (the demo is already there) or "real" (someone else's stories)."""
    demo_slugs = {article["slug"] for article in content["articles"]}
    present = set(ArticlePage.objects.values_list("slug", flat=True))
    if not present and not SectionPage.objects.exists():
        return "empty"
    if present == demo_slugs:
        return "demo"
    return "real"


def load_demo(progress: Callable[[int, int], None] | None = None) -> DemoReport:
    """Load the demo into an empty site; do nothing if it is there; refuse real content."""
    content = demo_content()
    state = site_state(content)
    if state == "demo":
        return DemoReport(already_loaded=True)
    if state == "real":
        raise SiteHasContent
    with transaction.atomic():
        return _load(content, progress or (lambda done, total: None))


def _load(content: dict[str, Any], progress: Callable[[int, int], None]) -> DemoReport:
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise SiteHasContent
    now = timezone.now()
    report = DemoReport()

    sections = {}
    for entry in content["sections"]:
        section = SectionPage(title=entry["title"], slug=entry["slug"], show_in_menus=True)
        home.add_child(instance=section)
        section.save_revision().publish()
        sections[entry["slug"]] = section
        report.sections += 1

    columns = _add_columnists(content.get("columnists", []))

    articles = {}
    # Oldest first, so the tree's order matches publication order.
    for order, entry in enumerate(sorted(content["articles"], key=lambda e: -e["hours_ago"])):
        articles[entry["slug"]] = _add_article(sections[entry["section"]], entry, now, order)
        report.articles += 1
        # Each story counts twice: added here, published below.
        progress(report.articles, 2 * len(content["articles"]))

    # Read-also links may point forward in time, so every story exists before any is
    # published; publishing then records the links in the story's first revision.
    for done, entry in enumerate(content["articles"], start=report.articles + 1):
        article = articles[entry["slug"]]
        article.read_also_links = [
            ReadAlsoLink(target=articles[slug], sort_order=order)
            for order, slug in enumerate(entry["read_also"])
        ]
        article.column = columns.get(entry.get("column", ""))
        article.save_revision().publish()
        _add_corrections(article, entry.get("corrections", []))
        progress(done, 2 * len(content["articles"]))

    furnish_site(home)
    return report


def _add_article(
    section: SectionPage, entry: dict[str, Any], now: Any, order: int
) -> ArticlePage:
    published = now - timedelta(hours=entry["hours_ago"])
    updated_after = entry.get("updated_hours_after") or 0
    picture, caption = demo_pictures.lead_picture(entry, order)
    body = [_block(block) for block in entry["body"]]
    gallery = demo_pictures.gallery_block(entry, order)
    article = ArticlePage(
        title=entry["headline"],
        slug=entry["slug"],
        kicker=entry.get("kicker", ""),
        standfirst=entry["standfirst"],
        dateline=entry.get("dateline", ""),
        # The gallery after the first paragraphs, where a reader meets it mid-story.
        body=body[:2] + gallery + body[2:],
        lead_image=picture,
        lead_image_caption=caption,
        wire_credit=entry.get("wire_credit", ""),
        breaking=entry.get("breaking", False),
        comments_open=entry.get("comments_open", True),
        view_count=entry.get("views", 0),
        first_published_at=published,
        live=False,
        updated_at=published + timedelta(hours=updated_after) if updated_after else None,
    )
    article.tags.add(*entry["tags"])
    for order, source in enumerate(entry["sources"]):
        article.sources.add(ArticleSource(name=source["name"], url=source["url"], sort_order=order))
    section.add_child(instance=article)
    article.authors.set(
        [Author.objects.get_or_create(name=name)[0] for name in entry.get("authors", [])]
    )
    return article


def _add_columnists(entries: list[dict[str, Any]]) -> dict[str, Column]:
    """The columnists with their photos and pages, and their columns by writer's name."""
    columns = {}
    for order, entry in enumerate(entries):
        writer = Author.objects.create(
            name=entry["name"],
            slug=entry["slug"],
            job_title=entry["job_title"],
            guest=entry["guest"],
            bio=entry["bio"],
            website=entry["website"],
            x_url=entry["x_url"],
            facebook_url=entry["facebook_url"],
            photo=demo_pictures.portrait(entry["name"], order),
        )
        columns[entry["name"]] = Column.objects.create(
            title=entry["column"],
            slug=entry["column_slug"],
            writer=writer,
            description=entry["column_description"],
        )
    return columns


def _add_corrections(article: ArticlePage, entries: list[dict[str, Any]]) -> None:
    for entry in entries:
        Correction.objects.create(
            article=article,
            kind=entry["kind"],
            text=entry["text"],
            published_at=article.first_published_at + timedelta(hours=entry["hours_after"]),
        )


def _block(block: dict[str, Any]) -> tuple[str, Any]:
    if block["type"] == "paragraph":
        from django.utils.html import escape

        return ("paragraph", f"<p>{escape(block['value'])}</p>")
    return (block["type"], block["value"])


PRIVACY_TEXT = [
    "تحترم «نشرة» خصوصية قرائها. لا نستخدم أدوات تتبّع من أطراف خارجية، ولا نضع ملفات تعريف "
    "ارتباط لغايات إعلانية.",
    "عند التعليق على خبر نحفظ الاسم والتعليق، والبريد الإلكتروني إن أدخلته، ولا ننشر البريد أبداً. "
    "نحتفظ بعنوان الجهاز الذي أُرسل منه التعليق لغايات الإشراف فقط، وبعد ثلاثين يوماً نقتطع "
    "آخره فلا يبقى منه إلا عنوان الشبكة.",
    "نحصي مشاهدات الأخبار دون ملفات تعريف ارتباط، ولا نحتفظ بعناوين القراء لهذا الغرض.",
    "لأي استفسار عن بياناتك راسلنا عبر صفحة «من نحن».",
]

ABOUT_TEXT = [
    "«نشرة» موقع إخباري عربي مستقل يغطي الشأن المحلي والعربي والدولي والاقتصاد والرياضة.",
    "نلتزم بنسبة كل خبر إلى مصدره، وبالتصحيح العلني لأي خطأ يقع في ما ننشر.",
]


def furnish_site(home: HomePage) -> SiteSettings:
    """Give the site its privacy and about pages, follow links and footer credits."""
    pages = {}
    for slug, title, paragraphs in [
        ("privacy", "سياسة الخصوصية", PRIVACY_TEXT),
        ("about", "من نحن", ABOUT_TEXT),
    ]:
        page = StaticPage(
            title=title,
            slug=slug,
            body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        pages[slug] = page

    chosen = SiteSettings.for_site(home.get_site())
    chosen.site_name = "نشرة"
    chosen.tagline = "أخبار عربية موثوقة"
    chosen.privacy_page = pages["privacy"]
    chosen.about_page = pages["about"]
    chosen.hosting_credit = "استضافة: خوادم نشرة"
    chosen.youtube_url = "https://www.youtube.com/@nashra-demo"
    chosen.facebook_url = "https://www.facebook.com/nashra.demo"
    chosen.x_url = "https://x.com/nashra_demo"
    chosen.telegram_url = "https://t.me/nashra_demo"
    chosen.whatsapp_url = "https://whatsapp.com/channel/nashra-demo"
    chosen.platform_name = "منصة نشرة"
    chosen.platform_url = "https://example.com/nashra"
    chosen.save()
    return chosen
