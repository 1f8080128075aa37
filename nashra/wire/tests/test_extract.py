from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from nashra.wire.extract import ExtractError, extract_page, find_links, html_text, resolve_datetime
from nashra.wire.tests.samples import FURNITURE, OLIVES, RAIN, article_page


def body_text(blocks: list[tuple[str, Any]]) -> str:
    return " ".join(value if isinstance(value, str) else value["text"] for _k, value in blocks)


def test_it_takes_the_story_and_leaves_the_furniture(settings: Any) -> None:
    settings.WIRE_EXTRACT_TIMEOUT = 30
    page = extract_page(article_page(RAIN), "http://paper.example/news/1")
    assert page.headline == RAIN["title"]
    text = body_text(page.body)
    for paragraph in RAIN["paragraphs"]:
        assert paragraph in text
    for furniture in ("الرئيسية", "جميع الحقوق محفوظة", "سياسة الخصوصية", "الأكثر قراءة"):
        assert furniture not in text
    assert page.published_at == datetime(2026, 11, 28, 6, 30, tzinfo=UTC)


def test_it_removes_invisible_marks_and_keeps_the_arabic_as_written(settings: Any) -> None:
    settings.WIRE_EXTRACT_TIMEOUT = 30
    marked = {
        "title": OLIVES["title"],
        "paragraphs": [p.replace("الزيتون", "الزي\u200bتون\u202b") for p in OLIVES["paragraphs"]],
    }
    page = extract_page(article_page(marked), "http://paper.example/news/2")
    text = body_text(page.body)
    assert "\u200b" not in text and "\u202b" not in text
    assert OLIVES["paragraphs"][0] in text


def test_it_reads_a_windows_1256_page() -> None:
    raw = article_page(OLIVES, charset="windows-1256").encode("windows-1256")
    assert OLIVES["paragraphs"][1] in html_text(raw, "")


def test_it_refuses_a_page_that_is_only_furniture(settings: Any) -> None:
    settings.WIRE_EXTRACT_TIMEOUT = 30
    with pytest.raises(ExtractError, match="لم يُعثر في الصفحة على نص خبر"):
        extract_page(FURNITURE, "http://paper.example/")


def test_it_bounds_the_time_extraction_may_take(settings: Any) -> None:
    # Thousands of paragraphs keep trafilatura busy far longer than the limit.
    long_story = {"title": RAIN["title"], "paragraphs": RAIN["paragraphs"] * 3000}
    settings.WIRE_EXTRACT_TIMEOUT = 0.05
    with pytest.raises(ExtractError, match="استغرق استخراج النص"):
        extract_page(article_page(long_story), "http://paper.example/news/1")
    settings.WIRE_EXTRACT_TIMEOUT = 30
    # The stuck worker was replaced: the next page is extracted normally.
    assert extract_page(article_page(RAIN), "http://paper.example/news/1").headline


def test_it_finds_links_to_the_same_site_once(settings: Any) -> None:
    settings.WIRE_EXTRACT_TIMEOUT = 30
    html = ('<a href="/news/1">١</a><a href="/news/1#c">١</a><a href="http://other.example/x">x</a>'
            '<a href="mailto:a@b">m</a><a href="news/2">٢</a>')
    assert find_links(html, "http://paper.example/") == [
        "http://paper.example/news/1", "http://paper.example/news/2"
    ]


def test_it_resolves_dates_without_an_offset_in_the_site_time_zone(settings: Any) -> None:
    settings.TIME_ZONE = "Asia/Amman"
    assert resolve_datetime("2026-11-28T09:30:00") == datetime(2026, 11, 28, 6, 30, tzinfo=UTC)
    assert resolve_datetime("2026-11-28T09:30:00Z") == datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    assert resolve_datetime("not a date") is None
