"""What runs in the extraction worker process: trafilatura and lxml, nothing of Django.

Kept free of Django so the worker starts fast and holds no database connection.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura

_DATE_META = (
    "article:published_time", "og:published_time", "datePublished", "pubdate",
    "publishdate", "date", "dc.date", "dcterms.created",
)
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')


def _published(tree: Any) -> str:
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if name in {value.lower() for value in _DATE_META} and meta.get("content"):
            return str(meta.get("content")).strip()
    for node in tree.iter("time"):
        if node.get("datetime"):
            return str(node.get("datetime")).strip()
    for script in tree.iter("script"):
        if script.get("type") == "application/ld+json" and script.text:
            match = _JSON_LD_DATE.search(script.text)
            if match:
                return match.group(1)
    return ""


def extract_article(html: str, url: str) -> dict[str, str]:
    """Title, author, date, lead image, canonical address and main text as HTML."""
    body = trafilatura.extract(
        html, url=url, output_format="html", include_formatting=True, include_links=True,
        include_images=False, include_tables=False, include_comments=False,
        favor_precision=True, deduplicate=True,
    ) or ""
    metadata = trafilatura.extract_metadata(html, default_url=url)
    published = ""
    try:
        published = _published(lxml.html.fromstring(html))
    except (ValueError, lxml.etree.ParserError):
        pass
    return {
        "html": body,
        "title": (metadata.title if metadata else "") or "",
        "author": (metadata.author if metadata else "") or "",
        "image": (metadata.image if metadata else "") or "",
        "canonical": (metadata.url if metadata else "") or "",
        "published": published or ((metadata.date if metadata else "") or ""),
    }


def find_links(html: str, base: str, limit: int) -> list[str]:
    """Links on an index page to pages of the same site, in page order, once each."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    host = urlsplit(base).hostname
    seen: list[str] = []
    for anchor in tree.iter("a"):
        href = anchor.get("href")
        if not href:
            continue
        address = urljoin(base, href.strip()).split("#")[0]
        parts = urlsplit(address)
        if parts.scheme not in {"http", "https"} or parts.hostname != host:
            continue
        if address.rstrip("/") == base.rstrip("/") or address in seen:
            continue
        seen.append(address)
        if len(seen) >= limit:
            break
    return seen


def run(task: str) -> str:
    """Worker entry point: a JSON task in, a JSON answer out (cheap to pass between processes)."""
    request = json.loads(task)
    if request["do"] == "links":
        return json.dumps(find_links(request["html"], request["url"], request["limit"]))
    return json.dumps(extract_article(request["html"], request["url"]))
