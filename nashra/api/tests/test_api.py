"""The headless API at /api/v2/: live articles and sections, read-only, with filters."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage, Author, SectionPage
from nashra.newsroom.tests.test_structured_data import photo

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")
ARTICLES = "/api/v2/articles/"


def get(client: Client, url: str, **params: Any) -> dict[str, Any]:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    data: dict[str, Any] = response.json()
    return data


def titles(data: dict[str, Any]) -> list[str]:
    return [item["title"] for item in data["items"]]


def refused(client: Client, url: str, **params: Any) -> str:
    """The message of a 400 answer."""
    response = client.get(url, params)
    assert response.status_code == 400, response.status_code
    assert response["Content-Type"].startswith("application/json")
    message: str = response.json()["message"]
    return message


@pytest.fixture
def newsroom() -> dict[str, Any]:
    """Two sections, three live stories a day apart, a draft, and the site's root URL."""
    politics = factories.section("سياسة", slug="politics")
    economy = factories.section("اقتصاد", slug="economy")
    oldest = factories.article(
        politics, "أقدم خبر", slug="oldest",
        published_at=datetime(2025, 1, 3, 10, 0, tzinfo=UTC), tags=["انتخابات"],
    )
    middle = factories.article(
        economy, "خبر الوسط", slug="middle",
        published_at=datetime(2025, 1, 4, 10, 0, tzinfo=UTC), tags=["نفط", "أسعار الوقود"],
    )
    newest = factories.article(
        politics, "أحدث خبر", slug="newest",
        published_at=datetime(2025, 1, 5, 20, 51, tzinfo=UTC),
        updated_at=datetime(2025, 1, 5, 22, 0, tzinfo=UTC),
        kicker="خاص", standfirst="موجز الخبر.", dateline="دمشق", wire_credit="رويترز",
        breaking=True, sources=[("منصة مزيج", ""), ("صحيفة المرصد", "https://example.com/a")],
        tags=["انتخابات"],
    )
    newest.authors.add(Author.objects.create(name="سلمى خالد"))
    newest.save_revision().publish()
    draft = factories.article(politics, "مسودة لم تنشر", slug="draft", live=False)
    return {"politics": politics, "economy": economy, "oldest": oldest, "middle": middle,
            "newest": newest, "draft": draft, "root": str(politics.get_site().root_url)}


def test_the_list_shows_only_live_articles_newest_first(client: Client, newsroom) -> None:
    data = get(client, ARTICLES)

    assert data["meta"]["total_count"] == 3
    assert titles(data) == ["أحدث خبر", "خبر الوسط", "أقدم خبر"]


def test_a_listed_article_carries_every_field_but_the_body(client: Client, newsroom) -> None:
    root = newsroom["root"]
    newest = newsroom["newest"]
    [item] = [item for item in get(client, ARTICLES)["items"] if item["id"] == newest.pk]

    assert item["meta"] == {
        "type": "newsroom.ArticlePage",
        "detail_url": f"{root}/api/v2/articles/{newest.pk}/",
    }
    assert item["title"] == "أحدث خبر"
    assert item["kicker"] == "خاص"
    assert item["standfirst"] == "موجز الخبر."
    assert item["dateline"] == "دمشق"
    assert item["first_published_at"] == "2025-01-05T23:51:00+03:00"
    assert item["updated_at"] == "2025-01-06T01:00:00+03:00"
    assert item["section"] == {"id": newsroom["politics"].pk, "title": "سياسة",
                               "slug": "politics"}
    assert [author["name"] for author in item["authors"]] == ["سلمى خالد"]
    assert item["tags"] == [{"name": "انتخابات", "slug": "انتخابات"}]
    assert item["sources"] == [
        {"name": "منصة مزيج", "url": None},
        {"name": "صحيفة المرصد", "url": "https://example.com/a"},
    ]
    assert item["wire_credit"] == "رويترز"
    assert item["breaking"] is True
    assert item["url"] == f"{root}/politics/newest/"
    assert item["lead_image"] is None
    assert "body" not in item


