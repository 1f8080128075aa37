"""`nashra import_text`: page dumps become clean articles, the furniture left behind."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command

from nashra.conftest import require_service
from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage
from nashra.wire.blocks import text_of
from nashra.wire.importers.dates import find_date
from nashra.wire.importers.text_dump import Role, parse_dump

ROOT = Path(__file__).resolve().parents[3]
REFERENCE = ROOT.parent / "shared" / "reference" / "reference-page.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "importers"
AMMAN = ZoneInfo("Asia/Amman")

# What each line of the reference page is, decided by reading it: (role, story index).
REFERENCE_ROLES: dict[int, tuple[Role, int | None]] = {
    1: (Role.HEADLINE, 0),
    2: (Role.DATE, 0),
    **{number: (Role.BODY, 0) for number in range(3, 12)},
    12: (Role.SOURCE, 0),
    13: (Role.SOURCE, 0),
    14: (Role.READ_ALSO, None),
    15: (Role.HEADLINE, 1),
    **{number: (Role.BODY, 1) for number in range(16, 24)},
    24: (Role.WIRE, 1),
    **{number: (Role.FURNITURE, None) for number in range(25, 38)},
}


def reference_text() -> str:
    # The reference page is third-party text, so it is never copied into the repository;
    # it lives in the shared folder beside a working checkout. A checkout made elsewhere
    # (a bare CI clone, say) has no such folder: say so and skip. Where the folder is
    # there, the page must be too.
    if not REFERENCE.parent.parent.is_dir():
        pytest.skip(f"no shared reference folder beside this checkout ({REFERENCE.parent})")
    require_service("the reference page", REFERENCE.is_file())
    return REFERENCE.read_text(encoding="utf-8")


def import_text(*args: str) -> list[str]:
    out = io.StringIO()
    call_command("import_text", *args, stdout=out)
    return out.getvalue().split()


def everything_shown(page: ArticlePage) -> str:
    parts = [page.title, page.standfirst, page.dateline, page.wire_credit]
    parts += [text_of(str(block.value)) for block in page.body]
    parts += [source.name for source in page.sources.all()]
    return "\n".join(parts)


def test_every_line_of_the_reference_page_has_the_role_an_editor_would_give_it() -> None:
    lines = reference_text().splitlines()
    dump = parse_dump("\n".join(lines), AMMAN)

    assert len(dump.lines) == len(lines) == len(REFERENCE_ROLES)
    assert {line.number: (line.role, line.story) for line in dump.lines} == REFERENCE_ROLES


@pytest.mark.django_db
def test_the_reference_page_becomes_two_clean_linked_drafts(monkeypatch) -> None:
    lines = reference_text().splitlines()
    politics = factories.section("سياسة", slug="politics")
    monkeypatch.chdir(ROOT)

    printed = import_text("../shared/reference/reference-page.txt")

    main, second = ArticlePage.objects.child_of(politics).order_by("-pk")[:2]
    assert ArticlePage.objects.count() == 2
    assert printed == [main.full_url, second.full_url]
    assert not main.live and not second.live
    assert [link.target_id for link in main.read_also_links.all()] == [second.pk]

    assert main.title == lines[0] and second.title == lines[14]
    # "5th, January 2025 GMT"; the page's own stamp, 11:51 PM in Amman, gives the time.
    assert main.first_published_at == datetime(2025, 1, 5, 20, 51, tzinfo=UTC)
    assert second.first_published_at == datetime(2025, 1, 5, 20, 51, tzinfo=UTC)
    assert main.dateline == "سوريا" and main.wire_credit == ""
    assert [s.name for s in main.sources.all()] == ["منصة مزيج", "صحيفة المرصد الليبية"]
    assert second.wire_credit == "رويترز" and second.dateline == ""
    # "سرايا - قال…": the outlet it came through, named by its own footer, not a place.
    assert [s.name for s in second.sources.all()] == ["سرايا"]

    paragraphs = {
        0: [text_of(str(block.value)) for block in main.body],
        1: [text_of(str(block.value)) for block in second.body],
    }
    assert paragraphs[0][0] == lines[2].split("– ", 1)[1]
    assert paragraphs[1][0] == lines[15].split("- ", 1)[1]
    for number, (role, story) in REFERENCE_ROLES.items():
        text = lines[number - 1]
        if role is Role.BODY and number not in (3, 16):
            assert text in paragraphs[story]  # type: ignore[index]
        if role in (Role.FURNITURE, Role.READ_ALSO, Role.DATE):
            for page in (main, second):
                assert text not in everything_shown(page)
    for furniture in ["تابع قناتنا", "طباعة", "المشاهدات", "رمز التحقق", "تعليقات", "حقوق النشر",
                      "الخصوصية", "استضافة", "الانتظار", "إقرأ أيضاً", "تاريخ النشر"]:  # fmt: skip
        assert furniture not in everything_shown(main) + everything_shown(second)


@pytest.mark.django_db
def test_the_published_reference_stories_read_clean_on_the_site(monkeypatch, client) -> None:
    lines = reference_text().splitlines()
    factories.section("سياسة", slug="politics")
    monkeypatch.chdir(ROOT)
    import_text("../shared/reference/reference-page.txt", "--publish")
    main, second = ArticlePage.objects.order_by("-pk")[:2]

    page = BeautifulSoup(client.get(main.url).content, "html.parser")
    assert page.select_one("h1.article-headline").get_text(strip=True) == lines[0]
    assert page.select_one(".article-dateline").get_text(strip=True).startswith("سوريا")
    assert page.select_one("time.article-published")["datetime"] == "2025-01-05T23:51:00+03:00"
    assert [" ".join(li.get_text().split()) for li in page.select(".article-sources > li")] == [
        "المصدر: منصة مزيج",
        "المصدر: صحيفة المرصد الليبية",
    ]
    assert [a.get_text(strip=True) for a in page.select("section.read-also a.read-also-link")][
        0
    ] == lines[14]
    body = page.select_one(".article-body").get_text(" ")
    for number, (role, _story) in REFERENCE_ROLES.items():
        if role is not Role.BODY:
            assert lines[number - 1] not in body

    page = BeautifulSoup(client.get(second.url).content, "html.parser")
    assert page.select_one(".article-wire-credit").get_text(strip=True).endswith("رويترز")
    body = page.select_one(".article-body").get_text(" ")
    assert "تابع قناتنا" not in body and "رمز التحقق" not in body and "رويترز" not in body


@pytest.mark.django_db
def test_published_dumps_keep_their_own_time_and_print_each_address() -> None:
    factories.section("منوعات", slug="misc")
    economy = factories.section("محليات", slug="local")

    printed = import_text(str(FIXTURES / "water-story.txt"), "--section", "local", "--publish")

    tank, schools = ArticlePage.objects.child_of(economy).order_by("pk").reverse()[:2]
    assert printed == [tank.full_url, schools.full_url]
    assert tank.live and schools.live
    assert tank.title == "بلدية إربد تفتتح خزاناً جديداً لمياه الشرب في الأحياء الشرقية"
    assert tank.first_published_at == datetime(2024, 3, 12, 11, 30, tzinfo=UTC)
    assert tank.dateline == "إربد"
    assert [s.name for s in tank.sources.all()] == ["نشرة البلديات"]
    assert len(tank.body) == 3
    assert schools.wire_credit == "بترا" and schools.dateline == ""
    assert [link.target_id for link in tank.read_also_links.all()] == [schools.pk]
    shown = everything_shown(tank) + everything_shown(schools)
    for furniture in ["تلغرام", "شارك الخبر", "طباعة", "القراءات", "أضف تعليق", "محفوظة"]:
        assert furniture not in shown


@pytest.mark.django_db
def test_importing_the_same_file_again_makes_nothing_new() -> None:
    factories.section("محليات", slug="local")
    first = import_text(str(FIXTURES / "water-story.txt"))

    again = import_text(str(FIXTURES / "water-story.txt"))

    assert again == first and len(first) == 2
    assert ArticlePage.objects.count() == 2


@pytest.mark.django_db
def test_a_draft_keeps_the_story_date_when_an_editor_publishes_it() -> None:
    factories.section("محليات", slug="local")
    import_text(str(FIXTURES / "water-story.txt"))
    tank = ArticlePage.objects.get(title__startswith="بلدية إربد")
    assert not tank.live

    tank.get_latest_revision().publish()

    tank.refresh_from_db()
    assert tank.live
    assert tank.first_published_at == datetime(2024, 3, 12, 11, 30, tzinfo=UTC)


@pytest.mark.django_db
def test_the_first_section_is_the_default_and_an_unknown_one_is_refused() -> None:
    first = factories.section("أخبار", slug="news")
    factories.section("رياضة", slug="sport")

    with pytest.raises(CommandError):
        import_text(str(FIXTURES / "water-story.txt"), "--section", "nowhere")
    assert ArticlePage.objects.count() == 0

    import_text(str(FIXTURES / "water-story.txt"))
    assert ArticlePage.objects.child_of(first).count() == 2


@pytest.mark.django_db
def test_it_refuses_to_run_without_any_section() -> None:
    factories.home_page()
    with pytest.raises(CommandError):
        import_text(str(FIXTURES / "water-story.txt"))


@pytest.mark.django_db
def test_a_page_that_is_all_furniture_makes_no_article(tmp_path: Path) -> None:
    factories.section("أخبار", slug="news")
    dump = tmp_path / "footer.txt"
    dump.write_text("طباعة\nجميع الحقوق محفوظة © 2024\nسياسة الخصوصية\n", encoding="utf-8")

    err = io.StringIO()
    call_command("import_text", str(dump), stdout=io.StringIO(), stderr=err)

    assert ArticlePage.objects.count() == 0
    assert "no story found" in err.getvalue()


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("5th, January 2025 GMT", datetime(2025, 1, 5, 0, 0, tzinfo=UTC)),
        ("05-01-2025 11:51 PM", datetime(2025, 1, 5, 20, 51, tzinfo=UTC)),
        ("نشر في ٣ أيار ٢٠٢٤، ٩:٠٥ ص", datetime(2024, 5, 3, 6, 5, tzinfo=UTC)),
        ("2024-11-20 18:00 +02:00", datetime(2024, 11, 20, 16, 0, tzinfo=UTC)),
        ("الأحد 7 يناير 2024", datetime(2024, 1, 6, 21, 0, tzinfo=UTC)),
    ],
)
def test_dates_are_read_in_the_zone_the_page_gives_or_else_the_site_zone(
    written: str, expected: datetime
) -> None:
    found = find_date(written, AMMAN)
    assert found is not None and found.at == expected


def test_text_without_a_date_has_none() -> None:
    assert find_date("وقال إن 32 عضواً حُيّدوا", AMMAN) is None
