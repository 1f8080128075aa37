"""A reader posts a comment: each defence, each answer, and that nothing is lost."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from captcha.models import CaptchaStore
from django.db import connection
from django.db.utils import OperationalError
from django.utils import timezone
from redis import Redis

from nashra.comments.factories import comment_policy
from nashra.comments.models import Ban, BannedPhrase, Comment
from nashra.conftest import redis_cache

pytestmark = pytest.mark.django_db


def test_a_comment_is_stored_and_awaits_moderation(reader, story, policy) -> None:
    response = reader.post(story, name="سلمى", email="salma@example.com", body="سطر أول\nسطر ثانٍ")

    assert response.status_code == 201
    assert response.json()["ok"] is True
    assert "بعد مراجعته" in response.json()["message"]
    comment = Comment.objects.get()
    assert (comment.author_name, comment.email, comment.status) == (
        "سلمى",
        "salma@example.com",
        "pending",
    )
    assert comment.body == "سطر أول\nسطر ثانٍ"
    assert comment.address == "198.51.100.7"
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )


def test_under_post_moderation_it_is_published_at_once(reader, story, policy, client) -> None:
    comment_policy(moderation="post")

    response = reader.post(story, body="تعليق ينشر فوراً")

    assert response.status_code == 201 and "نُشر" in response.json()["message"]
    story.refresh_from_db()
    assert story.comment_count == 1
    page = BeautifulSoup(client.get(story.url).content, "html.parser")
    assert page.select_one("li.comment .comment-body").get_text() == "تعليق ينشر فوراً"


@pytest.mark.parametrize(
    ("fields", "field", "says"),
    [
        ({"name": ""}, "name", "اكتب اسمك"),
        ({"name": "س"}, "name", "حرفان"),
        ({"name": "س" * 61}, "name", "ستون"),
        ({"body": ""}, "body", "اكتب تعليقك"),
        ({"body": "لا"}, "body", "ثلاثة"),
        ({"body": "ك" * 2001}, "body", "طويل"),
        ({"email": "ليس-بريداً"}, "email", "غير صحيح"),
        ({"captcha_1": ""}, "captcha", "رمز التحقق"),
        ({"body": "انظر https://a.example و https://b.example و www.c.example"}, "body", "روابط"),
    ],
)
def test_bad_fields_get_an_arabic_error_beside_them(reader, story, policy, fields, field, says):
    response = reader.post(story, **fields)

    assert response.status_code == 400
    assert says in " ".join(response.json()["errors"][field])
    assert not Comment.objects.exists()


def test_the_body_limit_is_a_site_setting(reader, story, policy) -> None:
    comment_policy(max_body_length=10)

    assert reader.post(story, body="تعليق أطول من عشرة أحرف").status_code == 400
    assert reader.post(story, body="قصير جداً").status_code == 201


def test_the_honeypot_refuses_with_a_message(reader, story, policy) -> None:
    response = reader.post(story, website="http://spam.example")

    assert response.status_code == 400 and "برنامج آلي" in response.json()["message"]
    assert not Comment.objects.exists()


def test_a_form_sent_faster_than_a_human_writes_is_refused(reader, story, policy) -> None:
    comment_policy(min_fill_seconds=60)

    response = reader.post(story)

    assert response.status_code == 400 and "إنسان" in response.json()["message"]
    assert not Comment.objects.exists()


def test_a_post_without_the_forms_token_is_refused(reader, story, policy) -> None:
    response = reader.post(story, token="forged")

    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_second_comment_within_the_window_is_rate_limited(reader, story, policy) -> None:
    assert reader.post(story, body="التعليق الأول").status_code == 201

    response = reader.post(story, body="التعليق الثاني")

    assert response.status_code == 429 and "انتظر" in response.json()["message"]
    assert Comment.objects.count() == 1


def test_the_rate_limit_follows_the_email_across_addresses(reader, story, policy) -> None:
    assert reader.post(story, email="same@example.com", body="من عنوان أول").status_code == 201
    reader.address = "203.0.113.99"

    assert reader.post(story, email="same@example.com", body="من عنوان ثانٍ").status_code == 429


def test_another_reader_is_not_held_by_someone_elses_limit(reader, story, policy) -> None:
    assert reader.post(story, body="قارئ أول").status_code == 201
    reader.address = "203.0.113.99"

    assert reader.post(story, body="قارئ ثانٍ").status_code == 201


def test_the_same_comment_twice_is_refused_even_respelled(reader, story, policy, settings):
    settings.COMMENT_RATE_LIMITS = []
    assert reader.post(story, body="الحكومة أعلنت القرار").status_code == 201

    response = reader.post(story, body="الحكومه اعلنت   القرار")

    assert response.status_code == 409 and "من قبل" in response.json()["message"]
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("written", ["يا غَبِيّ", "يا غـبـي", "يا غبييي", "يا غبى"])
def test_a_banned_word_in_disguise_is_refused(reader, story, policy, written) -> None:
    BannedPhrase.objects.create(phrase="غبي")

    response = reader.post(story, body=f"تعليق: {written}")

    assert response.status_code == 400 and "لا نسمح" in " ".join(response.json()["errors"]["body"])
    assert not Comment.objects.exists()


def test_comments_close_with_the_articles_flag(reader, story, policy) -> None:
    story.comments_open = False
    story.save_revision().publish()

    response = reader.post(story)

    assert response.status_code == 403 and "مغلقة" in response.json()["message"]
    assert reader.state(story)["open"] is False


def test_comments_close_some_days_after_publication(reader, story, policy) -> None:
    comment_policy(close_after_days=2)
    story.first_published_at = timezone.now() - timedelta(days=3)
    story.save()

    assert reader.post(story).status_code == 403


@pytest.mark.parametrize(
    ("kind", "value"), [("email", "BANNED@example.com"), ("address", "198.51.100.7")]
)
def test_a_banned_sender_is_refused(reader, story, policy, kind, value) -> None:
    Ban.objects.create(kind=kind, value=value)

    response = reader.post(story, email="banned@example.com")

    assert response.status_code == 403 and "لا نستطيع" in response.json()["message"]


def test_a_captcha_key_takes_one_guess_only(reader, story, policy, settings) -> None:
    settings.COMMENT_RATE_LIMITS = []
    state = reader.state(story)
    key = state["captcha"]["key"]
    wrong = {"token": state["token"], "captcha_0": key, "captcha_1": "wrong"}
    assert (
        reader.client.post(
            f"/comments/{story.pk}/post/",
            {"name": "سلمى", "body": "نص التعليق", **wrong},
            REMOTE_ADDR=reader.address,
        ).status_code
        == 400
    )

    assert not CaptchaStore.objects.filter(hashkey=key).exists()


def test_too_many_wrong_captchas_from_one_address_must_wait(reader, story, policy, settings):
    settings.COMMENT_CAPTCHA_FAILURES_PER_HOUR = 3
    for _ in range(3):
        assert reader.post(story, captcha_1="").status_code == 400

    response = reader.post(story)

    assert response.status_code == 429 and "رمز التحقق" in response.json()["message"]


def test_a_post_from_another_sites_page_is_refused(client, story, policy) -> None:
    response = client.post(
        f"/comments/{story.pk}/post/",
        {"name": "سلمى", "body": "نص"},
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_reply_to_a_reply_joins_the_first_comments_thread(reader, story, policy, settings):
    settings.COMMENT_RATE_LIMITS = []
    comment_policy(moderation="post")
    reader.post(story, body="التعليق الأول")
    first = Comment.objects.get()
    reader.post(story, body="رد على الأول", parent=str(first.pk))
    reply = Comment.objects.get(body="رد على الأول")

    reader.post(story, body="رد على الرد", parent=str(reply.pk))

    assert reply.parent == first
    assert Comment.objects.get(body="رد على الرد").parent == first


def test_with_the_database_down_the_reader_keeps_the_text(reader, story, policy) -> None:
    state = reader.state(story)

    def refuse_writes(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT") and "comments_comment" in sql:
            raise OperationalError("the database went away")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_writes):
        response = reader.client.post(
            f"/comments/{story.pk}/post/",
            {
                "name": "سلمى",
                "body": "نص طويل كتبته بعناية",
                "token": state["token"],
                "captcha_0": state["captcha"]["key"],
                "captcha_1": "PASSED",
            },
            REMOTE_ADDR=reader.address,
        )

    assert response.status_code == 503
    page = BeautifulSoup(response.content, "html.parser")
    assert "عطل مؤقت" in page.select_one(".comment-form-message").get_text()
    assert page.select_one("textarea[name=body]").get_text() == "نص طويل كتبته بعناية"
    assert not Comment.objects.exists()


def test_without_javascript_the_post_redirects_back_to_the_comments(reader, story, policy):
    response = reader.post(story, as_json=False)

    assert response.status_code == 303
    assert response["Location"] == f"{story.url}?comment=pending#comments"


def test_without_javascript_the_first_post_gets_the_full_form_with_the_text_kept(
    client, story, policy
) -> None:
    # The cached article page cannot carry a token or captcha: the first plain POST
    # comes without them and is answered with the whole form, text kept.
    response = client.post(
        f"/comments/{story.pk}/post/", {"name": "سلمى", "body": "ما كتبته قبل الإرسال"}
    )

    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    page = BeautifulSoup(response.content, "html.parser")
    form = page.select_one("form.comment-form")
    assert form.select_one("textarea[name=body]").get_text() == "ما كتبته قبل الإرسال"
    assert form.select_one("input[name=name]")["value"] == "سلمى"
    assert form.select_one("input[name=token]")["value"]
    key = form.select_one("input[name=captcha_0]")["value"]
    assert CaptchaStore.objects.filter(hashkey=key).exists()
    assert form.select_one("img.captcha-image")["src"].endswith(f"/captcha/image/{key}/")


def test_the_article_page_carries_no_token_and_stays_cacheable(client, story, policy) -> None:
    response = client.get(story.url)

    assert "csrftoken" not in response.cookies
    assert "Cookie" not in response.get("Vary", "")
    page = BeautifulSoup(response.content, "html.parser")
    form = page.select_one("form.comment-form")
    assert form["data-form-url"] == f"/comments/{story.pk}/form/"
    assert form.select_one("input[name=token]")["value"] == ""
    assert not form.select_one("input[name=captcha_0]")["value"]


def test_the_form_state_is_never_cached(client, story, policy) -> None:
    response = client.get(f"/comments/{story.pk}/form/")

    assert "no-store" in response["Cache-Control"]
    state = response.json()
    assert state["open"] is True and state["token"]
    assert re.fullmatch(r"/captcha/image/\w+/", state["captcha"]["image_url"])


def test_unknown_or_unpublished_articles_take_no_comments(client, story, policy) -> None:
    story.unpublish()

    assert client.get(f"/comments/{story.pk}/form/").status_code == 404
    assert client.post(f"/comments/{story.pk}/post/", {}).status_code == 404
    assert client.post("/comments/999999/post/", {}).status_code == 404


def test_with_redis_the_limits_are_counted_in_redis(reader, story, policy, settings) -> None:
    settings.CACHES = {"default": redis_cache()}
    assert reader.post(story, body="أول تعليق عبر ريدِس").status_code == 201

    # What every app process sees: the counters are in Redis, not in this process.
    redis = Redis.from_url("redis://127.0.0.1:6379/0")
    assert redis.keys(f"{settings.CACHES['default']['KEY_PREFIX']}:*:limit:post:*")
    assert reader.post(story, body="ثانٍ فوراً").status_code == 429
