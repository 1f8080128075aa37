"""Who is asking: the reader's network address, as far as the site can trust it."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# One IPv6 subscriber holds at least a /64 and picks addresses in it at will (privacy
# addresses change every day), so a /64 is one machine for limits, bans and counting.
IPV6_GROUP_PREFIX = 64


def _parse(text: str) -> IPAddress | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


@lru_cache(maxsize=16)
def _networks(spec: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(network, strict=False) for network in spec)


def _is_trusted_proxy(address: IPAddress) -> bool:
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXY_NETWORKS)))


def client_address(request: HttpRequest) -> str | None:
    """The address of the machine that sent the request.

    Behind a proxy every request comes from the proxy, and the client is in
    X-Forwarded-For. Anyone can write that header, so it is read only when the peer is
    in TRUSTED_PROXY_NETWORKS, and then from the right: each hop a trusted proxy wrote
    names the machine before it, up to TRUSTED_PROXIES hops, and the walk stops at the
    first machine that is not a trusted proxy. What that machine wrote is not believed.
    """
    address = _parse(request.META.get("REMOTE_ADDR", ""))
    if address is None:
        return None
    proxies = settings.TRUSTED_PROXIES
    hops = [hop for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()]
    for hop in reversed(hops[-proxies:] if proxies else []):
        if not _is_trusted_proxy(address):
            break
        written = _parse(hop)
        if written is None:
            break
        address = written
    return str(address)


def address_group(address: str | None) -> str:
    """The network that stands for one machine: an IPv4 address itself, an IPv6 /64.

    >>> address_group("2001:db8:1:2:aaaa::9")
    '2001:db8:1:2::/64'
    >>> address_group("::ffff:192.0.2.1")
    '192.0.2.1'

    Anything that is not an address is its own group; no address at all is "unknown".
    """
    if not address:
        return "unknown"
    parsed = _parse(address)
    if parsed is None:
        return address
    if parsed.version == 4:
        return str(parsed)
    return str(ipaddress.ip_network(f"{parsed}/{IPV6_GROUP_PREFIX}", strict=False))
