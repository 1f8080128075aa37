from __future__ import annotations

from django.urls import path

from nashra.comments import views

app_name = "comments"

urlpatterns = [
    path("<int:article_id>/form/", views.form_state, name="form_state"),
    path("<int:article_id>/new/", views.form_page, name="form_page"),
    path("<int:article_id>/post/", views.post_comment, name="post"),
    path("report/<int:comment_id>/", views.report_comment, name="report"),
]
