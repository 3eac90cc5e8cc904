"""Small netwerkscans built by the tests: a team with a coordinator, participants, links."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from wijkkracht.accounts.models import Membership, Organisation, Team, TeamArea
from wijkkracht.netwerk import services
from wijkkracht.netwerk.models import Moment, NetwerkScan, Participant

# (name, organisation, sector, consent to be named)
PEOPLE = [
    ("Anouk de Vries", "Huisartsenpraktijk Transvaal", "gp", True),
    ("Marieke Bakker", "Thuiszorg Kennemerland", "district_nursing", False),
    ("Ahmed Yilmaz", "Sociaal wijkteam", "social_team", True),
    ("Esther Kok", "Welzijn Haarlem", "welfare", False),
    ("Hans Dekker", "Welzijn Haarlem", "welfare", False),
]


def shown(msgid: str, **values) -> str:
    """A message as the page shows it: in the active language, HTML-escaped."""
    text = gettext(msgid)
    return escape(text % values if values else text)


def make_team(name: str = "Sociaal wijkteam Transvaalwijk", area: str = "WK039210") -> Team:
    gemeente, _ = Organisation.objects.get_or_create(name="Gemeente Haarlem",
                                                     defaults={"kind": "gemeente"})
    team = Team.objects.create(name=name, kind="sociaal_wijkteam", organisation=gemeente)
    TeamArea.objects.create(team=team, area_code=area)
    return team


def make_scan(team: Team, user=None, people=PEOPLE, **moment) -> tuple[NetwerkScan, Moment,
                                                                         list[Participant]]:
    scan = services.scan_create(team=team, name="Netwerkscan Transvaal", area_codes=[],
                                user=user, **moment)
    participants = services.participants_add(scan, [
        services.participant_build(scan, display_name=name, organisation_name=org,
                                   sector=sector, consent_named=consent)
        for name, org, sector, consent in people])
    return scan, scan.moments.get(label="T0"), participants


def links_for(moment: Moment) -> dict[int, str]:
    """Participant pk -> raw token, for everyone who still needs a link."""
    return {link.participant.pk: link.token for link in services.invitations_issue(moment)}


def expire(moment: Moment) -> None:
    """Move a moment (and its links) into the past, as if its closing date had passed."""
    past = timezone.now() - dt.timedelta(days=1)
    Moment.objects.filter(pk=moment.pk).update(opens_at=past - dt.timedelta(days=30),
                                               closes_at=past)
    moment.invitations.update(expires_at=past)


@pytest.fixture
def team(db) -> Team:
    return make_team()


@pytest.fixture
def other_team(db) -> Team:
    return make_team("Sociaal wijkteam Schalkwijk", "WK039206")


@pytest.fixture
def member(make_user):
    """A user with a role in a team (TOTP device included, for the two-step sign-in)."""

    def make(team: Team, role: str, username: str | None = None):
        user = make_user(username or f"{role}-{team.pk}")
        Membership.objects.create(user=user, team=team, role=role)
        return user

    return make


@pytest.fixture
def coordinator(member, team):
    return member(team, Membership.Role.COORDINATOR)


@pytest.fixture
def scan_t0(team, coordinator):
    return make_scan(team, coordinator)
