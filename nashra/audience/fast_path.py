"""The view beacon answered straight from WSGI, before Django's middleware and routing.

Beacons are the site's most frequent request and the cheapest to answer: they need
none of the session, CSRF, authentication, messages or page-cache middleware, nor the
URL resolver in front of Wagtail's catch-all. Skipping them halves the beacon's cost in
Django. The answer is the view's own (`views.record_view`), so both paths behave alike;
anything that is not a beacon POST goes to Django untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from django.core import signals
from django.core.handlers.wsgi import WSGIRequest

from nashra.audience.views import record_view
from nashra.core.outages import OUTAGES, RETRY_AFTER_SECONDS

_BEACON = re.compile(r"^/audience/views/(\d+)/$")

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class BeaconFastPath:
    def __init__(self, application: WSGIApp) -> None:
        self.application = application

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        found = _BEACON.match(environ.get("PATH_INFO", ""))
        if found is None or environ.get("REQUEST_METHOD") != "POST":
            return self.application(environ, start_response)
        # The signals Django's handler sends around every request: they drop database
        # connections that died or outlived CONN_MAX_AGE, and release caches.
        signals.request_started.send(sender=self.__class__, environ=environ)
        try:
            response = record_view(WSGIRequest(environ), int(found.group(1)))
            status = f"{response.status_code} {response.reason_phrase}"
            headers = list(response.items())
        except OUTAGES:
            # Not acknowledged, so not promised: the reader's page may send it again.
            status = "503 Service Unavailable"
            headers = [("Cache-Control", "no-store"), ("Retry-After", str(RETRY_AFTER_SECONDS))]
        finally:
            signals.request_finished.send(sender=self.__class__)
        start_response(status, headers)
        return [b""]
