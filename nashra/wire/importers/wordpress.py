"""A WordPress site moved into Nashra from its export, as often as needed.

Categories become sections, tags stay tags, authors become authors, posts become
articles with their own dates, and comments keep their moderation status. Every old
address (the permalink, and WordPress's "/?p=ID" short form) redirects to the new page;
that redirect is also how a later run recognises an article it made before, so running
the import again updates what changed in WordPress and creates nothing twice. Comments
are recognised by article, author, time and text.

What WordPress says wins on a re-run for the fields it carries (headline, body,
standfirst, date, tags, authors, lead image); publication only moves forward: a post
published in WordPress is published here, but the import never unpublishes an article.
Each post is written in one transaction with its redirects and comments, so an
interrupted run leaves whole articles only, and the next run picks up where it stopped.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nh3
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from nashra.comments.models import Comment, Status, fingerprint_of
from nashra.newsroom.models import ArticlePage, Author, SectionPage
from nashra.pictures.forms import upload_limits
from nashra.pictures.inspection import PictureRefused, inspect_picture
from nashra.pictures.library import add_picture
from nashra.wire.articles import SLUG_LENGTH, IncomingStory, create_article, unique_slug
from nashra.wire.blocks import Block, html_to_blocks, text_of
from nashra.wire.importers.autop import autop
from nashra.wire.importers.wxr import Category, Export, Post, WpComment, old_path

PUBLISHED = {"publish"}
DRAFTS = {"draft", "pending", "future", "private"}
COMMENT_STATUS = {"1": Status.APPROVED, "0": Status.PENDING, "spam": Status.SPAM}
UNCATEGORISED = Category(slug="uncategorized", name="غير مصنف")


@dataclass
class Summary:
    """What a run did, counted by "things verb" (e.g. "articles created")."""

    counts: Counter[str] = field(default_factory=Counter)
    missing_images: list[str] = field(default_factory=list)


@dataclass
class Wanted:
    """An article as the export has it, in the terms a revision is compared in."""

    title: str
    standfirst: str
    body: list[Block]
    tags: list[str]
    authors: list[str]
    lead_image: Any
    lead_image_caption: str

    def differs_from(self, page: ArticlePage) -> bool:
        return (
            page.title != self.title
            or page.standfirst != self.standfirst
            or _canonical(page.body.raw_data) != [(kind, value) for kind, value in self.body]
            or sorted(tag.name for tag in page.tags.all()) != sorted(set(self.tags))
            or sorted(author.name for author in page.authors.all()) != sorted(self.authors)
            or page.lead_image_id != (self.lead_image.pk if self.lead_image else None)
            or page.lead_image_caption != self.lead_image_caption
        )

    def apply_to(self, page: ArticlePage) -> None:
        page.title, page.draft_title = self.title, self.title
        page.standfirst, page.body = self.standfirst, self.body
        page.tags.set(self.tags)
        page.authors = [Author.objects.get_or_create(name=name)[0] for name in self.authors]
        page.lead_image, page.lead_image_caption = self.lead_image, self.lead_image_caption


def _canonical(raw: Any) -> list[tuple[str, Any]]:
    return [(block["type"], block["value"]) for block in raw]


class WordPressImport:
    def __init__(
        self,
        export: Export,
        media: Path | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.export, self.media, self.progress = export, media, progress
        self.home = Site.objects.get(is_default_site=True).root_page
        self.summary = Summary()
        self.sections: dict[str, SectionPage] = {}
        self.attachments = export.attachments()

    def run(self) -> Summary:
        tags_before, authors_before = Tag.objects.count(), Author.objects.count()
        for category in self.export.categories:
            self._section(category)
        posts = self.export.articles()
        for done, post in enumerate(posts, start=1):
            if post.status in PUBLISHED | DRAFTS:
                with transaction.atomic():
                    self._post(post)
            else:
                self.summary.counts["posts skipped"] += 1
            if self.progress:
                self.progress(done, len(posts))
        self.summary.counts["other items skipped"] = (
            len(self.export.posts) - len(posts) - len(self.attachments)
        )
        self.summary.counts["tags created"] = Tag.objects.count() - tags_before
        self.summary.counts["authors created"] = Author.objects.count() - authors_before
        return self.summary

    def _count(self, what: str, created: bool) -> None:
        self.summary.counts[f"{what} {'created' if created else 'unchanged'}"] += 1

    def _section(self, category: Category) -> SectionPage:
        if category.slug in self.sections:
            return self.sections[category.slug]
        # The category's old address is the section's identity; then a section the
        # editors made with the same slug; else a new one.
        archive = Redirect.normalise_path(f"/category/{category.slug}/")
        known = Redirect.objects.filter(old_path=archive, site=None).first()
        section = known.redirect_page.specific if known and known.redirect_page else None
        slug = slugify(category.slug, allow_unicode=True)[:SLUG_LENGTH] or "section"
        if not isinstance(section, SectionPage):
            section = SectionPage.objects.child_of(self.home).filter(slug=slug).first()
        self._count("sections", section is None)
        if section is None:
            section = SectionPage(
                title=category.name or category.slug,
                slug=unique_slug(self.home, slug),
                show_in_menus=not category.parent,
            )
            self.home.add_child(instance=section)
            section.save_revision().publish()
        self.sections[category.slug] = section
        self._redirect(f"/category/{category.slug}/", section)
        return section

    def _post(self, post: Post) -> None:
        section = self._section(post.categories[0] if post.categories else UNCATEGORISED)
        wanted = self._wanted(post)
        page = self._existing(post, section)
        publish = post.status in PUBLISHED
        if page is None:
            page = create_article(
                section,
                IncomingStory(
                    headline=wanted.title,
                    body=wanted.body,
                    standfirst=wanted.standfirst,
                    published_at=post.published_at,
                    tags=wanted.tags,
                    slug=post.slug or post.title,
                    authors=wanted.authors,
                    lead_image=wanted.lead_image,
                    lead_image_caption=wanted.lead_image_caption,
                ),
                publish=publish,
            )
            self.summary.counts["articles created"] += 1
        else:
            self._update(page, wanted, publish)
        if post.published_at is not None and page.first_published_at != post.published_at:
            # The post's own date, for drafts too: Wagtail keeps it when they are published.
            ArticlePage.objects.filter(pk=page.pk).update(first_published_at=post.published_at)
            page.first_published_at = post.published_at
        for path in self._old_paths(post):
            self._redirect(path, page)
        self._comments(page, post.comments)

    def _wanted(self, post: Post) -> Wanted:
        body = html_to_blocks(autop(post.content))
        image, caption = self._image(post)
        return Wanted(
            title=(post.title or text_of(post.content)[:80] or post.slug)[:255],
            standfirst=text_of(post.excerpt)[:400],
            body=body,
            tags=list(dict.fromkeys(post.tags)),
            authors=[self.export.authors.get(post.creator, post.creator)] if post.creator else [],
            lead_image=image,
            lead_image_caption=caption,
        )

    def _existing(self, post: Post, section: SectionPage) -> ArticlePage | None:
        paths = [Redirect.normalise_path(path) for path in self._old_paths(post)]
        redirect = (
            Redirect.objects.filter(old_path__in=paths, site=None, redirect_page__isnull=False)
            .select_related("redirect_page")
            .first()
        )
        if redirect is not None and redirect.redirect_page is not None:
            found = redirect.redirect_page.specific
            return found if isinstance(found, ArticlePage) else None
        # An article made before its redirects existed (they were deleted, say).
        slug = slugify(post.slug, allow_unicode=True)[:SLUG_LENGTH]
        return (
            ArticlePage.objects.child_of(section).filter(slug=slug, title=post.title).first()
            if slug
            else None
        )

    def _update(self, page: ArticlePage, wanted: Wanted, publish: bool) -> None:
        latest = page.get_latest_revision_as_object()
        changed = wanted.differs_from(latest)
        if changed:
            # Editors' unpublished work on a live article is not published for them: the
            # update joins it as a draft revision.
            editing = page.live and page.has_unpublished_changes
            wanted.apply_to(latest)
            revision = latest.save_revision()
            if (publish and not page.live) or (page.live and not editing):
                revision.publish()
        elif publish and not page.live:
            latest.save_revision().publish()
            changed = True
        self.summary.counts["articles updated" if changed else "articles unchanged"] += 1

    def _old_paths(self, post: Post) -> list[str]:
        paths = [f"/?p={post.id}"]
        for address in (post.link, post.guid):
            path = old_path(address)
            if address.startswith(("http://", "https://")) and path not in ("", "/"):
                paths.append(path)
        return list(dict.fromkeys(paths))

    def _redirect(self, path: str, page: Any) -> None:
        old = Redirect.normalise_path(path)
        if old == Redirect.normalise_path(page.url_path.removeprefix(self.home.url_path[:-1])):
            return  # the old address is the new one: nothing to redirect
        redirect, created = Redirect.objects.get_or_create(
            old_path=old, site=None, defaults={"redirect_page": page, "is_permanent": True}
        )
        if not created and redirect.redirect_page_id != page.pk:
            redirect.redirect_page, redirect.redirect_link = page, ""
            redirect.save(update_fields=["redirect_page", "redirect_link"])
        self._count("redirects", created)

    def _image(self, post: Post) -> tuple[Any, str]:
        attachment = self.attachments.get(post.thumbnail_id)
        if attachment is None or not attachment.attachment_url:
            return None, ""
        caption = text_of(attachment.excerpt)[:250]
        found = self._media_file(attachment.attachment_url)
        if found is None:
            self.summary.missing_images.append(attachment.attachment_url)
            return None, ""
        try:
            # The same checks as an editor's upload: an old site's files are not trusted.
            clean = inspect_picture(found.read_bytes(), **upload_limits())
        except PictureRefused as refused:
            self.summary.missing_images.append(f"{attachment.attachment_url}: {refused.message}")
            return None, ""
        image, created = add_picture(
            clean,
            title=attachment.title or found.stem,
            alt=attachment.alt_text or caption,
            file_stem=found.stem,
        )
        if created:
            self.summary.counts["images created"] += 1
        return image, caption

    def _media_file(self, address: str) -> Path | None:
        """The uploaded file, looked for in the copy of wp-content/uploads given."""
        if self.media is None:
            return None
        path = old_path(address).split("?", 1)[0]
        relative = path.split("/wp-content/uploads/", 1)[-1].lstrip("/")
        for candidate in (self.media / relative, self.media / Path(relative).name):
            resolved = candidate.resolve()
            if resolved.is_file() and resolved.is_relative_to(self.media.resolve()):
                return resolved
        return None

    def _comments(self, page: ArticlePage, comments: list[WpComment]) -> None:
        wanted = [c for c in comments if c.kind in ("", "comment")]
        self.summary.counts["pingbacks skipped"] += sum(
            1 for c in comments if c.kind not in ("", "comment")
        )
        if not wanted:
            return
        held: dict[tuple[Any, ...], Comment] = {}
        for old in Comment.objects.filter(article=page):
            held[(old.author_name, old.created_at, old.body)] = old
            held.setdefault((old.author_name, old.body), old)
        made: dict[str, Comment] = {}
        parents = {c.id: c.parent_id for c in comments}
        announce: Comment | None = None
        for wp in sorted(wanted, key=_thread_order):
            body = _plain(wp.body)
            if not body:
                continue
            author = (wp.author or _("قارئ"))[:60]
            status = COMMENT_STATUS.get(wp.approved, Status.REJECTED)
            # A comment without a time in the export is known by its author and text alone.
            existing = held.get((author, wp.created_at, body) if wp.created_at else (author, body))
            if existing is None:
                comment = Comment.objects.create(
                    article=page,
                    parent=made.get(_thread_root(wp.id, parents)),
                    author_name=author,
                    email=wp.email[:254],
                    body=body,
                    status=status,
                    address=wp.address,
                    fingerprint=fingerprint_of(body),
                    **({"created_at": wp.created_at} if wp.created_at else {}),
                )
                outcome, shown_changed = "created", status == Status.APPROVED
            else:
                comment, outcome = existing, "unchanged"
                shown_changed = existing.status != status and Status.APPROVED in (
                    existing.status,
                    status,
                )
                if existing.status != status:
                    existing.status, outcome = status, "updated"
                    existing.save(update_fields=["status"])
            self.summary.counts[f"comments {outcome}"] += 1
            announce = comment if shown_changed else announce
            made[wp.id] = comment
        if announce is not None:
            # The comments app keeps the article's published count and clears its caches.
            announce._announce()


def _thread_order(comment: WpComment) -> tuple[bool, str, int]:
    # Threads' first comments before replies, so that a reply finds its thread made.
    when = comment.created_at.isoformat() if comment.created_at else ""
    return bool(comment.parent_id), when, int(comment.id) if comment.id.isdigit() else 0


def _thread_root(comment_id: str, parents: dict[str, str]) -> str:
    """The first comment of a thread: Nashra threads are one level deep."""
    seen: set[str] = set()
    current = parents.get(comment_id, "")
    while parents.get(current) and current not in seen:
        seen.add(current)
        current = parents[current]
    return current


def _plain(body: str) -> str:
    return html.unescape(nh3.clean(body, tags=set())).strip()
