"""What open live pages ask for: the newest entries, from the page cache like any page.

The endpoint has no query string, so it is kept by the page cache (and the proxy) like a
page, answers `If-None-Match` with 304 from the cache's fast path, and is purged alone
when an entry of its story changes (live/purges.py): polling readers cost a cache read.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, JsonResponse

from nashra.live.coverage import poll_answer
from nashra.newsroom.models import ArticlePage

# An id the database can hold: SQLite refuses a larger number outright, with an error.
LARGEST_ID = 2**63 - 1


def covered_story(article_id: int) -> ArticlePage:
    if article_id > LARGEST_ID:
        raise Http404
    story = ArticlePage.objects.published().filter(
        pk=article_id, coverage_started_at__isnull=False
    ).first()
    if story is None:
        raise Http404
    return story


def updates(request: HttpRequest, article_id: int) -> JsonResponse:
    answer = JsonResponse(poll_answer(covered_story(article_id), request))
    # Nothing a search engine should index: the page itself carries the entries.
    answer["X-Robots-Tag"] = "noindex"
    return answer
