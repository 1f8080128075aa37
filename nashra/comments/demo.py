"""Readers' comments for the demo site: original text, a few threads on busy stories."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from nashra.comments.models import Comment, Status, fingerprint_of
from nashra.newsroom.models import ArticlePage

# slug → [(name, body, minutes after publication, [(name, reply, minutes)])]
DEMO_THREADS: dict[str, list[tuple[str, str, int, list[tuple[str, str, int]]]]] = {
    "parliament-approves-general-budget": [
        (
            "أبو خالد",
            "نتمنى أن تنعكس الموازنة على رواتب المتقاعدين هذه المرة.",
            40,
            [
                ("سهى", "الزيادة المعلنة لا تكفي مع ارتفاع الأسعار، لكنها خطوة.", 65),
            ],
        ),
        ("مواطن من الزرقاء", "أين مخصصات الطرق في المحافظات؟ الخبر لم يذكرها.", 90, []),
    ],
    "fuel-prices-december-decision": [
        (
            "سائق تكسي",
            "كل رفع للوقود يعني أجرة أعلى وركاباً أقل.",
            25,
            [
                ("ليلى", "والحل نقل عام محترم حتى لا نعتمد على السيارات.", 50),
                ("سائق تكسي", "صحيح، لكن النقل العام في مدينتنا ما زال بعيداً.", 80),
            ],
        ),
    ],
}


def demo_loaded(sender: Any, **kwargs: Any) -> tuple[int, str]:
    return add_demo_comments(), "comments"


def add_demo_comments() -> int:
    """Add the demo threads as published comments; returns how many were added."""
    added = 0
    for slug, threads in DEMO_THREADS.items():
        article = ArticlePage.objects.filter(slug=slug).first()
        if article is None or article.first_published_at is None:
            continue
        start = article.first_published_at
        for name, body, minutes, replies in threads:
            top = _add(article, None, name, body, start + timedelta(minutes=minutes))
            added += 1
            for reply_name, reply, reply_minutes in replies:
                _add(article, top, reply_name, reply, start + timedelta(minutes=reply_minutes))
                added += 1
        top._announce()
    return added


def _add(
    article: ArticlePage, parent: Comment | None, name: str, body: str, at: datetime
) -> Comment:
    return Comment.objects.create(
        article=article,
        parent=parent,
        author_name=name,
        body=body,
        created_at=at,
        status=Status.APPROVED,
        fingerprint=fingerprint_of(body),
    )
