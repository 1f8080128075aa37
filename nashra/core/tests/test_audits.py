"""Outside audits of the reader pages: the W3C Nu HTML checker and axe-core.

Both audit the same pages of one factory-built site that carries every hook of the page
contract, so a template change that breaks validity or accessibility anywhere a reader can
land fails here. Lighthouse, which needs a served site and minutes, lives in `bench/audit`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.utils import timezone

from nashra.comments.factories import comment
from nashra.conftest import require_service
from nashra.live.models import LiveEntry, end_coverage, start_coverage
from nashra.newsroom import factories
from nashra.newsroom.authors import Column
from nashra.newsroom.corrections import Correction
from nashra.newsroom.demo import furnish_site
from nashra.newsroom.models import Author, ReadAlsoLink
from nashra.pictures import factories as picture_factories

# WCAG 2.2's minimum tap target (AA) is off in axe by default; a phone reader needs it.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
# The two layouts the stylesheet has: a phone's single column and the desktop grid.
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@dataclass(frozen=True)
class AuditedPage:
    name: str
    path: str
    status: int = 200
    # Form fields to POST instead of a GET (the states a form's answer puts a page in).
    post: dict[str, str] | None = None


@pytest.fixture
def audited_pages(monkeypatch: pytest.MonkeyPatch) -> list[AuditedPage]:
    """A site with every part a reader can meet, and the addresses of its page kinds."""
    # Two stories a page: the section page then shows its pagination without 21 stories.
    monkeypatch.setattr("nashra.newsroom.models.SECTION_PAGE_SIZE", 2)
    home = factories.home_page()
    chosen = furnish_site(home)
    chosen.hosting_url = "https://example.com/hosting"
    chosen.save()
    privacy = chosen.privacy_page

    politics = factories.section("سياسة", slug="politics", intro="أخبار السياسة المحلية.")
    sport = factories.section("رياضة", slug="sports")
    older = factories.article(
        politics,
        "الحكومة تعلن خطة لتحديث شبكة المياه",
        slug="water-plan",
        kicker="خدمات",
        standfirst="خطة على ثلاث مراحل تبدأ العام المقبل.",
    )
    factories.article(sport, "فريق الشعلة يتوج بلقب الدوري", slug="league-final", breaking=True)
    older_photo = picture_factories.picture("market", seed=6, size=(1200, 800),
                                            alt="سوق شعبي بمظلات مخططة")
    older.lead_image = older_photo
    older.save_revision().publish()
    photo = picture_factories.picture(
        "city", seed=5, size=(1600, 1000), title="قاعة البرلمان",
        alt="نواب في قاعة البرلمان أثناء التصويت", photographer="قسم التصوير",
    )
    published = timezone.now() - timedelta(hours=3)
    story = factories.article(
        politics,
        "البرلمان يقر الموازنة العامة بعد نقاش طويل",
        slug="budget-vote",
        published_at=published,
        updated_at=published + timedelta(hours=1),
        kicker="الموازنة العامة",
        standfirst="أقر مجلس النواب الموازنة العامة للعام المقبل بأغلبية واضحة.",
        dateline="عمّان",
        wire_credit="وكالة المشرق للأنباء",
        view_count=1148,
        lead_image=photo,
        lead_image_caption="جلسة التصويت على الموازنة",
        body=[
            ("paragraph", '<p>صوّت المجلس على <a href="https://example.com/law">القانون</a>.</p>'),
            ("heading", "ماذا بعد التصويت"),
            ("paragraph", "<p>يحال القانون إلى مجلس الأعيان.</p>"),
            ("quote", {"text": "الموازنة تحمي الإنفاق الاجتماعي.", "attribution": "وزير المالية"}),
            ("image", {"image": photo, "caption": "القاعة بعد التصويت", "credit": "نشرة"}),
            ("gallery", {"title": "صور الجلسة", "pictures": [
                {"image": photo, "caption": "قبل التصويت"},
                {"image": older_photo, "caption": "بعد التصويت"},
            ]}),
        ],
        sources=[("إذاعة الشمال", ""), ("صحيفة الساحل", "https://example.com/budget")],
        tags=["الموازنة العامة", "البرلمان"],
    )
    reporter = Author.objects.create(
        name="رنا الشوبكي", job_title="مراسلة برلمانية", bio="تغطي جلسات البرلمان.",
        website="https://example.com/rana", x_url="https://x.com/rana",
        photo=picture_factories.picture("city", seed=8, alt="رنا الشوبكي"),
    )
    columnist = Author.objects.create(
        name="ليلى العمري", guest=True, bio="كاتبة عمود أسبوعي.",
        photo=picture_factories.picture("sea", seed=9, alt="ليلى العمري"),
    )
    column = Column.objects.create(title="على الهامش", writer=columnist)
    opinion = factories.section("رأي", slug="opinion")
    piece = factories.article(opinion, "المدرسة التي نريدها", slug="school", column=column,
                              standfirst="عن الواجبات المدرسية.")
    piece.authors.set([columnist])
    piece.save_revision().publish()
    story.authors.set([reporter])
    story.read_also_links = [ReadAlsoLink(target=older, sort_order=0),
                             ReadAlsoLink(target=piece, sort_order=1)]
    story.save_revision().publish()
    Correction.objects.create(article=story, kind="correction",
                              text="ورد خطأ في عدد المصوتين وقد صُحّح.")
    Correction.objects.create(article=story, kind="update", text="أحيل القانون إلى الأعيان.")
    first = comment(story, "تعليق أول على الموازنة،\nفي سطرين.", author_name="سلمى")
    comment(story, "رد على التعليق الأول", author_name="رامي", parent=first)
    comment(story, "تعليق ثانٍ", author_name="هدى")
    closed = factories.article(
        politics, "وزير الداخلية يستقيل من منصبه", slug="minister-resigns", comments_open=False
    )

    covered = factories.article(
        politics, "عاصفة ثلجية في المرتفعات: تغطية مباشرة", slug="storm-live",
        standfirst="نتابع لحظة بلحظة أثر العاصفة على الطرق والكهرباء.",
    )
    start_coverage(covered)
    for kind, text, extra in [
        ("text", "بدء تساقط الثلوج على المرتفعات.", {}),
        ("image", "جرافة تفتح طريقاً جبلياً.", {"picture": photo}),
        ("quote", "فرقنا في الميدان منذ الفجر.", {"quote_by": "مدير الدفاع المدني"}),
        ("link", "إرشادات السلامة في الطقس البارد.",
         {"link_url": "https://example.com/cold", "link_title": "الإرشادات كاملة"}),
        ("text", "إغلاق الطريق الجبلي أمام المركبات الصغيرة.",
         {"key_event": True, "key_event_title": "إغلاق الطريق الجبلي"}),
    ]:
        LiveEntry.add(covered, None, kind=kind, text=text, **extra)
    finished = factories.article(politics, "انتخابات البلدية: التغطية المنتهية", slug="vote-live")
    start_coverage(finished)
    LiveEntry.add(finished, None, text="إعلان النتائج النهائية.", key_event=True)
    end_coverage(finished)

    # The search index follows commits, which a test's transaction never makes.
    from nashra.search.documents import rebuild

    rebuild()
    # Views in the buckets, so the most-read block is on the home and story pages.
    from nashra.audience import clock
    from nashra.audience.models import HourlyViews

    for views, read in [(9, story), (4, older)]:
        HourlyViews.objects.create(article=read, hour=clock.hour_of(clock.now()), views=views)
    return [
        AuditedPage("home", "/"),
        AuditedPage("section", politics.url),
        AuditedPage("article", story.url),
        AuditedPage("article-print", story.url + "print/"),
        AuditedPage("live", covered.url),
        AuditedPage("live-print", covered.url + "print/"),
        AuditedPage("live-ended", finished.url),
        AuditedPage("article-comments-closed", closed.url),
        AuditedPage("comment-form", f"/comments/{story.pk}/new/?parent={first.pk}"),
        AuditedPage(
            "comment-form-errors",
            f"/comments/{story.pk}/post/",
            status=400,
            post={"name": "س", "email": "ليس بريداً", "body": "نص"},
        ),
        AuditedPage("search-results", "/search/?q=الموازنة"),
        AuditedPage("search-no-results", "/search/?q=كلمةغيرموجودة"),
        AuditedPage("search-no-query", "/search/"),
        AuditedPage("tag", "/tag/" + story.tags.first().slug + "/"),
        AuditedPage("opinion", piece.url),
        AuditedPage("author", reporter.get_absolute_url()),
        AuditedPage("columnist", columnist.get_absolute_url()),
        AuditedPage("columnists", "/columnists/"),
        AuditedPage("corrections", "/corrections/"),
        AuditedPage("static-page", privacy.url),
        AuditedPage("not-found", "/no/such/page/", status=404),
    ]


# The W3C's current checker (`make install-test` puts it there, from the vnu-jar package):
# the one pip ships dates from 2020 and refuses what HTML has gained since, such as
# fetchpriority and a preload's imagesrcset.
VNU_JAR = (
    Path(__file__).resolve().parents[3] / ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
)


@pytest.fixture
def java() -> str:
    found = shutil.which("java")
    require_service("Java (for the Nu HTML checker)", found is not None)
    require_service("the Nu HTML checker (make install-test)", VNU_JAR.exists())
    assert found is not None
    return found


def vnu_messages(java: str, files: list[Path]) -> list[dict[str, Any]]:
    """The checker's messages for all files, from one JVM start."""
    jar = VNU_JAR
    completed = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--exit-zero-always",
         *map(str, files)],
        capture_output=True, text=True, check=True, timeout=300,
    )
    # vnu writes its JSON report to stderr; the JVM may print notices before it.
    report = completed.stderr[completed.stderr.index("{"):]
    return list(json.loads(report)["messages"])


