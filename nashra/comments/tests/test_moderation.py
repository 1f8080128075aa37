"""Moderators clear the queue in the admin; every action is logged."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nashra.comments.factories import comment
from nashra.comments.models import Ban, Comment, ModerationAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(client: Client, moderator) -> Client:
    client.force_login(moderator)
    return client


def queue_page(client: Client, query: str = "") -> BeautifulSoup:
    response = client.get(f"/admin/moderation/{query}")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_queue_counts_each_state(moderator_client, story) -> None:
    comment(story, "بانتظار ١", status="pending")
    comment(story, "بانتظار ٢", status="pending")
    comment(story, "منشور", status="approved", report_count=2)
    comment(story, "مرفوض", status="rejected")
    comment(story, "مزعج", status="spam")

    page = queue_page(moderator_client)

    counts = {
        tab["data-queue"]: tab.select_one(".queue-count").get_text()
        for tab in page.select(".queue-tab")
    }
    assert counts == {
        "pending": "2",
        "approved": "1",
        "rejected": "1",
        "spam": "1",
        "reported": "1",
    }
    assert len(page.select(".moderation-row")) == 2


def test_bulk_approve_publishes_and_logs_who_did_it(moderator_client, moderator, story) -> None:
    first = comment(story, "الأول", status="pending")
    second = comment(story, "الثاني", status="pending")

    response = moderator_client.post(
        "/admin/moderation/", {"action": "approve", "comment": [first.pk, second.pk]}
    )

    assert response.status_code == 302
    assert set(Comment.objects.values_list("status", flat=True)) == {"approved"}
    story.refresh_from_db()
    assert story.comment_count == 2
    log = ModerationAction.objects.filter(moderator=moderator, action="approve")
    assert sorted(log.values_list("comment_id", flat=True)) == sorted([first.pk, second.pk])


@pytest.mark.parametrize(("action", "status"), [("reject", "rejected"), ("spam", "spam")])
def test_rejecting_or_marking_spam_takes_a_comment_down(
    moderator_client, story, client, action, status
) -> None:
    shown = comment(story, "كان منشوراً", status="approved")

    moderator_client.post("/admin/moderation/", {"action": action, "comment": [shown.pk]})

    shown.refresh_from_db()
    story.refresh_from_db()
    assert shown.status == status and story.comment_count == 0
    page = BeautifulSoup(Client().get(story.url).content, "html.parser")
    assert page.select("li.comment") == []


def test_banning_from_the_queue_bans_the_sender_and_marks_spam(moderator_client, story) -> None:
    pest = comment(story, "إعلان", status="pending", email="Pest@Example.com", address="192.0.2.5")

    moderator_client.post("/admin/moderation/", {"action": "ban_address", "comment": [pest.pk]})
    moderator_client.post("/admin/moderation/", {"action": "ban_email", "comment": [pest.pk]})

    assert Ban.applies_to("pest@example.com", None) and Ban.applies_to("", "192.0.2.5")
    pest.refresh_from_db()
    assert pest.status == "spam"


def test_an_edit_keeps_the_readers_original(moderator_client, moderator, story) -> None:
    shown = comment(story, "نص فيه كلمة نابية", status="approved")

    moderator_client.post(
        f"/admin/moderation/{shown.pk}/", {"author_name": "قارئ", "body": "نص بعد التهذيب"}
    )
    moderator_client.post(
        f"/admin/moderation/{shown.pk}/", {"author_name": "قارئ", "body": "تهذيب ثانٍ"}
    )

    shown.refresh_from_db()
    assert shown.body == "تهذيب ثانٍ"
    assert shown.original_body == "نص فيه كلمة نابية"
    assert ModerationAction.objects.filter(comment=shown, action="edit").count() == 2
    page = BeautifulSoup(
        moderator_client.get(f"/admin/moderation/{shown.pk}/").content, "html.parser"
    )
    assert page.select_one(".comment-original").get_text() == "نص فيه كلمة نابية"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("author=سلم", {"سلمى"}), ("email=@news", {"رامي"}), ("address=203.0.113", {"رامي"})],
)
def test_the_queue_filters_by_author_email_and_address(moderator_client, story, query, expected):
    comment(story, "أ", status="pending", author_name="سلمى", email="s@mail.example")
    comment(
        story,
        "ب",
        status="pending",
        author_name="رامي",
        email="r@news.example",
        address="203.0.113.4",
    )

    page = queue_page(moderator_client, f"?{query}")

    assert {
        row.select_one("td:nth-of-type(3) span").get_text()
        for row in page.select(".moderation-row")
    } == expected


def test_the_queue_filters_by_article(moderator_client, story) -> None:
    from nashra.newsroom import factories

    other = factories.article(story.get_parent(), "خبر آخر", slug="other")
    comment(story, "على الأول", status="pending")
    comment(other, "على الآخر", status="pending")

    page = queue_page(moderator_client, f"?article={other.pk}")

    assert [
        row.select_one(".moderation-body").get_text() for row in page.select(".moderation-row")
    ] == ["على الآخر"]


def test_the_admin_shows_hostile_text_as_text(moderator_client, story) -> None:
    comment(story, "<script>alert(1)</script><img src=x onerror=alert(2)>", status="pending")

    response = moderator_client.get("/admin/moderation/")

    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_an_editor_without_the_permission_cannot_moderate(client, editor, story) -> None:
    pending = comment(story, "بانتظار", status="pending")
    client.force_login(editor)

    assert client.get("/admin/moderation/").status_code in (302, 403)
    client.post("/admin/moderation/", {"action": "approve", "comment": [pending.pk]})

    pending.refresh_from_db()
    assert pending.status == "pending"


def test_a_reader_reports_a_comment_once(client, story) -> None:
    shown = comment(story, "تعليق مسيء", status="approved")

    for _ in range(3):
        response = client.post(f"/comments/report/{shown.pk}/", HTTP_ACCEPT="application/json")
        assert response.status_code == 200
    client.post(
        f"/comments/report/{shown.pk}/", HTTP_ACCEPT="application/json", REMOTE_ADDR="192.0.2.9"
    )

    shown.refresh_from_db()
    assert shown.report_count == 2
    assert Comment.objects.reported().get() == shown


def test_approving_again_clears_the_reports(moderator_client, story) -> None:
    shown = comment(story, "مُبلَّغ عنه", status="approved", report_count=3)

    moderator_client.post("/admin/moderation/", {"action": "approve", "comment": [shown.pk]})

    assert not Comment.objects.reported().exists()
