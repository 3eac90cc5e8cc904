"""Casework pages at /casus/."""

from django.urls import path

from . import views_feed

app_name = "casus"

urlpatterns = [
    path("monitor", views_feed.monitor, name="monitor"),
    path("monitor.csv", views_feed.monitor_csv, name="monitor_csv"),
]
