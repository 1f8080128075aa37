"""Loopback stand-ins for the services alerts go to: a Web Push service that decrypts
what it receives and checks the sender's VAPID signature, and Telegram's Bot API.

Real HTTP servers on 127.0.0.1, each in a thread (or, for the benchmark, a process of
its own): the sender talks to them exactly as it talks to the real services.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


class QuietHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the real services

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler], state: Any) -> Iterator[str]:
    """Serve on a free loopback port; yields its base address."""
    server = Server(("127.0.0.1", 0), handler)
    server.state = state  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --- Telegram's Bot API -------------------------------------------------------------------


@dataclass
class BotApi:
    token: str
    messages: list[dict[str, Any]] = field(default_factory=list)
    # Answers given before the real one, in order: (status, body).
    script: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class BotApiHandler(QuietHandler):
    def do_POST(self) -> None:  # noqa: N802
        state: BotApi = self.server.state  # type: ignore[attr-defined]
        data = self.body()
        if self.path != f"/bot{state.token}/sendMessage":
            with state.lock:
                state.refused += 1
            return self.answer(
                404, json.dumps({"ok": False, "error_code": 404, "description": "Not Found"})
                .encode()
            )
        with state.lock:
            if state.script:
                status, answer = state.script.pop(0)
                return self.answer(status, json.dumps(answer).encode())
            message = json.loads(data)
            state.messages.append(message)
            result = {"message_id": len(state.messages), "chat": {"id": message["chat_id"]}}
        self.answer(200, json.dumps({"ok": True, "result": result}).encode(),
                    {"Content-Type": "application/json"})


# --- A Web Push service -------------------------------------------------------------------


@dataclass
class Subscriber:
    """A browser's side of a subscription: the keys only it holds."""

    key: ec.EllipticCurvePrivateKey
    auth: bytes

    @classmethod
    def new(cls) -> Subscriber:
        import os

        return cls(ec.generate_private_key(ec.SECP256R1()), os.urandom(16))

    @property
    def p256dh(self) -> str:
        return b64(self.key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        ))


@dataclass
class PushService:
    """Accepts RFC 8030 pushes at /push/<name>, checks VAPID (RFC 8292) against
    ``vapid_public_key`` and decrypts (RFC 8291) with the subscriber's key."""

    vapid_public_key: str
    subscribers: dict[str, Subscriber] = field(default_factory=dict)
    received: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    gone: set[str] = field(default_factory=set)
    # name → answers to give before accepting, e.g. [(503, {"Retry-After": "7"})].
    script: dict[str, list[tuple[int, dict[str, str]]]] = field(default_factory=dict)
    decrypt: bool = True
    lock: threading.Lock = field(default_factory=threading.Lock)
    _verified: set[tuple[str, str]] = field(default_factory=set)

    def add(self, name: str) -> Subscriber:
        self.subscribers[name] = subscriber = Subscriber.new()
        return subscriber

    def counts(self) -> Counter[str]:
        with self.lock:
            return Counter(name for name, _ in self.received)

    def check_vapid(self, header: str, audience: str) -> str | None:
        """Why the Authorization header is refused, or None when it is good."""
        scheme, _, params = header.partition(" ")
        if scheme.lower() != "vapid":
            return "not vapid"
        values = dict(part.strip().split("=", 1) for part in params.split(","))
        token, key = values.get("t", ""), values.get("k", "")
        if key != self.vapid_public_key:
            return "unknown application server key"
        if (token, audience) in self._verified:
            return None
        try:
            signed, signature = token.rsplit(".", 1)
            head = json.loads(unb64(signed.split(".")[0]))
            claims = json.loads(unb64(signed.split(".")[1]))
            raw = unb64(signature)
            public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64(key))
            public.verify(
                utils.encode_dss_signature(
                    int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
                ),
                signed.encode(),
                ec.ECDSA(hashes.SHA256()),
            )
        except (ValueError, InvalidSignature, IndexError):
            return "bad signature"
        if head.get("alg") != "ES256":
            return "not ES256"
        if claims.get("aud") != audience:
            return f"wrong audience {claims.get('aud')}"
        if not (time.time() < claims.get("exp", 0) <= time.time() + 24 * 3600):
            return "expired or too long"
        if not str(claims.get("sub", "")).startswith(("mailto:", "https:", "http:")):
            return "no contact"
        self._verified.add((token, audience))
        return None


class PushHandler(QuietHandler):
    def do_POST(self) -> None:  # noqa: N802
        state: PushService = self.server.state  # type: ignore[attr-defined]
        data = self.body()
        if len(data) < int(self.headers.get("Content-Length") or 0):
            # The sender went away mid-request (killed): nothing was accepted.
            self.close_connection = True
            return
        name = self.path.removeprefix("/push/")
        audience = f"http://{self.headers['Host']}"
        with state.lock:
            scripted = state.script.get(name)
            if scripted:
                status, headers = scripted.pop(0)
                return self.answer(status, b"", headers)
        subscriber = state.subscribers.get(name)
        if subscriber is None or name in state.gone:
            return self.answer(410)
        why = state.check_vapid(self.headers.get("Authorization", ""), audience)
        if why is None and self.headers.get("Content-Encoding") != "aes128gcm":
            why = "not aes128gcm"
        if why is None and not self.headers.get("TTL", "").isdigit():
            why = "no TTL"
        message: dict[str, Any] = {}
        if why is None and state.decrypt:
            try:
                message = json.loads(
                    http_ece.decrypt(data, private_key=subscriber.key,
                                     auth_secret=subscriber.auth, version="aes128gcm")
                )
            except Exception as error:  # noqa: BLE001 - whatever fails, the push is refused
                why = f"cannot decrypt: {error}"
        if why is not None:
            with state.lock:
                state.rejected.append((name, why))
            return self.answer(400 if "decrypt" in why else 403, why.encode())
        with state.lock:
            state.received.append((name, message))
        self.answer(201, b"", {"Location": f"/message/{name}/{len(state.received)}"})
