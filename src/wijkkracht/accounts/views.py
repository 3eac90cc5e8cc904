"""Sign-in, the TOTP step and TOTP enrolment. Thin: the checks live in django-otp and axes."""

from __future__ import annotations

import base64
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import TokenForm
from .twofactor import is_verified


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        """Straight on to the second step: a password alone reaches nothing but public pages."""
        target = self.get_redirect_url() or "/"
        if not getattr(settings, "WIJKKRACHT_REQUIRE_2FA", True) or is_verified(self.request):
            return target
        step = "accounts:otp" if user_has_device(self.request.user) else "accounts:otp_setup"
        return f"{reverse(step)}?{urlencode({'next': target})}"


@login_required
@require_http_methods(["GET", "POST"])
def otp(request: HttpRequest) -> HttpResponse:
    """Second step: a code from the authenticator app."""
    if is_verified(request):
        return redirect(_next(request))
    if not user_has_device(request.user):
        return redirect("accounts:otp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = next((d for d in TOTPDevice.objects.devices_for_user(request.user,
                                                                      confirmed=True)
                       if d.verify_token(form.cleaned_data["token"])), None)
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("This code is not correct or has expired. Try the new code."))
    return render(request, "accounts/otp.html", {"form": form, "next": _next(request)})


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
    """Enrol an authenticator app: scan the QR code, confirm with a first code."""
    if user_has_device(request.user) and not is_verified(request):
        return redirect("accounts:otp")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator"})
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            messages.success(request, _("Two-step verification is on."))
            return redirect(_next(request))
        form.add_error("token", _("This code is not correct. Check the time on your phone and "
                                  "try the new code."))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    return render(request, "accounts/otp_setup.html", {
        "form": form, "qr_svg": _qr_svg(device.config_url), "secret": secret,
        "next": _next(request)})
