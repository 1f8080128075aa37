from __future__ import annotations

from django.urls import path

from nashra.audience import views

app_name = "audience"

urlpatterns = [
    path("views/<int:article_id>/", views.record_view, name="view"),
]
