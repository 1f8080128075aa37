"""Synthetic Arabic news copy for the benchmarks: never the demo's stories, never real ones.

A Zipf-distributed vocabulary (real news words first, then a long tail of made-up words)
with clitics, hamza, taa marbuta and Eastern digits, so search keys and page sizes look
like a newsroom's.
"""

from __future__ import annotations

import random
from itertools import accumulate
from typing import TypedDict

COMMON = (
    "الحكومة وزير الخارجية رئيس الوزراء مجلس النواب الموازنة العامة أسعار المحروقات "
    "المياه الكهرباء المدارس الجامعة المستشفى الصحة التعليم الاقتصاد التجارة الزراعة "
    "القمح الجفاف الأمطار المنخفض الثلوج الطقس الدوري المباراة المنتخب البطولة اللاعب "
    "المدرب الهدف الفوز الخسارة المؤتمر القمة العربية الأمن الحدود اللاجئين المساعدات "
    "البلدية الطرق النقل الميناء المطار السياحة الاستثمار البنك الدينار الدولار التضخم "
    "الضريبة الرواتب العمال الشركات المصانع الطاقة الشمسية النفط الغاز الصادرات الواردات "
    "قال أعلن أكد أوضح أشار بحث التقى وقّع افتتح أطلق قرر طالب حذّر رفع خفض"
).split()
PLACES = (
    "عمّان إربد الزرقاء العقبة حلب دمشق حمص حماة بيروت طرابلس صيدا بغداد البصرة الموصل "
    "القاهرة الإسكندرية الرباط تونس الجزائر الخرطوم جدة الرياض الدوحة أنقرة طهران غزة"
).split()
NAMES = "أردوغان الأسد سلمى الحوراني سامر الحديدي هالة السرحان نبيل حداد يزن القرعان".split()
CLITICS = ["", "", "", "و", "ب", "ل", "ف"]
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


class Story(TypedDict):
    """An article's fields as the search index takes them (`entry_from_fields`)."""

    title: str
    standfirst: str
    tags: list[str]
    dateline: str
    sources: list[str]
    text: str


def vocabulary(rng: random.Random, head: list[str], size: int) -> list[str]:
    """`head` (real news words, most frequent first), then a long tail of made-up words."""
    words = list(head)
    while len(words) < size:
        word = "".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 7)))
        words.append(rng.choice(["", "ال"]) + word + rng.choice(["", "", "ة", "ات", "ين"]))
    return words


class Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary(self.rng, [*COMMON, *PLACES, *NAMES], 30000)
        self.cumulative = list(accumulate(1 / (rank + 1) for rank in range(len(self.words))))

    def words_of(self, count: int) -> list[str]:
        chosen = self.rng.choices(self.words, cum_weights=self.cumulative, k=count)
        return [self.rng.choice(CLITICS) + word if not word.startswith("ال") else word
                for word in chosen]

    def sentence(self, count: int) -> str:
        words = self.words_of(count)
        if self.rng.random() < 0.3:
            at = self.rng.randrange(len(words))
            words.insert(at, "٢٠٢٥" if self.rng.random() < .5 else "12.4")
        return " ".join(words)

    def article(self) -> Story:
        paragraphs = [self.sentence(self.rng.randint(40, 70)) + "." for _ in range(3)]
        return {
            "title": self.sentence(self.rng.randint(7, 12)),
            "standfirst": self.sentence(self.rng.randint(18, 30)),
            "tags": [self.rng.choice(PLACES), " ".join(self.words_of(2))],
            "dateline": self.rng.choice(PLACES),
            "sources": ["وكالة الأنباء"],
            "text": "\n".join(paragraphs),
        }


def distinct_queries(count: int, seed: int = 52) -> list[str]:
    """`count` queries as readers type them, no two alike.

    One to three words drawn the way the copy draws them (common words most often, the
    long tail too), clitics and all, so that a run of them leaves nothing for a cache.
    """
    writer = Writer(seed)
    queries: dict[str, None] = {}
    while len(queries) < count:
        queries.setdefault(" ".join(writer.words_of(writer.rng.choice((1, 1, 2, 2, 3)))), None)
    return list(queries)
