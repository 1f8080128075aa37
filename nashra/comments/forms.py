"""The reader's comment form: fields, limits and the checks that need only the text."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from nashra.comments.banned import compile_banned, find_banned
from nashra.comments.models import BannedPhrase, Comment, CommentSettings
from nashra.comments.one_use_captcha import OneUseCaptchaField

# Characters that reorder the text around them (RLO, LRE, isolates). They have no use in
# a comment and can make one comment's text run into the page around it.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LINK = re.compile(r"(?i)\b(?:https?://|www\.)|\b[\w-]+\.(?:com|net|org|info|ru|io|me)\b")


class CommentForm(forms.Form):
    name = forms.CharField(
        label=_("الاسم"),
        min_length=2,
        max_length=60,
        error_messages={
            "required": _("اكتب اسمك."),
            "min_length": _("الاسم قصير جداً: حرفان على الأقل."),
            "max_length": _("الاسم طويل جداً: ستون حرفاً على الأكثر."),
        },
    )
    email = forms.EmailField(
        label=_("البريد الإلكتروني (اختياري، لا يُنشر)"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("عنوان البريد الإلكتروني غير صحيح.")},
    )
    body = forms.CharField(
        label=_("التعليق"),
        min_length=3,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("اكتب تعليقك."),
            "min_length": _("التعليق قصير جداً: ثلاثة أحرف على الأقل."),
        },
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people by CSS, filled in by form-filling robots.
    website = forms.CharField(label=_("اترك هذا الحقل فارغاً"), required=False)
    captcha = OneUseCaptchaField(
        label=_("رمز التحقق: اكتب الرمز الظاهر في الصورة"),
        error_messages={
            "invalid": _("رمز التحقق غير صحيح؛ اكتب الرمز الجديد."),
            "required": _("اكتب رمز التحقق."),
            "incomplete": _("اكتب رمز التحقق."),
        },
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    # Fields are cleaned in this order: the captcha first, so a post that has not
    # solved one never gets its body matched against the banned list.
    field_order = ["captcha"]

    def __init__(self, *args: Any, article: Any, policy: CommentSettings, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.article = article
        self.policy = policy
        self.fields["body"].validators.append(
            MaxLengthValidator(
                policy.max_body_length,
                message=_("التعليق طويل جداً: %(limit_value)d حرف على الأكثر."),
            )
        )

    def clean_body(self) -> str:
        body = _BIDI_CONTROLS.sub("", self.cleaned_data["body"]).replace("\r\n", "\n")
        if self.has_error("captcha"):
            return body
        if len(_LINK.findall(body)) > self.policy.max_links:
            raise forms.ValidationError(
                _("يحتوي التعليق على روابط كثيرة: %(limit)d على الأكثر."),
                params={"limit": self.policy.max_links},
            )
        banned = compile_banned(BannedPhrase.objects.values_list("phrase", flat=True))
        if find_banned(body, banned) or find_banned(self.cleaned_data.get("name", ""), banned):
            raise forms.ValidationError(
                _("يحتوي التعليق على كلمات لا نسمح بنشرها؛ عدّل النص ثم أرسله.")
            )
        return body

    def clean_parent(self) -> Comment | None:
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = Comment.objects.published().on(self.article).filter(pk=parent_id).first()
        if parent is None:
            raise forms.ValidationError(_("التعليق الذي تردّ عليه لم يعد موجوداً."))
        # Threads are one level deep: a reply to a reply joins the first comment's thread.
        return parent.parent if parent.parent_id else parent