def describe(message: dict[str, Any]) -> str:
    page = Path(message.get("url", "?")).stem
    where = f"{page}:{message.get('lastLine', '?')}"
    extract = " ".join(message.get("extract", "").split())
    return f"  {where}: {message.get('message')}\n      {extract}"


@pytest.mark.django_db
def test_every_kind_of_reader_page_is_valid_html(
    java: str, client: Client, audited_pages: list[AuditedPage], tmp_path: Path
) -> None:
    files = []
    for page in audited_pages:
        response = client.post(page.path, page.post) if page.post else client.get(page.path)
        assert response.status_code == page.status, (page.name, response.status_code)
        path = tmp_path / f"{page.name}.html"
        path.write_bytes(response.content)
        files.append(path)

    messages = vnu_messages(java, files)

    errors = [m for m in messages if m.get("type") in {"error", "non-document-error"}]
    notes = [m for m in messages if m not in errors]
    if notes:
        print("Nu HTML checker warnings and notes:\n" + "\n".join(map(describe, notes)))
    report = "\n".join(map(describe, errors))
    assert not errors, f"Nu HTML checker errors (pages kept in {tmp_path}):\n{report}"


def describe_violations(where: str, violations: list[dict[str, Any]]) -> list[str]:
    lines = []
    for violation in violations:
        lines.append(f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}")
            lines.append(f"      {node.get('failureSummary', '').replace(chr(10), ' ')}")
    return lines


