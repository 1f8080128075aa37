"""Home → Section → Article, the page tree of the reader site."""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable
from typing import Any

from django.core.paginator import InvalidPage, Paginator
from django.core.paginator import Page as PaginatorPage
from django.db import connection, connections, models
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from nashra.core.blocks import BodyBlock
from nashra.core.web_addresses import WebAddressField
from nashra.newsroom.authors import Author, Column, author_paths
from nashra.newsroom.corrections import Correction, Kind
from nashra.newsroom.credits import credits_for
from nashra.newsroom.forms import ArticleForm
from nashra.newsroom.page_rows import BuiltFromRow
from nashra.newsroom.read_also import keep_read_also, read_also_for
from nashra.operations.prepared import prepared_rows
from nashra.operations.site_lookup import RememberedRestrictions, parent_of
from nashra.pictures.blocks import picture_ids, pictures_known, remember
from nashra.pictures.models import SHOWN_FIELDS, Picture, picture_from_row, pictures_by_id
from nashra.pictures.renditions import only_card_renditions

SECTION_PAGE_SIZE = 20

# What apps above the newsroom add to a story's context (live coverage adds its entries),
# without the newsroom importing them: each appends a callable when it starts.
STORY_CONTEXT: list[Callable[[ArticlePage, HttpRequest, dict[str, Any]], None]] = []


class ArticleQuerySet(PageQuerySet):
    def published(self) -> ArticleQuerySet:
        return self.live()

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by("-first_published_at", "-pk")

    def in_section(self, section: Page) -> ArticleQuerySet:
        return self.child_of(section)

    def tagged(self, slug: str) -> ArticleQuerySet:
        return self.filter(tags__slug=slug)

    def by(self, author: Author) -> ArticleQuerySet:
        return self.filter(authors=author)

    def news(self) -> ArticleQuerySet:
        """Stories that are reporting, not opinion: what the news sitemap lists."""
        return self.filter(column__isnull=True)

    def breaking(self) -> ArticleQuerySet:
        return self.published().filter(breaking=True).newest_first()

    def for_cards(self) -> ArticleQuerySet:
        """Only the columns a story card shows, so long bodies are not read for lists."""
        return self.only(
            "id", "title", "slug", "url_path", "kicker", "standfirst",
            "first_published_at", "breaking", "lead_image", "depth", "path", "comment_count",
            "column", "coverage_started_at", "coverage_ended_at",
            *(f"lead_image__{name}" for name in SHOWN_FIELDS),
        ).select_related("lead_image")


ArticleManager = PageManager.from_queryset(ArticleQuerySet)


class HomePage(RememberedRestrictions, Page):
    max_count = 1
    subpage_types = ["newsroom.SectionPage", "core.StaticPage"]

    LATEST_COUNT = 8
    PER_SECTION_COUNT = 4

    class Meta:
        verbose_name = _("الصفحة الرئيسية")

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        # A story's address is section/slug/: find it in one query by its slug (indexed)
        # and full path, rather than walking the tree with a query and a `.specific` at
        # each level, Wagtail's way, which is most of an uncached story's cost. Anything
        # else (a section, a static page, a story's print view) is walked as usual.
        if len(path_components) >= 2:
            url_path = f"{self.url_path}{path_components[0]}/{path_components[1]}/"
            story = _story_at(path_components[1], url_path)
            if story is not None:
                return story.route(request, path_components[2:])
        return super().route(request, path_components)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        latest = list(ArticlePage.objects.published().newest_first().for_cards()[
            : self.LATEST_COUNT + 1
        ])
        context["lead"] = latest[0] if latest else None
        context["latest"] = latest[1:]
        context["section_blocks"] = [
            (section, list(section.latest_articles(self.PER_SECTION_COUNT)))
            for section in SectionPage.objects.live().child_of(self)
        ]
        return context


def _story_at(slug: str, url_path: str) -> ArticlePage | None:
    # In plain SQL: building this query through the ORM took 0.6 ms, a tenth of an
    # uncached story, against 0.2 ms for the statement and the model built from its row.
    # Not through a RawQuerySet either, which maps the columns to the fields again on
    # every run (0.3 ms more).
    database = ArticlePage.objects.db
    rows = prepared_rows(database, _story_statement(), [slug, url_path])
    if not rows:
        return None
    row = rows[0]
    fields = ArticlePage._meta.concrete_fields
    values = list(row[: len(fields)])
    for position, converters in _story_converters(database):
        for converter, column in converters:
            values[position] = converter(values[position], column, connections[database])
    story = ArticlePage.from_db(database, [field.attname for field in fields], values)
    story.has_entries = bool(row[-1])
    if story.lead_image_id is not None:
        # Its lead picture came in the same row (see _story_statement).
        story.lead_image = picture_from_row(row[len(fields): len(fields) + len(SHOWN_FIELDS)])
    return story


