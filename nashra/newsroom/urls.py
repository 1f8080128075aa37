"""The newsroom's own addresses besides its pages: authors, columnists, corrections, and
outbound distribution (feeds, sitemaps, robots.txt)."""

from __future__ import annotations

from django.urls import path

from nashra.newsroom import feeds, robots, sitemaps, views

urlpatterns = [
    path("author/<str:slug>/", views.author_page, name="author"),
    path("author/<str:slug>/feed/", feeds.AuthorFeed(), name="feed-author"),
    path("author/<str:slug>/feed/atom/", feeds.AtomAuthorFeed(), name="feed-author-atom"),
    path("columnists/", views.columnists, name="columnists"),
    path("corrections/", views.corrections, name="corrections"),
    path("corrections/feed/", feeds.CorrectionsFeed(), name="corrections-feed"),
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
