from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import IntegrityError, OperationalError
from django.test import RequestFactory
from redis.exceptions import ConnectionError as RedisConnectionError

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


@pytest.mark.parametrize(
    "outage",
    [OperationalError("the database went away"), RedisConnectionError("Redis went away")],
)
def test_an_outage_of_the_database_or_cache_is_a_503_that_says_come_back(outage) -> None:
    try:
        raise outage
    except Exception:  # Django calls the error view from inside its handler, like this
        response = server_error(RequestFactory().get("/"))

    assert response.status_code == 503
    assert response["Retry-After"] == "10" and response["Cache-Control"] == "no-store"
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "ar"
    assert page.h1.get_text() == "الموقع متوقف لحظات"


def test_a_programming_error_stays_a_500() -> None:
    try:
        raise IntegrityError("a bug, not an outage")
    except Exception:
        response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
