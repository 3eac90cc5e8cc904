"""Reads of casework for the pages. Every read runs inside the viewer's scope: a caller cannot
ask for a case without saying for whom."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from wijkkracht.accounts.models import User

from .core import workflow
from .models import Case, CaseEvent, CaseMember, Household, Person
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
            # Searched once, here: the page's rows and the paginator's count then filter on
            # the answer instead of each searching every name again.
            cases = cases.filter(household_id__in=set(_households_named(q)))
        return cases.order_by("-signalled_on", "-pk")


def _households_named(q: str) -> QuerySet:
    """The ids of the (visible) households whose name, or a member's name, contains ``q``.

    A UNION ALL of three lookups rather than an OR across a join: each branch can use its own
    trigram index on PostgreSQL (migration 0004), where an OR made PostgreSQL read every
    household of every team (benchmarks/bench_casework.py). Runs in the caller's scope."""
    by_name = Household.objects.filter(name__icontains=q).order_by().values_list("pk", flat=True)
    by_given = (Person.objects.filter(given_name__icontains=q).order_by()
                .values_list("household_id", flat=True))
    by_family = (Person.objects.filter(family_name__icontains=q).order_by()
                 .values_list("household_id", flat=True))
    return by_name.union(by_given, by_family, all=True)


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
