"""A reader and an editor, in a real Chromium, against a real server on loopback."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from nashra.conftest import log_in_to_admin
from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage, ReadAlsoLink

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def newsroom():
    politics = factories.section("سياسة", slug="politics")
    sport = factories.section("رياضة", slug="sports")
    older = factories.article(politics, "الحكومة تعلن خطة لتحديث شبكة المياه", slug="water-plan")
    story = factories.article(
        politics,
        "البرلمان يقر الموازنة العامة بعد نقاش طويل",
        slug="budget-vote",
        dateline="عمّان",
        standfirst="أقر مجلس النواب الموازنة العامة للعام المقبل بأغلبية واضحة.",
        wire_credit="وكالة المشرق للأنباء",
        sources=[("إذاعة الشمال", ""), ("صحيفة الساحل", "https://example.com/budget")],
        tags=["الموازنة العامة"],
    )
    story.read_also_links = [ReadAlsoLink(target=older, sort_order=0)]
    story.save_revision().publish()
    factories.article(sport, "فريق الشعلة يتوج بلقب الدوري", slug="league-final")
    return story


def test_a_reader_follows_a_story_prints_it_and_changes_section(live_server, tab, newsroom):
    tab.goto(live_server.url + "/")
    assert tab.locator("html").get_attribute("dir") == "rtl"

    tab.locator(".lead-story a.article-card-link, .latest a.article-card-link").filter(
        has_text="البرلمان يقر الموازنة"
    ).first.click()
    tab.wait_for_url(re.compile(r"/politics/budget-vote/$"))
    assert tab.locator("h1.article-headline").inner_text() == newsroom.title
    assert tab.locator("article.article").get_attribute("data-article-id") == str(newsroom.pk)
    assert tab.locator(".article-dateline").inner_text() == "عمّان"
    assert tab.locator(".article-sources > li").all_inner_texts() == [
        "المصدر: إذاعة الشمال",
        "المصدر: صحيفة الساحل",
    ]
    assert tab.locator(".article-wire-credit").inner_text() == "وكالة المشرق للأنباء"
    assert tab.locator("section.read-also a.read-also-link").all_inner_texts() == [
        "الحكومة تعلن خطة لتحديث شبكة المياه"
    ]
    for hook in ["time.article-published", ".views-count", "#comments .comments-empty",
                 "form.comment-form", ".comments-disclaimer", "footer.site-footer .site-copyright"]:
        assert tab.locator(hook).count() == 1, hook

    tab.locator("a.print-link").click()
    tab.wait_for_url(re.compile(r"/budget-vote/print/$"))
    assert tab.locator("h1.article-headline").inner_text() == newsroom.title
    assert tab.locator("nav.site-nav").count() == 0
    assert tab.locator("#comments").count() == 0

    tab.go_back()
    tab.locator("nav.site-nav a", has_text="رياضة").click()
    tab.wait_for_url(re.compile(r"/sports/$"))
    assert tab.locator("h1").inner_text() == "رياضة"
    assert tab.locator(".article-card a.article-card-link").all_inner_texts() == [
        "فريق الشعلة يتوج بلقب الدوري"
    ]


def test_an_editor_publishes_a_story_that_then_leads_the_home_page(
    live_server, tab, admin_user_with_password, settings
):
    # Wagtail's autosave turns the add form into an edit form at a moment that depends on
    # the machine's load; with it off, the story goes from the add form to live in one step.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    user, password = admin_user_with_password
    section = factories.section("محليات", slug="local")
    headline = "افتتاح مكتبة عامة جديدة في وسط المدينة"

    log_in_to_admin(tab, live_server.url, user.username, password)

    tab.goto(f"{live_server.url}/admin/pages/add/newsroom/articlepage/{section.pk}/")
    tab.wait_for_load_state("networkidle")
    tab.fill("#id_title", headline)
    tab.fill("#id_standfirst", "تفتح المكتبة أبوابها للقراء يومياً حتى العاشرة مساءً.")
    tab.locator("button.c-sf-add-button").first.click()
    tab.locator(".w-combobox__option", has_text="فقرة").first.click()
    tab.locator(".public-DraftEditor-content").first.click()
    tab.keyboard.type("افتتحت البلدية اليوم مكتبة عامة جديدة تضم آلاف الكتب.")
    expect(tab.locator(".public-DraftEditor-content")).to_contain_text("مكتبة عامة جديدة")
    # Draftail copies what was typed into the form's field a moment later, not at each key;
    # on a loaded machine a quick click on "Publish" would post an empty paragraph.
    expect(tab.locator("input[name='body-0-value']")).to_have_value(
        re.compile("مكتبة عامة جديدة")
    )
    assert not ArticlePage.objects.filter(title=headline).exists()
    # "Publish" sits in the save button's dropdown.
    publish = tab.locator("button[name=action-publish]")
    tab.locator("button[data-w-dropdown-target='toggle']").last.click()
    expect(publish).to_be_visible()
    publish.click()
    # Wagtail returns to the section's page listing once the story is live.
    expect(tab).to_have_url(re.compile(rf"/admin/pages/{section.pk}/$"), timeout=30_000)

    article = ArticlePage.objects.get(title=headline)
    assert article.live

    tab.goto(live_server.url + "/")
    assert tab.locator(".lead-story a.article-card-link").inner_text() == headline
