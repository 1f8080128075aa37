"""Hypothesis strategies shared by the text pipeline tests.

``news_text`` draws from the characters an Arabic news text is made of,
and from the ones that get pasted into it by accident, so that the
examples hit the interesting rules far more often than ``st.text()``.
"""

from __future__ import annotations

from typing import Final

from hypothesis import strategies as st


def _span(first: int, last: int) -> str:
    return "".join(chr(cp) for cp in range(first, last + 1))


ARABIC_LETTERS: Final = _span(0x0621, 0x063A) + _span(0x0641, 0x064A)
HARAKAT: Final = (
    _span(0x064B, 0x0652) + "\u0670"
)  # tanween, short vowels, shadda, sukun, dagger alef
QURANIC_MARKS: Final = _span(0x0610, 0x061A) + _span(0x06D6, 0x06ED)
TATWEEL: Final = "\u0640"
INVISIBLE: Final = (
    _span(0x200B, 0x200F) + _span(0x202A, 0x202E) + _span(0x2066, 0x2069) + "\ufeff\u061c"
)
PERSIAN_LETTERS: Final = "کیہپچژگ"
# Presentation forms that NFKC turns into one word (not ﷺ, which is four).
PRESENTATION_FORMS: Final = "ﻻﻷﻹﻵﷲﺍﻟﺴﻡﺓﻰ"
DIGITS: Final = "0123456789" + _span(0x0660, 0x0669) + _span(0x06F0, 0x06F9) + "٫٬٪"
LATIN: Final = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéÉ"
PUNCTUATION: Final = " \n\t\u00a0،؛؟«»“”\"'-–—.,%:!()/"

REMOVED: Final = HARAKAT + QURANIC_MARKS + TATWEEL + INVISIBLE

news_text: Final = st.text(
    alphabet=st.sampled_from(
        ARABIC_LETTERS
        + HARAKAT
        + QURANIC_MARKS
        + TATWEEL
        + INVISIBLE
        + PERSIAN_LETTERS
        + PRESENTATION_FORMS
        + DIGITS
        + LATIN
        + PUNCTUATION
    )
)
"""Arabic, Latin and digits with the marks, invisibles and punctuation of real copy."""

any_text: Final = st.one_of(news_text, st.text())
"""News-like text, or any Unicode text at all."""

NORMALISED_LETTERS: Final = "ءابتثجحخدذرزسشصضطظعغفقكلمنهوي"

normalised_words: Final = st.text(
    alphabet=st.sampled_from(NORMALISED_LETTERS), min_size=1, max_size=12
)
"""One Arabic word as normalisation leaves it (rarely a real word)."""
