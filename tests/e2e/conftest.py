"""Browser tests in real headless Chromium (Debian's, via Playwright) against a live server."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import KWB, KWB_2024, store_real_boundaries, store_real_kwb

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WIJK_GEOJSON = KWB.parent / "boundaries" / "vaxprofiles-wijk-2024" / "wijk_2024.geojson"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]



def _chromium() -> str:
    path = os.environ.get("WIJKKRACHT_CHROMIUM") or shutil.which("chromium") or shutil.which(
        "chromium-browser")
    if not path:
        pytest.skip("browser tests need Chromium (Debian package 'chromium'); .ci/run installs it")
    return path


@pytest.fixture(scope="session", autouse=True)
def _orm_beside_playwright():
    """Playwright's sync API keeps an event loop in this thread; the tests' own ORM calls (and the
    database flush after them, which pytest-django runs after this module's fixtures) are still
    synchronous and safe. tests/security strips the switch from the production check's process."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    # bypass_csp lets the test inject axe-core; the application's own pages never need it.
    # Reduced motion turns off the Utrecht root's smooth scrolling, so a box measured after a
    # focus or click is where it stays.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="nl-NL",
                                  accept_downloads=True, reduced_motion="reduce")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def data(transactional_db):
    """Real CBS figures and wijk boundaries in the live server's database."""
    store_real_kwb(KWB_2024)
    store_real_boundaries(WIJK_GEOJSON, 2024, "WK")


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.skip("axe-core is missing: run 'npm ci' (package.json declares it)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_AA)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"][:5]]} for v in result["violations"]]


PASSWORD = "Wijkteam-Transvaal-2026"  # make_user's, and the e2e tests' users'


def sign_in(page, username: str, password: str = PASSWORD, on_code_page=None) -> None:
    """Sign in through the pages as a person does: name and password, then the code of the
    user's authenticator app; ``on_code_page`` looks at the code page first."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page.goto("/account/aanmelden")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/account/code**")
    if on_code_page:
        on_code_page()
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    page.get_by_label("Code uit uw authenticator-app").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_load_state()
