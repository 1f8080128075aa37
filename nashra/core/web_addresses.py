"""Addresses a reader can be sent to: http and https pages, and nothing else.

A stored address becomes an ``href``; ``javascript:``, ``data:`` or ``vbscript:`` there
runs in the reader's page. Browsers drop tabs and newlines anywhere in an address and
spaces and control characters around it before they read its scheme, so
``" JaVa\\tScRiPt:..."`` is still script: the check reads the address as they do.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

_DROPPED_BY_BROWSERS = re.compile(r"[\t\n\r]")
_AROUND = "".join(chr(code) for code in range(0x21))  # C0 controls and space


def web_address(value: Any) -> str:
    """``value`` as a browser would read it when that is an http(s) address, else ``""``.

    >>> web_address(" https://example.com/خبر ")
    'https://example.com/خبر'
    >>> web_address("JaVa\\tScRiPt:alert(1)"), web_address("//evil.example/x")
    ('', '')
    """
    text = _DROPPED_BY_BROWSERS.sub("", str(value or "")).strip(_AROUND)
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    return text if parts.scheme.lower() in {"http", "https"} and parts.netloc else ""


def validate_web_address(value: Any) -> None:
    if value and not web_address(value):
        raise ValidationError(
            _("العنوان يجب أن يكون رابط صفحة ويب يبدأ بـ http:// أو https://"),
            code="invalid",
        )


def keep_web_addresses(model: type[models.Model], *names: str) -> int:
    """Make rows written before addresses were checked hold what the check allows.

    Each address becomes the one a browser reads (trimmed, tabs and newlines gone), or
    ``""`` when that is not an http(s) page or is longer than its column; the number of
    rows changed is returned. For data migrations: ``model`` may be a historical one.
    """
    limits = {name: getattr(model._meta.get_field(name), "max_length", None) for name in names}
    changed = 0
    for row in model._default_manager.only("pk", *names).iterator(chunk_size=2000):
        values = {}
        for name, limit in limits.items():
            stored = getattr(row, name)
            address = web_address(stored)
            if limit is not None and len(address) > limit:
                address = ""
            if address != stored:
                values[name] = address
        if values:
            model._default_manager.filter(pk=row.pk).update(**values)
            changed += 1
    return changed


class WebAddressField(models.URLField):
    """A URL field that holds http(s) addresses only, on every save, not just in forms."""

    default_validators = [validate_web_address]

    def formfield(self, **kwargs: Any) -> Any:
        # An address typed without its scheme is read as https, as Django 6 reads it.
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = super().pre_save(model_instance, add)
        validate_web_address(value)
        if value and self.max_length is not None and len(value) > self.max_length:
            # PostgreSQL would refuse it with a DataError, SQLite would keep it: refuse it
            # the same way on both, with a message an editor can act on.
            raise ValidationError(
                _("العنوان أطول من %(limit)d حرف") % {"limit": self.max_length},
                code="max_length",
            )
        return value

    def fits(self, value: Any) -> str:
        """``value`` when it is a web address this field can hold, else ``""``."""
        address = web_address(value)
        return address if self.max_length is None or len(address) <= self.max_length else ""