@functools.cache
def _story_converters(database: str) -> list[tuple[int, list[Any]]]:
    """What the ORM does to a story's columns as the database hands them back (aware
    datetimes and booleans on SQLite, the body's blocks), by column: those it changes."""
    connection = connections[database]
    found = []
    for position, field in enumerate(ArticlePage._meta.concrete_fields):
        column = field.get_col(field.model._meta.db_table)
        converters = connection.ops.get_db_converters(column) + column.get_db_converters(
            connection
        )
        if converters:
            found.append((position, [(converter, column) for converter in converters]))
    return found


@functools.cache
def _story_statement() -> str:
    quoted = connection.ops.quote_name
    page, article = quoted(Page._meta.db_table), quoted(ArticlePage._meta.db_table)
    columns = ", ".join(
        f"{quoted(field.model._meta.db_table)}.{quoted(field.column)}"
        for field in ArticlePage._meta.concrete_fields
    )
    picture = quoted(Picture._meta.db_table)
    lead_columns = ", ".join(
        f"{picture}.{quoted(Picture._meta.get_field(name).column)} AS lead_{name}"
        for name in SHOWN_FIELDS
    )
    lead_image = quoted(ArticlePage._meta.get_field("lead_image").column)
    entries = quoted(Correction._meta.db_table)
    # Whether it has corrections or updates, so most stories need no query for them.
    has_entries = (
        f"EXISTS (SELECT 1 FROM {entries} WHERE {entries}.article_id"
        f" = {article}.{quoted(ArticlePage._meta.pk.column)}) AS has_entries"
    )
    return (
        f"SELECT {columns}, {lead_columns}, {has_entries} FROM {article}"
        f" JOIN {page} ON {page}.id = {article}.{quoted(ArticlePage._meta.pk.column)}"
        f" LEFT JOIN {picture} ON {picture}.id = {article}.{lead_image}"
        f" WHERE {page}.slug = %s AND {page}.url_path = %s"
    )


class SectionPage(RememberedRestrictions, Page):
    intro = models.CharField(_("تعريف القسم"), max_length=250, blank=True)

    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.ArticlePage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("قسم")
        verbose_name_plural = _("الأقسام")

    def articles(self) -> ArticleQuerySet:
        return ArticlePage.objects.published().in_section(self).newest_first().for_cards()

    def latest_articles(self, count: int) -> ArticleQuerySet:
        return self.articles()[:count]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(self.articles(), request)
        return context


# The second page onwards, as the pagination links write it: no leading zero, no page 1.
_LATER_PAGE = re.compile(r"[2-9]|[1-9][0-9]{1,5}")


