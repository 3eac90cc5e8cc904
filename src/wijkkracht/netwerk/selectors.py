"""Reads of the netwerkscan for the pages: what a user may see, and a scan's state."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from wijkkracht.accounts.models import Team, User
from wijkkracht.accounts.permissions import netwerkscan_teams, teams_of
from wijkkracht.areas.selectors import area_names

from .core.response import ResponseSummary, response_summary
from .models import Moment, NetwerkScan, Participant
from .services import in_roster_order
from .snapshot import core_scan


def scans_visible_to(user: User) -> QuerySet[NetwerkScan]:
    return NetwerkScan.objects.filter(team__in=netwerkscan_teams(user)).select_related("team")


def teams_with_scans_out_of_reach(user: User) -> list[Team]:
    """The user's teams that have a scan the user's role may not open (a professional's team):
    so the page can say the scan exists and who opens it, rather than "no scans"."""
    return list(Team.objects.filter(pk__in=teams_of(user).values("pk"), netwerkscans__isnull=False)
                .exclude(pk__in=netwerkscan_teams(user).values("pk")).distinct()
                .order_by("name"))


def scan_area_names(scan: NetwerkScan) -> list[str]:
    names = area_names(scan.area_codes)
    return [names[c] for c in scan.area_codes]


@dataclass(frozen=True)
class MomentState:
    moment: Moment
    response: ResponseSummary
    invitations: int
    respondent_ids: frozenset[int]


@dataclass(frozen=True)
class ScanState:
    scan: NetwerkScan
    participants: list[Participant]
    withdrawn: int
    moments: list[MomentState]

    @property
    def open_moment(self) -> Moment | None:
        return next((m.moment for m in reversed(self.moments) if not m.moment.is_closed), None)


def scan_state(scan: NetwerkScan) -> ScanState:
    """Participants, and per moment the response per sector (from the core, so the page and
    the report count the same way) and how many links were made."""
    everyone = in_roster_order(scan.participants.all())
    moments = []
    for moment in scan.moments.order_by("opens_at", "pk"):
        moments.append(MomentState(
            moment=moment, response=response_summary(core_scan(moment)),
            invitations=moment.invitations.count(),
            respondent_ids=frozenset(moment.submissions.values_list("respondent_id",
                                                                    flat=True))))
    return ScanState(scan=scan, participants=[p for p in everyone if not p.is_withdrawn],
                     withdrawn=sum(p.is_withdrawn for p in everyone), moments=moments)
