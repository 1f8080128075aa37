"""The read-only JSON API for sections and articles, under /api/v2/ (docs/api.md)."""

from __future__ import annotations

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from nashra.api.views import ArticlesEndpoint, SectionsEndpoint

router = WagtailAPIRouter("nashra_api")
router.register_endpoint("articles", ArticlesEndpoint)
router.register_endpoint("sections", SectionsEndpoint)

urlpatterns = [path("v2/", router.urls)]
