"""Reader pages under their Content-Security-Policy, in a real Chromium: markup slipped
into a page cannot run, and the site's own scripts all still work."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from nashra.comments.factories import comment_policy
from nashra.newsroom import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Record every refusal the browser reports, from the first line of every page.
WATCH_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


@pytest.fixture
def watched_tab(tab: Any) -> Any:
    tab.add_init_script(WATCH_VIOLATIONS)
    return tab


def test_script_slipped_into_a_page_does_not_run(
    live_server: Any, watched_tab: Any, settings: Any
) -> None:
    settings.ROOT_URLCONF = "nashra.core.tests.hostile_urls"

    response = watched_tab.goto(live_server.url + "/hostile/")
    watched_tab.locator("#bait").click()
    watched_tab.wait_for_function("() => window.cspViolations.length >= 2")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    ran = watched_tab.evaluate(
        "() => [window.injectedScriptRan, window.injectedHandlerRan, window.injectedClickRan]"
    )
    assert ran == [None, None, None]
    assert any(v.startswith("script-src") for v in watched_tab.evaluate("window.cspViolations"))


def test_the_sites_own_scripts_run_under_the_policy(live_server: Any, watched_tab: Any) -> None:
    factories.home_page()
    section = factories.section("محليات", slug="local")
    story = factories.article(section, "افتتاح مكتبة عامة في الحي", slug="library")
    comment_policy(min_fill_seconds=0, moderation="pre")
    base = live_server.url

    for address in ["/", "/local/", story.url + "print/", "/search/?q=مكتبة"]:
        watched_tab.goto(base + address)
        watched_tab.wait_for_load_state("networkidle")
        assert watched_tab.evaluate("window.cspViolations") == [], address

    with watched_tab.expect_response(lambda r: "/audience/" in r.url) as beacon:
        watched_tab.goto(base + story.url)
    assert beacon.value.status in {200, 202, 204}
    form = watched_tab.locator("form.comment-form")
    form.locator("input[name=name]").focus()
    expect(form.locator("img.captcha-image")).to_be_visible()
    first_key = form.locator("input[name=captcha_0]").input_value()
    form.locator(".captcha-refresh").click()
    expect(form.locator("input[name=captcha_0]")).not_to_have_value(first_key)
    assert form.locator("input[name=token]").input_value()
    assert watched_tab.evaluate("window.cspViolations") == []
