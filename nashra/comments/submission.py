"""What happens to a posted comment: every defence in order, then a durable save."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from nashra.comments import tokens
from nashra.comments.forms import CommentForm
from nashra.comments.models import Ban, Comment, CommentSettings, Moderation, fingerprint_of
from nashra.core import limits
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
    """Check and store one posted comment. The answer always says what happened.

    The cheap refusals come first; then the post is counted against the reader's limits
    (and given back unless it is stored), and only then does the form run: its captcha
    before anything that reads the body, so no unsolved captcha buys work on a text.
    """
    article, policy = form.article, form.policy
    address = client_address(request)
    email = str(form.data.get("email", "")).strip()
    network = address_group(address)
    who = [f"address:{network}"] + ([f"email:{email.lower()}"] if email else [])

    if not policy.accepts_comments_on(article):
        return _refused(403, _("التعليقات مغلقة على هذا الخبر."))
    if Ban.applies_to(email, address):
        return _refused(403, _("لا نستطيع قبول تعليقات من هذا المرسل."))
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

    post = limits.Attempt(POSTS, who, settings.COMMENT_RATE_LIMITS)
    outcome: Outcome | None = None
    try:
        outcome = _counted(form, post, network, address)
        return outcome
    finally:
        if outcome is None or not outcome.accepted:
            post.give_back()


def _counted(form: CommentForm, post: limits.Attempt, network: str, address: str | None) -> Outcome:
    if not post.fits:
        return _refused(429, _("أرسلت تعليقات كثيرة في وقت قصير؛ انتظر قليلاً ثم أعد المحاولة."))
    # Every captcha answer counts as a failure until it proves right, so parallel wrong
    # guesses cannot all slip under the limit.
    guess = limits.Attempt(CAPTCHA_FAILURES, [f"address:{network}"], _captcha_window())
    if not guess.fits:
        guess.give_back()
        return _refused(429, _("محاولات خاطئة كثيرة لرمز التحقق؛ انتظر ساعة ثم أعد المحاولة."))
    valid = form.is_valid()
    if not form.has_error("captcha"):
        guess.give_back()
    if not valid:
        return Outcome(
            status=400,
            message=_("لم يُرسل التعليق؛ صحّح ما هو مبيّن في النموذج."),
            errors={name: [str(error) for error in errors] for name, errors in form.errors.items()},
        )

    article = form.article
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
        publish=form.policy.moderation == Moderation.AFTER,
    )
    if comment.status == "approved":
        return Outcome(status=201, message=_("شكراً لك، نُشر تعليقك."), comment=comment)
    return Outcome(
        status=201,
        message=_("شكراً لك، وصل تعليقك وسيظهر بعد مراجعته من المشرفين."),
        comment=comment,
    )


def _captcha_window() -> limits.Windows:
    return [(settings.COMMENT_CAPTCHA_FAILURES_PER_HOUR, 3600)]


def policy_for(request: HttpRequest) -> CommentSettings:
    return CommentSettings.for_request(request)
