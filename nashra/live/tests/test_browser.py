"""A reader follows a live story in a real Chromium while the newsroom adds to it: updates
wait for the reader's click, arrive through the cached endpoint, and a reload without
JavaScript shows everything."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from nashra.live.models import LiveEntry, end_coverage, start_coverage
from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The page polls every 5 s; an update must show well within the 10 s readers are promised.
SHOWN_WITHIN_MS = 12_000


@pytest.fixture
def story(settings: Any, tmp_path: Any) -> ArticlePage:
    settings.PAGE_CACHE_SECONDS = 600  # served from the page cache, as in production
    settings.VAR_DIR = tmp_path
    section = factories.section("محليات", slug="local")
    story = factories.article(section, "حريق في غابات الشمال: تغطية مباشرة", slug="fire")
    start_coverage(story)
    LiveEntry.add(story, None, text="اندلاع الحريق قرب الطريق الرئيسي.")
    return ArticlePage.objects.get(pk=story.pk)


def entry_texts(tab: Any) -> list[str]:
    return tab.locator(".live-entries .live-entry-text").all_inner_texts()


def test_updates_wait_for_the_reader_and_arrive_in_place(
    live_server: Any, tab: Any, browser: Any, story: ArticlePage
) -> None:
    tab.goto(live_server.url + story.url)
    button = tab.locator(".live-new-button")
    assert entry_texts(tab) == ["اندلاع الحريق قرب الطريق الرئيسي."]
    expect(button).to_be_hidden()

    LiveEntry.add(story, None, text="طائرات الإطفاء تصل إلى الموقع.")
    expect(button).to_have_text("تحديث جديد واحد", timeout=SHOWN_WITHIN_MS)
    # Nothing moved under the reader's eyes.
    assert entry_texts(tab) == ["اندلاع الحريق قرب الطريق الرئيسي."]

    first = LiveEntry.objects.get(text__startswith="اندلاع")
    first.change(None, first.version, text="اندلاع الحريق قرب الطريق الرئيسي صباحاً.")
    LiveEntry.add(story, None, text="إخلاء ثلاث قرى احترازياً.", key_event=True)
    expect(button).to_have_text("3 تحديثات جديدة", timeout=SHOWN_WITHIN_MS)
    button.click()
    expect(button).to_be_hidden()
    assert entry_texts(tab) == [
        "إخلاء ثلاث قرى احترازياً.",
        "طائرات الإطفاء تصل إلى الموقع.",
        "اندلاع الحريق قرب الطريق الرئيسي صباحاً.",
    ]
    assert tab.locator(".live-key-events li").all_inner_texts()[0].endswith(
        "إخلاء ثلاث قرى احترازياً."
    )

    gone = LiveEntry.objects.get(text__startswith="طائرات")
    gone.remove(None, gone.version)
    end_coverage(story)
    expect(button).to_have_text("تحديثان جديدان", timeout=SHOWN_WITHIN_MS)
    button.click()
    assert entry_texts(tab) == [
        "إخلاء ثلاث قرى احترازياً.",
        "اندلاع الحريق قرب الطريق الرئيسي صباحاً.",
    ]
    expect(tab.locator(".live-status")).to_contain_text("انتهت التغطية")

    # Without JavaScript a reload shows the coverage as it stands.
    context = browser.new_context(java_script_enabled=False, locale="ar")
    plain = context.new_page()
    plain.goto(live_server.url + story.url)
    assert entry_texts(plain) == entry_texts(tab)
    assert plain.locator(".live-new-button").is_hidden()
    context.close()
