from django.urls import path

from nashra.live import feeds, views

app_name = "live"

urlpatterns = [
    path("<int:article_id>/updates/", views.updates, name="updates"),
    path("<int:article_id>/feed/", feeds.CoverageFeed(), name="feed"),
]
