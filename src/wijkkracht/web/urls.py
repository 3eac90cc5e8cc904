from django.urls import path

from wijkkracht.ops import probes

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("toegankelijkheid", views.accessibility, name="accessibility"),
    path("gezondheid", probes.health, name="health"),
    path("gereed", probes.ready, name="ready"),
    path("favicon.ico", views.favicon, name="favicon"),
]
