"""The public sociale kaart in Chromium: the search (with results, with a refused question)
and a service's card and printable card have no WCAG 2.1 AA violations (axe-core) at desktop
width and at 320 px, and never scroll sideways; a search can be done with the keyboard only."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import axe_violations
from wijkkracht.kaart.models import Service
from wijkkracht.kaart.services import load_demo_kaart

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 320, "height": 640}}
ACTIVE = "() => { const e = document.activeElement; return [e.tagName, e.name || '', " \
         "e.getAttribute('href') || '', e.textContent.trim().slice(0, 40)]; }"


@pytest.fixture
def kaart(data):
    """The demo kaart beside the real CBS figures and wijk boundaries of ``data``."""
    load_demo_kaart()
    return Service.objects.filter(schedules__isnull=False).order_by("name").first()


@pytest.mark.parametrize("size", SIZES)
def test_the_public_kaart_pages_pass_axe_and_reflow(page, kaart, size):
    page.set_viewport_size(SIZES[size])
    problems = []
    for path in ["/kaart/", "/kaart/?q=eenzaam", "/kaart/?q=&onderwerp=schulden",
                 "/kaart/?q=welke+kleur+hebben+de+tulpen&wijk=WK039210",
                 "/kaart/?q=schulden&wijk=WK039210&gratis=on&vorm=formeel",
                 "/kaart/?q=de+het+een&postcode=9999+ZZ&afstand=2",
                 f"/kaart/dienst/{kaart.pk}", f"/kaart/dienst/{kaart.pk}/kaart"]:
        response = page.goto(path)
        assert response.status in (200, 400), path
        if "gratis" in path:
            page.locator("summary").click()  # the filters open, so axe sees them too
        if path == "/kaart/":
            page.locator(".kaart-topics summary").click()  # and all topics
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > SIZES[size]["width"]:
            problems.append((path, "width", width))
        if violations := axe_violations(page):
            problems.append((path, violations))
    assert problems == []


def test_results_have_a_map_with_the_list_s_numbers(page, kaart):
    page.goto("/kaart/?q=schulden&wijk=WK039210")
    items = page.locator("ol.kaart-list > li")
    assert items.count() >= 1
    svg = page.locator("svg.kaart-map")
    assert svg.get_attribute("role") == "img" and svg.get_attribute("aria-label")
    assert page.locator("svg.kaart-map path.kaart-map__wijk--chosen").count() == 1
    shown = ",".join(svg.locator("text").all_text_contents()).replace(" ", "").split(",")
    assert sorted(int(n) for n in shown) == list(range(1, items.count() + 1))


def _tab_to(page, want, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if want(page.evaluate(ACTIVE)):
            return
    raise AssertionError("not reached with Tab")


def test_a_search_with_the_keyboard_only(page, kaart):
    page.set_viewport_size(SIZES["phone"])
    page.goto("/kaart/")
    _tab_to(page, lambda a: a[1] == "q")
    page.keyboard.type("eenzaam")
    _tab_to(page, lambda a: a[0] == "SUMMARY")
    page.keyboard.press("Enter")  # opens "Meer keuzes"
    _tab_to(page, lambda a: a[1] == "gratis")
    page.keyboard.press("Space")
    _tab_to(page, lambda a: a[0] == "BUTTON" and a[3] == "Zoeken")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kaart/?q=eenzaam*")
    assert "gratis=on" in page.url
    assert page.locator("h2#resultaten").text_content().endswith("resultaten")
    assert page.locator("ol.kaart-list .kaart-label--free").count() == \
        page.locator("ol.kaart-list > li").count() >= 1
    first = page.locator("ol.kaart-list > li h3 a").first
    name = first.text_content()
    _tab_to(page, lambda a: a[2].startswith("/kaart/dienst/"))
    assert page.evaluate(ACTIVE)[3] == name[:40].strip()
    page.keyboard.press("Enter")
    page.wait_for_url("**/kaart/dienst/*")
    assert page.locator("h1").text_content() == name
    # the card to print is one more link away
    _tab_to(page, lambda a: a[2].endswith("/kaart") and a[2].startswith("/kaart/dienst/"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/kaart/dienst/*/kaart")
    assert page.locator("article.kaart-card--print h1").text_content() == name


def test_the_professional_search_passes_axe(page, kaart, make_user):
    from django_otp.oath import totp

    from wijkkracht.accounts.models import Membership, Organisation, Team

    team = Team.objects.create(name="Wijkteam Proef", kind="sociaal_wijkteam",
                               organisation=Organisation.objects.create(
                                   name="Proefgemeente", kind="gemeente"))
    worker = make_user("wijkwerker")
    Membership.objects.create(user=worker, team=team, role=Membership.Role.PROFESSIONAL)
    page.goto("/account/aanmelden")
    page.get_by_label("Gebruikersnaam").fill("wijkwerker")
    page.get_by_label("Wachtwoord").fill("Wijkteam-Transvaal-2026")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/account/code**")
    page.get_by_label("Code uit uw authenticator-app").fill(
        f"{totp(worker.totp_device.bin_key):06d}")
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_load_state()
    for size in SIZES.values():
        page.set_viewport_size(size)
        response = page.goto("/kaart/zoeken?q=mantelzorger+overbelast")
        assert response.status == 200
        assert page.locator("text=Laatst gecontroleerd").count() >= 1
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        assert axe_violations(page) == []
