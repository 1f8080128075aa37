"""A synthetic site written straight into the database, for the runs that load a whole site.

Run as a child by `bench.harness.sites` (`python -m bench.synthetic_site STEP`), in the
environment of the throw-away state it fills; each step reports its progress and its
result to the parent (`bench.harness.children`):

    load N           N published articles in five sections; their addresses and ids
    index            the search index of the words (read-also lists left as they are)
    read-also IDS    the «إقرأ أيضاً» lists of the articles IDS (JSON), against them all
    pictures N       N photo-sized pictures, renditions made, as every story's lead

Pages are written in bulk (pages, their sources and tags), not through Wagtail's
one-by-one page creation, which would take hours at 100,000.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import timedelta
from typing import Any

from bench.harness.children import Report, answer, report_progress
from bench.synthetic_arabic import PLACES, Writer

SECTIONS = 5
BATCH = 1000
PICTURE_KINDS = ("city", "sea", "desert", "mountains", "market", "stadium", "field", "night")


def load_site(count: int, progress: Report) -> dict[str, Any]:
    """N published articles in five sections, written in bulk; returns their addresses."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.html import escape
    from taggit.models import Tag
    from wagtail.models import Locale, Page

    from nashra.comments.factories import comment_policy
    from nashra.newsroom import factories
    from nashra.newsroom.models import ArticlePage, ArticleSource, ArticleTag

    writer = Writer(2026)
    home = factories.home_page()
    # The load generator posts as soon as it has the form's token.
    comment_policy(min_fill_seconds=0)
    kind = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    tags = {name: Tag.objects.get_or_create(name=name, slug=f"t-{n}")[0]
            for n, name in enumerate(PLACES)}
    now = timezone.now()
    page_fields = [field.attname for field in Page._meta.concrete_fields if field.attname != "id"]
    article_fields = list(ArticlePage._meta.local_concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in article_fields)
    insert = (
        f"INSERT INTO {connection.ops.quote_name(ArticlePage._meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(article_fields))})"
    )
    paths: list[str] = []
    ids: list[int] = []
    sections = []
    number = 0
    for index in range(SECTIONS):
        section = factories.section(f"قسم {index + 1}", slug=f"section-{index + 1}")
        sections.append(section.url)
        share = count // SECTIONS + (1 if index < count % SECTIONS else 0)
        for start in range(0, share, BATCH):
            batch = []
            for offset in range(start, min(share, start + BATCH)):
                number += 1
                story = writer.article()
                published = now - timedelta(minutes=number * 7)
                slug = f"story-{number}"
                article = ArticlePage(
                    title=story["title"][:250], draft_title=story["title"][:250], slug=slug,
                    path=ArticlePage._get_path(section.path, section.depth + 1, offset + 1),
                    depth=section.depth + 1, numchild=0,
                    url_path=f"{section.url_path}{slug}/", live=True,
                    has_unpublished_changes=False, first_published_at=published,
                    last_published_at=published, content_type=kind, locale=locale,
                    standfirst=story["standfirst"][:400], dateline=story["dateline"],
                    body=[("paragraph", f"<p>{escape(p)}</p>")
                          for p in story["text"].split("\n")],
                    view_count=random.randint(0, 5000),
                )
                batch.append(article)
            with transaction.atomic():
                bases = Page.objects.bulk_create(
                    [Page(**{name: getattr(a, name) for name in page_fields}) for a in batch]
                )
                rows = []
                for base, article in zip(bases, batch, strict=True):
                    article.pk = article.page_ptr_id = base.pk
                    rows.append([
                        field.get_db_prep_save(getattr(article, field.attname), connection)
                        for field in article_fields
                    ])
                with connection.cursor() as cursor:
                    cursor.executemany(insert, rows)
                ArticleSource.objects.bulk_create(
                    ArticleSource(article_id=a.pk, name="وكالة الأنباء", sort_order=0)
                    for a in batch
                )
                ArticleTag.objects.bulk_create(
                    ArticleTag(content_object_id=a.pk, tag=tags[a.dateline]) for a in batch
                    if a.dateline in tags
                )
            paths += [a.url_path.removeprefix(home.url_path[:-1]) for a in batch]
            ids += [a.pk for a in batch]
            progress(len(ids), count)
        Page.objects.filter(pk=section.pk).update(numchild=share)
    if connection.vendor == "postgresql":
        # The statistics a running site has from autovacuum, which a bulk load outruns
        # (and which a server may run without): planned blind, PostgreSQL read every story
        # to find the breaking ones.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"paths": paths, "ids": ids, "sections": sections}


def build_index(progress: Report) -> int:
    from nashra.search.documents import rebuild

    return rebuild(progress, read_also=False)


def compute_read_also(ids: list[int], progress: Report) -> int:
    from nashra.search.documents import refresh_read_also
    from nashra.search.models import SearchEntry

    return refresh_read_also(SearchEntry.objects.filter(pk__in=ids).iterator(),
                             lambda done: progress(done, len(ids)))


def add_pictures(count: int, progress: Report) -> int:
    """`count` photo-sized pictures, renditions made, shared out as every story's lead."""
    from nashra.newsroom.models import ArticlePage
    from nashra.pictures import factories as picture_factories

    pictures = []
    for n in range(count):
        pictures.append(picture_factories.picture(
            PICTURE_KINDS[n % len(PICTURE_KINDS)], seed=n, size=(2000, 1333),
            photographer="قسم التصوير", agency="نشرة"))
        progress(n + 1, count)
    ids = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
    for n, picture in enumerate(pictures):
        ArticlePage.objects.filter(pk__in=ids[n::count]).update(lead_image=picture)
    return len(ids)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    steps = parser.add_subparsers(dest="step", required=True)
    steps.add_parser("load").add_argument("count", type=int)
    steps.add_parser("index")
    steps.add_parser("read-also").add_argument("ids", type=json.loads)
    steps.add_parser("pictures").add_argument("count", type=int)
    arguments = parser.parse_args()

    import django

    django.setup()
    if arguments.step == "load":
        answer(load_site(arguments.count, report_progress))
    elif arguments.step == "index":
        answer(build_index(report_progress))
    elif arguments.step == "read-also":
        answer(compute_read_also(arguments.ids, report_progress))
    else:
        answer(add_pictures(arguments.count, report_progress))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
