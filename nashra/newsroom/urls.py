"""Outbound distribution addresses: feeds, sitemaps, robots.txt."""

from __future__ import annotations

from django.urls import path

from nashra.newsroom import feeds, robots, sitemaps

urlpatterns = [
    path("feed/", feeds.ArticleFeed(), name="feed"),
    path("feed/atom/", feeds.AtomArticleFeed(), name="feed-atom"),
    path("feed/section/<str:slug>/", feeds.SectionFeed(), name="feed-section"),
    path("feed/section/<str:slug>/atom/", feeds.AtomSectionFeed(), name="feed-section-atom"),
    path("feed/tag/<str:slug>/", feeds.TagFeed(), name="feed-tag"),
    path("feed/tag/<str:slug>/atom/", feeds.AtomTagFeed(), name="feed-tag-atom"),
    path("sitemap.xml", sitemaps.index, name="sitemap-index"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
    path("robots.txt", robots.robots_txt, name="robots"),
]
