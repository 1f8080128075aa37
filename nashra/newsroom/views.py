from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from taggit.models import Tag

from nashra.newsroom.models import ArticlePage, paginate


def tag_articles(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    articles = ArticlePage.objects.published().tagged(slug).newest_first().for_cards()
    return TemplateResponse(
        request, "newsroom/tag.html", {"tag": tag, "articles": paginate(articles, request)}
    )
