"""Readers' side of comments: the form's state, posting, and reporting.

None of these responses may be cached: each carries a fresh token and captcha, or the
answer to one reader's post. The article page itself stays cacheable for everyone.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from captcha.helpers import captcha_image_url
from captcha.models import CaptchaStore
from django.conf import settings
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from nashra.comments import tokens
from nashra.comments.forms import CommentForm
from nashra.comments.models import Comment, CommentReport
from nashra.comments.submission import Outcome, policy_for, submit
from nashra.core import limits
from nashra.core.client import address_group, client_address
from nashra.core.outages import OUTAGES
from nashra.newsroom.models import ArticlePage

# Reports from one network (an IPv4 address, an IPv6 /64): a household or an office
# reports what it must, a loop fills the moderators' queue no faster than this.
REPORT_LIMITS = [(30, 3600)]


def _article(article_id: int) -> ArticlePage:
    return get_object_or_404(ArticlePage.objects.published(), pk=article_id)


def _uncached(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def _same_site(request: HttpRequest) -> bool:
    """Whether the post comes from one of this site's own pages.

    These endpoints take no CSRF cookie (the page that holds the form is cached for
    everyone); browsers name the page a POST comes from, so refuse other sites' pages.
    """
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in {"same-origin", "none"}:
        return False
    origin = request.headers.get("Origin")
    return not origin or origin == "null" or urlsplit(origin).netloc == request.get_host()


class CaptchasRationed(Exception):
    """This address has been handed its captchas for the hour (each one is a stored row)."""

    message = _("طلبت رموز تحقق كثيرة في وقت قصير؛ انتظر قليلاً ثم أعد تحميل الصفحة.")


def _fresh_captcha(request: HttpRequest) -> dict[str, str]:
    network = f"address:{address_group(client_address(request))}"
    if not limits.take("captcha-issued", network, [(settings.COMMENT_CAPTCHAS_PER_HOUR, 3600)]):
        raise CaptchasRationed
    key = CaptchaStore.generate_key()
    return {"key": key, "image_url": captcha_image_url(key)}


def _rationed(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    if as_json or _wants_json(request):
        answer = {"open": False, "message": str(CaptchasRationed.message)}
        return _uncached(JsonResponse(answer, status=429))
    return _uncached(HttpResponse(CaptchasRationed.message, status=429,
                                  content_type="text/plain; charset=utf-8"))


@require_GET
def captcha_refresh(request: HttpRequest) -> HttpResponse:
    """A new captcha for the form's refresh button, rationed per address."""
    if request.headers.get("X-Requested-With") != "XMLHttpRequest":
        raise Http404
    try:
        return _uncached(JsonResponse(_fresh_captcha(request)))
    except CaptchasRationed:
        return _rationed(request, as_json=True)


def _form_page(
    request: HttpRequest,
    article: ArticlePage,
    form: CommentForm,
    status: int = 200,
    message: str = "",
) -> HttpResponse:
    context = {
        "article": article,
        "form": form,
        "captcha": _fresh_captcha(request),
        "token": tokens.issue(article.pk),
        "message": message,
        "parent": _parent_shown(form),
        "comment_policy": form.policy,
        "form_heading_level": 2,
    }
    response = TemplateResponse(request, "comments/form_page.html", context, status=status)
    return _uncached(response)


def _parent_shown(form: CommentForm) -> Comment | None:
    raw = form.data.get("parent") if form.is_bound else form.initial.get("parent")
    if not raw or not str(raw).isdigit():
        return None
    return Comment.objects.published().on(form.article).filter(pk=int(raw)).first()


@require_GET
def form_state(request: HttpRequest, article_id: int) -> HttpResponse:
    """What the cached page's form needs to post: a token and a captcha."""
    article = _article(article_id)
    policy = policy_for(request)
    if not policy.accepts_comments_on(article):
        state: dict[str, Any] = {"open": False, "message": _("التعليقات مغلقة على هذا الخبر.")}
    else:
        try:
            captcha = _fresh_captcha(request)
        except CaptchasRationed:
            return _rationed(request, as_json=True)
        state = {"open": True, "token": tokens.issue(article.pk), "captcha": captcha}
    return _uncached(JsonResponse(state))


@require_GET
def form_page(request: HttpRequest, article_id: int) -> HttpResponse:
    """The whole form on a page of its own, for readers without JavaScript."""
    article = _article(article_id)
    form = CommentForm(
        initial={"parent": request.GET.get("parent", "")},
        article=article,
        policy=policy_for(request),
    )
    try:
        return _form_page(request, article, form)
    except CaptchasRationed:
        return _rationed(request)


@csrf_exempt
@require_POST
def post_comment(request: HttpRequest, article_id: int) -> HttpResponse:
    article = _article(article_id)
    form = CommentForm(request.POST, article=article, policy=policy_for(request))
    if not _same_site(request):
        outcome = Outcome(403, _("لا يُقبل التعليق إلا من صفحات الموقع نفسه."))
    elif request.POST.get("refresh"):
        try:
            return _form_page(
                request,
                article,
                CommentForm(initial=request.POST.dict(), article=article, policy=form.policy),
            )
        except CaptchasRationed:
            return _rationed(request)
    else:
        try:
            outcome = submit(request, form)
        except (DatabaseError, *OUTAGES):
            outcome = Outcome(
                503,
                _(
                    "تعذّر حفظ تعليقك الآن بسبب عطل مؤقت. نصّك ما زال في النموذج؛ "
                    "أعد الإرسال بعد قليل."
                ),
            )
    if _wants_json(request):
        answer: dict[str, Any] = {
            "ok": outcome.accepted,
            "message": outcome.message,
            "errors": outcome.errors,
        }
        if not outcome.accepted:
            try:
                answer["captcha"] = _fresh_captcha(request)
                answer["token"] = tokens.issue(article.pk)
            except (DatabaseError, CaptchasRationed, *OUTAGES):
                pass
        return _uncached(JsonResponse(answer, status=outcome.status))
    if outcome.accepted:
        state = (
            "published" if outcome.comment and outcome.comment.status == "approved" else "pending"
        )
        return HttpResponseRedirect(f"{article.url}?comment={state}#comments", status=303)
    try:
        return _form_page(request, article, form, status=outcome.status, message=outcome.message)
    except CaptchasRationed:
        return _rationed(request)


@csrf_exempt
@require_POST
def report_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.published(), pk=comment_id)
    if not _same_site(request):
        raise Http404
    address = client_address(request)
    reporter = limits.visitor_hash(address, request.headers.get("User-Agent", ""))
    # Limited by network, not by reporter: a reporter is also their browser, which
    # a loop can claim to change on every report.
    network = f"address:{address_group(address)}"
    status, message = 200, _("شكراً لك، وصل بلاغك وسيراجعه المشرفون.")
    if not limits.take("report", network, REPORT_LIMITS):
        status, message = 429, _("أرسلت بلاغات كثيرة؛ انتظر قليلاً ثم أعد المحاولة.")
    else:
        _report, created = CommentReport.objects.get_or_create(comment=comment, reporter=reporter)
        if created:
            comment.report()
    if _wants_json(request):
        return _uncached(JsonResponse({"message": message}, status=status))
    url = f"{comment.article.url}?comment=reported#comment-{comment.pk}"
    return HttpResponseRedirect(url, status=303)
