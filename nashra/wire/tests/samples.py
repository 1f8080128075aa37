"""Fixture feeds and pages for the wire tests: original Arabic copy written for them."""

from __future__ import annotations

from html import escape

RAIN = {
    "title": "أمطار غزيرة تغلق طرقاً في إربد وتعلّق الدوام المدرسي",
    "paragraphs": [
        "أغلقت كوادر البلدية صباح الأحد ثلاثة طرق رئيسية في إربد بعد أن تجمّعت مياه "
        "الأمطار في الأنفاق المنخفضة، فيما أعلنت مديرية التربية تعليق الدوام في مدارس "
        "القصبة حتى يتحسّن الطقس.",
        "وقال مدير الأشغال في المحافظة إن الفرق عملت طوال الليل على فتح العبّارات "
        "المسدودة بالأتربة، داعياً السائقين إلى تجنّب الطريق الدائري الغربي وسلوك "
        "الشوارع الداخلية.",
        "وتوقعت دائرة الأرصاد أن يستمر الهطل حتى مساء الاثنين مع احتمال تشكّل السيول "
        "في الأودية، وأن تنخفض درجات الحرارة إلى ما دون معدلاتها بخمس درجات.",
    ],
}

LIBRARY = {
    "title": "مكتبة عامة جديدة تفتح أبوابها في حي الأشرفية",
    "paragraphs": [
        "افتتحت أمانة عمّان مكتبة عامة في حي الأشرفية تضم أكثر من اثني عشر ألف كتاب "
        "وقاعة للأطفال ومختبراً صغيراً للحاسوب، بعد ترميم مبنى مدرسة قديمة أُغلقت قبل "
        "عشر سنوات.",
        "وقالت مديرة المكتبة إن الاشتراك مجاني لسكان الحي، وإن المكتبة ستفتح مساءً "
        "ثلاثة أيام في الأسبوع ليتمكن الطلبة العاملون من ارتيادها بعد الدوام.",
        "ورحّب أهالي الحي بالمشروع، وقال أحدهم إن أقرب مكتبة كانت على بعد ساعة "
        "بالحافلة، وإن أبناءه سيقضون فيها عطلة نهاية الأسبوع بدلاً من الشارع.",
    ],
}

OLIVES = {
    "title": "موسم زيتون وفير يخفّض سعر التنكة في أسواق الشمال",
    "paragraphs": [
        "انخفض سعر تنكة زيت الزيتون في أسواق الشمال بنحو عشرة دنانير مقارنة بالعام "
        "الماضي، مع بدء قطاف موسم وصفه المزارعون بأنه الأوفر منذ خمس سنوات.",
        "وقال صاحب معصرة في عجلون إن الطوابير أمام المعاصر تمتد منذ الفجر، وإن نسبة "
        "الزيت في الثمار هذا العام أعلى من المعتاد بسبب أمطار الربيع المتأخرة.",
        "وطالبت جمعية المزارعين الحكومة بفتح باب التصدير مبكراً حتى لا تتكدس الكميات "
        "في المستودعات وتتراجع الأسعار إلى ما دون كلفة الإنتاج.",
    ],
}

# The same wire story as another outlet ran it: a new headline, a sentence reworded,
# one added, and the hamzas and ة spelled differently.
RAIN_REWRITE = {
    "title": "السيول تغلق ثلاثة طرق في إربد والمدارس تعلق دوامها",
    "paragraphs": [
        "اغلقت كوادر البلديه صباح الأحد ثلاثة طرق رئيسية في إربد بعد أن تجمّعت مياه "
        "الأمطار في الأنفاق المنخفضة، فيما أعلنت مديرية التربية تعليق الدوام في مدارس "
        "القصبة حتى يتحسّن الطقس.",
        "وقال مدير الأشغال في المحافظة إن الفرق عملت طوال الليل على فتح العبّارات "
        "المسدودة بالأتربة، داعياً السائقين إلى تجنّب الطريق الدائري الغربي وسلوك "
        "الشوارع الداخلية في المدينة.",
        "وتوقعت دائرة الأرصاد أن يستمر الهطل حتى مساء الاثنين مع احتمال تشكّل السيول "
        "في الأودية، وأن تنخفض درجات الحرارة إلى ما دون معدلاتها بخمس درجات.",
        "ولم تسجّل أي إصابات حتى ظهر الأحد بحسب الدفاع المدني.",
    ],
}

# Site furniture: what a page with no story on it is made of.
FURNITURE = """
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>الرئيسية - جريدة المساء</title></head>
<body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/local">محليات</a></li>
<li><a href="/sport">رياضة</a></li><li><a href="/contact">اتصل بنا</a></li></ul></nav>
<div class="share">تابعونا على فيسبوك | تويتر | يوتيوب</div>
<form class="comment"><label>الاسم</label><input name="n"><label>التعليق</label>
<textarea></textarea><button>إرسال</button></form>
<div class="views">عدد المشاهدات: 1520</div>
<footer>جميع الحقوق محفوظة لجريدة المساء 2026 | سياسة الخصوصية | يرجى الانتظار</footer>
</body></html>
"""


def story_html(story: dict[str, object]) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in story["paragraphs"])  # type: ignore[attr-defined]


def article_page(story: dict[str, object], published: str = "2026-11-28T09:30:00+03:00",
                 charset: str = "utf-8", extra_head: str = "") -> str:
    """An article page as news sites make them: the story amid their furniture."""
    title = escape(str(story["title"]))
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="{charset}"><title>{title} - جريدة المساء</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}">
<meta name="author" content="سلمى الحوراني">{extra_head}</head>
<body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/local">محليات</a></li></ul></nav>
<main><article><h1>{title}</h1>
<p class="byline">سلمى الحوراني</p>
{story_html(story)}
</article></main>
<aside><h3>الأكثر قراءة</h3><ul><li><a href="/x/1">خبر آخر</a></li></ul></aside>
<footer>جميع الحقوق محفوظة لجريدة المساء 2026 | سياسة الخصوصية</footer>
</body></html>"""


def rss(items: list[dict[str, str]], encoding: str = "utf-8", title: str = "جريدة المساء") -> str:
    entries = "".join(
        f"<item><title>{escape(i['title'])}</title><link>{escape(i['link'])}</link>"
        f"<guid>{escape(i.get('guid', i['link']))}</guid>"
        f"<pubDate>{i.get('date', 'Sat, 28 Nov 2026 09:30:00 +0300')}</pubDate>"
        f"<description>{escape(i.get('html', ''))}</description></item>"
        for i in items
    )
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>http://example.invalid/</link>"
            f"<description>أخبار</description>{entries}</channel></rss>")


def feed_item(
    story: dict[str, object], link: str, full: bool = True, **extra: str
) -> dict[str, str]:
    """An RSS item: the whole story, or (not ``full``) only the start of its lead."""
    lead = str(story["paragraphs"][0])  # type: ignore[index]
    html = story_html(story) if full else escape(lead[:80])
    return {"title": str(story["title"]), "link": link, "html": html, **extra}


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><guid>bomb-1</guid><description>&lol9;</description></item>
</channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title>
<item><title>&secret;</title><guid>ext-1</guid></item></channel></rss>"""
