"""Consent, referrals, escalation and meetings at the service level, on real rows."""

from __future__ import annotations

import pytest
from django_scopes import scope

from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.casus import services_meet as meet
from wijkkracht.casus.access import READ, WRITE, allows
from wijkkracht.casus.models import (
    Case,
    CaseEvent,
    CaseMember,
    Consent,
    Meeting,
    MeetingParticipant,
    Referral,
)
from wijkkracht.casus.services import CaseInputError

from .meet_world import build, days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    return build(make_user)


def consent(world, purpose, recipient, given=10):
    return meet.consent_record(world.case, purpose=purpose, recipient=recipient,
                               given_on=days_ago(given), person=world.resident,
                               user=world.worker)


def operations(case):
    return list(ProcessingRecord.objects.filter(subject_type="case", subject_id=str(case.pk))
                .order_by("pk").values_list("operation", flat=True))


def test_consent_is_recorded_and_withdrawing_keeps_it(world):
    given = consent(world, Consent.Purpose.REFER, "GGZ Voorbeeld")
    assert given.is_active
    meet.consent_withdraw(world.case, given, withdrawn_on=days_ago(2), user=world.worker)
    stored = Consent.unscoped.get(pk=given.pk)
    assert stored.withdrawn_on == days_ago(2) and not stored.is_active
    assert not meet.active_consents(world.case, Consent.Purpose.REFER).exists()
    kinds = set(CaseEvent.unscoped.filter(case=world.case).values_list("kind", flat=True))
    assert {"consent_given", "consent_withdrawn"} <= kinds
    assert {"consent_record", "consent_withdraw"} <= set(operations(world.case))
    with pytest.raises(CaseInputError) as again:
        meet.consent_withdraw(world.case, stored, withdrawn_on=days_ago(1), user=world.worker)
    assert "withdrawn_on" in again.value.errors


def test_consent_refuses_future_dates_and_another_household(world, make_user):
    with pytest.raises(CaseInputError) as future:
        consent(world, Consent.Purpose.SHARE, "Huisarts", given=-3)
    assert "given_on" in future.value.errors
    given = consent(world, Consent.Purpose.SHARE, "Huisarts")
    with pytest.raises(CaseInputError) as early:
        meet.consent_withdraw(world.case, given, withdrawn_on=days_ago(30), user=world.worker)
    assert "withdrawn_on" in early.value.errors
    assert Consent.unscoped.get(pk=given.pk).withdrawn_on is None


def test_referral_without_consent_is_refused_and_nothing_is_written(world):
    with pytest.raises(CaseInputError) as refused:
        meet.referral_out(world.case, to_organisation="GGZ Voorbeeld", reason="Somberheid",
                          referred_on=days_ago(1), consent=None, user=world.worker)
    assert "consent" in refused.value.errors
    assert not Referral.unscoped.filter(case=world.case).exists()


def test_withdrawn_consent_no_longer_counts_for_a_referral(world):
    given = consent(world, Consent.Purpose.REFER, "GGZ Voorbeeld")
    meet.consent_withdraw(world.case, given, withdrawn_on=days_ago(1), user=world.worker)
    with pytest.raises(CaseInputError) as refused:
        meet.referral_out(world.case, to_organisation="GGZ Voorbeeld", reason="Somberheid",
                          referred_on=days_ago(0), consent=Consent.unscoped.get(pk=given.pk),
                          user=world.worker)
    assert "withdrawn" in refused.value.errors["consent"][0] or "ingetrokken" in \
        refused.value.errors["consent"][0]
    assert not Referral.unscoped.filter(case=world.case).exists()


def test_consent_for_another_recipient_or_purpose_does_not_count(world):
    elsewhere = consent(world, Consent.Purpose.REFER, "Verslavingszorg Voorbeeld")
    meeting_only = consent(world, Consent.Purpose.MEETING, "GGZ Voorbeeld")
    for wrong in (elsewhere, meeting_only):
        with pytest.raises(CaseInputError) as refused:
            meet.referral_out(world.case, to_organisation="GGZ Voorbeeld", reason="Somberheid",
                              referred_on=days_ago(1), consent=wrong, user=world.worker)
        assert "consent" in refused.value.errors
    assert not Referral.unscoped.filter(case=world.case).exists()


def test_referral_with_consent_and_its_result(world):
    given = consent(world, Consent.Purpose.REFER, "GGZ Voorbeeld")
    referral = meet.referral_out(world.case, to_organisation="ggz  voorbeeld",
                                 reason="Somberheid", referred_on=days_ago(5), consent=given,
                                 user=world.worker, move=True)
    case = Case.unscoped.get(pk=world.case.pk)
    assert referral.consent_id == given.pk and case.status == "doorverwezen"
    with pytest.raises(CaseInputError) as early:
        meet.referral_result(case, referral, result="geaccepteerd", result_on=days_ago(9),
                             user=world.worker)
    assert "result_on" in early.value.errors
    meet.referral_result(case, referral, result="geaccepteerd", result_on=days_ago(3),
                         user=world.worker)
    stored = Referral.unscoped.get(pk=referral.pk)
    assert (stored.result, stored.result_on) == ("geaccepteerd", days_ago(3))
    assert {"referral_create", "referral_result", "case_status"} <= set(operations(case))


