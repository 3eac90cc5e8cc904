"""Sign-in, the TOTP step, recovery codes, TOTP enrolment and the forgotten password.

Thin: the checks live in django-otp and axes. A sign-in is complete, and logged as "login",
only after the second step; then the session gets a new key (as after the password), failed
attempts are forgotten, and the menu shows member items.
"""

from __future__ import annotations

import base64
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkkracht.audit import services as audit
from wijkkracht.audit.models import Action

from .forms import RecoveryCodeForm, TokenForm
from .twofactor import is_verified

RECOVERY_CODES = 10
RECOVERY_DEVICE_NAME = "herstelcodes"
# Read by the audit log's sign-in handler: a password alone is step one, not a sign-in.
PASSWORD_STEP = "password_ok"


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "password_reset": settings.WIJKKRACHT_EMAIL_ENABLED}

    def form_valid(self, form):
        if getattr(settings, "WIJKKRACHT_REQUIRE_2FA", True):
            self.request.audit_login_operation = PASSWORD_STEP
        return super().form_valid(form)

    def get_success_url(self) -> str:
        """Straight on to the second step: a password alone reaches nothing but public pages."""
        target = self.get_redirect_url() or "/"
        if is_verified(self.request):
            return target
        step = "accounts:otp" if user_has_device(self.request.user) else "accounts:otp_setup"
        return f"{reverse(step)}?{urlencode({'next': target})}"


# --- the second step -------------------------------------------------------------------------


def _credentials(request: HttpRequest) -> dict:
    return {"username": request.user.get_username()}


def _locked(request: HttpRequest) -> bool:
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.is_locked(request, _credentials(request))


def _locked_out(request: HttpRequest) -> HttpResponse:
    """Too many failures: the half-signed-in session ends, the lock page says why."""
    logout(request)
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)


def _code_failed(request: HttpRequest) -> None:
    """A wrong code counts towards the lockout (axes) and is logged, like a wrong password."""
    user_login_failed.send(sender=__name__, credentials={**_credentials(request), "step": "otp"},
                           request=request)


def _signed_in(request: HttpRequest, device) -> None:
    """The full sign-in: verified session under a new key, failures forgotten, logged."""
    from axes.helpers import get_client_ip_address
    from axes.models import AccessAttempt

    otp_login(request, device)
    request.session.cycle_key()  # no session fixation across the second step either
    AccessAttempt.objects.filter(username=request.user.get_username(),
                                 ip_address=get_client_ip_address(request)).delete()
    audit.record(activity="authentication", operation="login", action=Action.EXECUTE,
                 subject_type="user", subject_id=request.user.pk, request=request)


def _second_step(request: HttpRequest, form, verify, template: str) -> HttpResponse:
    """Shared by the TOTP code and the recovery code: ``verify(token)`` returns the device that
    accepts the code, or None."""
    if is_verified(request):
        return redirect(_next(request))
    if not user_has_device(request.user):
        return redirect("accounts:otp_setup")
    if _locked(request):
        return _locked_out(request)
    if request.method == "POST" and form.is_valid():
        device = verify(form.cleaned_data["token"])
        if device is not None:
            _signed_in(request, device)
            return redirect(_next(request))
        _code_failed(request)
        if getattr(request, "axes_locked_out", False):
            return _locked_out(request)
        form.add_error("token", form.wrong_code_message)
    return render(request, template, {"form": form, "next": _next(request),
                                      "has_recovery_codes": _recovery_device(request.user)
                                      is not None})


@login_required
@require_http_methods(["GET", "POST"])
def otp(request: HttpRequest) -> HttpResponse:
    """Second step: a code from the authenticator app."""
    def verify(token):
        return next((d for d in TOTPDevice.objects.devices_for_user(request.user, confirmed=True)
                     if d.verify_token(token)), None)

    return _second_step(request, TokenForm(request.POST or None), verify, "accounts/otp.html")


@login_required
@require_http_methods(["GET", "POST"])
def otp_recovery(request: HttpRequest) -> HttpResponse:
    """Second step with a one-time recovery code, when the phone is lost."""
    def verify(token):
        device = _recovery_device(request.user)
        if device is None or not device.verify_token(token):
            return None
        left = device.token_set.count()
        messages.warning(request, _("You used a recovery code. %(left)d are left: set up your "
                                    "authenticator app again soon (ask your functional "
                                    "administrator to reset it).") % {"left": left})
        return device

    return _second_step(request, RecoveryCodeForm(request.POST or None), verify,
                        "accounts/otp_recovery.html")


# --- enrolment and recovery codes --------------------------------------------------------


def _recovery_device(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def _new_recovery_codes(user) -> list[str]:
    """A fresh set of one-time codes (django-otp static tokens); any earlier set stops working.
    Only their use is checked later; the codes are shown once, on the page that makes them."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _show_recovery_codes(request: HttpRequest, codes: list[str]) -> HttpResponse:
    response = render(request, "accounts/recovery_codes.html",
                      {"codes": codes, "next": _next(request)})
    response["Cache-Control"] = "no-store"
    return response


def _qr_svg(uri: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8")


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code, confirm with a first code; then the
    recovery codes are shown, once."""
    if user_has_device(request.user) and not is_verified(request):
        return redirect("accounts:otp")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator"})
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            _signed_in(request, device)
            messages.success(request, _("Two-step verification is on."))
            return _show_recovery_codes(request, _new_recovery_codes(request.user))
        _code_failed(request)
        form.add_error("token", _("This code is not correct. Check the time on your phone and "
                                  "try the new code."))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    response = render(request, "accounts/otp_setup.html", {
        "form": form, "qr_svg": _qr_svg(device.config_url), "secret": secret,
        "next": _next(request)})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """A new set of recovery codes for a signed-in user (the old set stops working)."""
    if not is_verified(request):  # /account/ is open to a user between the two steps
        return redirect(f"{reverse('accounts:otp')}?{urlencode({'next': request.path})}")
    if request.method == "POST":
        audit.record(activity="authentication", operation="recovery_codes_new",
                     action=Action.UPDATE, subject_type="user", subject_id=request.user.pk,
                     request=request)
        return _show_recovery_codes(request, _new_recovery_codes(request.user))
    device = _recovery_device(request.user)
    return render(request, "accounts/recovery_codes_new.html",
                  {"left": device.token_set.count() if device else 0})


# --- forgotten password --------------------------------------------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    """A link by e-mail when an SMTP server is configured; else the page says whom to ask.
    The answer is the same whether or not the address is known (no account probing)."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "mail_enabled": settings.WIJKKRACHT_EMAIL_ENABLED}

    def post(self, request, *args, **kwargs):
        if not settings.WIJKKRACHT_EMAIL_ENABLED:
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(activity="authentication", operation="password_reset", action=Action.UPDATE,
                     subject_type="user", subject_id=form.user.pk, user=form.user,
                     request=self.request)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"

