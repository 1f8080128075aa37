"""Beacons through the WSGI entry point gunicorn serves, past Django's middleware."""

from __future__ import annotations

import io
import sys
from typing import Any

import pytest
from django.core import signals
from django.db import close_old_connections

from nashra.audience.flush import flush
from nashra.audience.tests.conftest import READER
from nashra.newsroom import factories
from nashra.wsgi import application

pytestmark = pytest.mark.django_db


def call(method: str, path: str, **headers: str) -> tuple[str, dict[str, str], bytes]:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.10",
        "CONTENT_LENGTH": "0",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        **{f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()},
    }
    answer: dict[str, Any] = {}

    def start_response(status: str, header_list: list[tuple[str, str]], *_: Any) -> None:
        answer.update(status=status, headers=dict(header_list))

    # As Django's test client does: the test's transaction keeps its connection open.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(application(environ, start_response))
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body


@pytest.fixture
def story():
    return factories.article(factories.section(), "خبر يقرؤه كثيرون", view_count=3)


def test_a_beacon_is_counted_once_through_the_fast_path(story, counting_mode) -> None:
    first = call("POST", f"/audience/views/{story.pk}/", user_agent=READER)
    again = call("POST", f"/audience/views/{story.pk}/", user_agent=READER)

    assert (first[0], first[1]["Nashra-View"]) == ("204 No Content", "counted")
    assert again[1]["Nashra-View"] == "repeat"
    flush()
    story.refresh_from_db()
    assert story.view_count == 4


def test_the_fast_path_refuses_what_the_view_refuses(story, database_mode) -> None:
    assert call("POST", "/audience/views/999999/", user_agent=READER)[0].startswith("404")
    crawler = call("POST", f"/audience/views/{story.pk}/", user_agent="Googlebot/2.1")
    assert crawler[1]["Nashra-View"] == "bot"
    assert call("GET", f"/audience/views/{story.pk}/")[0].startswith("405")


def test_everything_else_goes_to_django(story) -> None:
    status, _headers, body = call("GET", story.url)

    assert status == "200 OK" and "خبر يقرؤه كثيرون".encode() in body
