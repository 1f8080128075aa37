"""Other sites' HTML made into our article body: sanitised, in our own blocks.

Whatever comes in (a feed's content, a page's extracted text, a WordPress post) goes
through nh3 with a short allow-list, then is cut into the body's StreamField blocks:
paragraphs (rich text with bold, italic, links and lists), sub-headings and quotes.
Text is kept as written; invisible junk (zero-width and bidi controls, empty paragraphs)
is dropped.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

import nh3

# What the body's paragraph block can hold (nashra.core.blocks.PARAGRAPH_FEATURES).
_INLINE = {"b", "strong", "i", "em", "a", "br"}
_BLOCKS = {"p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li"}
_ALLOWED_TAGS = _INLINE | _BLOCKS
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069\u00ad]")
_BLOCK_SPLIT = re.compile(
    r"<(p|h2|h3|h4|blockquote|ul|ol)(?:\s[^>]*)?>(.*?)</\1>", re.DOTALL | re.IGNORECASE
)
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")

Block = tuple[str, Any]


def sanitise(html: str) -> str:
    """HTML reduced to the allowed tags; links only to http(s), opened without referrer."""
    cleaned = nh3.clean(
        _INVISIBLE.sub("", html),
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return cleaned


def text_of(html: str) -> str:
    """The visible text of an HTML fragment, spaces collapsed."""
    return _SPACE.sub(" ", unescape(_TAGS.sub(" ", html))).strip()


def html_to_blocks(html: str) -> list[Block]:
    """Body blocks from HTML; loose text between block tags becomes paragraphs.

    >>> html_to_blocks("<h2>عنوان</h2><p>فقرة <b>مهمة</b></p><script>x</script>")
    [('heading', 'عنوان'), ('paragraph', '<p>فقرة <b>مهمة</b></p>')]
    """
    cleaned = sanitise(html)
    if not _BLOCK_SPLIT.search(cleaned):
        cleaned = "".join(
            f"<p>{line}</p>" for line in re.split(r"(?:<br\s*/?>\s*){2,}|\n{2,}", cleaned)
        )
    blocks: list[Block] = []
    for match in _BLOCK_SPLIT.finditer(cleaned):
        tag, inner = match.group(1).lower(), match.group(2).strip()
        if not text_of(inner):
            continue
        if tag in {"h2", "h3", "h4"}:
            blocks.append(("heading", text_of(inner)))
        elif tag == "blockquote":
            blocks.append(("quote", {"text": text_of(inner), "attribution": ""}))
        elif tag in {"ul", "ol"}:
            blocks.append(("paragraph", f"<{tag}>{inner}</{tag}>"))
        else:
            blocks.append(("paragraph", f"<p>{inner}</p>"))
    return blocks


def text_to_blocks(text: str) -> list[Block]:
    """Body blocks from plain text: one paragraph per non-empty line, escaped."""
    lines = (_SPACE.sub(" ", _INVISIBLE.sub("", line)).strip() for line in text.splitlines())
    return [("paragraph", f"<p>{escape(line)}</p>") for line in lines if line]
