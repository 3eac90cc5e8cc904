from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("toegankelijkheid", views.accessibility, name="accessibility"),
    path("gezondheid", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
]
