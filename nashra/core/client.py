"""Who is asking: the reader's network address, as far as the site can trust it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address of the machine that sent the request.

    Behind a proxy every request comes from the proxy, and the client is in
    X-Forwarded-For. Anyone can write that header, so only the hops added by the
    TRUSTED_PROXIES proxies the operator runs are believed, counted from the right.
    """
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None
