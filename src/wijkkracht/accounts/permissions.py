"""Who may do what: the one place where permissions are decided (least privilege per team).

Views, the API and services ask these functions; none of them look at roles themselves.
"""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Membership, Team, User

PUBLIC = "public"


def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def teams_of(user: User) -> QuerySet[Team]:
    if not is_signed_in(user):
        return Team.objects.none()
    return Team.objects.filter(memberships__user=user).distinct()


def role_in(user: User, team: Team) -> str | None:
    if not is_signed_in(user):
        return None
    m = Membership.objects.filter(user=user, team=team).only("role").first()
    return m.role if m else None


def can_view_team(user: User, team: Team) -> bool:
    return role_in(user, team) is not None


def can_manage_team(user: User, team: Team) -> bool:
    return role_in(user, team) in (Membership.Role.COORDINATOR, Membership.Role.ADMINISTRATOR)


def can_view_audit_log(user: User) -> bool:
    """Only the privacy officer reads the access log (NEN 7513 §5)."""
    return is_signed_in(user) and user.is_privacy_officer


def can_view_public_statistics(user) -> bool:
    """CBS open statistics are public: anyone, signed in or not."""
    return True
