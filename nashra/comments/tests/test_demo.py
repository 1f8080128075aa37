from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from nashra.comments.demo import DEMO_THREADS
from nashra.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_the_demo_has_numbered_threads_with_replies(client) -> None:
    call_command("demo", "--pictures-later", stdout=io.StringIO())
    slug = "fuel-prices-december-decision"
    article = ArticlePage.objects.get(slug=slug)

    page = BeautifulSoup(client.get(article.url).content, "html.parser")

    top = page.select("#comments ol.comments-list > li.comment")
    assert len(top) == len(DEMO_THREADS[slug])
    assert top[0].select_one(".comment-number").get_text() == "1"
    assert len(top[0].select("ol > li.comment")) == len(DEMO_THREADS[slug][0][3])
    assert article.comment_count == 3
