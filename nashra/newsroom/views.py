"""Reader pages that are not Wagtail pages: tags, authors, columnists, corrections."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from taggit.models import Tag

from nashra.newsroom.authors import Author
from nashra.newsroom.corrections import Correction
from nashra.newsroom.models import ArticlePage, paginate
from nashra.newsroom.opinion import columns_with_latest


def tag_articles(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    articles = ArticlePage.objects.published().tagged(slug).newest_first().for_cards()
    return TemplateResponse(
        request, "newsroom/tag.html", {"tag": tag, "articles": paginate(articles, request)}
    )


def author_page(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = ArticlePage.objects.published().by(author).newest_first().for_cards()
    return TemplateResponse(
        request,
        "newsroom/author.html",
        {
            "author": author,
            "columns": list(author.columns.all()),
            "articles": paginate(articles, request),
        },
    )


def columnists(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "newsroom/columnists.html", {"columns": columns_with_latest()}
    )


def corrections(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "newsroom/corrections.html",
        {"entries": paginate(Correction.objects.shown(), request), "corrections_feed": True},
    )
