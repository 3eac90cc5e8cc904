"""What the monitor's pages read: the organisations a user may see, every indicator computed
from the casework's events, and a team's targets and improvement steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
from django.utils import timezone

from wijkkracht.accounts.models import Membership, Organisation, Team, User
from wijkkracht.accounts.permissions import is_signed_in
from wijkkracht.casus.selectors_monitor import assessment_domains, monitor_events

from .core import compute as mc
from .core.charting import StepMark
from .core.indicators import IndicatorDef, builtin
from .models import Step, Target

MONITOR_ROLES = (Membership.Role.ANALYST, Membership.Role.COORDINATOR)


def monitor_organisations(user: User):
    """The organisations whose monitor ``user`` may read: those of teams where they are the
    analyst or the coordinator."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(teams__memberships__user=user,
                                       teams__memberships__role__in=MONITOR_ROLES).distinct()


def sees_team_cases(user: User, team: Team) -> bool:
    """The team's coordinator sees its cases anyway, so event-level charts are for them."""
    return is_signed_in(user) and Membership.objects.filter(
        user=user, team=team, role=Membership.Role.COORDINATOR).exists()


def can_manage_monitor(user: User, team: Team) -> bool:
    """Targets and improvement steps of a team: its coordinator and analyst."""
    return is_signed_in(user) and Membership.objects.filter(
        user=user, team=team, role__in=MONITOR_ROLES).exists()


def today_here() -> dt.date:
    """Today in the application's time zone (a seam: tests put the monitor on a fixed day)."""
    return timezone.localdate()


@dataclass(frozen=True)
class Monitor:
    organisation: Organisation
    definitions: tuple[IndicatorDef, ...]
    result: mc.Result
    teams: dict[str, str]  # team id -> name
    events: pl.DataFrame  # for the G chart of rare events (core.rare), never shown as such
    complete_until: int  # the last month that is over (a month index)


def organisation_monitor(organisation: Organisation, *, last: dt.date | None = None,
                         months: int = 36) -> Monitor:
    """Every indicator over the last ``months`` months up to the quarter of ``last`` (today),
    starting no earlier than the quarter of the first casework: months before a team kept
    cases here are no zeros. The running month is shown as not yet over."""
    definitions = builtin().for_domains(assessment_domains(organisation))
    rows = monitor_events(organisation)
    today = last or today_here()
    first, end = mc.window(today, months)
    if rows:
        first = max(first, mc.month_index(min(row[2] for row in rows)) // 3 * 3)
    teams = dict(Team.objects.filter(organisation=organisation).values_list("pk", "name"))
    events = mc.events_frame(rows)
    done = mc.month_index(today) - 1
    result = mc.compute(events, definitions, first=first, last=end, teams=list(teams),
                        complete_until=done)
    return Monitor(organisation, definitions, result,
                   {str(pk): name for pk, name in teams.items()}, events, done)


def targets(team: Team | None) -> dict[str, float]:
    if team is None:
        return {}
    return dict(Target.objects.filter(team=team).values_list("indicator", "value"))


def steps(team: Team | None, indicator: str | None = None) -> list[Step]:
    if team is None:
        return []
    rows = Step.objects.filter(team=team)
    if indicator is not None:
        rows = rows.filter(indicator=indicator)
    return list(rows)


def step_marks(team: Team | None, indicator: str) -> list[StepMark]:
    """A team's improvement steps of one indicator as the chart takes them."""
    return [StepMark(s.period, s.label, s.new_phase, s.baseline)
            for s in steps(team, indicator)]


def indicator_names(codes: list[str]) -> dict[str, str]:
    """Names of built-in monitor indicators by code (unknown codes are left out); for other
    capabilities that refer to an indicator by its code."""
    names = {d.code: d.name for d in builtin().fixed}
    return {c: names[c] for c in codes if c in names}


def indicator_choices_builtin() -> list[tuple[str, str]]:
    return [(d.code, d.name) for d in builtin().fixed]
