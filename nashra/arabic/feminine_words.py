"""Nouns in ة whose stem without the ة is another word: they keep it.

A light stemmer (:mod:`~nashra.arabic.stem`) cuts the feminine ending ة, so that
حكومة, الحكومة and حكومات share a key. For most nouns that is right. For the
nouns listed here it merges two words: مدرسة (school) with مدرس (teacher),
جامعة (university) with جامع (mosque), طائرة (aeroplane) with طائر (bird),
قائمة (list) with قائم (standing), and, through a broken plural, مدارس (schools)
with مدرس. Their stem keeps the ة, written as ه after normalisation, and their
other forms reach that stem too:

* the dual and a possessive, whose ة is written ت (مدرستين, مدرسته, مدرستها);
* the plural in ات (مدارس aside: جامعات, شركات, طائرات);
* for the words of :data:`WITH_NISBA` only, the relative adjective in ي or ية
  (جامعي, الجامعية, ثوري), which is theirs and not the shorter word's; for the
  others it belongs to the shorter word (مكتبي is the office's, ملكي the
  king's).

:data:`WORDS` was written by hand for this project from the vocabulary of Arabic
news. It holds every singular in ة of :mod:`~nashra.arabic.broken_plurals`
whose ة-less stem is a word of another meaning (so that the broken plural finds
the singular and not that word), and other nouns in the same case. It leaves out
a noun whose ة-less stem is its own plural or collective, which the light stem
already joins to it: دولة and دول, صورة and صور, شجرة and شجر, سمكة and سمك,
ليلة and ليل, قطعة and قطع. Words are in ordinary spelling, without an article.
"""

from __future__ import annotations

from typing import Final

__all__ = ["WITH_NISBA", "WORDS"]

WORDS: Final[frozenset[str]] = frozenset(
    {
        # Reached from a broken plural of the table: مدارس, عواصم, جوائز, قواعد...
        "مدرسة", "عاصمة", "جائزة", "قاعدة", "مدينة", "منطقة", "دقيقة", "طريقة",
        "كنيسة", "محكمة", "وثيقة", "قائمة", "ظاهرة", "دائرة", "قلعة", "خزينة",
        "عائلة",
        # Others: جامعة and جامع, مكتبة and مكتب, شركة and شرك...
        "جامعة", "مكتبة", "طائرة", "ثورة", "شركة", "كلية", "حملة", "دورة", "عودة",
        "رحلة", "صفقة", "قطرة", "مؤسسة", "منشأة", "مصلحة", "ملكة", "مساعدة",
        "نقابة", "بعثة", "جريدة", "حاضرة", "مقدمة", "خاتمة",
    }
)  # fmt: skip

# Nouns whose relative adjective (جامعي, مدرسي, ثوري) means "of the noun".
WITH_NISBA: Final[frozenset[str]] = frozenset({"جامعة", "مدرسة", "ثورة"})
