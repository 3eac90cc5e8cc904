from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("aanmelden", views.LoginView.as_view(), name="login"),
    path("code", views.otp, name="otp"),
    path("herstelcode", views.otp_recovery, name="otp_recovery"),
    path("tweestapsverificatie", views.otp_setup, name="otp_setup"),
    path("herstelcodes", views.recovery_codes, name="recovery_codes"),
    path("afmelden", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord-vergeten", views.PasswordResetView.as_view(), name="password_reset"),
    path("wachtwoord-vergeten/verstuurd", views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("wachtwoord-herstellen/<uidb64>/<token>", views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("wachtwoord-herstellen/klaar", views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
]
