"""`nashra import_wordpress`: a WordPress export moved in whole, and re-runnable."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from PIL import Image as PillowImage
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Revision

from nashra.comments.models import Comment
from nashra.conftest import Terminal
from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage, Author, SectionPage
from nashra.wire.tests.wxr_builder import SITE, START, WpComment, WpPost, build_export, site_posts

pytestmark = pytest.mark.django_db

PANEL_URL = f"{SITE}/wp-content/uploads/2024/03/panel.png"


def small_site() -> list[WpPost]:
    at = datetime(2024, 3, 10, 6, 30, tzinfo=UTC)
    hour = timedelta(hours=1)
    return [
        WpPost(
            id=101,
            title="الحكومة تخفض رسوم تركيب الألواح الشمسية للمنازل",
            slug="رسوم-الألواح",
            content=(
                "قررت الحكومة خفض رسوم تركيب الألواح الشمسية إلى النصف."
                "\nويبدأ العمل بالقرار الشهر المقبل.\n\n<h2>ردود الفعل</h2>"
                "\n\n[caption id=\"attachment_900\"]لوح على سطح منزل[/caption]"
                "\n\n<script>alert(1)</script>ورحبت جمعية المستهلك <strong>بالقرار</strong>."
            ),
            category=0,
            tags=["طاقة", "شمس"],
            author="sami",
            at=at,
            excerpt="<p>قرار جديد يخفض الكلفة على الأسر.</p>",
            thumbnail=900,
            comments=[
                WpComment(1, "مريم", "أخيراً قرار في مصلحة الناس.", at=at + hour),
                WpComment(2, "سامر", "هل يشمل القرار المحلات؟", parent=1, at=at + 2 * hour),
                WpComment(3, "مريم", "لا، المنازل فقط.", parent=2, at=at + 3 * hour),
                WpComment(4, "زائر", "ننتظر التفاصيل.", approved="0", at=at + 4 * hour),
                WpComment(5, "بائع", "اشترِ ألواحاً رخيصة من موقعنا", approved="spam", at=at),
                WpComment(6, "غاضب", "كلام فارغ", approved="trash", at=at + 5 * hour),
                WpComment(7, "مدونة", "إشارة إلى الخبر", kind="pingback", at=at),
            ],
        ),
        WpPost(
            id=102,
            title="مسودة عن تجديد ملعب الحي",
            slug="",
            content="تبدأ أعمال التجديد بعد انتهاء الموسم.",
            category=3,
            status="draft",
            at=None,
        ),
        WpPost(id=103, title="خبر حذفه المحرر", slug="gone", content="نص", status="trash"),
        WpPost(id=104, title="من نحن", slug="about", content="صحيفة محلية", kind="page"),
        WpPost(
            id=900,
            title="لوح شمسي",
            slug="panel",
            content="",
            kind="attachment",
            status="inherit",
            excerpt="ألواح على سطح منزل في الضاحية",
            attachment_url=PANEL_URL,
        ),
        WpPost(
            id=105,
            title="معرض الكتاب يفتح أبوابه",
            slug="book-fair",
            content="<!-- wp:paragraph -->\n<p>افتتح معرض الكتاب السنوي بمشاركة مئة دار نشر.</p>"
            "\n<!-- /wp:paragraph -->",
            category=None,
            at=at,
        ),
    ]


def write(tmp_path: Path, posts: list[WpPost], name: str = "export.xml") -> Path:
    path = tmp_path / name
    path.write_text(build_export(posts), encoding="utf-8")
    return path


def run(path: Path, *args: str, terminal: Terminal | None = None) -> str:
    out = io.StringIO()
    stderr = terminal.stream if terminal else io.StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out, stderr=stderr)
    return out.getvalue()


def summary(output: str) -> dict[str, int]:
    """The command's closing table: "articles created   12" lines."""
    rows = (line.rsplit(None, 1) for line in output.splitlines() if line[-1:].isdigit())
    return {name.strip(): int(count) for name, count in rows if "/" not in count}


def moved(post: WpPost) -> ArticlePage:
    """The article WordPress's short address of ``post`` now leads to."""
    return Redirect.objects.get(old_path=f"/?p={post.id}").redirect_page.specific


def state() -> tuple[dict[str, int], str]:
    """Counts of everything an import makes, and a checksum of their fields."""
    counts = {
        "sections": SectionPage.objects.count(),
        "articles": ArticlePage.objects.count(),
        "comments": Comment.objects.count(),
        "redirects": Redirect.objects.count(),
        "authors": Author.objects.count(),
        "tags": Tag.objects.count(),
        "revisions": Revision.objects.count(),
    }
    rows: list[object] = [
        list(
            ArticlePage.objects.order_by("pk").values_list(
                "pk", "title", "slug", "url_path", "live", "standfirst", "first_published_at",
                "last_published_at", "latest_revision_id", "comment_count", "lead_image_id",
            )
        ),
        [(r.object_id, r.content) for r in Revision.objects.order_by("pk")],
        list(
            Comment.objects.order_by("pk").values_list(
                "pk", "article_id", "parent_id", "author_name", "email", "body", "status",
                "address", "created_at", "fingerprint",
            )
        ),
        list(Redirect.objects.order_by("pk").values_list("old_path", "redirect_page_id")),
        list(SectionPage.objects.order_by("pk").values_list("pk", "title", "slug", "live")),
        list(Author.objects.order_by("pk").values_list("pk", "name")),
        list(Tag.objects.order_by("pk").values_list("pk", "name", "slug")),
    ]  # fmt: skip
    return counts, hashlib.sha256(repr(rows).encode()).hexdigest()


