"""The measurement behind the stemming rules, and a check that stem.py quotes it.

Each group lists one word as a reader would search for it, then spellings
of it found in news copy: with an article or a clitic, with or without
hamza, ة/ه, ى/ي, harakat or tatweel, and its plural, dual and relative
adjective (نسبة) where those are made with a suffix. Broken plurals
(وزراء for وزير) are left out: no light stemmer can reach them. The pairs in
``APART`` are different words that a careless stemmer gives one stem.

The lists are hand-written and small; they show where the rules differ,
not how a search engine would score. Print the table with::

    python -m nashra.arabic.tests.test_stemmer_choice
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain
from typing import Final

import pytest

from nashra.arabic import stem
from nashra.arabic.normalize import normalize
from nashra.arabic.stem import _LightStemmer, light_stem
from nashra.arabic.tokenize import tokenize

GROUPS: Final = (
    ("أسد", "الأسد", "الاسد", "للأسد", "والأسد", "بالأسد"),
    ("حكومة", "الحكومة", "الحكومه", "والحكومة", "للحكومة", "بالحكومة", "حكومات",
     "الحكومات", "الحكومية", "حكومي"),
    ("وزير", "الوزير", "والوزير", "ووزير", "للوزير", "بالوزير"),
    ("وزارة", "الوزارة", "والوزارة", "وزارات", "الوزارات"),
    ("وكالة", "الوكالة", "والوكالة", "وكالات", "الوكالات"),
    ("وطن", "الوطن", "الوطني", "الوطنية", "وطنية"),
    ("فلسطين", "الفلسطيني", "الفلسطينية", "فلسطينيون", "الفلسطينيين", "وفلسطين"),
    ("لبنان", "اللبناني", "اللبنانية", "اللبنانيين", "لبناني"),
    ("إيران", "ايران", "الإيراني", "الإيرانية", "إيرانية"),
    ("مصر", "المصري", "المصرية", "المصريين", "بمصر", "لمصر"),
    ("سورية", "السورية", "السوري", "السوريين", "سوريا"),
    ("حلب", "بحلب", "لحلب", "وحلب"),
    ("دمشق", "بدمشق", "ودمشق"),
    ("غزة", "غزه", "بغزة", "لغزة"),
    ("الأردن", "الاردن", "أردني", "الأردنية", "الأردنيين"),
    ("أردوغان", "اردوغان", "لأردوغان"),
    ("مستشفى", "مستشفي", "المستشفى", "المستشفيات", "بالمستشفى"),
    ("رئيس", "الرئيس", "والرئيس", "للرئيس", "رئيسه", "الرئيسي", "الرئيسية"),
    ("انتخابات", "الانتخابات", "انتخاب", "الانتخابية", "انتخابي"),
    ("مدينة", "المدينة", "بالمدينة", "مدينه"),
    ("كتاب", "الكتاب", "كتابه", "كتابها", "للكتاب"),
    ("شركة", "الشركة", "شركات", "الشركات", "للشركة"),
    ("منظمة", "المنظمة", "منظمات", "المنظمات"),
    ("لجنة", "اللجنة", "للجنة"),
    ("برلمان", "البرلمان", "البرلماني", "البرلمانية"),
    ("بيان", "البيان", "بيانات", "البيانات", "بيانه"),
    ("فريق", "الفريق", "فريقه", "للفريق"),
    ("كبير", "الكبير", "الكبيرة", "كبيرة"),
    ("معلم", "المعلمون", "المعلمين", "معلمة", "المعلمات"),
    ("جيش", "الجيش", "والجيش", "للجيش", "جيشه"),
    ("أمن", "الأمن", "الأمني", "الأمنية", "بالأمن"),
    ("تلفزيون", "التلفزيون", "التلفزيوني", "التلفزيونية"),
    ("قانون", "القانون", "القانوني", "القانونية"),
    ("اثنان", "اثنين"),
    ("سياسة", "السياسة", "السياسي", "السياسية", "سياسات", "السياسيين"),
    ("ولاية", "الولاية", "الولايات", "ولايات"),
    ("واشنطن", "بواشنطن", "لواشنطن"),
    ("آلاف", "الآلاف", "الاف"),
    ("آلية", "الآلية", "آليات", "الآليات"),
    ("وفاة", "الوفاة"),
    ("حزب", "الحزب", "حزبه", "بالحزب", "والحزب", "للحزب"),
    ("عملية", "العملية", "عمليات", "العمليات", "عملياتها"),
    ("قال", "وقال", "فقال"),
    ("أكد", "وأكد", "فأكد"),
    ("اقتصاد", "الاقتصاد", "الاقتصادي", "الاقتصادية", "بالاقتصاد"),
    ("نفط", "النفط", "النفطية", "نفطي"),
    ("قطاع", "القطاع", "قطاعات", "بقطاع", "لقطاع"),
    ("بيروت", "ببيروت", "لبيروت", "وبيروت"),
    ("بغداد", "ببغداد", "لبغداد"),
    ("أسبوع", "الأسبوع", "أسبوعي", "الأسبوعية", "أسبوعين"),
    ("سنة", "السنة", "السنه"),
    ("قمة", "القمة", "للقمة", "قمه"),
    ("جدة", "بجدة"),
    ("دولة", "الدولة", "الدولية", "دولي", "الدول"),
    ("كتب", "كَتَبَ", "كتبَ"),
    ("الحكومة", "الحـــكومة", "الحكومـة"),
    ("لاجئين", "اللاجئين", "ﻻجئين", "لاجئون"),
    ("2025", "٢٠٢٥", "۲۰۲۵"),
    ("مشروع", "المشروع", "مشروعات", "المشروعات", "ومشروع"),
    ("محافظة", "المحافظة", "محافظات", "بمحافظة"),
)  # fmt: skip

APART: Final = (
    # A suffix must leave three letters.
    ("سنة", "سن"), ("أمة", "أم"), ("مرة", "مر"), ("جدة", "جد"), ("قمة", "قم"),
    ("خطة", "خط"), ("جنة", "جن"), ("عمان", "عم"), ("ستين", "ست"), ("يمين", "يم"),
    ("أمان", "أم"), ("بنات", "بن"), ("أمين", "أم"),
    # A single ب ك ف ل is usually the word's own first letter.
    ("بطاقة", "طاقة"), ("كمال", "مال"), ("كبير", "بئر"), ("كتاب", "تاب"),
    ("بحار", "حار"), ("فكرة", "كرة"), ("فساد", "ساد"), ("فتاة", "تاه"),
    # So is a single و.
    ("ورقة", "الرقة"), ("وفاة", "فاه"), ("وعود", "عود"), ("وقود", "قود"),
    ("وجود", "جود"), ("وسام", "سام"), ("وجبة", "جبهة"), ("وحدة", "حدة"),
    # Beyond any light stemmer: the suffix really is one, or looks exactly like one.
    ("مدرسة", "مدرس"), ("جامعة", "جامع"), ("مكتبة", "مكتب"), ("طائرة", "طائر"),
    ("زيتون", "زيت"), ("عشرين", "عشر"), ("ثورة", "ثور"), ("شركة", "شرك"),
    ("رياضي", "الرياض"), ("لبنان", "لبن"), ("السودان", "السود"), ("مدينة", "مدين"),
    ("كانون", "كان"), ("تأمين", "تام"), ("ياسين", "يأس"), ("عادي", "عاد"),
    ("الأهلي", "أهل"),
)  # fmt: skip


def light10(word: str) -> str:
    """Larkey's light10 as published, on a normalised word (so ة is ه, ية is يه)."""
    if word.startswith("و") and len(word) - 1 >= 3:
        word = word[1:]
    for article in ("وال", "بال", "كال", "فال", "لل", "ال"):
        if word.startswith(article) and len(word) - len(article) >= 2:
            word = word[len(article) :]
            break
    for suffix in ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"):  # one pass, in order
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word


