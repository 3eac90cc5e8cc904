"""Two-factor sign-in with TOTP (django-otp): the second step, enrolment, and enforcement.

Local accounts must pass a TOTP code after their password before they reach anything that is
not public; a user without a device is sent to enrol one first. OIDC sign-ins count as verified:
the gemeente's identity provider does the second factor.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

OIDC_SESSION_FLAG = "wijkkracht_oidc_verified"
PUBLIC_PREFIXES = ("/static/", "/api/", "/wijkfoto/", "/toegankelijkheid", "/gezondheid",
                   "/gereed", "/account/", "/oidc/", "/favicon.ico",
                   "/netwerkscan/vragenlijst/",  # the survey behind a personal link
                   "/taken/")  # a visitor's download (jobs/selectors: owners' need both steps)
# Public pages under a prefix that also holds pages for professionals: matched whole.
PUBLIC_PATHS = re.compile(r"^/kaart/(dienst/[0-9a-f-]{36}(/kaart)?)?$")


def is_verified(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if not getattr(settings, "WIJKKRACHT_REQUIRE_2FA", True):
        return True
    if request.session.get(OIDC_SESSION_FLAG):
        return True
    return bool(getattr(user, "is_verified", lambda: False)())


def devices_remove(user) -> None:
    """Forget the user's authenticator and recovery codes: they enrol again at next sign-in."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


class RequireTwoFactorMiddleware:
    """Signed-in but unverified users may only reach public pages and the sign-in steps."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (getattr(settings, "WIJKKRACHT_REQUIRE_2FA", True) and request.user.is_authenticated
                and not is_verified(request) and request.path != "/"
                and not request.path.startswith(PUBLIC_PREFIXES)
                and not PUBLIC_PATHS.match(request.path)):
            from django_otp import user_has_device

            target = "accounts:otp" if user_has_device(request.user) else "accounts:otp_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)