def test_escalation_gives_the_broad_team_access_and_the_way_back_takes_it(world):
    with scope(viewer=world.broad_coordinator):
        assert not Case.objects.filter(pk=world.case.pk).exists()
    meet.escalate(world.case, broad_team=world.broad_team, reason="Meervoudige problematiek",
                  referred_on=days_ago(2), expected_version=world.case.version,
                  user=world.coordinator)
    case = Case.unscoped.get(pk=world.case.pk)
    assert case.status == "opgeschaald"
    assert CaseMember.unscoped.filter(case=case, user=world.broad_coordinator,
                                      role=CaseMember.Role.WORKER).exists()
    with scope(viewer=world.broad_coordinator):
        assert Case.objects.filter(pk=case.pk).exists()
    assert allows(world.broad_coordinator, case, WRITE)
    with scope(viewer=world.outsider):
        assert not Case.objects.filter(pk=case.pk).exists()

    meet.return_from_escalation(case, reason="Plan van de Brede Hoed: schuldhulp",
                                returned_on=days_ago(0), expected_version=case.version,
                                user=world.broad_coordinator)
    case = Case.unscoped.get(pk=case.pk)
    assert case.status == "in_behandeling"
    assert not CaseMember.unscoped.filter(case=case, user=world.broad_coordinator).exists()
    assert not allows(world.broad_coordinator, case, READ)
    kinds = dict(Referral.unscoped.filter(case=case).values_list("kind", "result"))
    assert kinds == {"opschaling": "afgerond", "terug": "afgerond"}
    ops = operations(case)
    assert {"case_escalate", "case_return", "case_member_add", "case_member_remove"} <= set(ops)


def test_escalation_needs_a_broad_team_with_a_coordinator(world):
    with pytest.raises(CaseInputError) as wrong:
        meet.escalate(world.case, broad_team=world.other_team, reason="Complex",
                      referred_on=days_ago(0), expected_version=world.case.version,
                      user=world.worker)
    assert "broad_team" in wrong.value.errors
    assert Case.unscoped.get(pk=world.case.pk).status == "aangemeld"
    with pytest.raises(CaseInputError) as not_there:
        meet.return_from_escalation(world.case, reason="Terug", returned_on=days_ago(0),
                                    expected_version=world.case.version, user=world.worker)
    assert None in not_there.value.errors


def test_meeting_participant_from_another_organisation_needs_consent(world):
    values = {"kind": "mdo", "held_on": days_ago(1), "at_home": True,
              "agenda": "Schulden en zorg", "decisions": "Budgetcoach inzetten",
              "resident_voice": "Ik wil overzicht."}
    people = [meet.ParticipantInput("Werker Testpersoon", ""),
              meet.ParticipantInput("Dokter Verzinsel", "Huisartsenpraktijk Voorbeeld")]
    with pytest.raises(meet.ParticipantError) as refused:
        meet.meeting_save(world.case, None, values=values, participants=people,
                          user=world.worker)
    assert list(refused.value.rows) == [1] and "consent" in refused.value.rows[1]
    assert not Meeting.unscoped.filter(case=world.case).exists()

    given = consent(world, Consent.Purpose.MEETING, "Huisartsenpraktijk Voorbeeld")
    people[1].consent = given
    # a participant of the team's own organisation needs none
    people.append(meet.ParticipantInput("Collega Gemeente", "Gemeente Voorbeeldstad"))
    meeting = meet.meeting_save(world.case, None, values=values, participants=people,
                                user=world.worker)
    stored = list(MeetingParticipant.unscoped.filter(meeting=meeting)
                  .values_list("name", "consent_id"))
    assert stored == [("Werker Testpersoon", None), ("Dokter Verzinsel", given.pk),
                      ("Collega Gemeente", None)]
    assert "meeting_create" in operations(world.case)

    meet.consent_withdraw(world.case, given, withdrawn_on=days_ago(0), user=world.worker)
    people[1].consent = Consent.unscoped.get(pk=given.pk)
    with pytest.raises(meet.ParticipantError) as withdrawn:
        meet.meeting_save(world.case, meeting, values=values, participants=people,
                          user=world.worker)
    assert "consent" in withdrawn.value.rows[1]
    assert MeetingParticipant.unscoped.filter(meeting=meeting).count() == 3
