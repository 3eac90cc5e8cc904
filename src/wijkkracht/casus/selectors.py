"""Reads of casework for the pages. Every read runs inside the viewer's scope: a caller cannot
ask for a case without saying for whom."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from wijkkracht.accounts.models import User

from .core import workflow
from .models import Case, CaseEvent, CaseMember, Person
from .scoping import scope


def cases_for(user: User) -> QuerySet[Case]:
    """The cases ``user`` may see; the queryset keeps the scope it was made in."""
    with scope(viewer=user):
        return Case.objects.all()


def case_list(user: User, *, q: str = "", status: str = "", mine: bool = False,
              team_ids: list[int] | None = None) -> QuerySet[Case]:
    """The caseload: open cases unless a status is asked for; ``q`` searches the household's
    name and its members' names."""
    with scope(viewer=user):
        cases = Case.objects.select_related("household", "team", "lead")
        if status:
            cases = cases.filter(status=status)
        else:
            cases = cases.filter(status__in=workflow.OPEN_STATUSES)
        if mine:
            cases = cases.filter(lead=user)
        if team_ids:
            cases = cases.filter(team_id__in=team_ids)
        if q:
            people = Person.objects.filter(Q(given_name__icontains=q)
                                           | Q(family_name__icontains=q))
            cases = cases.filter(Q(household__name__icontains=q)
                                 | Q(household_id__in=people.values("household_id")))
        return cases.order_by("-signalled_on", "-pk")


def case_page(user: User, pk: int) -> Case | None:
    """One case with what its page shows, or None when ``user`` may not see it."""
    with scope(viewer=user):
        return (Case.objects.select_related("household", "team", "lead")
                .prefetch_related(
                    Prefetch("household__members", queryset=Person.objects.order_by("pk")),
                    Prefetch("members", queryset=CaseMember.objects.select_related("user")))
                .filter(pk=pk).first())


def history(user: User, case: Case, limit: int = 200) -> list[CaseEvent]:
    with scope(viewer=user):
        return list(CaseEvent.objects.filter(case=case).select_related("user")[:limit])


def exists(pk: int) -> bool:
    """Whether a case with this number exists at all (nothing about it): to tell "not yours"
    (403, with emergency access offered) from "no such case" (404)."""
    return Case.unscoped.filter(pk=pk).exists()
