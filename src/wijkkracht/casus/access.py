"""Who may do what with a case. The scope (``scoping``) decides what a user sees at all; this
module decides, for a case the user can see, whether they may change it or manage it.

- The team's professionals and coordinators, and colleagues added as "works on the case",
  read and write; someone added as "reads along" only reads.
- Emergency access ("break the glass") gives reading and writing until it expires.
- The team's coordinator also manages: assigns the contact person, adds and removes people,
  reopens a closed case.
"""

from __future__ import annotations

from django.utils import timezone

from wijkkracht.accounts.models import Membership, User
from wijkkracht.accounts.permissions import is_signed_in

from .models import BreakGlass, Case, CaseMember
from .scoping import CASE_ROLES

READ, WRITE, MANAGE = "read", "write", "manage"


def team_role(user: User, case: Case) -> str | None:
    if not is_signed_in(user):
        return None
    role = Membership.objects.filter(user=user, team_id=case.team_id,
                                     role__in=CASE_ROLES).values_list("role", flat=True).first()
    return role


def case_role(user: User, case: Case) -> str | None:
    if not is_signed_in(user):
        return None
    return CaseMember.unscoped.filter(user=user, case=case).values_list("role",
                                                                       flat=True).first()


def has_emergency_access(user: User, case: Case) -> bool:
    return is_signed_in(user) and BreakGlass.objects.filter(
        user=user, case=case, until__gt=timezone.now()).exists()


def allows(user: User, case: Case, need: str) -> bool:
    """May ``user`` do ``need`` (read, write, manage) with ``case``?"""
    role = team_role(user, case)
    if need == MANAGE:
        return role == Membership.Role.COORDINATOR
    if need == WRITE and case.restricted_at is not None:
        # Processing restricted (AVG art. 18): read-only for all but the team's coordinator.
        return role == Membership.Role.COORDINATOR
    if role is not None:
        return True
    member = case_role(user, case)
    if member == CaseMember.Role.WORKER or has_emergency_access(user, case):
        return True
    return need == READ and member == CaseMember.Role.READER


def may_break_glass(user: User) -> bool:
    """Emergency access is for professionals who work with cases in some team."""
    return is_signed_in(user) and Membership.objects.filter(user=user,
                                                            role__in=CASE_ROLES).exists()


def casework_teams(user: User):
    """The teams whose cases ``user`` works with (to register a case in)."""
    from wijkkracht.accounts.models import Team

    if not is_signed_in(user):
        return Team.objects.none()
    return Team.objects.filter(memberships__user=user,
                               memberships__role__in=CASE_ROLES).distinct()


def may_give_inzage(user: User, case: Case) -> bool:
    """The resident's right of access (AVG art. 15) is answered by the case's fixed contact
    person or the team's coordinator."""
    if not allows(user, case, READ):
        return False
    return case.lead_id == user.pk or team_role(user, case) == Membership.Role.COORDINATOR
