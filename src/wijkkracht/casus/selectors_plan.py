"""Reads of the own network and the plan, always through the scoped managers (``scoping``):
what a selector returns is only what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkkracht.accounts.models import User
from wijkkracht.accounts.permissions import is_signed_in

from .models import Case, Goal, NetworkMember, Plan, PlanAction
from .report.ecomap import EcoMap, EcoMember, render_ecomap
from .scoping import scope

REMINDERS_SHOWN = 10


def case_network(case: Case) -> list[NetworkMember]:
    """The people around the resident (call inside ``scope(viewer=...)``)."""
    return list(NetworkMember.objects.filter(case=case))


def ecomap_of(case: Case, members: list[NetworkMember]) -> EcoMap:
    """The eco-map of the household, with a summary in words as its accessible name."""
    kinds = dict(NetworkMember.Kind.choices)
    ties = dict(NetworkMember.Tie.choices)
    counts = {t: sum(1 for m in members if m.tie == t) for t in ties}
    summary = ngettext(
        "Eco-map of %(household)s: %(count)d person or service around the household",
        "Eco-map of %(household)s: %(count)d people and services around the household",
        len(members)) % {"household": case.household.name, "count": len(members)}
    if members:
        summary += "; " + _("%(strong)d strong, %(weak)d weak and %(stressful)d stressful "
                            "ties") % {"strong": counts[NetworkMember.Tie.STRONG],
                                       "weak": counts[NetworkMember.Tie.WEAK],
                                       "stressful": counts[NetworkMember.Tie.STRESSFUL]}
    summary += ". " + _("The table below gives the same information.")
    return render_ecomap(
        case.household.name,
        [EcoMember(m.name, m.kind, m.tie, m.does) for m in members],
        summary=summary, kind_labels={k: str(v) for k, v in kinds.items()},
        tie_labels={k: str(v) for k, v in ties.items()}, legend_title=_("Lines"))


def plan_of(case: Case) -> Plan | None:
    """The case's plan with its goals, their domains and actions (three queries), or None
    while nobody has written one. Call inside ``scope(viewer=...)``."""
    return (Plan.objects.filter(case=case)
            .prefetch_related(Prefetch(
                "goals", queryset=Goal.objects.select_related("domain__instrument")
                .prefetch_related(Prefetch("actions", queryset=PlanAction.objects
                                           .select_related("owner")))))
            .first())


@dataclass(frozen=True)
class Reminder:
    action_id: int
    case_id: int
    household_id: int
    text: str
    due_on: dt.date
    days_late: int


def overdue_actions(user: User, *, today: dt.date | None = None,
                    limit: int = REMINDERS_SHOWN) -> tuple[list[Reminder], int]:
    """The user's actions past their date and not done, oldest first, and how many there are.

    The user's: actions they own, and actions without an owner on cases they lead (the
    resident's or the network's, which the contact person follows up). Only cases the user
    may see (the scope); one query for the rows and one for the count.
    """
    if not is_signed_in(user):
        return [], 0
    today = today or timezone.localdate()
    with scope(viewer=user):
        late = PlanAction.objects.filter(
            Q(owner=user) | Q(owner__isnull=True, goal__plan__case__lead=user),
            done_on__isnull=True, due_on__lt=today,
            goal__plan__case__closed_on__isnull=True)
        total = late.count()
        if not total:
            return [], 0
        rows = list(late.order_by("due_on", "pk")
                    .values("pk", "goal__plan__case_id", "goal__plan__case__household_id",
                            "text", "due_on")[:limit])
    return [Reminder(r["pk"], r["goal__plan__case_id"], r["goal__plan__case__household_id"],
                     r["text"], r["due_on"],
                     (today - r["due_on"]).days) for r in rows], total
