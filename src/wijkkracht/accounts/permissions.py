"""Who may do what: the one place where permissions are decided (least privilege per team).

Views, the API and services ask these functions; none of them look at roles themselves.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Membership, Organisation, Team, User

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


def is_functional_administrator(user: User) -> bool:
    """May use the admin (/beheer/): organisations, teams, wijken, people and roles.

    Two things together: ``is_staff`` (the switch "may use /beheer/ at all") and the role, either
    a team membership as functional administrator or a superuser (the first account, made with
    ``createsuperuser``). Django's per-model permissions are not used: this is the one rule.
    """
    if not (is_signed_in(user) and user.is_staff):
        return False
    return user.is_superuser or Membership.objects.filter(
        user=user, role=Membership.Role.ADMINISTRATOR).exists()


# Sociale kaart editing (kaart.services_workflow). The kaart is public information; who may
# change it: every professional may suggest, the functional administrator and the entry's
# keeper decide. Ids only, so this lower layer never imports the kaart.

def can_suggest_kaart_change(user: User) -> bool:
    """Any professional in a team (any role), and the functional administrator."""
    return is_signed_in(user) and (Membership.objects.filter(user=user).exists()
                                   or is_functional_administrator(user))


def can_review_kaart_service(user: User, keeper_id: int | None) -> bool:
    """Accept or reject suggestions for, edit, confirm and read the history of a service whose
    keeper is ``keeper_id`` (None: a new service, only the functional administrator)."""
    if not is_signed_in(user):
        return False
    return (keeper_id is not None and keeper_id == user.pk) or is_functional_administrator(user)
def is_team_member(user: User) -> bool:
    """Has a role in at least one team: what the professionals' pages (e.g. the sociale kaart
    inside the platform) ask, whatever the role."""
    return is_signed_in(user) and Membership.objects.filter(user=user).exists()


def can_view_audit_log(user: User) -> bool:
    """Only the privacy officer reads the access log (NEN 7513 §5)."""
    return is_signed_in(user) and user.is_privacy_officer


def can_view_public_statistics(user) -> bool:
    """CBS open statistics are public: anyone, signed in or not."""
    return True


# Netwerkscan. A scan belongs to a team; the team's coordinators run it and see names
# (NETWORK-MAP-CASES §2.9: named results only for the coordinator); the team's analysts see
# the anonymous (sector-only) report that may be shared with the gemeente.
NETWERKSCAN_NAMED_ROLES = (Membership.Role.COORDINATOR,)
NETWERKSCAN_ANONYMOUS_ROLES = (Membership.Role.COORDINATOR, Membership.Role.ANALYST)


def netwerkscan_teams(user: User) -> QuerySet[Team]:
    """Teams whose network scans the user may open (at least the anonymous report)."""
    if not is_signed_in(user):
        return Team.objects.none()
    return Team.objects.filter(memberships__user=user,
                               memberships__role__in=NETWERKSCAN_ANONYMOUS_ROLES).distinct()


def netwerkscan_coordinated_teams(user: User) -> QuerySet[Team]:
    """Teams for which the user may create and run network scans."""
    if not is_signed_in(user):
        return Team.objects.none()
    return Team.objects.filter(memberships__user=user,
                               memberships__role__in=NETWERKSCAN_NAMED_ROLES).distinct()


def can_manage_netwerkscan(user: User, team: Team) -> bool:
    """Run a scan of ``team``: participants, links, imports, moments, withdrawals."""
    return role_in(user, team) in NETWERKSCAN_NAMED_ROLES


def can_view_netwerkscan_named(user: User, team: Team) -> bool:
    """See participants' names and the named results of a scan of ``team``."""
    return role_in(user, team) in NETWERKSCAN_NAMED_ROLES


def can_view_netwerkscan_anonymous(user: User, team: Team) -> bool:
    """See the sector-only results of a scan of ``team``."""
    return role_in(user, team) in NETWERKSCAN_ANONYMOUS_ROLES


# SROI value maps (monitor.models_sroi). An initiative belongs to an organisation; its analysts
# and coordinators (the monitor's roles, casus.feed.MONITOR_ROLES) make and read the maps. No
# personal data, so no access log; the map keeps who changed it and when.
SROI_ROLES = (Membership.Role.ANALYST, Membership.Role.COORDINATOR)


def sroi_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations whose SROI initiatives ``user`` may read, make and change."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(teams__memberships__user=user,
                                       teams__memberships__role__in=SROI_ROLES).distinct()


def can_edit_sroi(user: User, organisation: Organisation) -> bool:
    """Read, make and change the SROI value maps of ``organisation``."""
    return sroi_organisations(user).filter(pk=organisation.pk).exists()


# Praktijkbank (praktijk). A practice is about an approach, not about residents: any team member
# may add one; the owner and the members of the owner organisation change it and decide when it
# is published; published practices are public, unpublished ones only for that organisation.
# Ids only, so this lower layer never imports the praktijkbank.

def practice_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations whose practices ``user`` may read unpublished and change: those of the
    teams the user works in, and the user's own organisation."""
    if not is_team_member(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        Q(teams__memberships__user=user) | Q(pk=user.organisation_id or 0)).distinct()


def can_create_practice(user: User) -> bool:
    return is_team_member(user)


def can_edit_practice(user: User, owner_id: int | None, organisation_id: int | None) -> bool:
    """Change, publish, unpublish and add attachments to a practice."""
    if not is_team_member(user):
        return False
    if owner_id is not None and owner_id == user.pk:
        return True
    return organisation_id is not None and practice_organisations(user).filter(
        pk=organisation_id).exists()


def can_view_practice(user: User, is_public: bool, owner_id: int | None,
                      organisation_id: int | None) -> bool:
    return is_public or can_edit_practice(user, owner_id, organisation_id)


# Learning networks of the praktijkbank (praktijk.models.Network). A network's members read it
# and ask and answer questions; its leads ("trekker") add and remove members and record
# meetings; the functional administrator creates networks (and may mend the member list of
# one, e.g. when its last lead leaves). Someone outside the network learns nothing of it: the
# views answer 404. The network is passed in; this lower layer never imports the praktijkbank.
NETWORK_LEAD = "trekker"


def network_role(user: User, network) -> str | None:
    """The user's role in ``network`` ("lid" or "trekker"), None for a non-member."""
    if not is_signed_in(user) or network is None or network.pk is None:
        return None
    return (network.members.filter(user=user).values_list("role", flat=True).first())


def can_view_network(user: User, network) -> bool:
    """Members (and leads) read the network: members, meetings, questions and answers."""
    return network_role(user, network) is not None


def can_ask_in_network(user: User, network) -> bool:
    """Any member asks a question and answers one."""
    return can_view_network(user, network)


def can_lead_network(user: User, network) -> bool:
    """The network's leads record meetings."""
    return network_role(user, network) == NETWORK_LEAD


def can_manage_network_members(user: User, network) -> bool:
    """Add and remove members: the leads, and the functional administrator."""
    return can_lead_network(user, network) or is_functional_administrator(user)


def can_create_network(user: User) -> bool:
    """Only the functional administrator starts a learning network."""
    return is_functional_administrator(user)