def post_form(fields: dict[str, str]) -> Any:
    """A route handler that sends the browser's visit as a form POST."""

    def handle(route: Any) -> None:
        route.continue_(
            method="POST",
            post_data=urlencode(fields),
            headers={**route.request.headers, "content-type": "application/x-www-form-urlencoded"},
        )

    return handle


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_kind_of_reader_page_passes_axe_on_a_phone_and_a_desktop(
    live_server: Any, tab: Any, audited_pages: list[AuditedPage]
) -> None:
    axe = Axe()
    found: list[str] = []
    for viewport_name, viewport in VIEWPORTS.items():
        tab.set_viewport_size(viewport)
        for page in audited_pages:
            if page.post:
                tab.route(live_server.url + page.path, post_form(page.post))
            response = tab.goto(live_server.url + page.path)
            assert response is not None and response.status == page.status, page.name
            results = axe.run(tab, options=AXE_OPTIONS)
            found += describe_violations(
                f"{page.name} @ {viewport_name}", results.response["violations"]
            )

    assert not found, "axe-core violations:\n" + "\n".join(found)


def test_the_favicon_address_browsers_guess_leads_to_the_site_icon(client: Client) -> None:
    # Lighthouse counts the 404 a browser logs for /favicon.ico against best practices.
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"].endswith(".svg")
