"""The editors' audience pages in the Wagtail admin."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nashra.audience import clock
from nashra.audience.models import HourlyViews
from nashra.newsroom import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def audience():
    politics = factories.section("سياسة", slug="politics")
    sport = factories.section("رياضة", slug="sport")
    vote = factories.article(politics, "البرلمان يصوت على قانون الانتخاب", slug="vote")
    final = factories.article(sport, "نهائي الكأس يجمع الفريقين الكبيرين", slug="final")
    now = clock.hour_of(clock.now())
    HourlyViews.objects.create(article=vote, hour=now, views=12)
    HourlyViews.objects.create(article=vote, hour=now.replace(year=now.year - 1), views=500)
    HourlyViews.objects.create(article=final, hour=now, views=30)
    return vote, final


@pytest.fixture
def admin_client_logged_in(client: Client, admin_user_with_password) -> Client:
    user, password = admin_user_with_password
    assert client.login(username=user.username, password=password)
    return client


def test_the_dashboard_lists_todays_top_stories_and_sections(
    admin_client_logged_in: Client, audience
) -> None:
    vote, final = audience
    page = BeautifulSoup(admin_client_logged_in.get("/admin/audience/").content, "html.parser")

    rows = [[td.get_text(strip=True) for td in tr.select("td")]
            for tr in page.select(".audience-top tbody tr")]
    assert rows == [[final.title, "30"], [vote.title, "12"]]
    sections = [[td.get_text(strip=True) for td in tr.select("td")]
                for tr in page.select("tr.audience-section")]
    assert sections == [["رياضة", "30"], ["سياسة", "12"]]


def test_the_admin_home_has_the_top_stories_panel(admin_client_logged_in: Client, audience) -> None:
    page = BeautifulSoup(admin_client_logged_in.get("/admin/").content, "html.parser")
    panel = page.select_one("#audience-top-stories-section")
    assert panel is not None
    assert audience[1].title in panel.get_text()
    assert page.select_one('a[href="/admin/audience/"]') is not None


def test_an_articles_page_draws_its_hours_as_svg(admin_client_logged_in: Client, audience) -> None:
    vote, _ = audience
    page = BeautifulSoup(
        admin_client_logged_in.get(f"/admin/audience/article/{vote.pk}/").content, "html.parser"
    )
    bars = page.select("svg.audience-chart rect")
    assert len(bars) == 48
    heights = [float(bar["height"]) for bar in bars]
    assert heights[-1] > 0 and heights[:-1] == [0.0] * 47  # oldest first, drawn from the right
    assert page.select_one(".audience-recent").get_text() == "12"


def test_readers_cannot_see_the_dashboard(client: Client, audience) -> None:
    response = client.get("/admin/audience/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
