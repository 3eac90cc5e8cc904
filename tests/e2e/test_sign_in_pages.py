"""The way back in, in a real browser: recovery code step, new recovery codes, forgotten
password, and the admin's 403 page; no WCAG 2.1 AA violations and no horizontal overflow at
320 px."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.e2e.conftest import axe_violations
from wijkkracht.accounts.models import User

PASSWORD = "Wijkteam-Transvaal-2026"


def checked(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    assert axe_violations(page) == [], page.url


@pytest.fixture
def professional(transactional_db):
    user = User.objects.create_user(username="marieke", password=PASSWORD)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    StaticDevice.objects.create(user=user, name="herstelcodes", confirmed=True)
    return user, device


@pytest.mark.parametrize("width", [1280, 320])
def test_the_way_back_in(page, professional, width):
    user, device = professional
    page.goto("/account/wachtwoord-vergeten")
    checked(page, width)
    page.goto("/account/aanmelden")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/account/code**")
    page.get_by_role("link", name="Telefoon kwijt? Gebruik een herstelcode").click()
    page.wait_for_url("**/account/herstelcode**")
    checked(page, width)
    page.get_by_role("link", name="Toch een code uit de authenticator-app gebruiken").click()
    page.get_by_label("Code uit uw authenticator-app").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Bevestigen").click()
    page.goto("/account/herstelcodes")
    checked(page, width)
    page.get_by_role("button", name="Nieuwe herstelcodes maken").click()
    assert page.locator("main li code").count() == 10
    checked(page, width)
    page.goto("/beheer/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "U hebt geen toegang tot deze pagina")
    assert page.get_by_role("button", name="Afmelden").count() == 1
    checked(page, width)
