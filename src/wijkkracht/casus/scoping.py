"""One rule for which cases a user may see, enforced by the models' default managers.

Every model that holds a resident's data uses ``CaseScopedManager``. Outside
``scope(viewer=user)`` (django-scopes) its queries raise ``ScopeError``: a query someone forgot
to scope is an error in development, never a leak in production. Inside, it returns only the
rows of cases the viewer may see:

- cases of a team in which the viewer is a professional or coordinator;
- cases the viewer was added to (``CaseMember``), whatever their team;
- a case opened through emergency access ("break the glass") that has not yet expired.

Analysts and functional administrators see no case at all: the monitor's aggregates and the
admin are their places. Commands that must see everything (retention, the demo) say so with
``scopes_disabled()``.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_scopes import get_scope, scope, scopes_disabled
from django_scopes.manager import DisabledQuerySet

__all__ = ["CASE_ROLES", "CaseScopedManager", "scope", "scopes_disabled", "visible_case_ids",
           "visible_cases_q"]

DIMENSION = "viewer"
# Team roles that work with the team's cases.
CASE_ROLES = ("professional", "coordinator")


def visible_case_ids(viewer, field: str = "pk") -> QuerySet | None:
    """The ids of the cases ``viewer`` may see (or their ``household_id`` with
    ``field="household_id"``), as one subquery; None for no one.

    A UNION ALL of the three ways in, not an OR of three conditions: with 1,000,000 cases an
    OR made PostgreSQL test every case, while each branch of the union is an index scan (the
    team's cases by team, the added and emergency cases by user). benchmarks/bench_casework.py
    measures it."""
    if viewer is None or not getattr(viewer, "is_authenticated", False) or not viewer.is_active:
        return None
    case = apps.get_model("casus", "Case")
    membership = apps.get_model("accounts", "Membership")
    case_member = apps.get_model("casus", "CaseMember")
    glass = apps.get_model("casus", "BreakGlass")
    through = "case_id" if field == "pk" else f"case__{field}"
    teams = membership.objects.filter(user=viewer, role__in=CASE_ROLES).values("team_id")
    own = case.unscoped.filter(team_id__in=teams).order_by().values(field)
    added = case_member.unscoped.filter(user=viewer).order_by().values(through)
    emergency = (glass.objects.filter(user=viewer, until__gt=timezone.now()).order_by()
                 .values(through))
    return own.union(added, emergency, all=True)


def visible_cases_q(viewer) -> Q:
    """The condition on ``Case`` for what ``viewer`` may see (nothing for no one)."""
    ids = visible_case_ids(viewer)
    return Q(pk__in=[]) if ids is None else Q(pk__in=ids)


def _visible_filter(model: type[models.Model], viewer) -> Q:
    case = apps.get_model("casus", "Case")
    if model is case:
        return visible_cases_q(viewer)
    household_path = getattr(model, "household_path", None)
    path = f"{household_path}in" if household_path is not None else f"{model.case_path}in"
    ids = visible_case_ids(viewer, "pk" if household_path is None else "household_id")
    return Q(**{path: [] if ids is None else ids})


class CaseScopedManager(models.Manager):
    """The default manager of every casework model (see the module's docstring)."""

    def get_queryset(self) -> QuerySet:
        current = get_scope()
        queryset = super().get_queryset()
        if not current.get("_enabled", True):
            return queryset
        if DIMENSION not in current:
            return DisabledQuerySet(self.model, using=self._db, missing_scopes={DIMENSION})
        return queryset.filter(_visible_filter(self.model, current[DIMENSION]))
