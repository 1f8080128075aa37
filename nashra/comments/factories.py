"""Comments for tests and benchmarks, made the way readers and moderators make them."""

from __future__ import annotations

from typing import Any

from wagtail.models import Site

from nashra.comments.models import Comment, CommentSettings


def comment_policy(**fields: Any) -> CommentSettings:
    """Set the default site's comment settings (fields not given keep their values)."""
    policy = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.save()
    return policy


def comment(article: Any, body: str, author_name: str = "قارئ", **fields: Any) -> Comment:
    fields.setdefault("status", "approved")
    made = Comment.objects.create(
        article=article, body=body, author_name=author_name, fingerprint=body[:64], **fields
    )
    if made.status == "approved":
        made._announce()
    return made
