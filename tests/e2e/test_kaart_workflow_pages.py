"""The sociale kaart's editing pages in a real browser, at desktop width and at 320 px: no
WCAG 2.1 AA violations (axe-core) and no horizontal scrolling, also with a refused value beside
its field and with the conflict of two reviewers. test_reflow.py lists these pages as checked
here. The whole path is walked by clicking: suggest, review, accept, history."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e.conftest import axe_violations, sign_in
from tests.kaart.flow_world import build
from wijkkracht.kaart import services_workflow as flow
from wijkkracht.kaart.models import Service, Suggestion

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 320, "height": 640}


@pytest.fixture
def world(transactional_db, make_user):
    world = build(make_user)
    Service.objects.filter(pk=world.service.pk).update(last_checked=dt.date(2024, 1, 1))
    world.service.refresh_from_db()
    return world


def checked(page, problems: list, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)
            .slice(0, 3).map(e => e.tagName + '.' + e.className)""")
        problems.append((page.url, width, "width", scroll, wide))
    if violations := axe_violations(page):
        problems.append((page.url, width, violations))


def _context(browser, live_server):
    return browser.new_context(base_url=live_server.url, bypass_csp=True, locale="nl-NL",
                               reduced_motion="reduce", viewport=DESKTOP)


def test_suggesting_in_the_browser(browser, live_server, world):
    suggest = f"/kaart/dienst/{world.service.pk}/wijziging-voorstellen"
    context = _context(browser, live_server)
    page = context.new_page()
    problems: list = []
    try:
        sign_in(page, world.professional.username)
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            for path in (suggest, "/kaart/nieuw-voorstellen"):
                assert page.goto(path).status == 200, path
                checked(page, problems, size["width"])
        # at 320 px: a refused e-mail address is named beside its field, the rest is kept
        page.goto(suggest)
        page.get_by_label("Kosten").fill("Gratis.")
        page.get_by_label("E-mail").fill("geen-adres")
        page.get_by_role("button", name="Voorstel versturen").click()
        page.wait_for_load_state()
        assert page.get_by_label("Kosten").input_value() == "Gratis."
        assert page.locator("#id_email_error").is_visible()
        checked(page, problems, PHONE["width"])
        page.get_by_label("E-mail").fill("koffie@example.org")
        page.get_by_role("button", name="Voorstel versturen").click()
        page.wait_for_load_state()
        assert "Uw voorstel is naar de beheerder" in page.content()
        checked(page, problems, PHONE["width"])
    finally:
        context.close()
    assert not problems, problems
    assert Suggestion.objects.get().proposed == {"fees_description": "Gratis."}


