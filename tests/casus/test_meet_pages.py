"""The consent, meeting and referral pages through the web stack: refusals beside the field
with everything typed kept (400), escalation and the way back, the access log, and another
team that gets 403 or 404 and never a name."""

from __future__ import annotations

import pytest
from django.utils.html import escape
from django.utils.translation import gettext, override

from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.casus import services_meet as meet
from wijkkracht.casus.models import Case, CaseMember, Consent, Meeting, MeetingParticipant, Referral

from .meet_world import RESIDENT, build, days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    return build(make_user)


def dutch(msgid: str, **values) -> str:
    with override("nl"):
        text = gettext(msgid)
    assert text != msgid, f"no Dutch translation for {msgid!r}"
    return escape(text % values if values else text)


def logged(case: Case, operation: str) -> int:
    return ProcessingRecord.objects.filter(subject_type="case", subject_id=str(case.pk),
                                           operation=operation).count()


def urls(case: Case, consent: Consent, meeting: Meeting, referral: Referral) -> list[str]:
    base = f"/casus/{case.pk}"
    return [f"{base}/toestemming/nieuw", f"{base}/toestemming/{consent.pk}/intrekken",
            f"{base}/overleg/nieuw", f"{base}/overleg/{meeting.pk}/bewerken",
            f"{base}/verwijzing/nieuw", f"{base}/verwijzing/{referral.pk}/resultaat",
            f"{base}/opschalen", f"{base}/terug"]


def filled(world):
    """A consent, a meeting and a referral on the case, for the URLs that name them."""
    given = meet.consent_record(world.case, purpose=Consent.Purpose.REFER,
                                recipient="GGZ Voorbeeld", given_on=days_ago(5),
                                person=world.resident, user=world.worker)
    meeting = meet.meeting_save(world.case, None, values={"kind": "mdo", "held_on": days_ago(3)},
                                participants=[meet.ParticipantInput("Werker Testpersoon")],
                                user=world.worker)
    referral = meet.referral_out(world.case, to_organisation="GGZ Voorbeeld",
                                 reason="Somberheid", referred_on=days_ago(2), consent=given,
                                 user=world.worker)
    return given, meeting, referral


REFERRAL = {"to_organisation": "GGZ Voorbeeld", "reason": "Aanhoudende somberheid, wil hulp",
            "referred_on": "", "consent": ""}


def test_a_referral_without_consent_is_refused_beside_the_field(world, client, signed_in):
    signed_in(world.worker)
    url = f"/casus/{world.case.pk}/verwijzing/nieuw"
    page = client.get(url)
    # a date input only shows an ISO date: the default date must be written that way
    assert page.status_code == 200 and f'value="{days_ago(0).isoformat()}"' in \
        page.content.decode()
    response = client.post(url, {**REFERRAL, "referred_on": days_ago(1).isoformat()})
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_consent_error"' in body
    message = dutch("A referral needs the resident's consent to refer. Record that consent "
                    "first, then choose it here.")
    error = body[body.index('id="id_consent_error"'):]
    assert error.index(message) < error.index("</p>")
    assert 'value="GGZ Voorbeeld"' in body and "Aanhoudende somberheid, wil hulp" in body
    assert not Referral.unscoped.filter(case=world.case).exists()
    assert logged(world.case, "meet_form_read") == 2


def test_a_withdrawn_consent_no_longer_counts(world, client, signed_in):
    given = meet.consent_record(world.case, purpose=Consent.Purpose.REFER,
                                recipient="GGZ Voorbeeld", given_on=days_ago(5),
                                person=world.resident, user=world.worker)
    signed_in(world.worker)
    withdraw = f"/casus/{world.case.pk}/toestemming/{given.pk}/intrekken"
    response = client.post(withdraw, {"withdrawn_on": days_ago(1).isoformat()})
    assert response.status_code == 302
    assert Consent.unscoped.get(pk=given.pk).withdrawn_on == days_ago(1)
    assert logged(world.case, "consent_withdraw") == 1
    # the withdrawn consent is not offered, and chosen anyway it is refused
    form = client.get(f"/casus/{world.case.pk}/verwijzing/nieuw").content.decode()
    assert f'value="{given.pk}"' not in form
    response = client.post(f"/casus/{world.case.pk}/verwijzing/nieuw", {
        **REFERRAL, "referred_on": days_ago(0).isoformat(), "consent": str(given.pk)})
    assert response.status_code == 400
    assert dutch("This consent has been withdrawn; it no longer allows a referral.") in \
        response.content.decode()
    assert not Referral.unscoped.filter(case=world.case).exists()


