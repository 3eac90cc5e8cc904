"""From a GP's signal to closure, through the web pages, as the team works; and what the
other team, an analyst and a stranger get."""

from __future__ import annotations

from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.casus.models import Case, CaseEvent, StatusChange
from wijkkracht.casus.scoping import scopes_disabled

from .conftest import register_form


def _case() -> Case:
    with scopes_disabled():
        return Case.objects.select_related("household").get()


def test_a_signal_goes_from_registration_to_closure(teams, client_of):
    client = client_of(teams.worker)
    response = client.post("/casus/nieuw", register_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    case = _case()
    assert response["Location"] == f"/casus/{case.pk}/"
    assert "Vlinderbloem" not in response["Location"]
    assert case.household.wijk_code == "WK999901" and case.status == "aangemeld"

    page = client.get(f"/casus/{case.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Jantine Vlinderbloem" in text and "Ik kan de rekeningen niet meer overzien." in text

    # The worker finds the question behind the question and moves the case on.
    edit = register_form(**{"c-question_behind": "Schaamte over schulden; partner overleden."})
    fields = {k: v for k, v in edit.items() if k.startswith("c-")}
    response = client.post(f"/casus/{case.pk}/bewerken", {**fields, "version": "1"})
    assert response.status_code == 302
    response = client.post(f"/casus/{case.pk}/status", {"status": "in_behandeling",
                                                       "version": "2"})
    assert response.status_code == 302
    # Closing without an outcome is refused beside the field; with one it closes.
    response = client.post(f"/casus/{case.pk}/status", {"status": "afgesloten", "version": "3",
                                                       "reason": "Schulden geregeld"})
    assert response.status_code == 400 and "Schulden geregeld" in response.content.decode()
    response = client.post(f"/casus/{case.pk}/status", {"status": "afgesloten", "version": "3",
                                                       "outcome": "doelen_bereikt"})
    assert response.status_code == 302
    case = _case()
    assert case.status == "afgesloten" and case.closed_on is not None
    with scopes_disabled():
        moves = list(StatusChange.objects.filter(case=case).values_list("to_status", flat=True))
        kinds = list(CaseEvent.objects.filter(case=case).order_by("at", "pk")
                     .values_list("kind", flat=True))
    assert moves == ["aangemeld", "in_behandeling", "afgesloten"]
    assert kinds == ["created", "updated", "status", "status"]
    history = client.get(f"/casus/{case.pk}/").content.decode()
    assert "Schaamte over schulden" in history and "in behandeling → afgesloten" in history

    # Only the coordinator reopens.
    response = client.post(f"/casus/{case.pk}/status", {"status": "in_behandeling",
                                                       "version": "4"})
    assert response.status_code == 400
    response = client_of(teams.coordinator).post(f"/casus/{case.pk}/status",
                                                 {"status": "in_behandeling", "version": "4"})
    assert response.status_code == 302 and _case().closed_on is None


def test_other_team_analyst_and_strangers_see_no_name_and_are_logged(teams, client_of):
    worker = client_of(teams.worker)
    worker.post("/casus/nieuw", register_form())
    case = _case()
    for user, want in ((teams.stranger, 403), (teams.analyst, 403)):
        client = client_of(user)
        before = ProcessingRecord.objects.filter(outcome="error").count()
        response = client.get(f"/casus/{case.pk}/")
        assert response.status_code == want
        assert "Vlinderbloem" not in response.content.decode()
        assert ProcessingRecord.objects.filter(outcome="error").count() == before + 1
        listing = client.get("/casus/").content.decode()
        assert "Vlinderbloem" not in listing
    assert worker.get("/casus/999999/").status_code == 404


def test_every_view_of_a_case_writes_one_access_log_record(teams, client_of):
    client = client_of(teams.colleague)
    client_of(teams.worker).post("/casus/nieuw", register_form())
    case = _case()
    before = ProcessingRecord.objects.count()
    assert client.get(f"/casus/{case.pk}/").status_code == 200
    records = list(ProcessingRecord.objects.order_by("sequence")[before:])
    assert len(records) == 1
    assert records[0].operation == "case_read" and records[0].subject_id == str(case.pk)
    assert records[0].participant == f"household:{case.household_id}"
    assert records[0].user_id == str(teams.colleague.pk)


def test_bad_input_is_refused_beside_the_field_and_kept(teams, client_of):
    client = client_of(teams.worker)
    response = client.post("/casus/nieuw", register_form(**{
        "c-signalled_on": "2026-02-30", "p-date_of_birth": "2999-01-01",
        "h-postcode": "0000 XX"}))
    text = response.content.decode()
    assert response.status_code == 400
    assert "Ik kan de rekeningen niet meer overzien." in text  # nothing typed is lost
    assert "Jantine" in text and "Dahliastraat" in text
    assert "in de toekomst" in text
    assert "postcode" in text.lower()
    with scopes_disabled():
        assert not Case.objects.exists()


def test_emergency_access_is_reasoned_logged_and_opens_the_case(teams, client_of):
    client_of(teams.worker).post("/casus/nieuw", register_form())
    case = _case()
    client = client_of(teams.stranger)
    refused = client.get(f"/casus/{case.pk}/")
    assert refused.status_code == 403 and f"/casus/{case.pk}/noodtoegang" in \
        refused.content.decode()
    response = client.post(f"/casus/{case.pk}/noodtoegang", {"reason": "kort"})
    assert response.status_code == 400 and "kort" in response.content.decode()
    response = client.post(f"/casus/{case.pk}/noodtoegang",
                           {"reason": "Bewoner aan de deur in crisis, wijkteam Noord onbereikbaar"})
    assert response.status_code == 302
    assert client.get(f"/casus/{case.pk}/").status_code == 200
    glass = ProcessingRecord.objects.get(operation="break_glass")
    assert glass.outcome_detail == "emergency" and glass.user_id == str(teams.stranger.pk)


def test_the_whole_way_from_a_gps_signal_to_closure(teams, client_of):
    """One household through every step the seeds describe, each through its page: the GP's
    signal, the question behind it, ZRM at intake, the own network, one plan with the
    household, consent, an MDO at home with the GP, a referral with consent, the measurement
    at closure and closure; then the history tells it all and the log names the household."""
    import datetime as dt

    from django.utils import timezone

    from wijkkracht.casus.instruments import ensure_shipped
    from wijkkracht.casus.models import (
        Assessment,
        Consent,
        Goal,
        Instrument,
        Meeting,
        MeetingParticipant,
        Referral,
    )

    ensure_shipped()
    today = timezone.localdate()
    day = lambda n: (today - dt.timedelta(days=n)).isoformat()  # noqa: E731
    client = client_of(teams.worker)
    assert client.post("/casus/nieuw", register_form(**{
        "c-signalled_on": day(30), "c-signal_source": "huisarts"})).status_code == 302
    case = _case()
    c = f"/casus/{case.pk}"

    def ok(path, data):
        response = client.post(c + path, data)
        assert response.status_code == 302, (path, response.content.decode()[:3000])

    ok("/bewerken", {**{k: v for k, v in register_form(**{
        "c-signalled_on": day(30), "c-first_contact_on": day(28),
        "c-question_behind": "Na het overlijden van haar man overziet ze de post niet."}).items()
        if k.startswith("c-")}, "version": "1"})
    ok("/status", {"status": "in_behandeling", "version": "2"})
    zrm = Instrument.objects.get(code="zrm")
    scores = {f"domain_{d.code}": "2" for d in zrm.domains.all()}
    ok("/beoordelingen/nieuw", {"instrument": str(zrm.pk), "moment": "intake",
                                "assessed_on": day(27), **scores})
    ok("/netwerk/nieuw", {"name": "Dochter Irene", "kind": "familie", "tie": "sterk",
                          "does": "Belt elke week", "could_do": "Post samen doorlopen",
                          "contact": ""})
    ok("/plan/doel/nieuw", {"version": "1", "text": "Overzicht over de financiën",
                            "state": "open"})
    goal = Goal.unscoped.get(plan__case=case)
    ok(f"/plan/doel/{goal.pk}/actie/nieuw", {
        "version": "2", "text": "Samen de post sorteren", "who": "netwerk",
        "who_name": "Dochter Irene", "owner": "", "due_on": day(10), "done_on": day(12)})
    resident = case.household.members.model.unscoped.get(household=case.household)
    for purpose, recipient in (("overleg", "Huisartsenpraktijk De Linde"),
                               ("verwijzen", "Schuldhulp Proefstad")):
        ok("/toestemming/nieuw", {"purpose": purpose, "recipient": recipient,
                                  "given_on": day(20), "person": str(resident.pk)})
    meeting_consent = Consent.unscoped.get(case=case, purpose="overleg")
    ok("/overleg/nieuw", {
        "kind": "mdo", "held_on": day(18), "at_home": "on", "agenda": "De post",
        "decisions": "Aanmelden bij schuldhulp", "resident_voice": "Ik wil het zelf kunnen.",
        "deelnemer-TOTAL_FORMS": "2", "deelnemer-INITIAL_FORMS": "0",
        "deelnemer-MIN_NUM_FORMS": "0", "deelnemer-MAX_NUM_FORMS": "40",
        "deelnemer-0-name": "Wouter Proef", "deelnemer-1-name": "Dokter Linde",
        "deelnemer-1-organisation": "Huisartsenpraktijk De Linde",
        "deelnemer-1-consent": str(meeting_consent.pk)})
    refer_consent = Consent.unscoped.get(case=case, purpose="verwijzen")
    ok("/verwijzing/nieuw", {"to_organisation": "Schuldhulp Proefstad",
                             "reason": "Schulden boven de eigen draagkracht",
                             "referred_on": day(15), "consent": str(refer_consent.pk)})
    version = Case.unscoped.get(pk=case.pk).version
    ok("/beoordelingen/nieuw", {"instrument": str(zrm.pk), "moment": "afsluiting",
                                "assessed_on": day(1),
                                **{k: "4" for k in scores}})
    ok("/status", {"status": "afgesloten", "version": str(version),
                   "outcome": "doelen_bereikt", "reason": "Schuldhulp loopt, dochter helpt"})

    case = _case()
    assert case.status == "afgesloten" and case.outcome == "doelen_bereikt"
    assert Assessment.unscoped.filter(case=case).count() == 2
    assert MeetingParticipant.unscoped.filter(meeting__case=case).count() == 2
    assert Meeting.unscoped.get(case=case).at_home
    assert Referral.unscoped.get(case=case).consent == refer_consent
    page = client.get(c + "/").content.decode()
    for seen in ("Dochter Irene", "Overzicht over de financiën", "Schuldhulp Proefstad",
                 "Ik wil het zelf kunnen.", "in behandeling → afgesloten"):
        assert seen in page, seen
    with scopes_disabled():
        kinds = set(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert {"created", "updated", "status"} <= kinds and len(kinds) >= 8
    about = ProcessingRecord.objects.filter(participant=f"household:{case.household_id}")
    assert about.filter(action="C").exists() and about.filter(operation="case_read").exists()
