"""A small casework world for the feed, retention, extract and API tests: one gemeente with two
teams, a second gemeente, cases built through the services with obviously fictional names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from wijkkracht.accounts.models import Membership, Organisation, Team
from wijkkracht.casus import services
from wijkkracht.casus.models import (
    Assessment,
    Case,
    CaseDocument,
    Consent,
    Goal,
    Instrument,
    InstrumentDomain,
    Meeting,
    MeetingParticipant,
    NetworkMember,
    Plan,
    PlanAction,
    Referral,
    Score,
    Status,
    StatusChange,
)

JAN15, JAN20 = dt.date(2025, 1, 15), dt.date(2025, 1, 20)
WIJK_A, WIJK_B = "BU03921001", "BU03921102"  # -> WK039210, WK039211


@dataclass
class World:
    gemeente: Organisation
    other_gemeente: Organisation
    team: Team
    team2: Team
    other_team: Team
    users: dict = field(default_factory=dict)
    instrument: Instrument | None = None


def build_world(make_user) -> World:
    gemeente = Organisation.objects.create(name="Gemeente Zonnedal", kind="gemeente",
                                           gemeente_code="GM0392")
    other = Organisation.objects.create(name="Gemeente Maanveld", kind="gemeente")
    team = Team.objects.create(name="Wijkteam Noord", kind="sociaal_wijkteam",
                               organisation=gemeente)
    team2 = Team.objects.create(name="Wijkteam Zuid", kind="sociaal_wijkteam",
                                organisation=gemeente)
    other_team = Team.objects.create(name="Wijkteam Maan", kind="sociaal_wijkteam",
                                     organisation=other)
    world = World(gemeente, other, team, team2, other_team)
    for name, t, role in [("prof", team, "professional"), ("coord", team, "coordinator"),
                          ("analist", team, "analyst"), ("prof2", team2, "professional"),
                          ("vreemd", other_team, "professional"),
                          ("analist_maan", other_team, "analyst")]:
        user = make_user(name, organisation=t.organisation)
        Membership.objects.create(user=user, team=t, role=role)
        world.users[name] = user
    instrument = Instrument.objects.create(code="zrm", version="2017",
                                           name="Zelfredzaamheid-Matrix", scale_min=1,
                                           scale_max=5)
    for i, (code, name) in enumerate([("financien", "Financiën"), ("werk", "Werk")]):
        InstrumentDomain.objects.create(instrument=instrument, code=code, name=name, order=i)
    world.instrument = instrument
    return world


def new_case(world: World, *, team=None, user=None, family="Klaproos", buurt=WIJK_A,
             signalled=JAN15, source="huisarts", urgency="normaal",
             question="Ik red het niet meer met de rekeningen.", contact_days=3) -> Case:
    team = team or world.team
    user = user or world.users["prof" if team == world.team else "prof2"]
    return services.case_register(
        team=team, user=user,
        household={"name": f"Huishouden {family}", "street": "Zonnebloemstraat",
                   "house_number": "7", "postcode": "2021 AB", "city": "Zonnedal",
                   "buurt_code": buurt, "phone": "0612345678"},
        person={"given_name": "Berend", "family_name": family, "phone": "0612345678",
                "date_of_birth": dt.date(1970, 5, 1)},
        case={"signal_source": source, "signalled_on": signalled, "urgency": urgency,
              "question": question, "question_behind": "Hij schaamt zich.",
              "first_contact_on": signalled + dt.timedelta(days=contact_days)
              if contact_days is not None else None})


def close(case: Case, on: dt.date) -> Case:
    Case.unscoped.filter(pk=case.pk).update(status=Status.CLOSED, closed_on=on,
                                            outcome="doelen_bereikt",
                                            closure_reason="Alles loopt weer.")
    StatusChange.unscoped.create(case=case, from_status=case.status, to_status=Status.CLOSED)
    case.refresh_from_db()
    return case


def fill(case: Case, world: World, *, start=2, end=4, on=JAN20) -> None:
    """Everything a case can hold: network, assessments, plan, consent, meeting, referrals."""
    NetworkMember.unscoped.create(case=case, name="Tante Zonnedauw", kind="familie",
                                  does="Kookt op zondag")
    domain = world.instrument.domains.get(code="financien")
    for day, value in ((on, start), (on + dt.timedelta(days=40), end)):
        assessment = Assessment.unscoped.create(case=case, instrument=world.instrument,
                                                moment="intake", assessed_on=day)
        Score.unscoped.create(assessment=assessment, domain=domain, value=value)
    plan = Plan.unscoped.create(case=case, resident_view="Ik wil weer rust.")
    goal = Goal.unscoped.create(plan=plan, text="Schulden op een rij", domain=domain)
    PlanAction.unscoped.create(goal=goal, text="Bellen met de bank", who="bewoner",
                               who_name="Berend")
    consent = Consent.unscoped.create(case=case, purpose="verwijzen",
                                      recipient="Schuldhulp Zonnedal")
    meeting = Meeting.unscoped.create(case=case, held_on=on, agenda="Schulden",
                                      decisions="Verwijzen", resident_voice="Graag snel.")
    MeetingParticipant.unscoped.create(meeting=meeting, name="Cor Vlasbloem",
                                       organisation="Schuldhulp", consent=consent)
    Referral.unscoped.create(case=case, kind="verwijzing", to_organisation="Schuldhulp",
                             reason="Schulden van Berend", referred_on=on, consent=consent)
    CaseDocument.unscoped.create(case=case, name="brief Berend.pdf", description="Brief",
                                 content_type="application/pdf", size=9, sha256="0" * 64,
                                 content=b"%PDF-1.4 ")
