"""A captcha answer that is good for one post only, however many arrive at once.

django-simple-captcha reads the stored key, then deletes it without looking at what the
delete did: parallel posts carrying one solved captcha all read the key before any of
them deletes it, and several comments get through. Here the check *is* the delete: an
answer passes only when one DELETE of the unexpired key with that answer removed exactly
one row, which the database grants to one request alone.
"""

from __future__ import annotations

from typing import Any

from captcha.conf import settings as captcha_settings
from captcha.fields import CaptchaField
from captcha.models import CaptchaStore
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone


class OneUseCaptchaField(CaptchaField):
    def clean(self, value: Any) -> Any:
        forms.MultiValueField.clean(self, value)  # required and incomplete answers
        key = str(value[0] or "")
        answer = str(value[1] or "").strip().lower()
        value[1] = ""  # never echo the answer back into a re-shown form
        # Expired captchas are dropped here, as the library does on every check, so the
        # table holds no more than the captchas handed out in the last CAPTCHA_TIMEOUT.
        CaptchaStore.remove_expired()
        live = CaptchaStore.objects.filter(hashkey=key, expiration__gt=timezone.now())
        # The test settings' "passed" stands for the right answer; it still has to
        # spend a real key, so tests see the one-use rule too.
        if not (captcha_settings.CAPTCHA_TEST_MODE and answer == "passed"):
            live = live.filter(response=answer)
        spent, _by_model = live.delete()
        if spent != 1:
            # One attempt per key: a wrong answer spends it too, against guessing.
            CaptchaStore.objects.filter(hashkey=key).delete()
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value
