"""Readers comment and moderators approve, in a real Chromium against a real server."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from nashra.comments.models import Comment
from nashra.conftest import log_in_to_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story(live_story: Any) -> Any:
    return live_story("افتتاح حديقة عامة في الحي", "park")


def approve_in_admin(tab: Any, live_server: Any, bodies: list[str]) -> None:
    tab.goto(live_server.url + "/admin/moderation/")
    for body in bodies:
        row = tab.locator(".moderation-row", has_text=body)
        row.locator("input[type=checkbox]").check()
    tab.select_option("#bulk-action", "approve")
    with tab.expect_navigation():
        tab.locator(".moderation-bulk button[type=submit]").click()
    expect(tab.locator(".queue-tab[data-queue=pending] .queue-count")).to_have_text("0")


def write_with_javascript(tab: Any, name: str, body: str) -> None:
    form = tab.locator("form.comment-form")
    form.locator("input[name=name]").fill(name)
    form.locator("textarea[name=body]").fill(body)
    expect(form.locator("img.captcha-image")).to_be_visible()
    form.locator("input[name=captcha_1]").fill("PASSED")
    form.locator("button.comment-submit").click()
    expect(form.locator(".comment-form-message")).to_contain_text("بعد مراجعته")


@pytest.fixture
def moderator_tab(browser: Any, live_server: Any, admin_user_with_password: Any) -> Any:
    context = browser.new_context(locale="ar", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    user, password = admin_user_with_password
    log_in_to_admin(tab, live_server.url, user.username, password)
    yield tab
    context.close()


def test_with_javascript_a_reader_comments_and_replies_in_place(
    live_server, tab, moderator_tab, story
) -> None:
    tab.goto(live_server.url + story.url)
    # Note when the "please wait" state shows, however short the wait.
    tab.evaluate(
        """() => {
          const indicator = document.querySelector('.comment-form .loading-indicator');
          new MutationObserver(() => { if (!indicator.hidden) window.sawWaiting = true; })
            .observe(indicator, {attributes: true});
        }"""
    )
    url_before = tab.url

    write_with_javascript(tab, "سلمى", "حديقة جميلة، نحتاج مثلها في كل حي")

    assert tab.url == url_before  # no reload
    assert tab.evaluate("window.sawWaiting") is True
    expect(tab.locator("form.comment-form textarea[name=body]")).to_have_value("")
    approve_in_admin(moderator_tab, live_server, ["حديقة جميلة"])

    tab.reload()
    tab.locator("a.comment-reply").first.click()
    expect(tab.locator(".comment-form-replying")).to_contain_text("سلمى")
    write_with_javascript(tab, "رامي", "أوافقك الرأي تماماً")
    approve_in_admin(moderator_tab, live_server, ["أوافقك الرأي"])

    tab.reload()
    top = tab.locator("#comments ol.comments-list > li.comment")
    expect(top).to_have_count(1)
    expect(top.locator("> article .comment-number")).to_have_text("1")
    expect(top.locator("> article .comment-body")).to_have_text("حديقة جميلة، نحتاج مثلها في كل حي")
    expect(top.locator("ol > li.comment .comment-body")).to_have_text("أوافقك الرأي تماماً")
    assert Comment.objects.get(body="أوافقك الرأي تماماً").parent.author_name == "سلمى"


def test_with_javascript_errors_show_beside_the_fields_and_the_text_stays(
    live_server, tab, story
) -> None:
    tab.goto(live_server.url + story.url)
    form = tab.locator("form.comment-form")
    form.locator("textarea[name=body]").fill("نص كتبته ولا أريد أن أفقده")
    form.locator("input[name=captcha_1]").fill("PASSED")
    form.locator("button.comment-submit").click()

    expect(form.locator("[data-error-for=name]")).to_contain_text("اكتب اسمك")
    expect(form.locator("textarea[name=body]")).to_have_value("نص كتبته ولا أريد أن أفقده")
    assert not Comment.objects.exists()


def test_the_captcha_refresh_button_brings_a_new_image(live_server, tab, story) -> None:
    tab.goto(live_server.url + story.url)
    form = tab.locator("form.comment-form")
    form.locator("input[name=name]").focus()
    expect(form.locator("img.captcha-image")).to_be_visible()
    first_key = form.locator("input[name=captcha_0]").input_value()

    form.locator(".captcha-refresh").click()

    expect(form.locator("input[name=captcha_0]")).not_to_have_value(first_key)
    new_key = form.locator("input[name=captcha_0]").input_value()
    expect(form.locator("img.captcha-image")).to_have_attribute("src", re.compile(new_key))
    tab.wait_for_function(
        "() => { const image = document.querySelector('img.captcha-image');"
        " return image.complete && image.naturalWidth > 0; }"
    )


def test_without_javascript_a_reader_comments_and_replies_through_plain_posts(
    live_server, browser, moderator_tab, story
) -> None:
    context = browser.new_context(locale="ar", java_script_enabled=False)
    tab = context.new_page()
    tab.goto(live_server.url + story.url)
    form = tab.locator("form.comment-form")
    form.locator("input[name=name]").fill("هدى")
    form.locator("textarea[name=body]").fill("أين تقع الحديقة بالضبط؟")
    form.locator("button.comment-submit").click()

    # The cached page has no captcha: the server answers with the whole form, text kept.
    expect(tab.locator("form.comment-form textarea[name=body]")).to_have_value(
        "أين تقع الحديقة بالضبط؟"
    )
    expect(tab.locator("img.captcha-image")).to_be_visible()
    tab.locator("form.comment-form input[name=captcha_1]").fill("PASSED")
    tab.locator("form.comment-form button.comment-submit").click()

    expect(tab).to_have_url(re.compile(r"\?comment=pending#comments$"))
    expect(tab.locator(".comments-notice")).to_contain_text("بعد مراجعته")
    approve_in_admin(moderator_tab, live_server, ["أين تقع الحديقة"])

    tab.goto(live_server.url + story.url)
    tab.locator("a.comment-reply").first.click()
    expect(tab.locator(".comment-form-replying")).to_contain_text("هدى")
    tab.locator("form.comment-form input[name=name]").fill("سامر")
    tab.locator("form.comment-form textarea[name=body]").fill("قرب المدرسة الثانوية")
    tab.locator("form.comment-form input[name=captcha_1]").fill("PASSED")
    tab.locator("form.comment-form button.comment-submit").click()
    expect(tab.locator(".comments-notice")).to_contain_text("بعد مراجعته")
    approve_in_admin(moderator_tab, live_server, ["قرب المدرسة"])

    tab.goto(live_server.url + story.url)
    top = tab.locator("#comments ol.comments-list > li.comment")
    expect(top).to_have_count(1)
    expect(top.locator("> article .comment-number")).to_have_text("1")
    expect(top.locator("ol > li.comment .comment-author")).to_have_text("سامر")
    context.close()