def test_consent_is_recorded_then_the_referral_goes_through(world, client, signed_in):
    signed_in(world.worker)
    response = client.post(f"/casus/{world.case.pk}/toestemming/nieuw", {
        "purpose": "verwijzen", "recipient": "GGZ Voorbeeld",
        "given_on": days_ago(2).isoformat(), "person": str(world.resident.pk)})
    assert response.status_code == 302, response.content.decode()[:2000]
    given = Consent.unscoped.get(case=world.case)
    assert given.person == world.resident and given.recorded_by == world.worker
    response = client.post(f"/casus/{world.case.pk}/verwijzing/nieuw", {
        **REFERRAL, "referred_on": days_ago(1).isoformat(), "consent": str(given.pk),
        "move": "on"})
    assert response.status_code == 302
    referral = Referral.unscoped.get(case=world.case)
    assert referral.consent == given
    assert Case.unscoped.get(pk=world.case.pk).status == "doorverwezen"
    response = client.post(f"/casus/{world.case.pk}/verwijzing/{referral.pk}/resultaat",
                           {"result": "afgerond", "result_on": days_ago(0).isoformat()})
    assert response.status_code == 302
    assert Referral.unscoped.get(pk=referral.pk).result == "afgerond"
    assert [logged(world.case, op) for op in ("consent_record", "referral_create",
                                              "referral_result")] == [1, 1, 1]


def test_escalation_gives_the_broad_team_access_and_the_way_back(world, client, signed_in,
                                                                 make_user):
    from django.test import Client

    signed_in(world.coordinator)
    response = client.post(f"/casus/{world.case.pk}/opschalen", {
        "broad_team": str(world.broad_team.pk), "reason": "Schulden, zorg en wonen",
        "referred_on": days_ago(0).isoformat()})
    assert response.status_code == 302
    case = Case.unscoped.get(pk=world.case.pk)
    assert case.status == "opgeschaald"
    assert CaseMember.unscoped.filter(case=case, user=world.broad_coordinator).exists()
    assert logged(case, "case_escalate") == 1

    broad = Client()
    from django_otp.oath import totp

    broad.force_login(world.broad_coordinator)
    device = world.broad_coordinator.totp_device
    assert broad.post("/account/code", {"token": f"{totp(device.bin_key):06d}"}
                      ).status_code == 302
    back = f"/casus/{case.pk}/terug"
    page = broad.get(back)
    assert page.status_code == 200 and world.broad_team.name in page.content.decode()
    response = broad.post(back, {"reason": "Schuldhulp loopt; terug naar het wijkteam",
                                 "returned_on": days_ago(0).isoformat()})
    assert response.status_code == 302
    case = Case.unscoped.get(pk=case.pk)
    assert case.status == "in_behandeling"
    assert not CaseMember.unscoped.filter(case=case, user=world.broad_coordinator).exists()
    assert broad.get(back).status_code in (403, 404)
    assert logged(case, "case_return") == 1


def test_escalation_without_a_reason_keeps_what_was_typed(world, client, signed_in):
    signed_in(world.worker)
    response = client.post(f"/casus/{world.case.pk}/opschalen", {
        "broad_team": str(world.broad_team.pk), "reason": "  ",
        "referred_on": days_ago(0).isoformat()})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_reason_error"' in body
    assert dutch("Give the reason for the escalation.") in body
    assert f'value="{world.broad_team.pk}" selected' in body
    assert Case.unscoped.get(pk=world.case.pk).status == "aangemeld"


def meeting_post(**rows) -> dict:
    data = {"kind": "mdo", "held_on": days_ago(1).isoformat(), "at_home": "on",
            "agenda": "Overzicht in de post", "decisions": "Budgetcoach",
            "resident_voice": "Ik wil zelf de regie houden.",
            "deelnemer-TOTAL_FORMS": "4", "deelnemer-INITIAL_FORMS": "0",
            "deelnemer-MIN_NUM_FORMS": "0", "deelnemer-MAX_NUM_FORMS": "40"}
    for key, value in rows.items():
        data[f"deelnemer-{key}"] = value
    return data


