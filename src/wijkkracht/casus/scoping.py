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

__all__ = ["CASE_ROLES", "CaseScopedManager", "scope", "scopes_disabled", "visible_cases_q"]

DIMENSION = "viewer"
# Team roles that work with the team's cases.
CASE_ROLES = ("professional", "coordinator")


def visible_cases_q(viewer) -> Q:
    """The condition on ``Case`` for what ``viewer`` may see (nothing for no one)."""
    if viewer is None or not getattr(viewer, "is_authenticated", False) or not viewer.is_active:
        return Q(pk__in=[])
    membership = apps.get_model("accounts", "Membership")
    case_member = apps.get_model("casus", "CaseMember")
    glass = apps.get_model("casus", "BreakGlass")
    teams = membership.objects.filter(user=viewer, role__in=CASE_ROLES).values("team_id")
    added = case_member.unscoped.filter(user=viewer).values("case_id")
    emergency = glass.objects.filter(user=viewer, until__gt=timezone.now()).values("case_id")
    return Q(team_id__in=teams) | Q(pk__in=added) | Q(pk__in=emergency)


def _visible_filter(model: type[models.Model], viewer) -> Q:
    case = apps.get_model("casus", "Case")
    if model is case:
        return visible_cases_q(viewer)
    cases = case.unscoped.filter(visible_cases_q(viewer))
    household_path = getattr(model, "household_path", None)
    if household_path is not None:
        return Q(**{f"{household_path}in": cases.values("household_id")})
    return Q(**{f"{model.case_path}in": cases.values("pk")})


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
