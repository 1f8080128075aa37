"""The site's addresses plus one page carrying markup an attacker slipped in, served
through the site's own middleware (tests only)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from nashra.urls import urlpatterns as site_urlpatterns

INJECTED = """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>صفحة</title></head><body><p>نص الخبر</p>
<script>window.injectedScriptRan = true;</script>
<img src="data:," alt="" onerror="window.injectedHandlerRan = true">
<a href="#" id="bait" onclick="window.injectedClickRan = true">رابط</a>
</body></html>"""


def hostile_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(INJECTED)


urlpatterns = [path("hostile/", hostile_page), *site_urlpatterns]
