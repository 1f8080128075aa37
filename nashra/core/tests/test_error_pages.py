from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory

from nashra.core.views import server_error


def test_the_server_error_page_is_arabic_and_stands_alone() -> None:
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    assert "خطأ" in page.h1.get_text()
    assert page.select('link[rel=stylesheet], script[src]') == []


@pytest.mark.django_db
def test_a_missing_page_answers_an_arabic_404_inside_the_site_frame(client) -> None:
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "ar"
    assert page.select_one("header.site-header") is not None
    assert page.select_one("footer.site-footer .site-copyright") is not None
