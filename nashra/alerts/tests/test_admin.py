"""The one-click alert: a button on a live story, a confirmation, then the alert is queued
and the WhatsApp text is ready to copy; the log is read-only."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission

from nashra.alerts.models import Alert, Channel, PushSubscription, Status
from nashra.alerts.tests.conftest import CHAT, TOKEN
from nashra.alerts.wagtail_hooks import send_alert_button

pytestmark = pytest.mark.django_db


@pytest.fixture
def telegram(settings):
    settings.NASHRA_TELEGRAM_BOT_TOKEN = TOKEN
    settings.NASHRA_TELEGRAM_CHAT_ID = CHAT


def readers(count, **fields):
    return [
        PushSubscription.objects.create(
            endpoint=f"https://fcm.googleapis.com/fcm/send/reader-{n}",
            p256dh="B" + "A" * 86, auth="A" * 22, **fields,
        )
        for n in range(count)
    ]


def test_an_editor_sends_an_alert_from_the_story_in_two_clicks(
    client, editor, story, telegram
):
    readers(3)
    client.force_login(editor)
    revisions = story.revisions.count()

    edit = BeautifulSoup(client.get(f"/admin/pages/{story.pk}/edit/").content, "html.parser")
    [button] = [a for a in edit.select("a[href]") if a.get_text(strip=True) == "إرسال تنبيه عاجل"]
    assert button["href"] == f"/admin/alerts/send/{story.pk}/"

    confirm = BeautifulSoup(client.get(button["href"]).content, "html.parser")
    assert "3" in confirm.select_one(".alerts-send p").get_text()
    line = confirm.select_one("textarea[name=line]").get_text()
    assert line == "القرار يسري لمدة أسبوعين ابتداءً من منتصف الليل."

    answer = client.post(button["href"], {"line": "يشمل القرار إغلاق المدارس يومين."})
    alert = Alert.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/admin/alerts/sent/{alert.pk}/"

    story.refresh_from_db()
    assert story.breaking is True
    assert story.revisions.count() == revisions  # no new version of the story
    assert alert.created_by == editor and alert.line == "يشمل القرار إغلاق المدارس يومين."
    assert sorted(alert.deliveries.values_list("channel", flat=True)) == [
        Channel.PUSH, Channel.PUSH, Channel.PUSH, Channel.TELEGRAM
    ]
    assert set(alert.deliveries.values_list("status", flat=True)) == {Status.PENDING}

    sent = BeautifulSoup(client.get(answer["Location"]).content, "html.parser")
    text = sent.select_one("textarea.alerts-whatsapp-text").get_text().splitlines()
    assert text == [
        "عاجل | مجلس الوزراء يعلن حالة الطوارئ في المحافظات الشمالية",
        "يشمل القرار إغلاق المدارس يومين.",
        "http://127.0.0.1:8000/politics/emergency/",
    ]
    assert "في الانتظار" in sent.select_one("table.alerts-deliveries").get_text()


def test_a_second_click_soon_after_asks_before_sending_again(client, editor, story):
    client.force_login(editor)
    url = f"/admin/alerts/send/{story.pk}/"
    client.post(url, {"line": ""})
    again = client.post(url, {"line": ""})
    assert again.status_code == 200
    assert "أكّد أنك تريد إرساله مرة أخرى" in again.content.decode()
    assert Alert.objects.count() == 1
    client.post(url, {"line": "", "again": "1"})
    assert Alert.objects.count() == 2


def test_without_the_permission_there_is_no_button_and_no_alert(
    client, django_user_model, story
):
    user = django_user_model.objects.create_user("writer", password="writer-pass-1")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
    )
    client.force_login(user)
    # Wagtail answers a refusal by sending the user back to the dashboard.
    for answer in (client.get(f"/admin/alerts/send/{story.pk}/"),
                   client.post(f"/admin/alerts/send/{story.pk}/")):
        assert (answer.status_code, answer.get("Location")) in ((403, None), (302, "/admin/"))
    assert not Alert.objects.exists()
    assert list(send_alert_button(story, user, "edit")) == []


def test_readers_of_another_section_are_not_queued(client, editor, story):
    from nashra.newsroom import factories

    sport = factories.section("رياضة", slug="sport")
    everything = PushSubscription.objects.create(
        endpoint="https://fcm.googleapis.com/fcm/send/all", p256dh="B", auth="A"
    )
    fan = PushSubscription.objects.create(
        endpoint="https://fcm.googleapis.com/fcm/send/fan", p256dh="B", auth="A",
        all_sections=False,
    )
    fan.sections.set([sport])
    client.force_login(editor)
    client.post(f"/admin/alerts/send/{story.pk}/", {"line": ""})
    assert list(Alert.objects.get().deliveries.values_list("subscription", flat=True)) == [
        everything.pk
    ]


def test_the_log_can_be_read_and_not_changed(client, editor, story):
    client.force_login(editor)
    client.post(f"/admin/alerts/send/{story.pk}/", {"line": ""})
    alert = Alert.objects.get()
    listing = client.get("/admin/snippets/alerts/alert/")
    assert listing.status_code == 200 and alert.headline in listing.content.decode()
    assert client.get("/admin/snippets/alerts/delivery/").status_code == 200
    assert client.get(f"/admin/snippets/alerts/alert/edit/{alert.pk}/").status_code in (302, 403)
    assert client.get("/admin/snippets/alerts/alert/add/").status_code in (302, 403)
