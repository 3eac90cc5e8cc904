"""Test data for the assessment tests: two gemeenten, each with a team, a professional and a
case of an obviously fictional household (built through the real services)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from wijkkracht.accounts.models import Membership, Organisation, Team, User
from wijkkracht.casus import services
from wijkkracht.casus.models import Case


@dataclass
class Side:
    organisation: Organisation
    team: Team
    professional: User
    case: Case


def build_side(make_user, suffix: str, *, household: str, signalled_days_ago: int = 60) -> Side:
    organisation = Organisation.objects.create(name=f"Gemeente Testdorp {suffix}",
                                               kind=Organisation.Kind.GEMEENTE)
    team = Team.objects.create(name=f"Wijkteam {suffix}", kind=Team.Kind.SOCIAL_TEAM,
                               organisation=organisation)
    professional = make_user(f"prof_{suffix.lower()}", first_name="Pim", last_name=f"Proef{suffix}")
    Membership.objects.create(user=professional, team=team, role=Membership.Role.PROFESSIONAL)
    case = services.case_register(
        team=team, user=professional,
        household={"name": household, "city": "Testdorp"},
        person={"given_name": "Fictief", "family_name": household.split()[-1]},
        case={"signal_source": "huisarts", "question": "Hulp bij de administratie",
              "signalled_on": timezone.localdate() - dt.timedelta(days=signalled_days_ago)})
    return Side(organisation, team, professional, case)
