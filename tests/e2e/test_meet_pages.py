"""The consent, meeting and referral pages in a real browser: each reflows at 320 px and has
no WCAG 2.1 AA violations (axe-core), also when a refused referral shows its message beside
the field. test_reflow.py lists these pages as checked here."""

from __future__ import annotations

import pytest

from tests.casus.meet_world import build, days_ago
from tests.e2e.conftest import axe_violations, sign_in
from wijkkracht.casus import services_meet as meet
from wijkkracht.casus.models import Consent

PHONE = {"width": 320, "height": 640}


@pytest.fixture
def world(transactional_db, make_user):
    world = build(make_user)
    given = meet.consent_record(world.case, purpose=Consent.Purpose.REFER,
                                recipient="GGZ Voorbeeld", given_on=days_ago(5),
                                person=world.resident, user=world.worker)
    hub = meet.consent_record(world.case, purpose=Consent.Purpose.MEETING,
                              recipient="Huisartsenpraktijk Voorbeeld", given_on=days_ago(5),
                              person=world.resident, user=world.worker)
    meeting = meet.meeting_save(
        world.case, None, values={"kind": "mdo", "held_on": days_ago(3), "at_home": True,
                                  "agenda": "Post en schulden", "decisions": "Budgetcoach",
                                  "resident_voice": "Ik wil overzicht."},
        participants=[meet.ParticipantInput("Werker Testpersoon"),
                      meet.ParticipantInput("Dokter Verzinsel", "Huisartsenpraktijk Voorbeeld",
                                            hub)],
        user=world.worker)
    referral = meet.referral_out(world.case, to_organisation="GGZ Voorbeeld",
                                 reason="Somberheid", referred_on=days_ago(2), consent=given,
                                 user=world.worker)
    return world, given, meeting, referral


def checked(page, problems: list) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        problems.append((page.url, "width", width))
    if violations := axe_violations(page):
        problems.append((page.url, violations))


def test_the_meet_pages_reflow_and_pass_axe(browser, live_server, world):
    world, given, meeting, referral = world
    base = f"/casus/{world.case.pk}"
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="nl-NL",
                                  bypass_csp=True, reduced_motion="reduce")
    page = context.new_page()
    problems: list = []
    try:
        sign_in(page, world.worker.username)
        for path in [f"{base}/", f"{base}/toestemming/nieuw",
                     f"{base}/toestemming/{given.pk}/intrekken",
                     f"{base}/overleg/nieuw", f"{base}/overleg/{meeting.pk}/bewerken",
                     f"{base}/verwijzing/nieuw", f"{base}/verwijzing/{referral.pk}/resultaat",
                     f"{base}/opschalen", f"{base}/documenten/nieuw"]:
            response = page.goto(path)
            assert response.status == 200, path
            checked(page, problems)
        # a referral without consent: the message beside the field, at 320 px
        page.goto(f"{base}/verwijzing/nieuw")
        page.get_by_label("Verwijzen naar").fill("Verslavingszorg Voorbeeld")
        page.get_by_label("Reden", exact=True).fill("Alcohol")
        page.get_by_role("button", name="Verwijzing vastleggen").click()
        page.wait_for_load_state()
        errors = page.locator(".utrecht-form-field-error-message").all_inner_texts()
        assert page.locator("#id_consent_error").is_visible(), errors
        assert page.get_by_label("Verwijzen naar").input_value() == "Verslavingszorg Voorbeeld"
        checked(page, problems)
        # escalate, then the way back
        page.goto(f"{base}/opschalen")
        page.get_by_label("Reden voor de opschaling").fill("Schulden, zorg en wonen")
        page.get_by_role("button", name="Opschalen").click()
        page.wait_for_load_state()
        response = page.goto(f"{base}/terug")
        assert response.status == 200
        checked(page, problems)
    finally:
        context.close()
    assert problems == []
