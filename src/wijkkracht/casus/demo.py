"""Demo cases: a few hundred obviously fictional households per team, at every status, with
their history, own network and plan, so that every case page has something to show and
cross-team access can be tried. Names are flowers and birds, never real people's names;
addresses are in the team's wijk.

Written in bulk (not through ``services``): generating a demo is not a professional
processing anyone's data, so it writes no access-log records.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from wijkkracht.accounts.models import Team, User

from .core import workflow
from .instruments import ensure_shipped
from .models import (
    Assessment,
    Case,
    CaseEvent,
    Goal,
    Household,
    Instrument,
    NetworkMember,
    Person,
    Plan,
    PlanAction,
    Score,
    SignalSource,
    StatusChange,
    Urgency,
)
from .scoping import scopes_disabled

GIVEN = ["Anemoon", "Boterbloem", "Crocus", "Dahlia", "Egel", "Fuut", "Gaai", "Havik",
         "Iris", "Jasmijn", "Kievit", "Lelie", "Merel", "Narcis", "Orchidee", "Pimpernel",
         "Reiger", "Spreeuw", "Tulp", "Uil", "Viooltje", "Winterkoning", "Zwaluw"]
FAMILY = ["Akkerwinde", "Beukenhout", "Dotterbloem", "Eikenblad", "Fluitenkruid", "Goudsbloem",
          "Hondsroos", "Klaproos", "Lavendel", "Madeliefje", "Paardenbloem", "Rozemarijn",
          "Sleutelbloem", "Vergeet-mij-niet", "Wilgenroosje", "Zonnedauw"]
QUESTIONS = [
    ("Ik kom niet meer rond en de post stapelt zich op.", "Sinds de scheiding is er niemand "
     "die meekijkt; schaamte om hulp te vragen."),
    ("Mijn moeder redt het thuis niet meer alleen.", "De mantelzorger is zelf overbelast."),
    ("Er is veel ruzie in huis en de kinderen gaan niet naar school.", ""),
    ("Ik voel me eenzaam sinds mijn man is overleden.", "Wil graag iets betekenen voor anderen."),
    ("De buren maken zich zorgen: de tuin is verwilderd en hij doet niet open.",
     "Mogelijk geheugenproblemen; geen contact met familie."),
    ("Ik zoek werk maar kom steeds niet door de sollicitatie.", "Taal en zelfvertrouwen."),
]
STREETS = ["Dahliastraat", "Tulpstraat", "Merelstraat", "Kievitlaan", "Irisplein"]
# Where the cases are: most open and active, a fair share closed, some in every other state.
STATUS_WEIGHTS = {workflow.REGISTERED: 12, workflow.IN_PROGRESS: 35, workflow.MDO: 8,
                  workflow.ESCALATED: 6, workflow.REFERRED: 9, workflow.CLOSED: 30}
PATHS = {workflow.REGISTERED: [], workflow.IN_PROGRESS: [workflow.IN_PROGRESS],
         workflow.MDO: [workflow.IN_PROGRESS, workflow.MDO],
         workflow.ESCALATED: [workflow.IN_PROGRESS, workflow.ESCALATED],
         workflow.REFERRED: [workflow.IN_PROGRESS, workflow.REFERRED],
         workflow.CLOSED: [workflow.IN_PROGRESS, workflow.CLOSED]}
OUTCOMES = ["doelen_bereikt", "doelen_bereikt", "deels_bereikt", "niet_bereikt", "verhuisd",
            "overgedragen"]


def _buurt(wijk_code: str, rng: random.Random) -> str:
    return f"BU{wijk_code[2:8]}{rng.randint(1, 4):02d}" if wijk_code.startswith("WK") else ""


@transaction.atomic
def create_demo_cases(team: Team, workers: list[User], *, count: int = 200,
                      seed: int = 8) -> int:
    """``count`` fictional cases for ``team`` (none if it has cases already); returns how
    many were made."""
    with scopes_disabled():
        if Case.objects.filter(team=team).exists():
            return 0
    rng = random.Random(f"{seed}-{team.name}")
    wijk = next(iter(team.areas.values_list("area_code", flat=True)), "")
    today = timezone.localdate()
    homes = []
    for i in range(count):
        family = rng.choice(FAMILY)
        homes.append(Household(team=team, name=f"Huishouden {family} ({i + 1})",
                               street=rng.choice(STREETS), house_number=str(rng.randint(1, 140)),
                               postcode=f"9{rng.randint(100, 999)} {rng.choice('ABCDEFGH')}Z",
                               city="Demostad", buurt_code=_buurt(wijk, rng)))
    for home in homes:  # bulk_create skips save(), where the wijk follows from the buurt
        home.wijk_code = f"WK{home.buurt_code[2:8]}" if home.buurt_code else ""
    homes = Household.unscoped.bulk_create(homes)
    people, cases, paths = [], [], []
    for home in homes:
        family = home.name.split()[1]
        people.append(Person(household=home, given_name=rng.choice(GIVEN), family_name=family,
                             date_of_birth=dt.date(rng.randint(1935, 2004), rng.randint(1, 12),
                                                   rng.randint(1, 28))))
        if rng.random() < 0.4:
            people.append(Person(household=home, given_name=rng.choice(GIVEN),
                                 family_name=family, relation=Person.Relation.CHILD,
                                 date_of_birth=dt.date(rng.randint(2008, 2022), 6, 1)))
        status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
        signalled = today - dt.timedelta(days=rng.randint(3, 540))
        question, behind = rng.choice(QUESTIONS)
        closed = status == workflow.CLOSED
        # The days on which the case moved, none after today: closing is the last of them.
        moved, day = [], signalled
        for step in PATHS[status]:
            day = min(today, day + dt.timedelta(days=rng.randint(1, 60)))
            moved.append((step, day))
        cases.append(Case(
            team=team, household=home, status=status,
            signal_source=rng.choice(SignalSource.values), signalled_on=signalled,
            urgency=rng.choices(Urgency.values, weights=[2, 10, 4, 1])[0], question=question,
            question_behind=behind if status != workflow.REGISTERED else "",
            lead=rng.choice(workers) if workers else None,
            first_contact_on=(signalled + dt.timedelta(days=rng.randint(0, 14))
                              if status != workflow.REGISTERED else None),
            closed_on=moved[-1][1] if closed else None,
            outcome=rng.choice(OUTCOMES) if closed else "",
            created_at=timezone.make_aware(dt.datetime.combine(signalled, dt.time(9)))))
        paths.append(moved)
    Person.unscoped.bulk_create(people)
    cases = Case.unscoped.bulk_create(cases)
    _history(cases, paths)
    _network_and_plans(cases, workers, rng, today)
    _assessments(cases, paths, rng, today)
    return len(cases)


def _history(cases: list[Case], paths: list[list[tuple[str, dt.date]]]) -> None:
    moves, events = [], []
    for case, moved in zip(cases, paths, strict=True):
        at = case.created_at
        moves.append(StatusChange(case=case, from_status="", to_status=workflow.REGISTERED,
                                  at=at, by=case.lead))
        events.append(CaseEvent(case=case, at=at, user=case.lead, kind="created"))
        previous = workflow.REGISTERED
        for step, day in moved:
            at = timezone.make_aware(dt.datetime.combine(day, dt.time(14)))
            moves.append(StatusChange(case=case, from_status=previous, to_status=step, at=at,
                                      by=case.lead))
            events.append(CaseEvent(case=case, at=at, user=case.lead, kind="status",
                                    changes={"status": [previous, step]}))
            previous = step
    StatusChange.unscoped.bulk_create(moves)
    CaseEvent.unscoped.bulk_create(events)


def _network_and_plans(cases: list[Case], workers: list[User], rng: random.Random,
                       today: dt.date) -> None:
    network, plans = [], []
    for case in cases:
        for kind, name, tie in rng.sample([
                ("familie", "Dochter (Tulp)", "sterk"), ("buur", "Buurvrouw Merel", "zwak"),
                ("vriend", "Vriend van de voetbal", "zwak"), ("familie", "Broer", "belastend"),
                ("vrijwilliger", "Maatje van de welzijnsorganisatie", "sterk"),
                ("professional", "Huisarts", "sterk")], k=rng.randint(1, 4)):
            network.append(NetworkMember(case=case, name=name, kind=kind, tie=tie,
                                         does="Komt wekelijks langs" if tie == "sterk" else "",
                                         could_do="Kan helpen met boodschappen"
                                         if kind in ("buur", "vriend") else ""))
        if case.status != workflow.REGISTERED:
            plans.append(Plan(case=case, agreed_on=case.first_contact_on,
                              resident_view="Ik wil weer zelf de regie over mijn geld."))
    NetworkMember.unscoped.bulk_create(network)
    plans = Plan.unscoped.bulk_create(plans)
    goals = Goal.unscoped.bulk_create([
        Goal(plan=plan, text=text) for plan in plans
        for text in rng.sample(["Overzicht over de financiën", "Meer contact met anderen",
                                "Veilig thuis blijven wonen", "Dagbesteding vinden"], k=2)])
    PlanAction.unscoped.bulk_create([
        PlanAction(goal=goal, text=text, who=who, owner=rng.choice(workers) if workers
                   and who == "professional" else None,
                   due_on=(goal.plan.case.closed_on - dt.timedelta(days=rng.randint(5, 30))
                           if goal.plan.case.closed_on
                           else today + dt.timedelta(days=rng.randint(-20, 60))),
                   done_on=goal.plan.case.closed_on)
        for goal in goals
        for text, who in rng.sample([("Post samen openen en sorteren", "bewoner"),
                                     ("Aanmelden bij schuldhulpverlening", "professional"),
                                     ("Wekelijks samen koffie drinken", "netwerk"),
                                     ("Maatje zoeken via de welzijnsorganisatie", "vrijwilliger")],
                                    k=2)])


def _assessments(cases: list[Case], paths: list[list[tuple[str, dt.date]]],
                 rng: random.Random, today: dt.date) -> None:
    """ZRM at intake for every case past registration, halfway through a longer one and at
    closure; most domains improve a little, some stay, a few get worse."""
    ensure_shipped()
    zrm = Instrument.objects.get(code="zrm", version="2017", organisation=None)
    domains = list(zrm.domains.all())
    made, scores = [], []
    for case, moved in zip(cases, paths, strict=True):
        if not moved or case.first_contact_on is None:
            continue
        first = case.first_contact_on
        end = case.closed_on or today
        moments = [("intake", first)]
        if (end - first).days > 60:
            moments.append(("tussentijds", first + (end - first) / 2))
        if case.closed_on:
            moments.append(("afsluiting", end))
        levels = {d.pk: rng.choices([1, 2, 3, 4, 5], weights=[1, 4, 5, 3, 1])[0]
                  for d in domains}
        for moment, day in moments:
            assessment = Assessment(case=case, instrument=zrm, moment=moment,
                                    assessed_on=max(day, case.first_contact_on), by=case.lead)
            made.append((assessment, dict(levels)))
            levels = {pk: max(1, min(5, level + rng.choices([-1, 0, 1], weights=[1, 4, 3])[0]))
                      for pk, level in levels.items()}
    saved = Assessment.unscoped.bulk_create([a for a, _levels in made])
    for assessment, (_unsaved, levels) in zip(saved, made, strict=True):
        scores.extend(Score(assessment=assessment, domain_id=pk, value=value)
                      for pk, value in levels.items())
    Score.unscoped.bulk_create(scores)
