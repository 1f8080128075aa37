"""Live coverage for the demo site: the snowstorm story followed entry by entry.

Original text, written for the demo: a storm in the northern highlands, as a newsroom
would cover it through an evening.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from nashra.live.models import Kind, LiveEntry
from nashra.newsroom.models import ArticlePage
from nashra.pictures.models import Picture

DEMO_STORY = "ajloun-power-outages-snow"

# (minutes after the story, kind, text, extra fields, key event title)
DEMO_ENTRIES: list[tuple[int, str, str, dict[str, str], str]] = [
    (2, Kind.TEXT, "نبدأ تغطيتنا المباشرة للمنخفض القطبي الذي يضرب المرتفعات الشمالية منذ ساعات "
     "الصباح. فرقنا في عجلون وجرش والسلط تتابع الوضع على الأرض.", {}, ""),
    (6, Kind.TEXT, "الثلوج تتراكم بسماكة تتجاوز 15 سنتيمتراً في مرتفعات عجلون، والحركة شبه "
     "متوقفة على الطرق الفرعية.", {}, ""),
    (11, Kind.TEXT, "شركة الكهرباء تؤكد انقطاع التيار عن 14 قرية في محافظة عجلون بعد سقوط أعمدة "
     "وأسلاك تحت ثقل الثلوج.", {}, "انقطاع الكهرباء عن 14 قرية في عجلون"),
    (15, Kind.QUOTE, "فرقنا الفنية في الميدان منذ الفجر، ونعمل على إعادة التيار للقرى تباعاً، "
     "ونرجو من المواطنين الابتعاد عن الأسلاك المقطوعة.",
     {"quote_by": "المدير الفني لشركة الكهرباء في الشمال"}, ""),
    (19, Kind.TEXT, "إغلاق طريق عجلون – إربد عند منطقة عين جنا أمام حركة المركبات الصغيرة، "
     "والدفاع المدني يطلب من السائقين عدم المجازفة.", {}, ""),
    (24, Kind.TEXT, "وزارة الأشغال: 42 آلية تعمل على فتح الطرق الرئيسية في المحافظات الشمالية، "
     "والأولوية للطرق المؤدية إلى المستشفيات.", {}, ""),
    (30, Kind.IMAGE, "آليات فتح الطرق تعمل على طريق جبلي في ساعات ما بعد الظهر.", {}, ""),
    (36, Kind.TEXT, "الدفاع المدني يتعامل مع 27 حادث انزلاق لمركبات على الطرق الجبلية منذ الصباح "
     "دون تسجيل إصابات خطيرة.", {}, ""),
    (41, Kind.TEXT, "مستشفى الإيمان الحكومي في عجلون يعلن جاهزيته لاستقبال الحالات الطارئة، ويؤكد "
     "توفر الوقود لمولداته ثلاثة أيام.", {}, ""),
    (47, Kind.LINK, "دليل الأرصاد للتعامل مع الصقيع وحماية شبكات المياه المنزلية.",
     {"link_url": "https://example.com/frost-guide", "link_title": "إرشادات الوقاية من الصقيع"},
     ""),
    (53, Kind.TEXT, "الأرصاد الجوية: ذروة المنخفض مساء اليوم، وتوقعات بتساقط ثلوج على ارتفاعات "
     "تزيد على 900 متر خلال الليل.", {}, "الأرصاد: ذروة المنخفض الليلة وثلوج فوق 900 متر"),
    (59, Kind.TEXT, "عودة التيار الكهربائي إلى 5 من القرى المتأثرة في لواء كفرنجة.", {}, ""),
    (66, Kind.TEXT, "بلدية عجلون الكبرى تفتح قاعتين لإيواء الأسر التي تضررت منازلها من تسرب "
     "المياه.", {}, ""),
    (72, Kind.QUOTE, "نحن بخير، لكن الطريق إلى البلدة مغلق منذ الظهر، وننتظر الجرافة.",
     {"quote_by": "أحد سكان بلدة عرجان"}, ""),
    (79, Kind.TEXT, "وزارة التربية تذكّر بأن دوام المدارس معلّق غداً في جميع المحافظات، وأن قرار "
     "الدوام بعد غد يصدر مساء الغد.", {}, ""),
    (86, Kind.TEXT, "ارتفاع عدد القرى التي عاد إليها التيار إلى 9 من أصل 14.", {}, ""),
    (94, Kind.TEXT, "الأمن العام يغلق طريق جرش – عجلون بالكامل حتى إشعار آخر بسبب تشكّل الجليد.",
     {}, "إغلاق طريق جرش – عجلون بالكامل بسبب الجليد"),
    (101, Kind.TEXT, "فرق الدفاع المدني تنقل امرأة في حالة ولادة من قرية معزولة إلى المستشفى "
     "بواسطة آلية مجنزرة.", {}, ""),
    (109, Kind.TEXT, "شركة المياه تطلب من المشتركين إفراغ العدادات المكشوفة تحسباً لتجمّد المياه "
     "خلال الليل.", {}, ""),
    (117, Kind.TEXT, "درجات الحرارة تنخفض إلى ما دون الصفر في مرتفعات عجلون مع ساعات المساء.",
     {}, ""),
    (125, Kind.TEXT, "شركة الكهرباء: عاد التيار إلى 12 قرية، والعمل مستمر في قريتين يصعب الوصول "
     "إليهما.", {}, ""),
    (134, Kind.TEXT, "غرفة العمليات المركزية تدعو المواطنين إلى الاتصال بالرقم الموحد 911 عند "
     "الحاجة، وعدم الخروج إلا للضرورة.", {}, ""),
]


def demo_loaded(sender: Any, **kwargs: Any) -> tuple[int, str]:
    return add_demo_coverage(), "live coverage entries"


def add_demo_coverage() -> int:
    """Cover the demo's storm story live; returns how many entries were added."""
    story = ArticlePage.objects.filter(slug=DEMO_STORY, live=True).first()
    if story is None or story.first_published_at is None:
        return 0
    start = story.first_published_at
    ArticlePage.objects.filter(pk=story.pk).update(coverage_started_at=start)
    picture = Picture.objects.exclude(pk=story.lead_image_id).order_by("pk").first()
    entries = []
    for minutes, kind, text, extra, key_title in DEMO_ENTRIES:
        at = start + timedelta(minutes=minutes)
        entries.append(LiveEntry(
            article=story,
            kind=kind if kind != Kind.IMAGE or picture else Kind.TEXT,
            text=text,
            picture=picture if kind == Kind.IMAGE else None,
            key_event=bool(key_title),
            key_event_title=key_title,
            published_at=at,
            **extra,
        ))
    LiveEntry.objects.bulk_create(entries)
    LiveEntry.objects.filter(article=story).update(changed_at=start + timedelta(minutes=140))
    return len(entries)
