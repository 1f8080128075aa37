"""The view beacon: a POST with an empty body is one view of an article by its sender."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from nashra.audience import counting
from nashra.audience.liveness import article_is_live
from nashra.audience.visitors import Verdict, judge, visitor_of

# What the beacon answers in its `Nashra-View` header: counted, or why not.
REPEAT = "repeat"
COUNTED = "counted"


# Exempt from CSRF on purpose: the article page is served from a full-page cache to
# everyone, so it cannot carry a per-reader token, and a beacon changes nothing a
# forger could profit from beyond one view, which the reader's window and their
# network's cap bound. What a token would stop, cross-site posting, is refused below
# from Sec-Fetch-Site and Origin.
@csrf_exempt
@require_POST
def record_view(request: HttpRequest, article_id: int) -> HttpResponse:
    if not article_is_live(article_id):
        return HttpResponse(status=404)
    verdict = judge(request)
    if verdict is Verdict.CROSS_SITE:
        return HttpResponse(status=403)
    outcome = verdict.value
    if verdict is Verdict.COUNT:
        visitor = visitor_of(request, article_id)
        counted = counting.record(article_id, visitor.reader, network=visitor.network)
        outcome = COUNTED if counted else REPEAT
    response = HttpResponse(status=204)
    response["Nashra-View"] = outcome
    response["Cache-Control"] = "no-store"
    return response
