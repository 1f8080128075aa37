"""The live desk: editors add, change and remove entries of a published story at once,
without revisions, without overwriting each other, and never after the coverage ends."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import Revision

from nashra.live.models import CoverageClosed, Kind, LiveEntry, end_coverage, start_coverage
from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client: Client, editor: Any, covered: ArticlePage) -> str:
    client.force_login(editor)
    return reverse("live_desk", args=[covered.pk])


def errors_of(response: Any) -> str:
    page = BeautifulSoup(response.content, "html.parser")
    return " ".join(
        found.get_text(" ", strip=True)
        for found in page.select(".help-critical, .error-message, [role=alert]")
    )


def test_an_editor_adds_an_entry_without_a_revision_of_the_story(
    client: Client, desk: str, covered: ArticlePage, editor: Any
) -> None:
    revisions = Revision.objects.count()
    answer = client.post(desk, {"action": "add", "kind": "text", "text": "وصول فرق الإنقاذ."})
    assert answer.status_code == 302 and answer["Location"] == desk
    entry = LiveEntry.objects.get(article=covered)
    assert (entry.text, entry.created_by, entry.version) == ("وصول فرق الإنقاذ.", editor, 1)
    assert Revision.objects.count() == revisions
    # The story itself is untouched: still published, its latest revision the same.
    story = ArticlePage.objects.get(pk=covered.pk)
    assert story.live and story.latest_revision_id == covered.latest_revision_id


def test_the_desk_shows_the_story_s_entries_newest_first(
    client: Client, desk: str, covered: ArticlePage, editor: Any
) -> None:
    for text in ("الأول", "الثاني", "الثالث"):
        LiveEntry.add(covered, editor, text=text)
    page = BeautifulSoup(client.get(desk).content, "html.parser")
    shown = [item.p.get_text(strip=True) for item in page.select(".live-desk-entry")]
    assert shown == ["الثالث", "الثاني", "الأول"]
    assert page.select_one("form.live-entry-form textarea[name=text]") is not None


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": "image", "text": "صورة بلا صورة"}, "picture", "اختر صورة"),
        ({"kind": "link", "text": "رابط"}, "link_url", "اكتب الرابط"),
        ({"kind": "link", "link_url": "javascript:alert(1)", "text": "x"}, "link_url", ""),
        ({"kind": "quote", "text": "قال شيئاً"}, "quote_by", "اذكر قائل"),
        ({"kind": "text", "text": "   "}, "text", ""),
        ({"kind": "text", "text": "ن" * 3001}, "text", ""),
        ({"kind": "text", "text": "نص\x00فيه محرف فارغ"}, "text", ""),
        ({"kind": "poem", "text": "نوع غير معروف"}, "kind", ""),
    ],
)
def test_a_refused_entry_comes_back_with_its_text_and_an_arabic_reason(
    client: Client, desk: str, covered: ArticlePage, fields: dict[str, str], field: str,
    message: str,
) -> None:
    answer = client.post(desk, {"action": "add", **fields})
    assert answer.status_code == 400
    assert not LiveEntry.objects.exists()
    form = answer.context["form"]
    assert field in form.errors, form.errors
    said = " ".join(str(error) for error in form.errors[field])
    assert message in said and any("\u0600" <= ch <= "\u06ff" for ch in said), said
    # What the editor wrote is in the form again, to correct rather than retype.
    page = BeautifulSoup(answer.content, "html.parser")
    kept = page.select_one("textarea[name=text]")
    assert kept is not None
    if fields.get("text") and "\x00" not in fields["text"]:
        assert kept.get_text().strip() == fields["text"].strip()


def test_a_change_made_from_an_older_version_is_refused_and_keeps_the_editor_s_text(
    client: Client, covered: ArticlePage, editor: Any, django_user_model: Any
) -> None:
    entry = LiveEntry.add(covered, editor, text="حصيلة أولية: ثلاثة مصابين.")
    other = django_user_model.objects.create_superuser("other", "", "other-pass-1")
    address = reverse("live_entry_edit", args=[entry.pk])

    # Both editors open the entry; the other saves first.
    client.force_login(editor)
    opened = BeautifulSoup(client.get(address).content, "html.parser")
    version = opened.select_one("input[name=version]")["value"]
    second = Client()
    second.force_login(other)
    assert second.post(address, {"kind": "text", "text": "حصيلة محدثة: خمسة مصابين.",
                                 "version": version}).status_code == 302

    answer = client.post(address, {"kind": "text", "text": "حصيلة: أربعة مصابين.",
                                   "version": version})
    assert answer.status_code == 400
    entry.refresh_from_db()
    assert (entry.text, entry.version, entry.changed_by) == (
        "حصيلة محدثة: خمسة مصابين.", 2, other
    )
    page = BeautifulSoup(answer.content, "html.parser")
    assert "محرر آخر" in errors_of(answer)
    assert page.select_one("textarea[name=text]").get_text().strip() == "حصيلة: أربعة مصابين."
    assert "خمسة مصابين" in page.select_one(".live-entry-current").get_text()
    # Saving again is a change from what the entry has become, and goes through.
    again = page.select_one("input[name=version]")["value"]
    assert client.post(address, {"kind": "text", "text": "حصيلة: أربعة مصابين.",
                                 "version": again}).status_code == 302
    entry.refresh_from_db()
    assert (entry.text, entry.version) == ("حصيلة: أربعة مصابين.", 3)


def test_removing_needs_the_version_the_editor_saw(
    client: Client, covered: ArticlePage, editor: Any
) -> None:
    entry = LiveEntry.add(covered, editor, text="مدخل للحذف.")
    client.force_login(editor)
    address = reverse("live_entry_remove", args=[entry.pk])
    entry.change(editor, 1, text="مدخل عُدّل قبل الحذف.")
    assert client.post(address, {"version": "1"}).status_code == 400
    assert LiveEntry.objects.filter(pk=entry.pk).exists()
    assert client.post(address, {"version": "2"}).status_code == 302
    assert not LiveEntry.objects.filter(pk=entry.pk).exists()


def test_an_ended_coverage_is_frozen(
    client: Client, desk: str, covered: ArticlePage, editor: Any
) -> None:
    entry = LiveEntry.add(covered, editor, text="آخر ما حدث.")
    answer = client.post(desk, {"action": "end"})
    assert answer.status_code == 302
    covered.refresh_from_db()
    assert covered.coverage_ended_at is not None and not covered.live_now

    refused = client.post(desk, {"action": "add", "kind": "text", "text": "بعد النهاية"})
    assert refused.status_code == 400 and "غير جارية" in errors_of(refused)
    changed = client.post(reverse("live_entry_edit", args=[entry.pk]),
                          {"kind": "text", "text": "تعديل بعد النهاية", "version": "1"})
    assert changed.status_code == 400
    removed = client.post(reverse("live_entry_remove", args=[entry.pk]), {"version": "1"})
    assert removed.status_code == 400
    assert list(LiveEntry.objects.values_list("text", flat=True)) == ["آخر ما حدث."]
    # Starting again does not reopen a frozen coverage.
    start_coverage(covered)
    covered.refresh_from_db()
    assert covered.coverage_ended_at is not None


def test_a_story_not_covered_live_takes_no_entries(client: Client, editor: Any) -> None:
    story = factories.article(factories.section("اقتصاد", slug="economy"), "خبر عادي")
    client.force_login(editor)
    desk = reverse("live_desk", args=[story.pk])
    assert client.post(desk, {"action": "add", "kind": "text", "text": "x"}).status_code == 400
    assert client.post(desk, {"action": "start"}).status_code == 302
    assert client.post(desk, {"action": "add", "kind": "text", "text": "بدأنا."}).status_code == 302
    story.refresh_from_db()
    assert story.live_now and LiveEntry.objects.of(story).count() == 1


def test_readers_and_editors_without_the_permission_are_kept_out(
    client: Client, covered: ArticlePage, moderator: Any
) -> None:
    desk = reverse("live_desk", args=[covered.pk])
    assert client.get(desk).status_code == 302  # to the sign-in page
    client.force_login(moderator)
    assert client.post(desk, {"action": "add", "kind": "text", "text": "x"}).status_code in (
        302, 403
    )
    assert not LiveEntry.objects.exists()


def test_ending_twice_or_before_starting_says_so(covered: ArticlePage, editor: Any) -> None:
    end_coverage(covered)
    first_end = ArticlePage.objects.get(pk=covered.pk).coverage_ended_at
    end_coverage(covered)
    assert ArticlePage.objects.get(pk=covered.pk).coverage_ended_at == first_end
    with pytest.raises(CoverageClosed):
        LiveEntry.add(covered, editor, kind=Kind.TEXT, text="بعد النهاية")


def test_a_story_page_offers_the_desk_to_editors(
    client: Client, covered: ArticlePage, editor: Any
) -> None:
    client.force_login(editor)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[covered.pk]))
    assert reverse("live_desk", args=[covered.pk]) in page.content.decode()


@pytest.mark.parametrize("number", ["0", "99999999999999999999999"])
def test_desk_addresses_of_nothing_are_not_found(
    client: Client, editor: Any, number: str
) -> None:
    client.force_login(editor)
    for address in (f"/admin/live/{number}/", f"/admin/live/entry/{number}/",
                    f"/admin/live/entry/{number}/remove/"):
        assert client.get(address).status_code == 404, address
