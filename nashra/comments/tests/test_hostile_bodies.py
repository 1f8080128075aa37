"""Comments written to attack the page: posted through the real form, approved, then read
in Chromium. No script may run and the page must keep its shape."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from nashra.comments.models import Comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOSTILE_BODIES = [
    "<script>window.pwned=1;alert(1)</script>",
    '<img src=x onerror="window.pwned=2;alert(2)">',
    "<svg onload=alert(3)><script>alert(3)</script></svg>",
    '<a href="javascript:alert(4)">اضغط هنا</a>',
    "javascript:alert(5)",
    '<iframe src="javascript:alert(6)"></iframe>',
    "<style>body{display:none}</style>",
    '<div style="position:fixed;inset:0;background:red;z-index:9999">غطاء</div>',
    '"><script>alert(9)</script>',
    "'><img src=x onerror=alert(10)>",
    "</textarea><script>alert(11)</script>",
    "</li></ol></section><script>alert(12)</script>",
    "{{ 7|add:7 }} {% now 'Y' %} ${7*7}",
    "<body onload=alert(14)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(15)>",
    "<details open ontoggle=alert(16)>",
    "<input autofocus onfocus=alert(17)>",
    '<object data="javascript:alert(18)">',
    '<embed src="data:text/html,<script>alert(19)</script>">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(20)">',
    '<base href="javascript:alert(21)//">',
    "\u202eمرحبا olleh\u202d بعد القلب",
    "\u2066\u2067\u2068 عزل لم يُغلق أبداً",
    "ا" * 5000,
    "A" * 5000,
    "نص طويل جداً يتكرر " * 5200,  # about 100 KB
    "<link rel=stylesheet href=//evil.example/x.css>",
    "&lt;script&gt;alert(28)&lt;/script&gt;",
    '<form action="//evil.example"><button>أرسل</button></form>',
    "<marquee>نص متحرك</marquee>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgzMSk8L3NjcmlwdD4=",
    "<svg><animate onbegin=alert(32) attributeName=x dur=1s>",
    "ز" + "\u0651" * 500,
    "%3Cscript%3Ealert(34)%3C/script%3E",
    '<noscript><p title="</noscript><img src=x onerror=alert(35)>">',
]


@pytest.fixture
def story(live_story: Any) -> Any:
    return live_story("خبر يستقبل تعليقات عدائية", "target", max_body_length=200_000, max_links=5)


def test_hostile_comments_run_no_script_and_keep_the_layout(
    live_server, tab, story, admin_user_with_password
) -> None:
    assert len(HOSTILE_BODIES) >= 30
    alarms: list[str] = []
    tab.on("dialog", lambda dialog: (alarms.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    tab.on("pageerror", lambda error: alarms.append(f"page error: {error}"))
    tab.on("console", lambda m: m.type == "error" and alarms.append(f"console: {m.text}"))

    tab.goto(live_server.url + story.url)
    form = tab.locator("form.comment-form")
    used_key = ""
    for number, body in enumerate(HOSTILE_BODIES, start=1):
        form.locator("input[name=name]").fill(f"<b>مهاجم {number}</b>")
        form.locator("textarea[name=body]").fill(body)
        # After each post the form fetches a fresh captcha; wait for it before answering.
        expect(form.locator("input[name=captcha_0]")).not_to_have_value(used_key)
        used_key = form.locator("input[name=captcha_0]").input_value()
        form.locator("input[name=captcha_1]").fill("PASSED")
        form.locator("button.comment-submit").click()
        expect(form.locator(".loading-indicator")).to_be_hidden()
        errors = form.locator("[data-error-for]").all_inner_texts()
        assert "".join(errors) == "", (number, errors)
        expect(form.locator(".comment-form-message")).to_contain_text("بعد مراجعته")
    moderator = admin_user_with_password[0]
    for comment in Comment.objects.all():
        comment.approve(by=moderator)
    assert Comment.objects.published().count() == len(HOSTILE_BODIES)

    tab.goto(live_server.url + story.url)
    tab.wait_for_load_state("load")
    tab.locator("footer.site-footer").scroll_into_view_if_needed()

    assert alarms == []
    assert tab.evaluate("window.pwned") is None
    expect(tab.locator("#comments ol.comments-list > li.comment")).to_have_count(
        len(HOSTILE_BODIES)
    )
    injected = "script, img, iframe, svg, style, object, embed, form:not(.comment-report)"
    assert tab.locator(f".comments-list :is({injected})").count() == 0
    layout = tab.evaluate(
        """() => {
          const section = document.querySelector('#comments').getBoundingClientRect();
          const bodies = [...document.querySelectorAll('.comment-body, .comment-author')];
          const outside = bodies.filter(element => {
            const box = element.getBoundingClientRect();
            return box.left < section.left - 1 || box.right > section.right + 1;
          }).length;
          const footer = document.querySelector('footer.site-footer').getBoundingClientRect();
          return {
            pageWider: document.documentElement.scrollWidth > window.innerWidth,
            outside,
            footerBelow: footer.top >= section.bottom - 1,
            bodyShown: getComputedStyle(document.body).display !== 'none',
          };
        }"""
    )
    assert layout == {"pageWider": False, "outside": 0, "footerBelow": True, "bodyShown": True}
