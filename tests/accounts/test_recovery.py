"""A way back in: recovery codes shown once at enrolment and accepted instead of a TOTP code;
a forgotten password reset by e-mail when SMTP is configured, else whom to ask."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.test_sign_in import PASSWORD
from wijkkracht.accounts.models import User
from wijkkracht.audit.models import ProcessingRecord

pytestmark = pytest.mark.django_db
CODE_RE = re.compile(r"<li><code>([a-z0-9]+)</code></li>")


def enrol(client) -> list[str]:
    """A new user signs in with a password, enrols an app and gets the codes, once."""
    user = User.objects.create_user(username="nieuw", password=PASSWORD, email="n@example.org")
    client.post(reverse("accounts:login"), {"username": "nieuw", "password": PASSWORD})
    client.get(reverse("accounts:otp_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:otp_setup"),
                           {"token": f"{totp(device.bin_key):06d}", "next": "/netwerkscan/"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    codes = CODE_RE.findall(response.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert 'href="/netwerkscan/"' in response.content.decode()  # then on to where they went
    return codes


def test_enrolment_shows_recovery_codes_once_and_one_signs_in(client):
    codes = enrol(client)
    # Not shown again: the page for signed-in users only counts them.
    page = client.get(reverse("accounts:recovery_codes")).content.decode()
    assert not any(c in page for c in codes) and "10" in page
    client.post(reverse("accounts:logout"))

    client.post(reverse("accounts:login"), {"username": "nieuw", "password": PASSWORD})
    assert client.get("/netwerkscan/").status_code == 302  # second step still needed
    code_page = client.get(reverse("accounts:otp")).content.decode()
    assert reverse("accounts:otp_recovery") in code_page
    response = client.post(reverse("accounts:otp_recovery"),
                           {"token": codes[3].upper(), "next": "/netwerkscan/"})
    assert response.status_code == 302 and response.url == "/netwerkscan/"
    assert client.get("/netwerkscan/").status_code == 200
    assert StaticToken.objects.count() == 9
    assert ProcessingRecord.objects.filter(operation="login").count() == 2

    # Each code works once.
    client.post(reverse("accounts:logout"))
    client.post(reverse("accounts:login"), {"username": "nieuw", "password": PASSWORD})
    response = client.post(reverse("accounts:otp_recovery"), {"token": codes[3]})
    assert response.status_code == 200 and "_otp_device_id" not in client.session
    assert ProcessingRecord.objects.filter(operation="otp_failed").count() == 1


def test_new_recovery_codes_replace_the_old_ones(client):
    codes = enrol(client)
    response = client.post(reverse("accounts:recovery_codes"))
    fresh = CODE_RE.findall(response.content.decode())
    assert len(fresh) == 10 and not set(fresh) & set(codes)
    assert StaticDevice.objects.count() == 1 and StaticToken.objects.count() == 10
    assert ProcessingRecord.objects.filter(operation="recovery_codes_new").exists()


def test_recovery_codes_need_the_full_sign_in(client, make_user):
    user = make_user()
    client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    response = client.post(reverse("accounts:recovery_codes"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:otp"))
    assert not StaticToken.objects.exists()


def test_without_smtp_the_sign_in_page_says_whom_to_ask(client, db, settings):
    settings.WIJKKRACHT_EMAIL_ENABLED = False
    page = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") not in page
    assert "functioneel beheerder" in page
    User.objects.create_user(username="marieke", password=PASSWORD, email="m@example.org")
    response = client.post(reverse("accounts:password_reset"), {"email": "m@example.org"})
    assert response.status_code == 200 and "functioneel beheerder" in response.content.decode()
    assert mail.outbox == []


def test_with_smtp_a_forgotten_password_is_reset_by_e_mail(client, make_user, settings):
    settings.WIJKKRACHT_EMAIL_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = make_user(email="marieke@example.org")
    page = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in page
    response = client.post(reverse("accounts:password_reset"), {"email": "marieke@example.org"})
    assert response.status_code == 302
    # An unknown address gets the same answer and no mail (no probing for accounts).
    assert client.post(reverse("accounts:password_reset"),
                       {"email": "niemand@example.org"}).url == response.url
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["marieke@example.org"]
    assert "wachtwoord" in mail.outbox[0].subject.lower()
    link = re.search(r"https?://[^/]+(/account/wachtwoord-herstellen/\S+)",
                     mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new = "Nieuw-Wachtwoord-Transvaal-9"
    response = client.post(form_page.redirect_chain[-1][0],
                           {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert ProcessingRecord.objects.filter(operation="password_reset",
                                           subject_id=str(user.pk)).exists()
    # The new password is only the first step: the code is still needed.
    client.post(reverse("accounts:login"), {"username": user.username, "password": new})
    assert client.get("/netwerkscan/").status_code == 302
