"""The netwerkscan in real Chromium: a coordinator creates a scan, imports the participants,
makes the links; participants answer through their link (without an account); the coordinator
reads the results and downloads the PDF. axe-core checks every page on the way."""

from __future__ import annotations

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.e2e.conftest import PASSWORD, axe_violations, sign_in
from wijkkracht.accounts.models import Membership, Organisation, Team, TeamArea, User
from wijkkracht.netwerk.models import Answer, Submission

PARTICIPANTS = b"""naam,organisatie,sector,rol,toestemming
Anouk de Vries,Huisartsenpraktijk Transvaal,huisartsenzorg,huisarts,ja
Marieke Bakker,Thuiszorg Kennemerland,wijkverpleging,wijkverpleegkundige,nee
Ahmed Yilmaz,Sociaal wijkteam Transvaal,sociaal wijkteam,generalist,ja
Esther Kok,Welzijn Haarlem,welzijn,opbouwwerker,ja
"""


@pytest.fixture
def coordinator(transactional_db):
    gemeente = Organisation.objects.create(name="Gemeente Haarlem", kind="gemeente")
    team = Team.objects.create(name="Sociaal wijkteam Transvaalwijk", kind="sociaal_wijkteam",
                               organisation=gemeente)
    TeamArea.objects.create(team=team, area_code="WK039210")
    user = User.objects.create_user(username="coordinator", password=PASSWORD,
                                    organisation=gemeente)
    Membership.objects.create(user=user, team=team, role=Membership.Role.COORDINATOR)
    return user, TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def test_a_scan_from_creation_to_report(page, browser, live_server, coordinator):
    user, _device = coordinator
    sign_in(page, user.username)

    page.goto("/netwerkscan/nieuw")
    assert axe_violations(page) == []
    page.locator("#id_name").fill("Netwerkscan Transvaal")
    page.locator("form.wk-prose button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/netwerkscan/\d+/$"))
    scan_url = page.url
    assert axe_violations(page) == []

    page.locator("a[href$='/deelnemers/import']").click()
    assert axe_violations(page) == []
    page.locator("input[type=file]").set_input_files(
        {"name": "deelnemers.csv", "mimeType": "text/csv", "buffer": PARTICIPANTS})
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(scan_url)
    assert "Esther Kok" in page.content()
    page.goto(scan_url + "deelnemers/nieuw")
    assert axe_violations(page) == []
    page.goto(scan_url)

    page.locator("form[action$='/links']:not(:has(input[name=vervang])) button").click()
    page.wait_for_url(re.compile(r".*/links$"))
    assert axe_violations(page) == []
    links = {row.locator("th").inner_text().strip(): row.locator("code").inner_text().strip()
             for row in page.locator("tbody tr").all()}
    assert set(links) == {"Anouk de Vries", "Marieke Bakker", "Ahmed Yilmaz", "Esther Kok"}

    # The participants answer in a browser of their own, without an account.
    respondent = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="nl-NL")
    survey = respondent.new_page()
    levels = {"Anouk de Vries": "2", "Ahmed Yilmaz": "3", "Esther Kok": "1"}
    try:
        for name, level in levels.items():
            survey.goto(links[name])
            if name == "Anouk de Vries":
                assert axe_violations(survey) == []
            radios = survey.locator(f"input[type=radio][value='{level}']")
            assert radios.count() == 3  # everyone on the list but the respondent
            for radio in radios.all():
                radio.check()
            survey.locator("form button[type=submit]").click()
            survey.wait_for_load_state()
            assert survey.locator("input[type=radio]").count() == 0, name
        assert axe_violations(survey) == []  # the thank-you page
        # A link works once: the second visit says so and shows no form.
        response = survey.goto(links["Anouk de Vries"])
        assert response.status == 409 and survey.locator("form input[type=radio]").count() == 0
    finally:
        respondent.close()
    assert Submission.objects.count() == 3 and Answer.objects.count() == 9

    page.goto(scan_url + "resultaten")
    assert page.locator("svg").count() >= 1
    assert "Anouk de Vries" in page.content()
    assert "Marieke Bakker" not in page.content()  # no consent, and did not answer
    assert axe_violations(page) == []
    page.locator("a[href*='resultaten.pdf']").click()  # made in the background: its page
    page.wait_for_url("**/taken/**")
    with page.expect_download() as info:
        page.locator("a[href$='/bestand']").click()
    with open(info.value.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"
