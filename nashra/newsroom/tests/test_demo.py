from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from wagtail.models import Site

from nashra.conftest import Terminal
from nashra.core.models import SiteSettings
from nashra.newsroom import factories
from nashra.newsroom.authors import Column
from nashra.newsroom.corrections import Correction
from nashra.newsroom.demo import demo_content
from nashra.newsroom.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db

SECTION_TITLES = {"سياسة", "محليات", "عربي ودولي", "اقتصاد", "رياضة", "رأي"}


def run_demo(*args: str) -> str:
    # Renditions of the demo's forty pictures take most of a minute; the one test of the
    # demo's pictures makes them, the others leave them for later.
    out = io.StringIO()
    call_command("demo", "--pictures-later", *args, stdout=out)
    return out.getvalue()


def test_the_demo_is_pictured_at_photo_size_and_ready_to_serve(terminal: Terminal) -> None:
    out = io.StringIO()
    call_command("demo", stdout=out, stderr=terminal.stream)

    articles = list(ArticlePage.objects.live().select_related("lead_image"))
    pictured = [article for article in articles if article.lead_image is not None]
    assert len(pictured) >= len(articles) * 0.7
    assert len(pictured) < len(articles)  # some keep the drawn social card
    for article in pictured:
        picture = article.lead_image
        assert picture.width >= 2000
        assert picture.alt and picture.credit and picture.has_focal_point()
        assert picture.made.get("roles"), "renditions are made before the site is served"
    galleries = [article for article in articles
                 if any(block.block_type == "gallery" for block in article.body)]
    assert galleries
    assert all(article.share_card for article in articles if article.lead_image is None)
    assert all(column.writer.photo.made.get("roles") for column in Column.objects.all())
    assert "Pictures prepared" in out.getvalue()
    progress = terminal.text()  # on the operator's terminal, apart from the results
    assert "demo" in progress and "pictures" in progress and "100%" in progress


def test_it_fills_an_empty_site_with_six_sections_and_thirty_stories() -> None:
    run_demo()

    assert set(SectionPage.objects.live().values_list("title", flat=True)) == SECTION_TITLES
    articles = ArticlePage.objects.live()
    assert articles.count() >= 30
    assert articles.filter(breaking=True).count() == 1
    assert articles.exclude(wire_credit="").exists()
    assert all(article.first_published_at for article in articles)
    assert sum(1 for article in articles if article.sources.count() >= 2) >= 3
    assert sum(1 for article in articles if article.read_also_links.exists()) >= 20
    assert sum(1 for article in articles if article.tags.exists()) == articles.count()


def test_it_has_columnists_with_pages_and_stories_corrected_and_updated(client) -> None:
    run_demo()

    columns = Column.objects.select_related("writer")
    assert columns.count() >= 3
    for column in columns:
        writer = column.writer
        assert writer.photo is not None and writer.photo.alt and writer.bio
        page = BeautifulSoup(client.get(writer.get_absolute_url()).content, "html.parser")
        assert page.select_one("h1.author-name").get_text() == writer.name
        assert page.select_one(".author-photo") is not None
        assert page.select(".article-card .opinion-label"), writer.name
    columnists = BeautifulSoup(client.get("/columnists/").content, "html.parser")
    assert len(columnists.select(".columnist .columnist-latest a")) == columns.count()
    kinds = set(Correction.objects.values_list("kind", flat=True))
    assert {"correction", "update"} <= kinds
    corrected = Correction.objects.filter(kind="correction").first().article
    story = BeautifulSoup(client.get(corrected.url).content, "html.parser")
    assert story.select_one(".article-correction-notice") is not None
    assert len(BeautifulSoup(client.get("/corrections/").content, "html.parser").select(
        ".corrections-archive li.correction")) == Correction.objects.count()


def test_every_demo_story_keeps_what_the_content_file_says() -> None:
    run_demo()

    for entry in demo_content()["articles"]:
        article = ArticlePage.objects.get(slug=entry["slug"])
        assert article.title == entry["headline"]
        assert article.get_parent().slug == entry["section"]
        assert [s.name for s in article.sources.all()] == [s["name"] for s in entry["sources"]]
        assert [link.target.slug for link in article.read_also_links.all()] == entry["read_also"]
        # The links are in the revision too, so the editor sees them in the admin.
        latest = article.get_latest_revision_as_object()
        assert [link.target_id for link in latest.read_also_links.all()] == [
            link.target_id for link in article.read_also_links.all()
        ]


def test_it_sets_up_the_footer_pages_and_follow_links() -> None:
    run_demo()

    chosen = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert chosen.privacy_page.live and chosen.about_page.live
    assert {network for network, _, _ in chosen.follow_links} == {
        "youtube", "facebook", "x", "telegram", "whatsapp", "site",
    }


def test_running_it_twice_changes_nothing() -> None:
    run_demo()
    count = ArticlePage.objects.count()

    assert "already loaded" in run_demo()
    assert ArticlePage.objects.count() == count


def test_it_refuses_a_site_with_real_content() -> None:
    factories.article(factories.section("أخبار", slug="news"), "خبر حقيقي كتبه محرر")

    with pytest.raises(CommandError, match="own content"):
        run_demo()
    assert "own content" in run_demo("--if-empty")
    assert ArticlePage.objects.count() == 1


# The article-page hooks of the page contract, written as the contract writes them.
ARTICLE_HOOKS = [
    "article.article[data-article-id]",
    "h1.article-headline",
    "time.article-published[datetime]",
    "time.article-updated[datetime]",
    ".article-dateline",
    ".article-standfirst",
    ".article-body",
    ".article-sources > li",
    ".article-wire-credit",
    ".article-tags a",
    "section.read-also > a.read-also-link",
    ".follow-links a[data-network]",
    ".share-links a[data-network]",
    "a.print-link",
    ".views-count[data-article-id][data-count]",
    "section#comments",
    "#comments .comments-policy",
    "#comments .comments-empty",
    "form.comment-form",
    ".comment-form .loading-indicator",
    ".comment-form .captcha-refresh",
    ".comments-disclaimer",
    "header.site-header",
    "nav.site-nav a",
    ".breaking-ticker",
    "form.site-search input[name=q]",
    "footer.site-footer .site-copyright",
    "footer.site-footer a.privacy-link",
    "footer.site-footer .hosting-credit",
]


def test_a_demo_article_carries_every_hook_of_the_page_contract(client) -> None:
    from bs4 import BeautifulSoup

    run_demo()
    fullest = next(
        article
        for article in ArticlePage.objects.live().exclude(wire_credit="")
        if article.was_updated and article.sources.exists() and article.read_also_links.exists()
        and article.comments_open
    )

    page = BeautifulSoup(client.get(fullest.url).content, "html.parser")

    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    missing = [hook for hook in ARTICLE_HOOKS if page.select_one(hook) is None]
    assert not missing
    form = page.select_one("form.comment-form")
    for name in ["name", "email", "body", "captcha_0", "captcha_1", "parent"]:
        assert form.select_one(f"[name={name}]") is not None, name
