"""The public survey page: reachable by link only, accessible without JavaScript, keeps what was
typed on an error, counts once, lets a participant withdraw, and never leaks its token."""

from __future__ import annotations

import logging
import re

import pytest

from tests.web.conftest import page
from wijkkracht.netwerk import services, snapshot
from wijkkracht.netwerk.models import Answer, Submission

from .conftest import expire, links_for, shown

URL = "/netwerkscan/vragenlijst/{}"


@pytest.fixture
def survey(scan_t0):
    _scan, t0, people = scan_t0
    tokens = links_for(t0)
    return t0, people, tokens[people[0].pk], tokens


def test_the_survey_shows_everyone_else_grouped_by_sector(client, survey):
    _t0, people, token, _tokens = survey
    response = client.get(URL.format(token))
    assert response.status_code == 200
    html = response.content.decode()
    doc = page(response)
    assert len(doc.find("h1")) == 1
    for other in people[1:]:
        assert other.display_name in html
        radios = doc.find("input", type="radio", name=f"level_{other.pk}")
        assert [r.attrs["value"] for r in radios] == ["0", "1", "2", "3", "4"]
        assert all(doc.find("label", for_=r.attrs["id"]) for r in radios)
    assert not doc.find("input", name=f"level_{people[0].pk}")  # not about oneself
    assert len(doc.find("fieldset")) == 2 * (len(people) - 1) + 1
    assert len(doc.find("legend")) == len(doc.find("fieldset"))
    assert html.index(snapshot.sector_label("welfare")) < html.index("Esther Kok")
    assert doc.find("input", type="checkbox", name="consent_named")
    assert doc.find("a", href=f"/netwerkscan/vragenlijst/{token}/terugtrekken")
    assert not doc.find("script") and not doc.find("style")
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_sending_the_survey_counts_once(client, survey):
    t0, people, token, _tokens = survey
    data = {f"level_{people[1].pk}": "4", f"trust_{people[1].pk}": "3",
            f"level_{people[2].pk}": "0", "consent_named": "on"}
    response = client.post(URL.format(token), data)
    assert response.status_code == 200
    assert shown("Thank you for filling in the survey") in response.content.decode()
    again = client.post(URL.format(token), {f"level_{people[1].pk}": "1"})
    assert again.status_code == 409
    assert shown("This survey has already been filled in. Your answers have been counted "
                 "once.") in again.content.decode()
    assert client.get(URL.format(token)).status_code == 409
    assert Submission.objects.filter(moment=t0).count() == 1
    stored = {(a.named_id, a.level, a.trust) for a in Answer.objects.filter(moment=t0)}
    assert stored == {(people[1].pk, 4, 3), (people[2].pk, 0, None)}


def test_an_error_keeps_everything_that_was_typed(client, survey):
    _t0, people, token, _tokens = survey
    data = {f"level_{people[1].pk}": "3", f"value_{people[1].pk}": "2",
            f"trust_{people[2].pk}": "4", "consent_named": "on"}  # a score without a level
    response = client.post(URL.format(token), data)
    assert response.status_code == 400
    doc = page(response)
    checked = doc.find("input", name=f"level_{people[1].pk}", value="3")[0]
    assert "checked" in checked.attrs
    assert "checked" in doc.find("input", name="consent_named")[0].attrs
    html = response.content.decode()
    assert 'value="2" selected' in html and 'value="4" selected' in html
    assert doc.find("a", href=f"#id_level_{people[2].pk}_0")  # the summary links to the row
    assert 'role="alert"' in html
    assert not Submission.objects.exists() and not Answer.objects.exists()


@pytest.mark.parametrize("state", ["unknown", "expired", "closed"])
def test_links_that_cannot_be_used_get_a_dutch_page_and_the_right_status(client, survey, state):
    t0, people, token, _tokens = survey
    if state == "unknown":
        token, status, message = "A" * 43, 404, "Wij kennen deze link niet."
    elif state == "expired":
        expire(t0)
        status, message = 410, "Deze vragenlijst is gesloten."
    else:
        services.moment_close(t0)
        status, message = 410, "Deze vragenlijst is gesloten."
    response = client.get(URL.format(token))
    assert response.status_code == status
    assert message in response.content.decode()
    post = client.post(URL.format(token), {f"level_{people[1].pk}": "2"})
    assert post.status_code == status
    assert not Submission.objects.exists()


def test_the_token_never_reaches_the_log(client, survey, caplog):
    t0, _people, token, _tokens = survey
    expire(t0)
    with caplog.at_level(logging.DEBUG):
        assert client.get(URL.format(token)).status_code == 410
        assert client.get(URL.format("B" * 43)).status_code == 404
    assert caplog.records  # Django did log the 4xx responses...
    assert token not in caplog.text and "B" * 43 not in caplog.text  # ...without the token
    # The route pattern stands where the path was (ops/logs.py), so no token is left to redact.
    assert "/netwerkscan/vragenlijst/<str:token>" in caplog.text


