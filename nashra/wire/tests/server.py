"""A real HTTP server on loopback serving the fixture feeds and pages, misbehaving on cue."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before anything is sent
    drip: float = 0.0  # seconds between single bytes of the body
    stream_bytes: int = 0  # a body of this many bytes, sent with no Content-Length
    etag: str = ""


class FixtureServer:
    def __init__(self) -> None:
        self.routes: dict[str, Reply] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                if self.path.startswith("/loop/"):
                    step = int(self.path.rsplit("/", 1)[1])
                    self.send_response(302)
                    self.send_header("Location", f"/loop/{step + 1}")
                    self.end_headers()
                    return
                reply = server.routes.get(self.path)
                if reply is None:
                    self.send_error(404)
                    return
                time.sleep(reply.delay)
                if reply.etag and self.headers.get("If-None-Match") == reply.etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                if reply.etag:
                    self.send_header("ETag", reply.etag)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if not reply.stream_bytes and not reply.drip:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                try:
                    if reply.stream_bytes:
                        chunk = b"<p>" + "حشو ".encode() * 2000 + b"</p>"
                        for _ in range(reply.stream_bytes // len(chunk) + 1):
                            self.wfile.write(chunk)
                    elif reply.drip:
                        for byte in reply.body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(reply.drip)
                    else:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, body: str | bytes, **options: Any) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Reply(body=data, **options)
        return self.url(path)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def wire_server(settings: Any) -> Iterator[FixtureServer]:
    """The fixture server, with loopback explicitly allowed and short limits."""
    settings.WIRE_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    settings.WIRE_FETCH_TIMEOUT = 1.0
    settings.WIRE_RETRIES = 1
    settings.WIRE_RETRY_BACKOFF = 0.01
    settings.WIRE_MAX_BYTES = 512 * 1024
    settings.WIRE_EXTRACT_TIMEOUT = 20.0
    server = FixtureServer()
    server.start()
    yield server
    server.stop()
