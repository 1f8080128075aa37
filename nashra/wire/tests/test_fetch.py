from __future__ import annotations

import ipaddress

import pytest

from nashra.wire.fetch import Client, FetchError
from nashra.wire.tests import server
from nashra.wire.tests.server import FixtureServer, Reply

wire_server = server.wire_server  # the fixture, used by name

LOOPBACK = [ipaddress.ip_network("127.0.0.0/8")]


def client(**options: object) -> Client:
    defaults: dict[str, object] = {
        "timeout": 1.0, "retries": 1, "backoff": 0.01, "allowed_networks": LOOPBACK,
        "user_agent": "Nashra/0.1 (+http://news.example)", "max_bytes": 256 * 1024,
    }
    return Client(**{**defaults, **options})  # type: ignore[arg-type]


def test_it_sends_its_user_agent_and_gets_the_body(wire_server: FixtureServer) -> None:
    url = wire_server.serve("/a", "<p>خبر</p>")
    response = client().get(url)
    assert response.status == 200 and response.body.decode() == "<p>خبر</p>"
    assert wire_server.requests[-1][1]["user-agent"] == "Nashra/0.1 (+http://news.example)"


def test_it_asks_conditionally_and_understands_not_modified(wire_server: FixtureServer) -> None:
    url = wire_server.serve("/feed", "<rss/>", etag='"v1"')
    first = client().get(url)
    assert first.headers["etag"] == '"v1"'
    second = client().get(url, etag='"v1"', last_modified="Sat, 28 Nov 2026 09:00:00 GMT")
    assert second.not_modified and second.body == b""
    sent = wire_server.requests[-1][1]
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Sat, 28 Nov 2026 09:00:00 GMT"


def test_it_refuses_loopback_unless_allowed(wire_server: FixtureServer) -> None:
    url = wire_server.serve("/a", "x")
    with pytest.raises(FetchError, match="شبكة داخلية"):
        client(allowed_networks=[]).get(url)
    assert wire_server.requests == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/feed", "gopher://x/"])
def test_it_refuses_addresses_that_are_not_http(url: str) -> None:
    with pytest.raises(FetchError, match="http"):
        client().get(url)


def test_it_checks_the_address_again_on_every_redirect(wire_server: FixtureServer) -> None:
    wire_server.routes["/hop"] = Reply(
        status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    with pytest.raises(FetchError, match="شبكة داخلية"):
        client().get(wire_server.url("/hop"))


def test_it_follows_a_few_redirects_then_stops(wire_server: FixtureServer) -> None:
    wire_server.serve("/end", "وصلنا")
    wire_server.routes["/start"] = Reply(status=301, headers={"Location": "/end"})
    assert client().get(wire_server.url("/start")).url.endswith("/end")
    with pytest.raises(FetchError, match="التحويلات"):
        client(max_redirects=5).get(wire_server.url("/loop/0"))
    assert len([p for p, _h in wire_server.requests if p.startswith("/loop/")]) == 6


def test_it_stops_reading_a_document_bigger_than_the_cap(wire_server: FixtureServer) -> None:
    wire_server.routes["/huge"] = Reply(stream_bytes=5 * 2**20)
    with pytest.raises(FetchError, match="أكبر من الحدّ"):
        client().get(wire_server.url("/huge"))
    declared = wire_server.serve("/declared", b"x" * (300 * 1024))
    with pytest.raises(FetchError, match="أكبر من الحدّ"):
        client().get(declared)


def test_it_gives_up_on_a_server_that_does_not_answer(wire_server: FixtureServer) -> None:
    # Answered in full after 3 s: only the 1 s time-out makes this an error.
    wire_server.routes["/slow"] = Reply(body=b"late", delay=3)
    with pytest.raises(FetchError, match="المهلة"):
        client(retries=0).get(wire_server.url("/slow"))


def test_it_gives_up_on_a_body_that_drips_in(wire_server: FixtureServer) -> None:
    # A byte every 0.1 s never trips the socket time-out; only the body's deadline stops it.
    wire_server.routes["/drip"] = Reply(body=b"x" * 100, drip=0.1)
    with pytest.raises(FetchError, match="قبل اكتمال التحميل"):
        client().get(wire_server.url("/drip"))


def test_it_retries_a_failing_server_with_backoff(wire_server: FixtureServer) -> None:
    wire_server.routes["/down"] = Reply(status=503)
    with pytest.raises(FetchError, match="503"):
        client(retries=2).get(wire_server.url("/down"))
    assert [p for p, _h in wire_server.requests].count("/down") == 3


def test_it_does_not_retry_a_missing_page(wire_server: FixtureServer) -> None:
    with pytest.raises(FetchError, match="404"):
        client(retries=2).get(wire_server.url("/missing"))
    assert len(wire_server.requests) == 1
