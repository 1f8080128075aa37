"""Editors searching the admin get the readers' Arabic matching."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from nashra.newsroom import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    with django_capture_on_commit_callbacks(execute=True):
        section = factories.section("سياسة")
        return {
            "erdogan": factories.article(section, "أردوغان يستقبل وزير الخارجية"),
            "other": factories.article(section, "الحكومة تقر الموازنة"),
            "section": section,
        }


def test_the_page_search_finds_a_story_typed_without_hamza(
    client: Client, editor: Any, stories: dict[str, Any]
) -> None:
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "اردوغان"})

    assert response.status_code == 200
    content = response.content.decode()
    assert stories["erdogan"].title in content
    assert stories["other"].title not in content


def test_the_page_chooser_finds_a_story_by_a_clitic_form(
    client: Client, editor: Any, stories: dict[str, Any]
) -> None:
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "والحكومة"})

    assert response.status_code == 200
    content = response.content.decode()
    assert stories["other"].title in content
    assert stories["erdogan"].title not in content


def test_pages_outside_the_arabic_index_are_still_found(
    client: Client, editor: Any, stories: dict[str, Any]
) -> None:
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "سياسة"})

    assert response.status_code == 200
    assert stories["section"].title in response.content.decode()
