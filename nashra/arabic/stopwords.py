"""Arabic function words, left out of search keys and duplicate detection.

They occur in nearly every article, so they neither find nor tell apart
stories. The list holds words as :func:`~nashra.arabic.normalize.normalize`
writes them: على is علي, إلى is الي, هؤلاء is هولاء.

>>> is_stop_word("إلى"), is_stop_word("الحكومة")
(True, False)
"""

from __future__ import annotations

from typing import Final

from .normalize import normalize

__all__ = ["STOP_WORDS", "is_stop_word"]

# Left out on purpose, because without harakat and hamza they are spelt
# like a content word: إليه is اليه, also آلية (mechanism); أم (or) is ام,
# also "mother" (أم كلثوم); عبر (across) is also عبّر (expressed), common in
# news. على stays in although its form علي is also the name
# Ali: as a preposition it is in almost every sentence, and a search for
# علي خامنئي still finds him by the other name.
STOP_WORDS: Final[frozenset[str]] = frozenset(
    """
    و ف ثم او بل لكن لكنه لكنها ولكن اما اذا اذ لو لولا كي حتي
    في من الي علي عن مع بين عند لدي منذ خلال حول نحو ضد دون غير سوي مثل
    قبل بعد فوق تحت امام وراء
    ان انه انها انهم لان كان كانت كانوا يكون تكون ليس ليست لم لن لا ما
    قد لقد سوف هل اي كل بعض جميع كلا
    هذا هذه هذان هاتان هولاء ذلك تلك اوليك هناك هنا
    الذي التي الذين اللذان اللتان اللواتي اللاتي
    هو هي هم هن هما انا نحن انت انتم
    له لها لهم فيه فيها فيهم منه منها منهم عنه عنها عليه عليها عليهم
    به بها بهم معه بينما عندما حيث كما كذلك ايضا فقط حين الا
    وفي ومن وعلي وان وقد ولا وما وهو وهي وهذا وهذه وكان وكانت ولم
    """.split()
)
"""Normalised Arabic function words."""


def is_stop_word(token: str) -> bool:
    """Tell whether ``token`` is a function word, in any spelling.

    A normalised token is looked up directly; anything else is normalised
    first, so the spelling as written works too.

    >>> is_stop_word("علي"), is_stop_word("على"), is_stop_word("حزب")
    (True, True, False)
    """
    return token in STOP_WORDS or normalize(token) in STOP_WORDS
