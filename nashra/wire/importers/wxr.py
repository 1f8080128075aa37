"""A WordPress export (WXR) read into plain records; nothing here touches the database.

WXR is RSS 2.0 with WordPress's own namespace (export/1.0 … 1.2, depending on the
WordPress version that wrote it), so the namespace is found rather than assumed. The file
is parsed with defusedxml: an export is an upload from elsewhere, and entity expansion
or external entities in it are refused rather than obeyed.
"""

from __future__ import annotations

import html
import ipaddress
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import IO
from urllib.parse import unquote, urlparse
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException, ElementTree

CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
_NO_DATE = "0000-00-00 00:00:00"


class ExportError(ValueError):
    """The file is not a WordPress export that can be read."""


@dataclass
class Category:
    slug: str
    name: str
    parent: str = ""


@dataclass
class WpComment:
    id: str
    parent_id: str
    author: str
    email: str
    address: str | None
    created_at: datetime | None
    body: str
    approved: str  # WordPress's own value: "1", "0", "spam" or "trash"
    kind: str  # "" (or "comment") for a reader's comment; pingbacks and trackbacks otherwise


@dataclass
class Post:
    id: str
    title: str
    link: str
    guid: str
    slug: str
    status: str
    kind: str  # WordPress's post_type
    published_at: datetime | None
    creator: str
    content: str
    excerpt: str
    categories: list[Category] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    thumbnail_id: str = ""
    attachment_url: str = ""
    alt_text: str = ""  # an attachment's: WordPress keeps it in _wp_attachment_image_alt
    comments: list[WpComment] = field(default_factory=list)


@dataclass
class Export:
    site_url: str
    categories: list[Category]
    authors: dict[str, str]  # login → display name
    posts: list[Post]  # every item: posts, pages, attachments…

    def articles(self) -> list[Post]:
        return [post for post in self.posts if post.kind == "post"]

    def attachments(self) -> dict[str, Post]:
        return {post.id: post for post in self.posts if post.kind == "attachment"}


def read_export(source: Path | IO[bytes], zone: tzinfo) -> Export:
    """The export's records. Times without a GMT twin in the file are read in ``zone``."""
    try:
        root = ElementTree.parse(source).getroot()
    except ElementTree.ParseError as error:
        raise ExportError(f"not well-formed XML: {error}") from error
    except DefusedXmlException as error:
        raise ExportError(f"refused: {type(error).__name__}: {error}") from error
    channel = root.find("channel")
    wp = _wordpress_namespace(channel)
    if channel is None or wp is None:
        raise ExportError("not a WordPress export (no wxr_version)")
    reader = _Reader(wp, zone)
    categories = [
        Category(
            slug=_slug(reader.text(node, "category_nicename")),
            name=reader.text(node, "cat_name"),
            parent=_slug(reader.text(node, "category_parent")),
        )
        for node in channel.findall(f"{wp}category")
    ]
    authors = {
        reader.text(node, "author_login"): reader.text(node, "author_display_name")
        or reader.text(node, "author_login")
        for node in channel.findall(f"{wp}author")
    }
    posts = [reader.post(item) for item in channel.findall("item")]
    return Export(
        site_url=(channel.findtext("link") or "").strip(),
        categories=categories,
        authors=authors,
        posts=posts,
    )


def _wordpress_namespace(channel: Element | None) -> str | None:
    for child in channel if channel is not None else []:
        if child.tag.endswith("}wxr_version") and "wordpress.org/export/" in child.tag:
            return child.tag[: -len("wxr_version")]
    return None


def _slug(value: str) -> str:
    # WordPress keeps non-Latin slugs percent-encoded, in lower case.
    return unquote(value.strip())


def old_path(address: str) -> str:
    """The path and query of an old address, as a redirect matches it."""
    parsed = urlparse(address.strip())
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")


class _Reader:
    def __init__(self, wp: str, zone: tzinfo) -> None:
        self.wp, self.zone = wp, zone
        self.excerpt = wp[:-1] + "excerpt/}"  # {…/export/1.2/} → {…/export/1.2/excerpt/}

    def text(self, node: Element, name: str) -> str:
        return (node.findtext(f"{self.wp}{name}") or "").strip()

    def when(self, node: Element, gmt_name: str, local_name: str) -> datetime | None:
        for name, zone in ((gmt_name, UTC), (local_name, self.zone)):
            value = self.text(node, name)
            if value and value != _NO_DATE:
                try:
                    parsed = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
                except ValueError:
                    continue
                return parsed.replace(tzinfo=zone)
        return None

    def post(self, item: Element) -> Post:
        post = Post(
            id=self.text(item, "post_id"),
            title=html.unescape((item.findtext("title") or "").strip()),
            link=(item.findtext("link") or "").strip(),
            guid=(item.findtext("guid") or "").strip(),
            slug=_slug(self.text(item, "post_name")),
            status=self.text(item, "status"),
            kind=self.text(item, "post_type"),
            published_at=self.when(item, "post_date_gmt", "post_date"),
            creator=(item.findtext(f"{DC}creator") or "").strip(),
            content=item.findtext(f"{CONTENT}encoded") or "",
            excerpt=item.findtext(f"{self.excerpt}encoded") or "",
            attachment_url=self.text(item, "attachment_url"),
        )
        for node in item.findall("category"):
            name = html.unescape((node.text or "").strip())
            if node.get("domain") == "category":
                post.categories.append(Category(slug=_slug(node.get("nicename", "")), name=name))
            elif node.get("domain") == "post_tag" and name:
                post.tags.append(name)
        for meta in item.findall(f"{self.wp}postmeta"):
            if self.text(meta, "meta_key") == "_thumbnail_id":
                post.thumbnail_id = self.text(meta, "meta_value")
            elif self.text(meta, "meta_key") == "_wp_attachment_image_alt":
                post.alt_text = " ".join(self.text(meta, "meta_value").split())[:255]
        post.comments = [self.comment(node) for node in item.findall(f"{self.wp}comment")]
        return post

    def comment(self, node: Element) -> WpComment:
        address = self.text(node, "comment_author_IP")
        try:
            ipaddress.ip_address(address)
        except ValueError:
            address = ""
        return WpComment(
            id=self.text(node, "comment_id"),
            parent_id=self.text(node, "comment_parent").lstrip("0"),
            author=html.unescape(self.text(node, "comment_author")),
            email=self.text(node, "comment_author_email"),
            address=address or None,
            created_at=self.when(node, "comment_date_gmt", "comment_date"),
            body=self.text(node, "comment_content"),
            approved=self.text(node, "comment_approved"),
            kind=self.text(node, "comment_type"),
        )