def test_a_participant_can_withdraw_through_their_link(client, survey):
    _t0, people, token, tokens = survey
    other = tokens[people[1].pk]
    services.survey_submit(other, [services.AnswerInput(people[0].pk, 3)], consent_named=True)
    confirm = client.get(URL.format(token) + "/terugtrekken")
    assert confirm.status_code == 200 and page(confirm).find("button", type="submit")
    done = client.post(URL.format(token) + "/terugtrekken")
    assert done.status_code == 200
    assert shown("You no longer take part") in done.content.decode()
    assert not Answer.objects.filter(named=people[0]).exists()
    people[0].refresh_from_db()
    assert people[0].is_withdrawn and people[0].display_name == ""
    assert client.get(URL.format(token)).status_code == 410
    assert "Anouk de Vries" not in client.get(URL.format(tokens[people[2].pk])).content.decode()


def test_a_signed_in_user_without_second_step_can_still_fill_in_the_survey(client, survey,
                                                                           make_user):
    _t0, _people, token, _tokens = survey
    client.force_login(make_user("half-signed-in"))
    assert client.get("/netwerkscan/").status_code == 302  # the 2FA step is still required
    assert client.get(URL.format(token)).status_code == 200


def test_answers_about_someone_who_withdrew_meanwhile_are_dropped_not_fatal(client, survey):
    t0, people, token, _tokens = survey
    page_before = client.get(URL.format(token)).content.decode()
    assert people[1].display_name in page_before
    services.participant_withdraw(people[1])
    response = client.post(URL.format(token), {f"level_{people[1].pk}": "3",
                                               f"level_{people[2].pk}": "2"})
    assert response.status_code == 200
    assert [(a.named_id, a.level) for a in Answer.objects.filter(moment=t0)] == [
        (people[2].pk, 2)]


def test_after_answering_the_thank_you_and_409_pages_offer_withdrawal(client, survey):
    _t0, people, token, _tokens = survey
    withdraw = f"/netwerkscan/vragenlijst/{token}/terugtrekken"
    done = client.post(URL.format(token), {f"level_{people[1].pk}": "2"})
    assert done.status_code == 200 and page(done).find("a", href=withdraw)
    again = client.get(URL.format(token))
    assert again.status_code == 409 and page(again).find("a", href=withdraw)
    # the link stays valid for withdrawal only
    assert client.get(withdraw).status_code == 200
    assert client.post(withdraw).status_code == 200
    people[0].refresh_from_db()
    assert people[0].is_withdrawn and not Submission.objects.filter(respondent=people[0]).exists()
    gone = client.get(URL.format(token))
    assert gone.status_code == 410 and not page(gone).find("a", href=withdraw)
    # an unknown link offers nothing
    unknown = client.get(URL.format("C" * 43))
    assert unknown.status_code == 404 and "terugtrekken" not in unknown.content.decode()


def test_a_closed_moment_still_offers_withdrawal(client, survey):
    t0, _people, token, _tokens = survey
    services.moment_close(t0)
    response = client.get(URL.format(token))
    assert response.status_code == 410
    assert page(response).find("a", href=f"/netwerkscan/vragenlijst/{token}/terugtrekken")


def test_an_empty_survey_asks_for_confirmation_first(client, survey):
    t0, people, token, _tokens = survey
    first = client.get(URL.format(token))
    assert not page(first).find("input", name="knows_nobody")  # not asked before it matters
    empty = client.post(URL.format(token), {"consent_named": "on"})
    assert empty.status_code == 400
    doc = page(empty)
    box = doc.find("input", type="checkbox", name="knows_nobody")
    assert box and doc.find("label", for_=box[0].attrs["id"])
    assert doc.find("a", href="#id_knows_nobody")  # the error summary links to the box
    assert "checked" in doc.find("input", name="consent_named")[0].attrs  # nothing lost
    assert not Submission.objects.exists()
    confirmed = client.post(URL.format(token), {"consent_named": "on", "knows_nobody": "on"})
    assert confirmed.status_code == 200
    assert Submission.objects.filter(moment=t0, respondent=people[0]).count() == 1
    assert not Answer.objects.filter(moment=t0).exists()  # level 0 for everyone, in the core


def test_answering_about_anyone_needs_no_confirmation(client, survey):
    t0, people, token, _tokens = survey
    response = client.post(URL.format(token), {f"level_{people[3].pk}": "0"})
    assert response.status_code == 200
    assert Submission.objects.filter(moment=t0).count() == 1


def test_a_long_survey_shows_where_the_respondent_is(client, team, coordinator):
    from .conftest import make_scan

    sectors = ["gp", "district_nursing", "social_team", "welfare", "youth", "police"]
    people = [(f"Persoon {k:02d}", f"Organisatie {k}", sectors[k % 6], False)
              for k in range(26)]
    _scan, t0, roster = make_scan(team, coordinator, people=people)
    token = links_for(t0)[roster[0].pk]
    response = client.get(URL.format(token))
    doc = page(response)
    html = response.content.decode()
    # 25 others, in 6 sector groups, each heading says which people of the 25 it holds
    headings = [re.sub(r"<[^>]+>|\s+", " ", h).strip()
                for h in re.findall(r'<h2 [^>]*id="sector-\d+">(.*?)</h2>', html, re.S)]
    assert len(headings) == 6
    assert all(re.search(r"\(personen \d+ tot \d+ van 25\)$", h) for h in headings)
    assert headings[0].endswith("(personen 1 tot 4 van 25)")  # not about oneself
    assert headings[-1].endswith("tot 25 van 25)")
    assert "25 personen, in deze groepen" in html
    assert len(doc.find("a", href="#sector-6")) == 1 and "#sector-7" not in html
