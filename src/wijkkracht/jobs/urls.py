from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("<uuid:pk>", views.detail, name="detail"),
    path("<uuid:pk>/stand", views.state, name="state"),
    path("<uuid:pk>/bestand", views.download, name="download"),
    path("<uuid:pk>/opnieuw", views.retry, name="retry"),
]