def test_a_site_becomes_sections_tags_authors_articles_and_comments(tmp_path: Path) -> None:
    factories.home_page()
    output = run(write(tmp_path, small_site()))

    economy = SectionPage.objects.get(slug="اقتصاد")
    assert economy.title == "اقتصاد" and economy.live
    assert SectionPage.objects.get(slug="football").title == "كرة القدم"
    assert ArticlePage.objects.count() == 3  # the trashed post, the page and the image are not

    story = ArticlePage.objects.get(title__startswith="الحكومة تخفض")
    assert story.get_parent().pk == economy.pk
    assert story.slug == "رسوم-الألواح" and story.live
    assert story.first_published_at == datetime(2024, 3, 10, 6, 30, tzinfo=UTC)
    assert story.standfirst == "قرار جديد يخفض الكلفة على الأسر."
    assert [block.block_type for block in story.body] == [
        "paragraph", "heading", "paragraph", "paragraph",
    ]  # fmt: skip
    body = "".join(str(block.value) for block in story.body)
    assert "<br>" in body and "<strong>بالقرار</strong>" in body
    assert "script" not in body and "alert" not in body and "caption" not in body
    assert sorted(story.tags.names()) == ["شمس", "طاقة"]
    assert [author.name for author in story.authors.all()] == ["سامي ناصر"]

    draft = ArticlePage.objects.get(title="مسودة عن تجديد ملعب الحي")
    assert not draft.live and draft.get_parent().slug == "football"
    # A draft has no GMT date in WordPress; its local time is read in the site's zone.
    assert draft.first_published_at == datetime(2024, 2, 2, 7, 0, tzinfo=UTC)

    fair = ArticlePage.objects.get(slug="book-fair")
    assert fair.get_parent().slug == "uncategorized"
    assert [block.block_type for block in fair.body] == ["paragraph"]

    done = summary(output)
    assert done["articles created"] == 3 and done["posts skipped"] == 1
    assert done["sections created"] == 6 and done["authors created"] == 2


def test_comments_keep_their_status_and_thread(tmp_path: Path) -> None:
    factories.home_page()
    run(write(tmp_path, small_site()))
    story = ArticlePage.objects.get(title__startswith="الحكومة تخفض")

    comments = {c.body: c for c in Comment.objects.filter(article=story)}
    assert len(comments) == 6  # the pingback is not a reader's comment
    assert {body: c.status for body, c in comments.items()} == {
        "أخيراً قرار في مصلحة الناس.": "approved",
        "هل يشمل القرار المحلات؟": "approved",
        "لا، المنازل فقط.": "approved",
        "ننتظر التفاصيل.": "pending",
        "اشترِ ألواحاً رخيصة من موقعنا": "spam",
        "كلام فارغ": "rejected",
    }
    first = comments["أخيراً قرار في مصلحة الناس."]
    assert comments["هل يشمل القرار المحلات؟"].parent == first
    assert comments["لا، المنازل فقط."].parent == first  # a reply to a reply joins the thread
    assert first.created_at == datetime(2024, 3, 10, 7, 30, tzinfo=UTC)
    assert first.address == "203.0.113.7"
    story.refresh_from_db()
    assert story.comment_count == 3


def test_old_addresses_redirect_to_the_new_pages(tmp_path: Path, client: Client) -> None:
    factories.home_page()
    run(write(tmp_path, small_site()))
    story = ArticlePage.objects.get(title__startswith="الحكومة تخفض")
    economy = SectionPage.objects.get(slug="اقتصاد")

    for old in [f"/2024/03/{quote('رسوم-الألواح')}/", "/?p=101"]:
        response = client.get(old)
        assert response.status_code == 301 and response["Location"].endswith(story.url)
    assert client.get("/?p=999999").status_code == 200  # an unknown post: the home page
    response = client.get(f"/category/{quote('اقتصاد')}/")
    assert response.status_code == 301 and response["Location"].endswith(economy.url)


