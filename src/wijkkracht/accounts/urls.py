from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("aanmelden", views.LoginView.as_view(), name="login"),
    path("code", views.otp, name="otp"),
    path("tweestapsverificatie", views.otp_setup, name="otp_setup"),
    path("afmelden", auth_views.LogoutView.as_view(), name="logout"),
]
