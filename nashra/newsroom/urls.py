"""Outbound distribution addresses: feeds, sitemaps, robots.txt."""

from __future__ import annotations

urlpatterns: list = []
