"""The admin's sign-in and password reset, with their attempts counted.

Wagtail's forms take any number of guesses: here every sign-in counts as a failure for
the account and for the address until it succeeds, so parallel guesses cannot slip
between a check and a count (see nashra.core.limits). Past the limit the form refuses
even the right password until the window ends, and says so in the same words whether
or not the account exists. Password-reset emails are capped per address and per email
address, silently: the page never tells who has an account.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm, PasswordResetForm

from nashra.core import limits
from nashra.core.client import address_group, client_address

SIGN_IN = "sign-in"
RESET = "password-reset"


class ThrottledLoginForm(LoginForm):
    def clean(self) -> dict[str, Any]:
        username = str(self.cleaned_data.get("username") or "").strip().lower()
        network = address_group(client_address(self.request)) if self.request else "unknown"
        window = settings.LOGIN_WINDOW_SECONDS
        attempts = [
            limits.Attempt(SIGN_IN, [f"account:{username}"],
                           [(settings.LOGIN_FAILURES_PER_ACCOUNT, window)]),
            limits.Attempt(SIGN_IN, [f"address:{network}"],
                           [(settings.LOGIN_FAILURES_PER_ADDRESS, window)]),
        ]
        if not all(attempt.fits for attempt in attempts):
            raise forms.ValidationError(
                _(
                    "محاولات دخول خاطئة كثيرة؛ أُوقف الدخول مؤقتاً. "
                    "أعد المحاولة بعد %(minutes)d دقيقة."
                ),
                code="locked",
                params={"minutes": window // 60},
            )
        cleaned = super().clean()  # authenticates; raises on a wrong password
        for attempt in attempts:
            attempt.give_back()
        return cleaned


class ThrottledPasswordResetForm(PasswordResetForm):
    def save(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        email = str(self.cleaned_data.get("email") or "").strip().lower()
        network = address_group(client_address(request)) if request is not None else "unknown"
        hour = [(settings.PASSWORD_RESETS_PER_HOUR, 3600)]
        fits = [limits.take(RESET, who, hour) for who in (f"email:{email}", f"address:{network}")]
        if all(fits):
            super().save(*args, request=request, **kwargs)
