from __future__ import annotations

from datetime import UTC, datetime

import pytest

from nashra.wire.feeds import FeedError, parse_feed
from nashra.wire.tests.samples import BILLION_LAUGHS, EXTERNAL_ENTITY, LIBRARY, RAIN, feed_item, rss


def test_it_reads_entries_with_their_time_zone_resolved() -> None:
    xml = rss([feed_item(RAIN, "http://a.example/1", date="Sat, 28 Nov 2026 09:30:00 +0300")])
    [entry] = parse_feed(xml.encode())
    assert entry.title == RAIN["title"]
    assert entry.link == "http://a.example/1" and entry.key == "http://a.example/1"
    assert entry.published_at == datetime(2026, 11, 28, 6, 30, tzinfo=UTC)
    assert "تجمّعت مياه" in entry.html


def test_it_reads_a_windows_1256_feed() -> None:
    xml = rss([feed_item(LIBRARY, "http://a.example/2")], encoding="windows-1256")
    [entry] = parse_feed(xml.encode("windows-1256"))
    assert entry.title == LIBRARY["title"]


def test_it_reads_a_windows_1256_feed_that_claims_to_be_utf8() -> None:
    xml = rss([feed_item(LIBRARY, "http://a.example/2")], encoding="utf-8")
    [entry] = parse_feed(xml.encode("windows-1256"))
    assert entry.title == LIBRARY["title"]


def test_it_uses_the_http_charset_when_the_feed_declares_none() -> None:
    xml = rss([feed_item(RAIN, "http://a.example/1")]).replace(' encoding="utf-8"', "")
    [entry] = parse_feed(xml.encode("windows-1256"), http_charset="windows-1256")
    assert entry.title == RAIN["title"]


def test_it_refuses_malformed_xml_whole_instead_of_guessing() -> None:
    xml = rss([feed_item(RAIN, "http://a.example/1"), feed_item(LIBRARY, "http://a.example/2")])
    broken = xml.replace("</item><item>", "</item><item><title>بلا إغلاق", 1)
    with pytest.raises(FeedError, match="ليس XML سليماً"):
        parse_feed(broken.encode())


def test_it_refuses_an_entity_bomb_before_any_parser_expands_it() -> None:
    with pytest.raises(FeedError, match="كيانات"):
        parse_feed(BILLION_LAUGHS)


def test_it_refuses_external_entities() -> None:
    with pytest.raises(FeedError, match="كيانات"):
        parse_feed(EXTERNAL_ENTITY)


def test_it_refuses_a_document_that_is_not_a_feed() -> None:
    with pytest.raises(FeedError, match="ليس موجز"):
        parse_feed("<html><body><p>صفحة</p></body></html>".encode())