def test_reviewing_in_the_browser(browser, live_server, world):
    values = flow.current_values(world.service)
    first = flow.suggest(world.service, values={**values, "fees_description": "Gratis."},
                         note="Gebeld op 3 maart.", user=world.professional)
    second = flow.suggest(world.service, values={**values, "name": "Koffie-inloop De Proef"},
                          note="", user=world.professional)
    context = _context(browser, live_server)
    page = context.new_page()
    problems: list = []
    history = f"/kaart/dienst/{world.service.pk}/geschiedenis"
    try:
        sign_in(page, world.keeper.username)
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            for path in ("/kaart/beheer/voorstellen", f"/kaart/beheer/voorstellen/{first.pk}",
                         history):
                assert page.goto(path).status == 200, path
                checked(page, problems, size["width"])
        # accept the first by clicking, at 320 px: the history shows old and new
        page.goto("/kaart/beheer/voorstellen")
        page.get_by_role("link", name="Koffieochtend De Proef").first.click()
        page.get_by_role("button", name="Aannemen en publiceren").click()
        page.wait_for_url(f"**{history}")
        assert "Koffie kost € 1. → Gratis." in page.content()
        checked(page, problems, PHONE["width"])
        # two reviewers: the keeper opens the second, the administrator publishes first
        page.goto(f"/kaart/beheer/voorstellen/{second.pk}")
        page.get_by_label("Naam van de dienst").fill("Koffie-inloop De Proef (di en do)")
        flow.publish(world.service, values={**flow.current_values(world.service),
                                            "url": "https://example.org/koffie"}, note="",
                     expected_version=2, user=world.admin)
        page.get_by_role("button", name="Aannemen en publiceren").click()
        page.wait_for_load_state()
        assert "Iemand anders heeft een wijziging" in page.content()
        assert page.get_by_label("Naam van de dienst").input_value() == \
            "Koffie-inloop De Proef (di en do)"
        checked(page, problems, PHONE["width"])
        page.set_viewport_size(DESKTOP)
        checked(page, problems, DESKTOP["width"])
        # the table shows the administrator's website beside the keeper's empty field: the
        # keeper takes it over and accepts knowingly
        assert "https://example.org/koffie" in page.locator("table").first.inner_text()
        page.get_by_label("Website").fill("https://example.org/koffie")
        page.get_by_role("button", name="Mijn versie aannemen").click()
        page.wait_for_url(f"**{history}")
    finally:
        context.close()
    assert not problems, problems
    service = Service.objects.get(pk=world.service.pk)
    assert (service.name, service.url, service.fees_description, service.version) == (
        "Koffie-inloop De Proef (di en do)", "https://example.org/koffie", "Gratis.", 4)


def test_the_need_taxonomy_page_in_the_browser(browser, live_server, world, tmp_path):
    """The functional administrator uploads a broken taxonomy (refused beside the field) and
    then a good one; axe and reflow at both widths, with and without the error, with the
    counts of searches that named no need and of the topics chosen after them."""
    from wijkkracht.kaart.search_tally import record, record_choice
    from wijkkracht.kaart.services import need_taxonomy_json
    from wijkkracht.stats.disclosure import THRESHOLD

    for _ in range(THRESHOLD):
        record(["kliko", "buiten", "mantelzorgwoning"], named_need=False)
        record_choice(["kliko", "buiten"], "huishouden")
    record(["schulden"], named_need=True)

    broken = tmp_path / "kapot.json"
    broken.write_text('{"categories": [], "needs": []}', encoding="utf-8")
    good = tmp_path / "goed.json"
    good.write_text(need_taxonomy_json(), encoding="utf-8")
    context = _context(browser, live_server)
    page = context.new_page()
    problems: list = []
    try:
        sign_in(page, world.admin.username)
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            assert page.goto("/kaart/beheer/behoeften").status == 200
            assert f"kliko ({THRESHOLD})" in page.content()
            assert "Woorden, en het onderwerp dat daarna werd gekozen" in page.content()
            checked(page, problems, size["width"])
            page.get_by_label("Bewerkte behoeftentaxonomie (JSON)").set_input_files(str(broken))
            page.get_by_role("button", name="Controleren en gebruiken").click()
            page.wait_for_load_state()
            assert "'categories' ontbreekt of is leeg" in page.content()
            checked(page, problems, size["width"])
        page.get_by_label("Bewerkte behoeftentaxonomie (JSON)").set_input_files(str(good))
        page.get_by_label("Wat is er veranderd (niet verplicht)").fill("Alleen opnieuw bewaard.")
        page.get_by_role("button", name="Controleren en gebruiken").click()
        page.wait_for_url("**/kaart/beheer/behoeften")
        assert "Alleen opnieuw bewaard." in page.content()
        for size in (PHONE, DESKTOP):  # a question tried, without JavaScript's help
            page.set_viewport_size(size)
            page.get_by_label("Zoekvraag om te proberen").fill("ik ben zo eenzaam")
            page.get_by_role("button", name="Proberen").click()
            page.wait_for_url("**proef=ik+ben+zo+eenzaam**")
            assert "genoemd door “eenzaam”" in page.content()
            checked(page, problems, size["width"])
    finally:
        context.close()
    assert not problems, problems
