"""WordPress post content made into HTML paragraphs, as WordPress itself shows it.

WordPress stores a classic post as text in which a blank line ends a paragraph and a
single line break is a <br>; it adds the <p> tags only when it renders (wpautop).
Shortcodes ([caption], [gallery]…) belong to plugins we do not have: their tags are
dropped and the text inside them kept.
"""

from __future__ import annotations

import re

_SHORTCODE = re.compile(r"\[/?[a-zA-Z][\w-]*(?:\s[^\]]*)?\]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_BLOCK_START = re.compile(
    r"^\s*<(?:p|h[1-6]|ul|ol|li|blockquote|div|figure|table|pre|hr|!--)[\s>/]", re.IGNORECASE
)


def autop(content: str) -> str:
    """Loose text cut into paragraphs; what is already in block tags is left alone.

    >>> autop("سطر أول\\nسطر ثانٍ\\n\\n<h2>عنوان</h2>\\n\\n[caption id=\\"1\\"]صورة[/caption]")
    '<p>سطر أول<br>\\nسطر ثانٍ</p>\\n<h2>عنوان</h2>\\n<p>صورة</p>'
    """
    text = _SHORTCODE.sub("", content.replace("\r\n", "\n"))
    chunks = (chunk.strip() for chunk in _PARAGRAPH_BREAK.split(text))
    return "\n".join(
        chunk if _BLOCK_START.match(chunk) else "<p>" + chunk.replace("\n", "<br>\n") + "</p>"
        for chunk in chunks
        if chunk
    )