def test_the_detail_adds_the_rendered_body(client: Client, newsroom) -> None:
    data = get(client, f"{ARTICLES}{newsroom['newest'].pk}/")

    assert data["title"] == "أحدث خبر"
    assert data["body"].startswith("<p>نص الخبر في فقرته الأولى.</p>")


def test_a_draft_or_a_section_is_not_an_article(client: Client, newsroom) -> None:
    for page in (newsroom["draft"], newsroom["politics"]):
        response = client.get(f"{ARTICLES}{page.pk}/")
        assert response.status_code == 404
        assert "message" in response.json()


def test_the_lead_image_is_an_absolute_rendition(client: Client, newsroom) -> None:
    root = newsroom["root"]
    article = factories.article(newsroom["economy"], "خبر مصور", lead_image=photo(),
                                lead_image_caption="من الموقع")

    image = get(client, f"{ARTICLES}{article.pk}/")["lead_image"]
    assert image["url"].startswith(f"{root}/media/renditions/") and image["url"].endswith(".jpg")
    assert (image["width"], image["height"], image["caption"]) == (1200, 630, "من الموقع")
    wide = image["renditions"]["wide"]["avif"]
    assert [item["width"] for item in wide] == [480, 800, 1200, 1600]
    assert all(item["url"].startswith(f"{root}/media/renditions/") for item in wide)


def test_filtering_by_section_takes_a_slug_or_an_id(client: Client, newsroom) -> None:
    by_slug = get(client, ARTICLES, section="politics")
    by_id = get(client, ARTICLES, section=str(newsroom["economy"].pk))

    assert titles(by_slug) == ["أحدث خبر", "أقدم خبر"]
    assert titles(by_id) == ["خبر الوسط"]


def test_an_unknown_section_is_a_bad_request(client: Client, newsroom) -> None:
    assert "does not exist" in refused(client, ARTICLES, section="sport")
    assert "does not exist" in refused(client, ARTICLES, section="9" * 30)


def test_filtering_by_tag_takes_a_name_or_a_slug(client: Client, newsroom) -> None:
    assert titles(get(client, ARTICLES, tag="انتخابات")) == ["أحدث خبر", "أقدم خبر"]
    assert titles(get(client, ARTICLES, tag="أسعار-الوقود")) == ["خبر الوسط"]
    assert titles(get(client, ARTICLES, tag="أسعار الوقود")) == ["خبر الوسط"]
    assert get(client, ARTICLES, tag="رياضة")["items"] == []


def test_filtering_by_publication_dates(client: Client, newsroom) -> None:
    # A bare date is midnight in the site's zone (Amman, UTC+3); `after` includes it.
    assert titles(get(client, ARTICLES, published_after="2025-01-04")) == [
        "أحدث خبر", "خبر الوسط",
    ]
    assert titles(get(client, ARTICLES, published_before="2025-01-04")) == ["أقدم خبر"]
    assert titles(get(client, ARTICLES, published_after="2025-01-04",
                      published_before="2025-01-05")) == ["خبر الوسط"]
    # A time without an offset is Amman's too: 20:51 UTC is 23:51 there.
    assert titles(get(client, ARTICLES, published_after="2025-01-05T23:51")) == ["أحدث خبر"]
    assert get(client, ARTICLES, published_after="2025-01-05T23:52")["items"] == []
    assert titles(get(client, ARTICLES, published_after="2025-01-05T20:51:00+00:00")) == [
        "أحدث خبر",
    ]


@pytest.mark.parametrize(
    "value",
    ["yesterday", "2025-02-30", "2025-01-05T25:00", "", "2025-01-05T10:00:00 03:00",
     "9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+05:00"],
)
def test_a_malformed_date_is_a_bad_request(client: Client, newsroom, value: str) -> None:
    assert "ISO 8601" in refused(client, ARTICLES, published_after=value)
    assert "ISO 8601" in refused(client, ARTICLES, published_before=value)


