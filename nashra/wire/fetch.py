"""A careful HTTP client for other people's servers.

Only http(s); every hop of a redirect is resolved and its addresses checked, and the
connection goes to the address that was checked (a second DNS answer cannot slip a
private address in between). Bodies are read against a byte cap and a wall-clock
deadline, so a huge or a dripping response costs at most the cap and the deadline.
Errors carry an Arabic message for the source's health line.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

REDIRECTS = {301, 302, 303, 307, 308}
RETRYABLE_STATUS = {429, 500, 502, 503, 504}
CHUNK = 64 * 1024

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class FetchError(Exception):
    def __init__(self, message: str, retryable: bool = False, timed_out: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable
        self.timed_out = timed_out


def _cut(connection: http.client.HTTPConnection) -> None:
    """End a request at its deadline: the blocked read returns with an error."""
    sock = connection.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed


@dataclass
class Response:
    url: str
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str:
        message = Message()
        message["content-type"] = self.headers.get("content-type", "")
        return str(message.get_param("charset") or "").strip().lower()


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        self._ssl = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self._ssl)
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._ssl.wrap_socket(raw, server_hostname=self.host)


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _carried(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address leads to: mapped, 6to4, Teredo, NAT64."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    carried = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if ip in _NAT64:
        carried.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [address for address in carried if address is not None]


def reachable_from_the_wire(
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address, allowed: Iterable[IPNetwork] = ()
) -> bool:
    """Whether the wire may connect to ``ip``: a public address, or one the site allows.

    Public means Python's ``is_global`` (which leaves out carrier-grade NAT, 100.64/10,
    where some clouds answer metadata requests) and not multicast, for the address and
    for every IPv4 address it carries (6to4 2002::/16, Teredo, NAT64, IPv4-mapped), so an
    internal host cannot be named through a translation prefix.
    """
    if any(ip in network for network in allowed):
        return True
    if isinstance(ip, ipaddress.IPv6Address) and (ip.sixtofour or ip.teredo):
        return False  # a tunnel to some other host: no news source needs one
    return all(
        address.is_global and not address.is_multicast for address in [ip, *_carried(ip)]
    )


def _networks(values: Iterable[str]) -> list[IPNetwork]:
    return [ipaddress.ip_network(value.strip(), strict=False) for value in values if value]


@dataclass
class Client:
    timeout: float = 10.0
    max_bytes: int = 5 * 2**20
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 0.5
    user_agent: str = "Nashra"
    allowed_networks: list[IPNetwork] = field(default_factory=list)

    @classmethod
    def from_settings(cls) -> Client:
        return cls(
            timeout=float(settings.WIRE_FETCH_TIMEOUT),
            max_bytes=int(settings.WIRE_MAX_BYTES),
            max_redirects=int(settings.WIRE_MAX_REDIRECTS),
            retries=int(settings.WIRE_RETRIES),
            backoff=float(settings.WIRE_RETRY_BACKOFF),
            user_agent=str(settings.WIRE_USER_AGENT),
            allowed_networks=_networks(settings.WIRE_ALLOWED_NETWORKS),
        )

    def get(self, url: str, etag: str = "", last_modified: str = "") -> Response:
        """The final response after redirects; 304 comes back as ``not_modified``."""
        attempt = 0
        while True:
            try:
                return self._follow(url, etag, last_modified)
            except FetchError as error:
                if not error.retryable or attempt >= self.retries:
                    raise
            time.sleep(self.backoff * 2**attempt)
            attempt += 1

    def _follow(self, url: str, etag: str, last_modified: str) -> Response:
        current = url
        for _hop in range(self.max_redirects + 1):
            response = self._request(current, etag, last_modified)
            if response.status not in REDIRECTS:
                return response
            location = response.headers.get("location", "")
            if not location:
                raise FetchError(_("تحويل بلا عنوان من %(url)s") % {"url": current})
            current = urljoin(current, location)
        raise FetchError(
            _("تجاوز عدد التحويلات الحدّ (%(count)d) عند %(url)s")
            % {"count": self.max_redirects, "url": url}
        )

    def check_address(self, host: str, port: int) -> str:
        """One address of ``host`` to connect to, if none of its addresses is private."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            # Only "try again" from the resolver is worth a retry; a missing name is not.
            passing = isinstance(error, socket.gaierror) and error.errno == socket.EAI_AGAIN
            raise FetchError(
                _("تعذّر العثور على الخادم %(host)s") % {"host": host}, retryable=passing
            ) from error
        addresses = [str(info[4][0]) for info in infos]
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not reachable_from_the_wire(ip, self.allowed_networks):
                raise FetchError(
                    _("العنوان %(host)s يشير إلى شبكة داخلية، وجلبه ممنوع") % {"host": host}
                )
        return addresses[0]

    def _request(self, url: str, etag: str, last_modified: str) -> Response:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise FetchError(_("عنوان غير مقبول: %(url)s (http وhttps فقط)") % {"url": url})
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as error:
            raise FetchError(_("عنوان غير مقبول: %(url)s") % {"url": url}) from error
        address = self.check_address(parts.hostname, port)
        kind = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        connection = kind(parts.hostname, port, address, self.timeout)
        headers = {
            "User-Agent": self.user_agent,
            "Accept": "application/rss+xml, application/atom+xml, application/xml, "
                      "text/xml, text/html;q=0.9, */*;q=0.5",
            "Accept-Encoding": "identity",
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        deadline = time.monotonic() + self.timeout
        # One deadline for the whole exchange: socket time-outs bound each read, so a
        # server dripping one header byte a second would otherwise never time out.
        watchdog = threading.Timer(self.timeout, _cut, (connection,))
        watchdog.daemon = True
        watchdog.start()
        try:
            connection.request("GET", target, headers=headers)
            raw = connection.getresponse()
            response = Response(
                url=url, status=raw.status,
                headers={name.lower(): value for name, value in raw.getheaders()},
            )
            if raw.status in RETRYABLE_STATUS:
                raise FetchError(
                    _("أجاب الخادم بالرمز %(status)d") % {"status": raw.status}, retryable=True
                )
            if raw.status in REDIRECTS or raw.status == 304:
                return response
            if raw.status != 200:
                raise FetchError(_("أجاب الخادم بالرمز %(status)d") % {"status": raw.status})
            response.body = self._read(raw, deadline, url)
            return response
        except (OSError, http.client.HTTPException) as error:
            if isinstance(error, TimeoutError) or time.monotonic() >= deadline:
                # Not retried: a source that stalls once is given up until its backoff
                # passes (Source.record_failure), not waited on again in this run.
                raise FetchError(
                    _("انتهت المهلة (%(seconds)s ثانية) عند %(url)s")
                    % {"seconds": self.timeout, "url": url}, timed_out=True,
                ) from error
            raise FetchError(
                _("تعذّر الاتصال بـ %(url)s: %(error)s") % {"url": url, "error": error},
                retryable=True,
            ) from error
        finally:
            watchdog.cancel()
            connection.close()

    def _read(self, raw: http.client.HTTPResponse, deadline: float, url: str) -> bytes:
        too_big = FetchError(
            _("المستند أكبر من الحدّ المسموح (%(limit)d بايت): %(url)s")
            % {"limit": self.max_bytes, "url": url}
        )
        declared = raw.getheader("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise too_big
        chunks: list[bytes] = []
        size = 0
        while True:
            if time.monotonic() > deadline:
                raise FetchError(
                    _("انتهت المهلة (%(seconds)s ثانية) قبل اكتمال التحميل: %(url)s")
                    % {"seconds": self.timeout, "url": url}, timed_out=True,
                )
            chunk = raw.read1(CHUNK)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > self.max_bytes:
                raise too_big
            chunks.append(chunk)
