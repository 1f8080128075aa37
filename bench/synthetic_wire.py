"""Synthetic wire stories with a known truth, served as the sources' feeds, for `bench.ingest`.

Every story belongs to a cluster, and the clusters hold
  - stories told once;
  - the same story again from another source, rewritten: a new headline, words changed
    or respelled (hamza, ة/ه, ى/ي, harakat), a paragraph dropped or added, sometimes the
    same text under a tracking address;
  - "siblings" that are different stories sharing a background paragraph word for word,
    as agencies repeat one, to catch false matches.
For one story in ten the feed holds only a summary, whose article page must be fetched
and extracted, as real feeds do.
"""

from __future__ import annotations

import random
import threading
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bench.synthetic_arabic import COMMON as NEWS_WORDS
from bench.synthetic_arabic import PLACES as NEWS_PLACES
from bench.synthetic_arabic import vocabulary

# The shared news words with the small words of running text, which rewrites keep; a
# list of its own so that these stories, and the figures measured on them, stay as they
# were first measured.
COMMON = [word for word in NEWS_WORDS if word != "العربية"] + (
    "يوم أمس اليوم خلال بعد قبل منذ حتى إلى في على من عن مع أن إن التي الذي هذه هذا كما أيضاً"
).split()
PLACES = [place for place in NEWS_PLACES if place not in {"أنقرة", "طهران"}] + ["نابلس", "الكرك"]
SPELLING = [("أ", "ا"), ("إ", "ا"), ("ة", "ه"), ("ى", "ي"), ("آ", "ا")]


class Writer:
    """Sentences from a real head of news words and a long tail of made-up ones."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = vocabulary(rng, [*COMMON, *PLACES], 20000)
        self.weights = [1 / (rank + 1) ** 0.9 for rank in range(len(self.words))]

    def sentence(self, low: int = 12, high: int = 22) -> str:
        return " ".join(self.rng.choices(self.words, self.weights, k=self.rng.randint(low, high)))

    def paragraph(self) -> str:
        return "، ".join(self.sentence() for _ in range(self.rng.randint(2, 3))) + "."

    def story(self, background: str | None = None) -> dict[str, Any]:
        paragraphs = [self.paragraph() for _ in range(self.rng.randint(3, 5))]
        if background:
            paragraphs.append(background)
        return {"title": self.sentence(6, 11), "paragraphs": paragraphs}

    def rewrite(self, story: dict[str, Any]) -> dict[str, Any]:
        """Another outlet's version of the same story."""
        rng = self.rng
        paragraphs = list(story["paragraphs"])
        if len(paragraphs) > 3 and rng.random() < 0.4:
            paragraphs.pop(rng.randrange(1, len(paragraphs)))
        if rng.random() < 0.5:
            paragraphs.insert(rng.randint(1, len(paragraphs)), self.paragraph())
        changed = []
        for paragraph in paragraphs:
            words = paragraph.split(" ")
            for i in range(len(words)):
                roll = rng.random()
                if roll < 0.06:
                    words[i] = rng.choice(self.words[:400])
                elif roll < 0.25:
                    for written, plain in SPELLING:
                        words[i] = words[i].replace(written, plain)
                elif roll < 0.28:
                    words[i] = words[i] + "َ"
            changed.append(" ".join(words))
        return {"title": self.sentence(6, 11), "paragraphs": changed}


def fixture_set(stories: int, sources: int, seed: int) -> list[dict[str, Any]]:
    """Every story with its source, its cluster and how it is served."""
    rng = random.Random(seed)
    writer = Writer(rng)
    items: list[dict[str, Any]] = []
    clusters: list[dict[str, Any]] = []
    while len(items) < stories:
        roll = rng.random()
        source = rng.randrange(sources)
        if roll < 0.18 and clusters:
            original = rng.choice(clusters)
            others = [s for s in range(sources) if s not in original["sources"]] or [source]
            source = rng.choice(others)
            exact = rng.random() < 0.15
            story = dict(original["story"]) if exact else writer.rewrite(original["story"])
            original["sources"].add(source)
            items.append({"cluster": original["id"], "source": source, "story": story,
                          "tracking": exact})
        elif roll < 0.28:
            background = writer.paragraph()
            for _ in range(2):
                cluster = {"id": len(clusters), "story": writer.story(background),
                           "sources": {source}}
                clusters.append(cluster)
                items.append({"cluster": cluster["id"], "source": source,
                              "story": cluster["story"], "tracking": False})
        else:
            cluster = {"id": len(clusters), "story": writer.story(), "sources": {source}}
            clusters.append(cluster)
            items.append({"cluster": cluster["id"], "source": source,
                          "story": cluster["story"], "tracking": False})
    items = items[:stories]
    for number, item in enumerate(items):
        item["number"] = number
        item["page_only"] = rng.random() < 0.1
    return items


def html_body(story: dict[str, Any]) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in story["paragraphs"])


def page(story: dict[str, Any]) -> str:
    title = escape(story["title"])
    return (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
            f"<title>{title}</title>"
            f'<meta property="article:published_time" content="2026-11-28T09:30:00+03:00">'
            f'</head><body><nav><a href="/">الرئيسية</a> <a href="/x">محليات</a></nav>'
            f"<article><h1>{title}</h1>{html_body(story)}</article>"
            f"<footer>جميع الحقوق محفوظة</footer></body></html>")


def routes(items: list[dict[str, Any]], sources: int, base: str) -> dict[str, bytes]:
    served: dict[str, bytes] = {}
    feeds: dict[int, list[str]] = {s: [] for s in range(sources)}
    for item in items:
        path = f"/s{item['source']}/story/{item['number']}"
        link = base + path + ("?utm_source=feed" if item["tracking"] else "")
        item["link"] = link
        story = item["story"]
        description = escape(story["paragraphs"][0][:60]) if item["page_only"] \
            else html_body(story)
        if item["page_only"]:
            served[path] = page(story).encode()
        feeds[item["source"]].append(
            f"<item><title>{escape(story['title'])}</title><link>{escape(link)}</link>"
            f"<guid>s{item['source']}-{item['number']}</guid>"
            f"<pubDate>Sat, 28 Nov 2026 09:30:00 +0300</pubDate>"
            f"<description>{escape(description)}</description></item>"
        )
    for source, entries in feeds.items():
        served[f"/s{source}/feed.xml"] = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>مصدر {source}</title><link>{base}/s{source}/</link><description>أخبار"
            f"</description>{''.join(entries)}</channel></rss>"
        ).encode()
    return served


def serve(items: list[dict[str, Any]], sources: int) -> tuple[ThreadingHTTPServer, str]:
    """The feeds and pages of `items` on a free loopback port, until shut down; its address."""
    table: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            body = table.get(self.path.split("?")[0])
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html"
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    table.update(routes(items, sources, base))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, base

