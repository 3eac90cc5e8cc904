"""The praktijkbank in Chromium: the list (with a search and filters), a practice, and for its
organisation the form (also after an error) and the attachments page have no WCAG 2.1 AA
violations (axe-core) at desktop width and at 320 px, and never scroll sideways."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import axe_violations, sign_in

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 320, "height": 640}}


@pytest.fixture
def practices(transactional_db, make_user):
    from wijkkracht.accounts.models import Membership, Organisation, Team
    from wijkkracht.praktijk.models import Practice
    from wijkkracht.praktijk.services import load_examples, practice_save

    load_examples()
    team = Team.objects.create(name="Wijkteam Proef", kind="sociaal_wijkteam",
                               organisation=Organisation.objects.create(
                                   name="Proefgemeente", kind="gemeente"))
    worker = make_user("wijkwerker")
    Membership.objects.create(user=worker, team=team, role=Membership.Role.PROFESSIONAL)
    own = practice_save(worker, {"title": "Mantelzorgondersteuningsspreekuur", "summary":
                                 "Elke dinsdag een spreekuur voor mantelzorgers.",
                                 "principles": ["ont-schotten"], "status": "pilot"})
    return worker, Practice.objects.get(title="Dement in huis").pk, own.pk


def _check(page, paths, size, problems, submit_empty=False) -> None:
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        if submit_empty and path.endswith("/bewerken"):
            page.get_by_label("Naam", exact=True).fill("")
            page.get_by_role("button", name="Opslaan").click()
            page.wait_for_load_state()
            assert page.locator(".utrecht-form-field-error-message").count() >= 1
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > SIZES[size]["width"]:
            problems.append((path, "width", width))
        if violations := axe_violations(page):
            problems.append((path, violations))


@pytest.mark.parametrize("size", SIZES)
def test_praktijk_pages_pass_axe_and_reflow(page, practices, size):
    worker, example, own = practices
    page.set_viewport_size(SIZES[size])
    problems: list = []
    _check(page, ["/praktijk/", "/praktijk/?q=mantelzorgers&principle=ont-regelen&measured=on",
                  f"/praktijk/{example}/"], size, problems)
    sign_in(page, worker.username)
    _check(page, ["/praktijk/nieuw", f"/praktijk/{own}/", f"/praktijk/{own}/bewerken",
                  f"/praktijk/{own}/bijlagen"], size, problems, submit_empty=True)
    assert problems == []