RULES: Final[dict[str, Callable[[str], str]]] = {
    "light10 as published": light10,
    "nashra": light_stem,
    "nashra + ب ك ف ل before a bare word": _LightStemmer(proclitics="بكفل"),
    "nashra + و before a bare word": _LightStemmer(proclitics="و"),
    "nashra + و ب ك ف ل before a bare word": _LightStemmer(proclitics="وبكفل"),
    "nashra, suffixes leave 2 letters": _LightStemmer(min_stem=2),
}


def _key(word: str) -> str:
    (token,) = tokenize(word)
    return token


def measure(stemmer: Callable[[str], str]) -> tuple[int, int]:
    """Count the variants given their group's stem, and the APART pairs given one stem."""
    matched = sum(
        stemmer(_key(variant)) == stemmer(_key(group[0]))
        for group in GROUPS
        for variant in group[1:]
    )
    collided = sum(stemmer(_key(a)) == stemmer(_key(b)) for a, b in APART)
    return matched, collided


def table() -> str:
    """The measurement as the reStructuredText table quoted in stem.py."""
    width = max(len(name) for name in RULES)
    rule = f"{'=' * width}  =======  ========"
    lines = [rule, f"{'rules':<{width}}  matched  collided", rule]
    for name, stemmer in RULES.items():
        matched, collided = measure(stemmer)
        lines.append(f"{name:<{width}}  {matched:>7}  {collided:>8}")
    lines.append(rule)
    return "\n".join(lines)


def _quoted_table() -> str:
    doc = stem.__doc__ or ""
    start = doc.index("=====")
    end = doc.index("\n\n", start)
    return "\n".join(line.strip() for line in doc[start:end].splitlines())


VARIANT_COUNT = sum(len(group) - 1 for group in GROUPS)


def test_there_are_enough_cases_to_measure() -> None:
    assert VARIANT_COUNT >= 40
    assert len(APART) >= 15


@pytest.mark.parametrize("word", sorted({*chain(*GROUPS), *chain(*APART)}))
def test_every_listed_form_is_one_token(word: str) -> None:
    assert tokenize(word) == [normalize(word)]


def test_the_apart_pairs_are_different_words_after_normalisation() -> None:
    assert all(normalize(a) != normalize(b) for a, b in APART)


def test_stem_py_quotes_the_current_measurement() -> None:
    assert _quoted_table() == table()


def test_stem_py_quotes_the_size_of_the_measurement() -> None:
    doc = stem.__doc__ or ""
    assert f"on {VARIANT_COUNT} spelling variants of {len(GROUPS)} words" in " ".join(doc.split())
    assert f"and {len(APART)} pairs of different words" in " ".join(doc.split())


def test_the_chosen_rules_match_more_than_light10_and_collide_less() -> None:
    ours, theirs = measure(light_stem), measure(light10)
    assert ours[0] > theirs[0]
    assert ours[1] < theirs[1]


def test_no_measured_alternative_does_better_on_either_count() -> None:
    matched, collided = measure(light_stem)
    for name, stemmer in RULES.items():
        other_matched, other_collided = measure(stemmer)
        assert other_matched <= matched, name
        assert other_collided >= collided, name
    assert "The rules chosen are the second row" in (stem.__doc__ or "")


if __name__ == "__main__":
    print(table())
