"""An ingest run: each due source polled once, each new story taken in its own transaction.

A source is leased for the run (``Source.take_lease``), so cron, the scheduler and a
hand-started run can overlap without two of them polling the same source. Every story
is written together with its ``Item`` row in one transaction: a run that dies leaves
either the whole story or nothing, and the next run takes up whatever is still missing.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nashra.core.web_addresses import web_address
from nashra.newsroom.models import ArticlePage
from nashra.pictures.library import add_picture
from nashra.wire import dedup
from nashra.wire.articles import IncomingStory, add_source, create_article
from nashra.wire.blocks import html_to_blocks, text_of
from nashra.wire.extract import clean_line, extract_page, find_links, html_text
from nashra.wire.feeds import FeedEntry, parse_feed
from nashra.wire.fetch import Client, FetchError
from nashra.wire.models import Item, Outcome, Policy, Source, SourceKind
from nashra.wire.pictures import FetchedPicture, OfferedPicture, fetch_picture

Progress = Callable[[int, int], None]


@dataclass
class SourceReport:
    source: str
    status: str = "ok"  # ok | not-modified | busy | error
    offered: int = 0
    taken: int = 0
    attached: int = 0
    duplicates: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class Candidate:
    """A story as offered: from a feed entry, or only an address to fetch."""

    key: str
    link: str
    title: str = ""
    html: str = ""
    published_at: datetime | None = None
    author: str = ""
    picture: OfferedPicture | None = None


@dataclass
class Found:
    """A candidate made into a story, with what dedup and the inbox need besides."""

    story: IncomingStory
    text: str
    canonical: str
    author: str = ""
    picture: OfferedPicture | None = None


class Runner:
    def __init__(self, client: Client | None = None, progress: Progress | None = None) -> None:
        self.client = client or Client.from_settings()
        self.progress = progress
        self.token = uuid.uuid4().hex
        self.index: dedup.NearIndex | None = None
        self.done = 0
        self.total = 0
        self.deadline = time.monotonic() + float(settings.WIRE_RUN_SECONDS)

    def run(self, sources: Iterable[Source]) -> list[SourceReport]:
        sources = list(sources)
        if not sources:
            return []
        self.index = dedup.NearIndex.recent()
        reports = []
        for source in sources:
            if self.out_of_time():
                # Left for the next run: they are still due then, and nothing was taken.
                reports.append(SourceReport(source=source.name, status="later"))
                continue
            reports.append(self.run_source(source))
        return reports

    def out_of_time(self) -> bool:
        """Whether this run has used its budget (WIRE_RUN_SECONDS); stories and sources
        not started by then wait for the next run, however slow a source is today."""
        return time.monotonic() >= self.deadline

    def run_source(self, source: Source) -> SourceReport:
        report = SourceReport(source=source.name)
        if not source.take_lease(self.token, int(settings.WIRE_LEASE_SECONDS)):
            report.status = "busy"
            return report
        try:
            self._poll(source, report)
        finally:
            source.release_lease(self.token)
        return report

    def _poll(self, source: Source, report: SourceReport) -> None:
        try:
            response = self.client.get(source.address, source.etag, source.last_modified)
            if response.not_modified:
                report.status = "not-modified"
                source.record_success(source.etag, source.last_modified, [])
                return
            candidates = self._candidates(source, response.body, response.charset,
                                          response.url)
        except FetchError as error:
            report.status = "error"
            report.errors.append(error.message)
            source.record_failure(error.message)
            return
        report.offered = len(candidates)
        self.total += len(candidates)
        for candidate in candidates:
            if self.out_of_time():
                break  # not recorded as an item: offered again by the next run
            source.take_lease(self.token, int(settings.WIRE_LEASE_SECONDS))
            self._take(source, candidate, report)
            self.done += 1
            if self.progress:
                self.progress(self.done, self.total)
        source.record_success(response.headers.get("etag", ""),
                              response.headers.get("last-modified", ""), report.errors[:20])

    def _candidates(self, source: Source, body: bytes, charset: str, url: str) -> list[Candidate]:
        # Only http(s) links are taken: a feed's or a page's link ends up in an href on
        # the live story. And no more than WIRE_MAX_ENTRIES a fetch, each of which may
        # cost a page fetch, so a feed of thousands cannot hold the run.
        if source.kind == SourceKind.FEED:
            entries: list[FeedEntry] = parse_feed(body, charset)
            found = [Candidate(key=e.key, link=web_address(e.link), title=e.title, html=e.html,
                               published_at=e.published_at, author=e.author,
                               picture=e.picture) for e in entries]
        else:
            links = filter(None, map(web_address, find_links(html_text(body, charset), url)))
            found = [Candidate(key=dedup.canonical_url(link)[:500], link=link) for link in links]
        found = found[: settings.WIRE_MAX_ENTRIES]
        held = set(Item.objects.filter(source=source, key__in=[c.key for c in found])
                   .values_list("key", flat=True))
        return [candidate for candidate in found if candidate.key not in held]

    def _story(self, source: Source, candidate: Candidate) -> Found:
        text = text_of(candidate.html)
        link = candidate.link
        author, picture = clean_line(candidate.author), candidate.picture
        if len(text) >= settings.WIRE_MIN_TEXT and candidate.title:
            body = html_to_blocks(candidate.html)
            headline, canonical = clean_line(candidate.title), link
            published = candidate.published_at
        else:
            if not link:
                raise FetchError(_("خبر بلا نص كافٍ وبلا رابط: %(key)s") % {"key": candidate.key})
            response = self.client.get(link)
            page = extract_page(html_text(response.body, response.charset), response.url)
            body, text = page.body, page.text
            headline = clean_line(candidate.title) or page.headline
            canonical = web_address(page.canonical) or response.url
            published = candidate.published_at or page.published_at
            author = author or page.author
            if picture is None and web_address(page.image):
                picture = OfferedPicture(url=web_address(page.image))
        story = IncomingStory(
            headline=headline, body=body, published_at=published,
            sources=[(source.name, link or canonical)], wire_credit=source.wire_credit,
            authors=[author[:120]] if author else [],
        )
        return Found(story, text, dedup.canonical_url(canonical or link), author, picture)

    def _fetch_picture(self, found: Found, report: SourceReport) -> FetchedPicture | None:
        """The story's photo, checked; None (and the reason reported) when it cannot be
        taken: the story goes in without it rather than not at all."""
        if found.picture is None:
            return None
        try:
            return fetch_picture(self.client, found.picture)
        except FetchError as error:
            report.errors.append(error.message)
            return None

    def _take(self, source: Source, candidate: Candidate, report: SourceReport) -> None:
        try:
            found = self._story(source, candidate)
        except FetchError as error:
            report.failed += 1
            report.errors.append(error.message)
            if not error.retryable:
                # Not a story (furniture only, too big, not Arabic text...): do not
                # fetch it again every poll.
                Item.objects.get_or_create(
                    source=source, key=candidate.key,
                    defaults={"url": candidate.link[:1000], "outcome": Outcome.FAILED,
                              "error": error.message, "headline": candidate.title[:255]},
                )
            return
        # The text alone: another outlet's copy of a story usually has a headline of its own.
        digest = dedup.content_hash(found.text)
        minhash = dedup.signature(found.text)
        existing_id = dedup.exact_match(found.canonical, digest)
        if existing_id is None and self.index is not None:
            existing_id = self.index.match(minhash)
        existing = ArticlePage.objects.filter(pk=existing_id).first() if existing_id else None
        # Fetched before the transaction: no database lock is held while a server answers.
        fetched = self._fetch_picture(found, report) if existing is None else None
        item = Item(
            source=source, key=candidate.key, url=candidate.link[:1000],
            canonical_url=found.canonical[:1000], content_hash=digest,
            signature=dedup.to_bytes(minhash), headline=found.story.headline[:255],
            author=found.author[:200],
            image_url=web_address(found.picture.url)[:1000] if found.picture else "",
            published_at=found.story.published_at,
        )
        try:
            with transaction.atomic():
                if existing is not None:
                    attached = add_source(existing, source.name, candidate.link or found.canonical)
                    item.outcome = Outcome.ATTACHED if attached else Outcome.DUPLICATE
                    item.article = existing
                    item.signature = None  # the held story's own signature stands for it
                    item.save()
                else:
                    if fetched is not None:
                        self._attach_picture(source, found.story, fetched)
                    publish = source.policy == Policy.PUBLISH
                    item.article = create_article(source.section, found.story, publish=publish)
                    if not publish and found.story.published_at is not None:
                        keep_source_time(item.article, found.story.published_at)
                    item.outcome = Outcome.TAKEN
                    item.save()
                    source.count_taken()
        except IntegrityError:
            # Another run took the same story between our check and our write.
            report.duplicates += 1
            return
        if item.outcome == Outcome.TAKEN:
            report.taken += 1
            if self.index is not None and item.article is not None:
                self.index.add(item.pk, minhash, item.article.pk)
        elif item.outcome == Outcome.ATTACHED:
            report.attached += 1
        else:
            report.duplicates += 1


    @staticmethod
    def _attach_picture(source: Source, story: IncomingStory, fetched: FetchedPicture) -> None:
        offered = fetched.offered
        # The text that stands for the photo: the source's own, else its caption. A story
        # published straight from a trusted agency must not go out with a silent picture;
        # a draft's editor is asked for better words before publishing (newsroom/forms.py).
        alt = offered.alt or offered.caption
        if not alt and source.policy == Policy.PUBLISH:
            alt = _("صورة مرفقة بخبر: %(headline)s") % {"headline": story.headline[:200]}
        story.lead_image, _created = add_picture(
            fetched.clean,
            title=story.headline,
            alt=alt,
            photographer=offered.photographer,
            agency=source.wire_credit or source.name,
            file_stem=f"wire-{source.pk}",
        )
        story.lead_image_caption = offered.caption


def keep_source_time(draft: ArticlePage, published_at: datetime) -> None:
    """The draft carries the source's publication time, as a published story would.

    Wagtail keeps a page's first publication time through later revisions and sets one
    only when there is none, so the editor who publishes the draft publishes it at the
    time the source did, and the inbox shows how fresh it is.
    """
    ArticlePage.objects.filter(pk=draft.pk).update(first_published_at=published_at)
    draft.first_published_at = published_at


def ingest(source_id: int | None = None, every: bool = False,
           progress: Progress | None = None, client: Client | None = None) -> list[SourceReport]:
    """Poll one source, or all enabled ones (``every``), or those that are due."""
    if source_id is not None:
        sources: list[Source] = list(Source.objects.filter(pk=source_id))
    elif every:
        sources = list(Source.objects.enabled().order_by("pk"))
    else:
        sources = Source.objects.due()
    return Runner(client, progress).run(sources)
