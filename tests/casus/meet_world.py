"""Test-built casework for the meetings/referrals/consent tests: a sociaal wijkteam with a case,
a broad team (Brede Hoed) with a coordinator, and another wijkteam that must see nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from wijkkracht.accounts.models import Membership, Organisation, Team, User
from wijkkracht.casus import services
from wijkkracht.casus.models import Case, Person

RESIDENT = ("Fenna", "Fictiefsma")


@dataclass
class World:
    team: Team
    other_team: Team
    broad_team: Team
    worker: User
    coordinator: User
    outsider: User
    broad_coordinator: User
    case: Case
    resident: Person


def _user(make_user, username: str, team: Team, role: str) -> User:
    user = make_user(username, first_name=username.title(), last_name="Testpersoon")
    Membership.objects.create(user=user, team=team, role=role)
    return user


def build(make_user) -> World:
    gemeente, _ = Organisation.objects.get_or_create(name="Gemeente Voorbeeldstad",
                                                     defaults={"kind": "gemeente"})
    team = Team.objects.create(name="Sociaal wijkteam Noord", kind="sociaal_wijkteam",
                               organisation=gemeente)
    other = Team.objects.create(name="Sociaal wijkteam Zuid", kind="sociaal_wijkteam",
                                organisation=gemeente)
    broad = Team.objects.create(name="Brede Hoed Voorbeeldstad", kind="brede_hoed",
                                organisation=gemeente)
    worker = _user(make_user, "werker", team, Membership.Role.PROFESSIONAL)
    coordinator = _user(make_user, "coordinator", team, Membership.Role.COORDINATOR)
    outsider = _user(make_user, "buitenstaander", other, Membership.Role.PROFESSIONAL)
    broad_coordinator = _user(make_user, "hoedcoordinator", broad,
                              Membership.Role.COORDINATOR)
    case = services.case_register(
        team=team, user=worker,
        household={"name": "Huishouden Fictiefsma", "street": "Verzonnenlaan",
                   "house_number": "7", "city": "Voorbeeldstad"},
        person={"given_name": RESIDENT[0], "family_name": RESIDENT[1]},
        case={"signal_source": "huisarts", "signalled_on": timezone.localdate()
              - dt.timedelta(days=20), "question": "Ik red het niet meer met de post."})
    resident = Person.unscoped.get(household=case.household)
    return World(team, other, broad, worker, coordinator, outsider, broad_coordinator, case,
                 resident)


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)
