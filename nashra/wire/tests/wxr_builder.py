"""WordPress exports (WXR 1.2) written for the tests, from original Arabic text.

``build_export(posts=…)`` makes a whole site: categories (one a child), tags, authors,
posts in classic and block-editor formats with comments in every moderation state,
threaded replies, pingbacks, drafts, trashed posts, pages and featured images.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

SITE = "https://old.example.com"

CATEGORIES = [
    ("%d8%a7%d9%82%d8%aa%d8%b5%d8%a7%d8%af", "اقتصاد", ""),
    ("%d9%85%d8%ad%d9%84%d9%8a%d8%a7%d8%aa", "محليات", ""),
    ("sport", "رياضة", ""),
    ("football", "كرة القدم", "sport"),
    ("culture", "ثقافة", ""),
]
AUTHORS = [("huda", "هدى الخطيب"), ("sami", "سامي ناصر"), ("rana", "رنا العلي")]
TAGS = ["طاقة", "مياه", "تعليم", "نقل", "زراعة", "صحة", "مسرح"]
SUBJECTS = [
    "مجلس المدينة", "نقابة المهندسين", "مديرية الزراعة", "جامعة الوادي", "النادي الأهلي",
    "فرقة المسرح الوطني", "غرفة التجارة", "هيئة النقل", "مستشفى الشفاء", "مكتبة البلدية",
]  # fmt: skip
ACTIONS = [
    "يعلن خطة جديدة لتوسيع الخدمات", "يفتتح مشروعاً في الضاحية الجنوبية",
    "يناقش موازنة العام المقبل", "يطلق حملة تطوع بين الشباب", "يوقع اتفاقية تعاون إقليمية",
    "يستقبل وفداً من المحافظات الشمالية", "ينشر تقريره السنوي عن الأداء",
]  # fmt: skip
SENTENCES = [
    "وقال المتحدث باسم الجهة إن العمل سيبدأ خلال الأسابيع القليلة المقبلة.",
    "وأضاف أن الكلفة ستغطى من الموازنة العامة ومن منحة خارجية.",
    "وأشار السكان إلى أنهم ينتظرون هذه الخطوة منذ سنوات طويلة.",
    "ومن المتوقع أن يستفيد من المشروع نحو عشرين ألف شخص.",
    "وأوضح مسؤول آخر أن المرحلة الثانية ستشمل القرى المجاورة.",
    "ولم يحدد البيان موعداً نهائياً لانتهاء الأعمال.",
]
COMMENTS = [
    "خطوة ممتازة ننتظر تنفيذها على أرض الواقع.",
    "أتمنى أن تشمل الخطة حيّنا أيضاً.",
    "سمعنا هذا الكلام من قبل ولم يتغير شيء.",
    "شكراً على التغطية الدقيقة.",
    "هل هناك موعد محدد للبدء؟",
]
COMMENTERS = ["أبو خالد", "مريم", "زائر من إربد", "Omar", "ليلى"]
START = datetime(2023, 6, 1, 7, 0, tzinfo=UTC)


@dataclass
class WpComment:
    id: int
    author: str
    body: str
    approved: str = "1"
    parent: int = 0
    kind: str = ""
    at: datetime = START
    email: str = "reader@example.com"
    ip: str = "203.0.113.7"


@dataclass
class WpPost:
    id: int
    title: str
    slug: str
    content: str
    category: int | None = 0  # index into CATEGORIES
    tags: list[str] = field(default_factory=list)
    author: str = "huda"
    status: str = "publish"
    kind: str = "post"
    at: datetime | None = START
    excerpt: str = ""
    thumbnail: int | None = None
    attachment_url: str = ""
    comments: list[WpComment] = field(default_factory=list)


def site_posts(count: int) -> list[WpPost]:
    """``count`` posts with comments, every fifth in the block editor's format."""
    posts: list[WpPost] = []
    comment_ids = iter(range(1, 10**6))
    for number in range(1, count + 1):
        subject, action = SUBJECTS[number % len(SUBJECTS)], ACTIONS[number % len(ACTIONS)]
        title = f"{subject} {action} ({number})"
        paragraphs = [SENTENCES[(number + k) % len(SENTENCES)] for k in range(3)]
        if number % 5 == 0:
            content = "\n\n".join(
                f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paragraphs
            )
        else:
            content = f"{paragraphs[0]}\n{paragraphs[1]}\n\n<h2>تفاصيل</h2>\n\n{paragraphs[2]}"
        at = START + timedelta(hours=7 * number)
        post = WpPost(
            id=1000 + number,
            title=title,
            slug=f"story-{number}" if number % 3 else f"خبر-{number}",
            content=content,
            category=number % len(CATEGORIES),
            tags=[TAGS[number % len(TAGS)], TAGS[(number * 3) % len(TAGS)]],
            author=AUTHORS[number % len(AUTHORS)][0],
            status="draft" if number % 17 == 0 else "publish",
            at=at,
            excerpt=f"<p>{paragraphs[0]}</p>" if number % 2 else "",
        )
        first = 0
        for k in range(number % 5):
            comment = WpComment(
                id=next(comment_ids),
                author=COMMENTERS[(number + k) % len(COMMENTERS)],
                body=COMMENTS[(number + k) % len(COMMENTS)],
                approved=["1", "1", "0", "spam", "trash"][(number + k) % 5],
                parent=first if k % 2 else 0,
                at=at + timedelta(minutes=13 * (k + 1)),
            )
            first = first or comment.id
            post.comments.append(comment)
        posts.append(post)
    return posts


