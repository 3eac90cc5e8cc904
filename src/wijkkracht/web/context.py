"""Template context every page needs."""

from django.conf import settings

from wijkkracht import __version__


def menu(request) -> dict[str, bool]:
    """What the main menu offers. Member items only after the full two-step sign-in: between
    the password and the code a user sees nothing more than a visitor (and "sign out")."""
    from wijkkracht.accounts.permissions import is_functional_administrator, is_team_member
    from wijkkracht.accounts.twofactor import is_verified
    from wijkkracht.casus.access import casework_teams
    from wijkkracht.casus.feed import monitor_organisations

    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    member = signed_in and is_verified(request)
    return {"signed_in": signed_in, "member": member,
            "privacy_officer": member and bool(user.is_privacy_officer),
            "administrator": member and is_functional_administrator(user),
            "team_member": member and is_team_member(user),
            "casework": member and casework_teams(user).exists(),
            "monitor": member and monitor_organisations(user).exists()}


def site(request):
    return {"wijkkracht_version": __version__, "oidc_enabled": settings.OIDC_ENABLED,
            "menu": menu(request)}
