"""Convert between Western (ASCII) and Eastern Arabic digits.

Only the ten digit characters of each script are touched; every other
character, including punctuation such as ``.``, ``,`` and ``:``, passes
through unchanged, so the length of the text never changes.

>>> to_eastern("2025-01-05")
'٢٠٢٥-٠١-٠٥'
>>> to_western("٢٠٢٥")
'2025'
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["DigitStyle", "apply_digit_style", "to_eastern", "to_western"]

_WESTERN = "0123456789"
_EASTERN = "٠١٢٣٤٥٦٧٨٩"  # U+0660..U+0669, Arabic-Indic
_PERSIAN = "۰۱۲۳۴۵۶۷۸۹"  # U+06F0..U+06F9, Extended Arabic-Indic (Persian/Urdu)

_TO_WESTERN = str.maketrans(_EASTERN + _PERSIAN, _WESTERN * 2)
# Persian digits are folded into Arabic ones too: copy pasted from Persian or
# Urdu sources would otherwise show different glyphs (۴ vs ٤) in the same
# Arabic text, and it keeps to_eastern(to_western(s)) == to_eastern(s).
_TO_EASTERN = str.maketrans(_WESTERN + _PERSIAN, _EASTERN * 2)


class DigitStyle(StrEnum):
    """Which digits a rendered text should use.

    >>> DigitStyle("eastern") is DigitStyle.EASTERN
    True
    """

    WESTERN = "western"
    EASTERN = "eastern"


def to_eastern(text: str) -> str:
    """Write every digit of ``text`` as an Eastern Arabic digit (٠-٩).

    ASCII digits and Persian/Urdu digits (۰-۹) both become U+0660..U+0669;
    nothing else changes.

    >>> to_eastern("الساعة 11:51")
    'الساعة ١١:٥١'
    >>> to_eastern("۴")
    '٤'
    """
    return text.translate(_TO_EASTERN)


def to_western(text: str) -> str:
    """Write every Eastern Arabic or Persian/Urdu digit of ``text`` in ASCII.

    >>> to_western("١١:٥١ و ۴")
    '11:51 و 4'
    """
    return text.translate(_TO_WESTERN)


def apply_digit_style(text: str, style: DigitStyle | str) -> str:
    """Rewrite all digits in ``text`` in the given style.

    ``style`` may be a :class:`DigitStyle` or its value; an unknown string
    raises ``ValueError``. Both styles normalise: ``"western"`` also turns
    Eastern digits into ASCII, so the result never mixes scripts.

    >>> apply_digit_style("5 ٦", "western")
    '5 6'
    >>> apply_digit_style("5 ٦", DigitStyle.EASTERN)
    '٥ ٦'
    """
    if DigitStyle(style) is DigitStyle.EASTERN:
        return to_eastern(text)
    return to_western(text)