def build_export(posts: list[WpPost], extra_items: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:wfw="http://wellformedweb.org/CommentAPI/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
        f"<title>صحيفة الوادي</title><link>{SITE}</link><language>ar</language>\n"
        "<wp:wxr_version>1.2</wp:wxr_version>\n"
        f"<wp:base_site_url>{SITE}</wp:base_site_url>\n"
        + "".join(
            f"<wp:author><wp:author_id>{n}</wp:author_id><wp:author_login>{_cdata(login)}"
            f"</wp:author_login><wp:author_display_name>{_cdata(name)}"
            "</wp:author_display_name></wp:author>\n"
            for n, (login, name) in enumerate(AUTHORS, 1)
        )
        + "".join(
            f"<wp:category><wp:term_id>{n}</wp:term_id><wp:category_nicename>{slug}"
            f"</wp:category_nicename><wp:category_parent>{parent}</wp:category_parent>"
            f"<wp:cat_name>{_cdata(name)}</wp:cat_name></wp:category>\n"
            for n, (slug, name, parent) in enumerate(CATEGORIES, 1)
        )
        + "".join(_item(post) for post in posts)
        + extra_items
        + "</channel>\n</rss>\n"
    )


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _wp_date(at: datetime | None) -> tuple[str, str]:
    if at is None:
        return "2024-02-02 10:00:00", "0000-00-00 00:00:00"
    local = at + timedelta(hours=3)
    return local.strftime("%Y-%m-%d %H:%M:%S"), at.strftime("%Y-%m-%d %H:%M:%S")


def _item(post: WpPost) -> str:
    local, gmt = _wp_date(post.at)
    year_month = (post.at or START).strftime("%Y/%m")
    link = f"{SITE}/?p={post.id}"
    if post.status == "publish" and post.kind == "post":
        link = f"{SITE}/{year_month}/{_encoded(post.slug)}/"
    categories = ""
    if post.category is not None:
        slug, name, _parent = CATEGORIES[post.category]
        categories = f'<category domain="category" nicename="{slug}">{_cdata(name)}</category>'
    categories += "".join(
        f'<category domain="post_tag" nicename={quoteattr(tag)}>{_cdata(tag)}</category>'
        for tag in post.tags
    )
    meta = (
        "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
        f"<wp:meta_value>{post.thumbnail}</wp:meta_value></wp:postmeta>"
        if post.thumbnail
        else ""
    )
    attachment = (
        f"<wp:attachment_url>{escape(post.attachment_url)}</wp:attachment_url>"
        if post.attachment_url
        else ""
    )
    return (
        f"<item><title>{escape(post.title)}</title><link>{escape(link)}</link>"
        f'<guid isPermaLink="false">{SITE}/?p={post.id}</guid>'
        f"<dc:creator>{_cdata(post.author)}</dc:creator>"
        f"<content:encoded>{_cdata(post.content)}</content:encoded>"
        f"<excerpt:encoded>{_cdata(post.excerpt)}</excerpt:encoded>"
        f"<wp:post_id>{post.id}</wp:post_id><wp:post_date>{local}</wp:post_date>"
        f"<wp:post_date_gmt>{gmt}</wp:post_date_gmt>"
        f"<wp:post_name>{_cdata(_encoded(post.slug))}</wp:post_name>"
        f"<wp:status>{post.status}</wp:status><wp:post_parent>0</wp:post_parent>"
        f"<wp:post_type>{post.kind}</wp:post_type>{attachment}{categories}{meta}"
        + "".join(_comment(comment) for comment in post.comments)
        + "</item>\n"
    )


def _encoded(slug: str) -> str:
    return quote(slug, safe="-").lower()


def _comment(comment: WpComment) -> str:
    local, gmt = _wp_date(comment.at)
    return (
        f"<wp:comment><wp:comment_id>{comment.id}</wp:comment_id>"
        f"<wp:comment_author>{_cdata(comment.author)}</wp:comment_author>"
        f"<wp:comment_author_email>{comment.email}</wp:comment_author_email>"
        f"<wp:comment_author_IP>{comment.ip}</wp:comment_author_IP>"
        f"<wp:comment_date>{local}</wp:comment_date>"
        f"<wp:comment_date_gmt>{gmt}</wp:comment_date_gmt>"
        f"<wp:comment_content>{_cdata(comment.body)}</wp:comment_content>"
        f"<wp:comment_approved>{comment.approved}</wp:comment_approved>"
        f"<wp:comment_type>{comment.kind}</wp:comment_type>"
        f"<wp:comment_parent>{comment.parent}</wp:comment_parent></wp:comment>"
    )