def test_unknown_or_unsafe_parameters_are_refused(client: Client, newsroom) -> None:
    assert "unknown query parameter: sectoin" in refused(client, ARTICLES, sectoin="politics")
    assert "unknown" in refused(client, ARTICLES, type="newsroom.SectionPage")
    assert "unknown" in refused(client, f"{ARTICLES}{newsroom['newest'].pk}/", tag="x")
    assert "null" in refused(client, ARTICLES, tag="a\x00b")
    assert "cannot be empty" in refused(client, ARTICLES, tag="")
    assert "cannot be empty" in refused(client, ARTICLES, section="")
    assert "unknown fields: body" in refused(client, ARTICLES, fields="body")


def test_pages_of_results_with_limit_and_offset(client: Client, newsroom) -> None:
    first = get(client, ARTICLES, limit="2")
    second = get(client, ARTICLES, limit="2", offset="2")

    assert first["meta"]["total_count"] == second["meta"]["total_count"] == 3
    assert titles(first) == ["أحدث خبر", "خبر الوسط"]
    assert titles(second) == ["أقدم خبر"]


def test_paging_beyond_the_limits_is_a_bad_request(client: Client, newsroom) -> None:
    assert "limit cannot be higher than 100" in refused(client, ARTICLES, limit="101")
    assert "offset" in refused(client, ARTICLES, offset="9" * 30)
    assert "offset" in refused(client, ARTICLES, offset="-1")
    assert "limit" in refused(client, ARTICLES, limit="ten")


def test_order_can_put_the_oldest_first(client: Client, newsroom) -> None:
    assert titles(get(client, ARTICLES, order="first_published_at")) == [
        "أقدم خبر", "خبر الوسط", "أحدث خبر",
    ]
    assert "order must be one of" in refused(client, ARTICLES, order="title")


def test_sections_are_listed_live_in_navigation_order(client: Client, newsroom) -> None:
    root = newsroom["root"]
    hidden = factories.section("رياضة", slug="sport")
    SectionPage.objects.get(pk=hidden.pk).unpublish()

    data = get(client, "/api/v2/sections/")
    assert [(item["title"], item["slug"]) for item in data["items"]] == [
        ("سياسة", "politics"), ("اقتصاد", "economy"),
    ]
    politics = data["items"][0]
    assert politics["url"] == f"{root}/politics/"
    assert politics["articles"] == f"{root}/api/v2/articles/?section=politics"
    assert titles(get(client, politics["articles"].removeprefix(root))) == [
        "أحدث خبر", "أقدم خبر",
    ]


def test_the_api_does_not_write(client: Client, newsroom) -> None:
    detail = f"{ARTICLES}{newsroom['newest'].pk}/"
    for method, url in [("post", ARTICLES), ("put", detail), ("patch", detail),
                        ("delete", detail)]:
        response = getattr(client, method)(url, {"title": "x"}, content_type="application/json")
        assert response.status_code == 405, (method, response.status_code)
    assert ArticlePage.objects.get(pk=newsroom["newest"].pk).title == "أحدث خبر"


def test_the_api_ignores_the_readers_session(client: Client, newsroom) -> None:
    client.cookies["sessionid"] = "something"

    response = client.get(ARTICLES)
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_a_longer_list_costs_no_more_queries(
    client: Client, newsroom, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(30) as short_list:
        get(client, ARTICLES)
    for number in range(6):
        factories.article(newsroom["economy"], f"خبر إضافي {number}",
                          published_at=datetime(2025, 1, 1, tzinfo=UTC) - timedelta(days=number),
                          tags=["نفط"])

    with django_assert_max_num_queries(len(short_list.captured_queries)):
        assert get(client, ARTICLES)["meta"]["total_count"] == 9