def paginate(queryset: Any, request: HttpRequest) -> PaginatorPage:
    """The page of results the `page` query argument asks for.

    A listing has one address per page: none for the first, `page=N` for the N-th.
    Anything else (page=1, page=01, page=0, a word, two page arguments, a page past the
    last) is a 404, so nobody can make the site render and keep endless copies of one
    listing under new addresses. The request is marked as paginated: the page cache
    keeps `page=` addresses only of responses that read the argument.
    """
    request.paginated = True  # type: ignore[attr-defined]
    asked = request.GET.getlist("page")
    if not asked:
        number = 1
    elif len(asked) == 1 and _LATER_PAGE.fullmatch(asked[0]):
        number = int(asked[0])
    else:
        raise Http404
    try:
        return Paginator(queryset, SECTION_PAGE_SIZE).page(number)
    except InvalidPage as error:
        raise Http404 from error


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "newsroom.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(BuiltFromRow, RememberedRestrictions, RoutablePageMixin, Page):
    kicker = models.CharField(_("عنوان تمهيدي"), max_length=80, blank=True)
    standfirst = models.TextField(_("الموجز"), max_length=400, blank=True)
    dateline = models.CharField(
        _("مكان الخبر"), max_length=80, blank=True, help_text=_("مثل: سوريا، عمّان")
    )
    body = StreamField(BodyBlock(), verbose_name=_("المتن"))
    lead_image = models.ForeignKey(
        Picture,
        verbose_name=_("الصورة الرئيسية"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.CharField(_("تعليق الصورة"), max_length=250, blank=True)
    updated_at = models.DateTimeField(
        _("وقت التحديث"),
        null=True,
        blank=True,
        help_text=_("يظهر للقراء «آخر تحديث» حين يُعدَّل الخبر تعديلاً جوهرياً."),
    )
    authors = ParentalManyToManyField(Author, verbose_name=_("الكتّاب"), blank=True)
    column = models.ForeignKey(
        Column,
        verbose_name=_("عمود الرأي"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pieces",
        help_text=_("اختر عموداً إن كان المقال رأياً: يُوسَم «رأي» أينما ظهر."),
    )
    wire_credit = models.CharField(
        _("وكالة الأنباء"), max_length=80, blank=True, help_text=_("مثل: رويترز")
    )
    tags = ClusterTaggableManager(through=ArticleTag, verbose_name=_("الوسوم"), blank=True)
    breaking = models.BooleanField(_("عاجل"), default=False)
    comments_open = models.BooleanField(_("التعليقات مفتوحة"), default=True)
    view_count = models.PositiveBigIntegerField(_("المشاهدات"), default=0, editable=False)
    # Published comments, kept by the comments app so story cards need no count query.
    comment_count = models.PositiveIntegerField(_("التعليقات"), default=0, editable=False)
    # The picture drawn for social networks when the story has no lead image
    # (newsroom/share_cards.py), and the headline it was drawn with.
    share_card = models.CharField(max_length=255, blank=True, editable=False)
    share_card_title = models.CharField(max_length=255, blank=True, editable=False)
    # Live coverage (nashra/live), kept outside the editors' revisions like the counters:
    # the live desk starts and ends it while the story is published.
    coverage_started_at = models.DateTimeField(
        _("بدء التغطية المباشرة"), null=True, blank=True, editable=False
    )
    coverage_ended_at = models.DateTimeField(
        _("نهاية التغطية المباشرة"), null=True, blank=True, editable=False
    )

    objects = ArticleManager()

    parent_page_types = ["newsroom.SectionPage"]
    subpage_types: list[str] = []

    base_form_class = ArticleForm
    content_panels = [
        FieldPanel("kicker"),
        *Page.content_panels,
        FieldPanel("standfirst"),
        FieldRowPanel([FieldPanel("dateline"), FieldPanel("wire_credit")]),
        MultiFieldPanel(
            [
                FieldPanel(
                    "lead_image",
                    help_text=_(
                        "الصورة تظهر في الخبر وفي بطاقاته وعند مشاركته. يُشترط لها نص بديل "
                        "قبل النشر؛ والقصّ في كل مكان حول النقطة المحورية المحددة في المكتبة."
                    ),
                ),
                FieldPanel("lead_image_caption"),
            ],
            heading=_("الصورة الرئيسية"),
        ),
        FieldPanel("body"),
        InlinePanel("sources", label=_("المصادر"), heading=_("المصادر")),
        InlinePanel("read_also_links", label=_("إقرأ أيضاً"), heading=_("إقرأ أيضاً")),
        FieldRowPanel([FieldPanel("authors"), FieldPanel("column")]),
        FieldPanel("tags"),
        FieldRowPanel([FieldPanel("breaking"), FieldPanel("comments_open")]),
        FieldPanel("updated_at"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("breaking"),
    ]

    class Meta:
        verbose_name = _("خبر")
        verbose_name_plural = _("الأخبار")
        indexes = [
            # The home page asks on every render which stories are covered live now: a
            # handful of rows, found without reading the archive.
            models.Index(
                fields=["-coverage_started_at"],
                condition=models.Q(
                    coverage_started_at__isnull=False, coverage_ended_at__isnull=True
                ),
                name="article_live_now",
            ),
            # The ticker, on every page not served from the cache once its own cached
            # copy expires: a handful of rows. Without it PostgreSQL walked every story
            # newest first looking for them, 150 ms at 100,000 stories, and the requests
            # that found the copy expired all did so at once.
            models.Index(
                fields=["page_ptr"], condition=models.Q(breaking=True), name="article_breaking"
            ),
        ]

    def with_content_json(self, content: dict[str, Any]) -> ArticlePage:
        """The page as a revision has it, but with the live counters.

        Views and comments are counted outside the editors' revisions; publishing an
        older draft must not put back the counts it was saved with.
        """
        page: ArticlePage = super().with_content_json(content)
        page.view_count = self.view_count
        page.comment_count = self.comment_count
        page.share_card, page.share_card_title = self.share_card, self.share_card_title
        page.coverage_started_at = self.coverage_started_at
        page.coverage_ended_at = self.coverage_ended_at
        return page

    @property
    def is_live_coverage(self) -> bool:
        """Covered live, now or in the past: the page shows its entries."""
        return self.coverage_started_at is not None

    @property
    def live_now(self) -> bool:
        """Covered live and not yet ended: cards carry the live badge."""
        return self.coverage_started_at is not None and self.coverage_ended_at is None

    @property
    def is_opinion(self) -> bool:
        return self.column_id is not None

    @property
    def was_updated(self) -> bool:
        return bool(
            self.updated_at
            and self.first_published_at
            and self.updated_at > self.first_published_at
        )

    def entries(self) -> list[Correction]:
        """Its corrections, clarifications and updates, oldest first."""
        # A story found by its address knows whether it has any (_story_statement).
        if not self.pk or not getattr(self, "has_entries", True):
            return []
        return list(Correction.objects.filter(article_id=self.pk))

    def also_shown_at(self) -> list[str]:
        """The addresses besides its own that show this story: what a change must purge."""
        url = self.url or ""
        paths = [url + "print/"]
        section = self.get_parent()
        if section is not None and section.url:
            paths += [
                section.url,
                f"/feed/section/{section.slug}/",
                f"/feed/section/{section.slug}/atom/",
                f"/sitemap-{section.slug}.xml",
            ]
        for tag in self.tags.all():
            paths += [f"/tag/{tag.slug}/", f"/feed/tag/{tag.slug}/", f"/feed/tag/{tag.slug}/atom/"]
        for slug in self.authors.values_list("slug", flat=True):
            paths += author_paths(slug)
        if self.is_opinion:
            paths.append(reverse("columnists"))
        # The archive lists its entries; a purge may follow the removal of the last one.
        paths += [reverse("corrections"), reverse("corrections-feed")]
        return paths

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Rendered here, inside the place where get_context leaves the page's pictures,
        # so the body's picture blocks take theirs from there (pictures/blocks.py).
        with pictures_known():
            response = super().serve(request, *args, **kwargs)
            if isinstance(response, TemplateResponse):
                response.render()
        return response

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["section"] = parent_of(self)
        context["credits"] = credits_for(self, request)
        context["corrections"] = entries = self.entries()
        # Readers are told under the headline when the story got something wrong.
        context["correction_notice"] = next(
            (entry for entry in reversed(entries) if entry.kind == Kind.CORRECTION), None
        )
        # Editors' picks, then related stories computed on publish; cached.
        context["read_also"] = read_also_for(self)
        self._load_pictures(context["read_also"])
        for extend in STORY_CONTEXT:
            extend(self, request, context)
        return context

    def _load_pictures(self, read_also: list[Any]) -> None:
        """Every picture the page shows, in one query at most.

        The lead comes with the story's own row (_story_statement) and the related stories'
        thumbnails with their cached list; what is left (the body's pictures, and those of
        a list just computed) is asked for at once.
        """
        loaded = ArticlePage.lead_image.is_cached  # type: ignore[attr-defined]
        bare = [story for story in read_also if story.lead_image_id and not loaded(story)]
        wanted = picture_ids(self.body.raw_data) | {story.lead_image_id for story in bare}
        if self.lead_image_id and not loaded(self):
            wanted.add(self.lead_image_id)
        pictures = pictures_by_id(wanted)
        remember(pictures)
        if self.lead_image_id and not loaded(self):
            self.lead_image = pictures.get(self.lead_image_id)
        for story in bare:
            # A copy: the same picture may be this page's lead, shown in every size.
            thumbnail = copy.copy(pictures.get(story.lead_image_id))
            only_card_renditions(thumbnail)
            story.lead_image = thumbnail
        if bare:
            keep_read_also(self, read_also)

    @path("print/", name="print")
    def print_view(self, request: HttpRequest) -> HttpResponse:
        return TemplateResponse(
            request, "newsroom/article_page_print.html", self.get_context(request)
        )


class ArticleSource(Orderable):
    """One "المصدر" line: who the story came from, in the order the editor gave."""

    article = ParentalKey(ArticlePage, related_name="sources", on_delete=models.CASCADE)
    name = models.CharField(_("اسم المصدر"), max_length=200)
    url = WebAddressField(_("الرابط"), blank=True, max_length=1000)

    panels = [FieldPanel("name"), FieldPanel("url")]

    def __str__(self) -> str:
        return self.name


class ReadAlsoLink(Orderable):
    """A story an editor picked for "إقرأ أيضاً", in the editor's order."""

    article = ParentalKey(ArticlePage, related_name="read_also_links", on_delete=models.CASCADE)
    target = models.ForeignKey(
        ArticlePage,
        verbose_name=_("الخبر"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("target", page_type="newsroom.ArticlePage")]
