"""The comments block of an article page."""

from __future__ import annotations

from typing import Any

from django import template

from nashra.comments.models import Comment, CommentSettings

register = template.Library()


@register.inclusion_tag("comments/_comments.html", takes_context=True)
def article_comments(context: template.Context, article: Any) -> dict[str, Any]:
    request = context.get("request")
    policy = CommentSettings.for_request(request) if request else CommentSettings()
    return {
        "request": request,
        "settings": context.get("settings"),
        "article": article,
        # The article keeps its count of published comments (Comment._announce): most
        # stories have none, and their pages need not ask.
        "comments": Comment.objects.thread(article) if article.comment_count else [],
        "comments_accepted": policy.accepts_comments_on(article),
        "comment_policy": policy,
    }