def test_a_participant_from_another_organisation_needs_consent(world, client, signed_in):
    signed_in(world.worker)
    url = f"/casus/{world.case.pk}/overleg/nieuw"
    data = meeting_post(**{"0-name": "Werker Testpersoon", "1-name": "Dokter Verzinsel",
                           "1-organisation": "Huisartsenpraktijk Voorbeeld"})
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_deelnemer-1-consent_error"' in body
    assert 'id="id_deelnemer-0-consent_error"' not in body
    assert dutch("Someone from another organisation takes part only with the resident's "
                 "consent to discuss the case in a meeting. Record that consent first, then "
                 "choose it here.") in body
    assert 'value="Dokter Verzinsel"' in body and "Ik wil zelf de regie houden." in body
    assert not Meeting.unscoped.filter(case=world.case).exists()

    given = meet.consent_record(world.case, purpose=Consent.Purpose.MEETING,
                                recipient="Huisartsenpraktijk Voorbeeld",
                                given_on=days_ago(4), person=world.resident,
                                user=world.worker)
    response = client.post(url, {**data, "deelnemer-1-consent": str(given.pk)})
    assert response.status_code == 302
    meeting = Meeting.unscoped.get(case=world.case)
    assert meeting.at_home and meeting.resident_voice == "Ik wil zelf de regie houden."
    assert list(MeetingParticipant.unscoped.filter(meeting=meeting)
                .values_list("name", "consent_id")) == [("Werker Testpersoon", None),
                                                        ("Dokter Verzinsel", given.pk)]
    edit = client.get(f"/casus/{world.case.pk}/overleg/{meeting.pk}/bewerken")
    assert edit.status_code == 200 and 'value="Dokter Verzinsel"' in edit.content.decode()
    assert logged(world.case, "meeting_create") == 1


def test_another_team_gets_403_or_404_and_never_a_name(world, client, signed_in):
    given, meeting, referral = filled(world)
    before = (Consent.unscoped.count(), Meeting.unscoped.count(), Referral.unscoped.count())
    signed_in(world.outsider)
    secrets = [RESIDENT[0], RESIDENT[1], "Huishouden Fictiefsma", "GGZ Voorbeeld",
               "Werker Testpersoon"]
    for url in urls(world.case, given, meeting, referral):
        for response in (client.get(url), client.post(url, {"withdrawn_on": "2020-01-01",
                                                            "reason": "x"})):
            assert response.status_code in (403, 404), url
            body = response.content.decode()
            assert not any(s in body for s in secrets), url
    assert before == (Consent.unscoped.count(), Meeting.unscoped.count(),
                      Referral.unscoped.count())
    assert Consent.unscoped.get(pk=given.pk).withdrawn_on is None
    assert Case.unscoped.get(pk=world.case.pk).status == "aangemeld"


def test_rows_of_another_case_are_not_reachable_through_ones_own(world, client, signed_in,
                                                                 make_user):
    """A consent id of another team's case, put in the URL of one's own case: 404."""
    from wijkkracht.casus import services

    other_case = services.case_register(
        team=world.other_team, user=world.outsider,
        household={"name": "Huishouden Verzonnen"},
        person={"given_name": "Gijs", "family_name": "Verzonnen"},
        case={"signal_source": "school", "question": "Hulp bij opvoeding"})
    foreign = meet.consent_record(other_case, purpose=Consent.Purpose.REFER,
                                  recipient="Jeugdzorg Voorbeeld", given_on=days_ago(1),
                                  person=None, user=world.outsider)
    signed_in(world.worker)
    response = client.get(f"/casus/{world.case.pk}/toestemming/{foreign.pk}/intrekken")
    assert response.status_code == 404 and "Jeugdzorg" not in response.content.decode()
    response = client.post(f"/casus/{world.case.pk}/verwijzing/nieuw", {
        **REFERRAL, "to_organisation": "Jeugdzorg Voorbeeld",
        "referred_on": days_ago(0).isoformat(), "consent": str(foreign.pk)})
    assert response.status_code == 400
    assert not Referral.unscoped.exists()


def test_the_case_page_shows_consent_meetings_and_referrals(world, client, signed_in):
    given, meeting, referral = filled(world)
    meet.consent_withdraw(world.case, given, withdrawn_on=days_ago(0), user=world.worker)
    signed_in(world.worker)
    reads = logged(world.case, "case_read")
    body = client.get(f"/casus/{world.case.pk}/").content.decode()
    for anchor in ('id="overleg"', 'id="verwijzingen"', 'id="toestemming"',
                   f'id="overleg-{meeting.pk}"'):
        assert anchor in body
    assert "GGZ Voorbeeld" in body and "Werker Testpersoon" in body
    assert f"/casus/{world.case.pk}/verwijzing/{referral.pk}/resultaat" in body
    assert f"/casus/{world.case.pk}/opschalen" in body
    # the withdrawn consent has its date and no withdraw link any more
    assert f"/toestemming/{given.pk}/intrekken" not in body
    assert logged(world.case, "case_read") == reads + 1
    with override("nl"):
        assert gettext("recorded the withdrawal of consent") in body


@pytest.mark.parametrize("value", ["abc", "-1", "1e3", "99999999999999999999"])
def test_a_consent_that_is_no_number_counts_as_none(world, client, signed_in, value):
    signed_in(world.worker)
    response = client.post(f"/casus/{world.case.pk}/verwijzing/nieuw", {
        **REFERRAL, "referred_on": days_ago(0).isoformat(), "consent": value})
    assert response.status_code == 400 and 'id="id_consent_error"' in response.content.decode()
    assert not Referral.unscoped.exists()
