from __future__ import annotations

from django.urls import path

from nashra.alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.opt_in, name="opt_in"),
    path("ticker/", views.ticker, name="ticker"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("state/", views.state, name="state"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("unsubscribe/", views.unsubscribe, name="unsubscribe"),
]
