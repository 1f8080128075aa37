"""The remembered site and the one-query route to a story: fewer queries, same pages."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client, RequestFactory
from wagtail.models import PageViewRestriction, Site

from nashra.core.models import SiteSettings
from nashra.newsroom import factories
from nashra.operations.site_lookup import site_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings, tmp_path):
    # The site is remembered only where pages are cached (not in the rest of the suite).
    settings.PAGE_CACHE_SECONDS = 600
    settings.VAR_DIR = tmp_path


@pytest.fixture
def story():
    politics = factories.section("سياسة", slug="politics")
    return factories.article(politics, "البرلمان يقر الموازنة", slug="budget")


def headline(client: Client, path: str) -> str:
    page = BeautifulSoup(client.get(path + "?fresh=1").content, "html.parser")
    return page.select_one("h1").get_text(strip=True)


def test_a_story_is_found_without_the_site_query_the_second_time(
    client: Client, story, django_assert_max_num_queries
) -> None:
    client.get(story.url + "?first=1")
    with django_assert_max_num_queries(9) as captured:
        response = client.get(story.url + "?second=1")

    assert response.status_code == 200
    asked = " ".join(query["sql"] for query in captured.captured_queries)
    assert "wagtailcore_site" not in asked


def test_the_print_view_and_unknown_addresses_still_route(client: Client, story) -> None:
    assert client.get(story.url + "print/").status_code == 200
    assert client.get("/politics/no-such-story/").status_code == 404
    assert client.get("/no-such-section/budget/").status_code == 404
    assert client.get("/politics/").status_code == 200


def test_a_withdrawn_story_is_not_found_by_the_short_route(
    client: Client, story, django_capture_on_commit_callbacks
) -> None:
    assert client.get(story.url + "?before=1").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()

    assert client.get(story.url + "?after=1").status_code == 404


def test_an_edited_home_page_and_a_site_change_show_at_once(
    client: Client, story, django_capture_on_commit_callbacks
) -> None:
    home = factories.home_page()
    client.get("/?warm=1")
    home.search_description = "آخر أخبار البلد لحظة بلحظة"
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()

    page = BeautifulSoup(client.get("/?fresh=3").content, "html.parser")
    assert page.select_one('meta[name="description"]')["content"] == home.search_description

    remembered = site_for(RequestFactory().get("/"))
    site = Site.objects.get(is_default_site=True)
    site.site_name = "نشرة المساء"
    site.save()

    assert remembered is not None and remembered.site_name != site.site_name
    assert site_for(RequestFactory().get("/")).site_name == "نشرة المساء"


def test_site_settings_and_restrictions_are_not_asked_for_again(
    client: Client, story, django_assert_max_num_queries
) -> None:
    chosen = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    chosen.privacy_page = story.get_parent()
    chosen.save()
    client.get(story.url + "?first=1")
    with django_assert_max_num_queries(8) as captured:
        response = client.get(story.url + "?second=1")

    assert response.status_code == 200
    asked = " ".join(query["sql"] for query in captured.captured_queries)
    for table in ("core_sitesettings", "comments_commentsettings", "pageviewrestriction"):
        assert table not in asked
    # The story is read through its own table; its section is kept (and the privacy page
    # comes with the settings).
    assert 'FROM "wagtailcore_page"' not in asked
    footer = BeautifulSoup(response.content, "html.parser").select_one(".privacy-link")
    assert footer is not None and footer.get_text(strip=True) == story.get_parent().title


def test_a_new_view_restriction_applies_at_once(
    client: Client, story, django_capture_on_commit_callbacks
) -> None:
    assert client.get(story.url).status_code == 200
    assert client.get(story.url).headers["Nashra-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=story, restriction_type=PageViewRestriction.LOGIN
        )

    assert client.get(story.url).status_code == 302
    assert client.get(story.url + "?fresh=1").status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert client.get(story.url).status_code == 200


def test_a_renamed_site_and_section_show_at_once(
    client: Client, story, django_capture_on_commit_callbacks
) -> None:
    client.get(story.url + "?warm=1")
    chosen = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    chosen.site_name = "نشرة الجنوب"
    section = story.get_parent().specific
    section.title = "الشؤون السياسية"
    with django_capture_on_commit_callbacks(execute=True):
        chosen.save()
        section.save_revision().publish()

    page = BeautifulSoup(client.get(story.url + "?fresh=2").content, "html.parser")
    assert page.select_one(".site-name").get_text(strip=True) == "نشرة الجنوب"
    assert page.select(".breadcrumbs a")[-1].get_text(strip=True) == "الشؤون السياسية"


def test_a_restricted_story_can_be_deleted(
    client: Client, story, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    url = story.url
    with django_capture_on_commit_callbacks(execute=True):
        story.delete()

    assert not PageViewRestriction.objects.exists()
    assert client.get(url).status_code == 404