def test_featured_images_come_from_the_uploads_copy(tmp_path: Path) -> None:
    factories.home_page()
    export = write(tmp_path, small_site())

    without = run(export)
    assert PANEL_URL in without
    story = ArticlePage.objects.get(title__startswith="الحكومة تخفض")
    assert story.lead_image is None

    uploads = tmp_path / "uploads" / "2024" / "03"
    uploads.mkdir(parents=True)
    PillowImage.new("RGB", (40, 30), "orange").save(uploads / "panel.png")
    run(export, "--media", str(tmp_path / "uploads"))
    run(export, "--media", str(tmp_path / "uploads"))

    story.refresh_from_db()
    assert get_image_model().objects.count() == 1
    assert story.lead_image is not None and story.lead_image.width == 40
    assert story.lead_image_caption == "ألواح على سطح منزل في الضاحية"


def test_a_whole_site_imports_completely_and_a_second_run_changes_nothing(
    tmp_path: Path, terminal: Terminal
) -> None:
    factories.home_page()
    posts = site_posts(210)
    export = write(tmp_path, posts)

    output = run(export, terminal=terminal)
    counts, checksum = state()

    published = [p for p in posts if p.status == "publish"]
    comments = [c for p in posts for c in p.comments]
    assert counts["articles"] == len(posts) == 210
    assert ArticlePage.objects.live().count() == len(published)
    assert counts["comments"] == len(comments) > 300
    assert Comment.objects.filter(status="approved").count() == sum(
        c.approved == "1" for c in comments
    )
    assert counts["sections"] == 5
    assert counts["authors"] == 3
    assert "210/210" in terminal.text()  # the progress bar, on the operator's terminal
    assert "210/210" not in output
    for post in posts[:20]:
        page = moved(post)
        assert page.title == post.title
        assert page.first_published_at == post.at
        assert page.comment_count == sum(c.approved == "1" for c in post.comments)

    again = run(export)

    assert state() == (counts, checksum)
    done = summary(again)
    assert done["articles unchanged"] == 210 and done["comments unchanged"] == len(comments)
    assert not [name for name in done if name.endswith(("created", "updated"))]


def test_a_changed_post_is_updated_and_nothing_is_duplicated(tmp_path: Path) -> None:
    factories.home_page()
    posts = site_posts(12)
    run(write(tmp_path, posts))
    counts, _ = state()

    posts[3].title = "عنوان صححه المحرر"
    posts[3].content += "\n\nفقرة أضيفت لاحقاً."
    posts[3].comments[0].approved = "1" if posts[3].comments[0].approved != "1" else "0"
    posts[5].comments.append(WpComment(99999, "قارئ جديد", "تعليق وصل بعد النقل الأول.", at=START))
    output = run(write(tmp_path, posts, "export-2.xml"))

    after, _ = state()
    assert after["articles"] == counts["articles"] and after["sections"] == counts["sections"]
    assert after["comments"] == counts["comments"] + 1
    page = moved(posts[3])
    assert page.title == "عنوان صححه المحرر" and page.live
    assert "فقرة أضيفت لاحقاً." in "".join(str(b.value) for b in page.body)
    done = summary(output)
    assert done["articles updated"] == 1 and done["articles unchanged"] == 11
    assert done["comments updated"] == 1 and done["comments created"] == 1
    assert page.first_published_at == posts[3].at


def test_an_entity_bomb_is_refused_and_nothing_is_made(tmp_path: Path) -> None:
    factories.home_page()
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "ههههههههههه">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        "<rss><channel><title>&c;</title></channel></rss>",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="EntitiesForbidden|refused"):
        run(bomb)
    assert ArticlePage.objects.count() == 0 and SectionPage.objects.count() == 0


@pytest.mark.parametrize(
    "text", ["<rss><channel><title>ليس ووردبريس</title></channel></rss>", "<rss><channel"]
)
def test_a_file_that_is_not_a_wordpress_export_is_refused(tmp_path: Path, text: str) -> None:
    factories.home_page()
    path = tmp_path / "other.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError):
        run(path)
    assert SectionPage.objects.count() == 0


def test_a_section_the_editors_made_with_the_category_slug_is_used(tmp_path: Path) -> None:
    sport = factories.section("الرياضة", slug="sport")
    run(write(tmp_path, small_site()))

    assert SectionPage.objects.filter(slug="sport").count() == 1
    assert SectionPage.objects.get(slug="sport").title == "الرياضة"  # the editors' name stays
    assert Redirect.objects.get(old_path="/category/sport").redirect_page_id == sport.pk


def test_a_rerun_does_not_publish_an_editors_unfinished_revision(tmp_path: Path) -> None:
    factories.home_page()
    posts = small_site()
    run(write(tmp_path, posts))
    story = moved(posts[0])
    draft = story.get_latest_revision_as_object()
    draft.kicker = "تحديث"
    draft.save_revision()

    posts[0].title = "الحكومة تخفض رسوم الألواح الشمسية إلى النصف"
    run(write(tmp_path, posts, "export-2.xml"))

    story.refresh_from_db()
    assert story.title.startswith("الحكومة تخفض رسوم تركيب")  # what readers see is unchanged
    latest = story.get_latest_revision_as_object()
    assert latest.title == posts[0].title and latest.kicker == "تحديث"
    assert story.has_unpublished_changes
