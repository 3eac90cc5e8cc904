"""Sign in, open a wijkfoto, download its PDF, and check every page with axe-core (WCAG 2.1 AA)."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.e2e.conftest import PASSWORD, axe_violations, sign_in
from tests.e2e.test_reflow import OVERFLOW
from wijkkracht.accounts.models import User

PUBLIC_PAGES = ["/", "/toegankelijkheid", "/wijkfoto/", "/wijkfoto/?q=transvaal",
                "/wijkfoto/WK039210", "/wijkfoto/GM0392", "/wijkfoto/GM0392/wijken",
                "/account/aanmelden", "/bestaat-niet"]


@pytest.fixture
def privacy_officer(data):
    user = User.objects.create_user(username="fg", password=PASSWORD, is_privacy_officer=True)
    return user, TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def test_a_visitor_finds_the_transvaalwijk_and_downloads_its_pdf(page, data):
    page.goto("/wijkfoto/")
    page.get_by_role("searchbox").fill("Transvaalwijk")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Transvaalwijk").first.click()
    page.wait_for_url("**/wijkfoto/WK039210**")
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Transvaalwijk"
    assert "niet af van Haarlem" in page.content()
    page.get_by_role("link", name="PDF").click()  # made in the background: its page
    page.wait_for_url("**/taken/**")
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 800})
    width, client = page.evaluate(OVERFLOW)
    assert width <= client, "the job's page scrolls sideways at 320 px"
    with page.expect_download() as info:
        page.locator("a[href$='/bestand']").click()
    download = info.value
    assert download.suggested_filename == "wijkfoto-WK039210-2024.pdf"
    with open(download.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"


def test_a_professional_signs_in_with_password_and_code(page, privacy_officer):
    user, _device = privacy_officer
    sign_in(page, user.username)
    page.goto("/audit/")
    assert page.get_by_role("heading", level=1).count() == 1
    assert "/account/" not in page.url
    assert page.locator("table").count() >= 1


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_wcag_aa_violations(page, data, path):
    page.goto(path)
    assert axe_violations(page) == []


def test_signed_in_pages_have_no_wcag_aa_violations(page, privacy_officer):
    user, device = privacy_officer
    page.goto("/account/aanmelden")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/account/code**")
    assert axe_violations(page) == []
    page.get_by_label("Code uit uw authenticator-app").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Bevestigen").click()
    page.goto("/audit/")
    assert axe_violations(page) == []
