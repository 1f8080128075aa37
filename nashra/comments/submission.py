"""What happens to a posted comment: every defence in order, then a durable save."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from nashra.comments import limits, tokens
from nashra.comments.forms import CommentForm
from nashra.comments.models import Ban, Comment, CommentSettings, Moderation, fingerprint_of
from nashra.core.client import address_group, client_address

DUPLICATE_WINDOW = timedelta(days=1)
CAPTCHA_FAILURES = "captcha"
POSTS = "post"


@dataclass
class Outcome:
    status: int
    message: str
    comment: Comment | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def accepted(self) -> bool:
        return self.comment is not None


def _refused(status: int, message: str) -> Outcome:
    return Outcome(status=status, message=message)


def submit(request: HttpRequest, form: CommentForm) -> Outcome:
    """Check and store one posted comment. The answer always says what happened."""
    article, policy = form.article, form.policy
    address = client_address(request)
    email = str(form.data.get("email", "")).strip()
    network = address_group(address)
    who = [("address", network)] + ([("email", email.lower())] if email else [])

    if not policy.accepts_comments_on(article):
        return _refused(403, _("التعليقات مغلقة على هذا الخبر."))
    if Ban.applies_to(email, address):
        return _refused(403, _("لا نستطيع قبول تعليقات من هذا المرسل."))
    if any(
        limits.over_limit(POSTS, f"{kind}:{value}", settings.COMMENT_RATE_LIMITS)
        for kind, value in who
    ):
        return _refused(429, _("أرسلت تعليقات كثيرة في وقت قصير؛ انتظر قليلاً ثم أعد المحاولة."))
    captcha_window = [(settings.COMMENT_CAPTCHA_FAILURES_PER_HOUR, 3600)]
    if limits.over_limit(CAPTCHA_FAILURES, f"address:{network}", captcha_window):
        return _refused(429, _("محاولات خاطئة كثيرة لرمز التحقق؛ انتظر ساعة ثم أعد المحاولة."))
    if form.data.get("website"):
        return _refused(
            400, _("تعذّر قبول التعليق: مُلئ حقل مخفي لا يملؤه إلا برنامج آلي. أعد تحميل الصفحة.")
        )
    try:
        seconds = tokens.seconds_since_issued(str(form.data.get("token", "")), article.pk)
    except tokens.InvalidToken:
        return _refused(400, _("اكتب رمز التحقق الظاهر في الصورة ثم أرسل التعليق."))
    if seconds < policy.min_fill_seconds:
        return _refused(400, _("أُرسل التعليق بأسرع مما يكتب إنسان؛ انتظر لحظات ثم أرسله."))

    if not form.is_valid():
        if "captcha" in form.errors:
            limits.count(CAPTCHA_FAILURES, f"address:{network}", captcha_window)
        return Outcome(
            status=400,
            message=_("لم يُرسل التعليق؛ صحّح ما هو مبيّن في النموذج."),
            errors={name: [str(error) for error in errors] for name, errors in form.errors.items()},
        )

    data = form.cleaned_data
    fingerprint = fingerprint_of(data["body"])
    recent = Comment.objects.filter(
        fingerprint=fingerprint, created_at__gte=timezone.now() - DUPLICATE_WINDOW
    )
    if recent.filter(Q(article=article) | Q(address=address)).exists():
        return _refused(409, _("أُرسل هذا التعليق من قبل."))

    comment = Comment.receive(
        article=article,
        parent=data["parent"],
        author_name=data["name"],
        email=data["email"],
        body=data["body"],
        address=address,
        publish=policy.moderation == Moderation.AFTER,
    )
    for kind, value in who:
        limits.count(POSTS, f"{kind}:{value}", settings.COMMENT_RATE_LIMITS)
    if comment.status == "approved":
        return Outcome(status=201, message=_("شكراً لك، نُشر تعليقك."), comment=comment)
    return Outcome(
        status=201,
        message=_("شكراً لك، وصل تعليقك وسيظهر بعد مراجعته من المشرفين."),
        comment=comment,
    )


def policy_for(request: HttpRequest) -> CommentSettings:
    return CommentSettings.for_request(request)
