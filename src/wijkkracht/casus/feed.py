"""The monitor feed read from the database: codes, dates and scores of every case of a
gemeente's teams in, only the suppressed aggregate out (``core.feed``).

An aggregate across all teams of an organisation is no team's casework, so the rows are read
with ``scopes_disabled()``; what leaves this module holds no free text, no names and no ids:
periods, wijk codes and cells as shown ("< 5", "x", a number).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from wijkkracht.accounts.models import Membership, Organisation, User
from wijkkracht.accounts.permissions import is_signed_in

from .core import feed as core
from .models import Case, InstrumentDomain, Referral, Score, SignalSource, Status, StatusChange
from .scoping import scopes_disabled

MONITOR_ROLES = (Membership.Role.ANALYST, Membership.Role.COORDINATOR)


@dataclass(frozen=True)
class MonitorTable:
    """What a page or CSV may show: rows of period, wijk (``core.TOTAL`` for the total) and
    shown values."""

    granularity: str
    sources: list[str]
    domains: list[str]
    domain_names: dict[str, str]
    rows: list[dict]


def monitor_organisations(user: User):
    """The organisations whose feed ``user`` may read: those of teams where they are the
    analyst or the coordinator."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(teams__memberships__user=user,
                                       teams__memberships__role__in=MONITOR_ROLES).distinct()


def monitor_feed(organisation: Organisation, granularity: str = core.QUARTER, *,
                 first: dt.date | None = None, last: dt.date | None = None) -> MonitorTable:
    if granularity not in core.GRANULARITIES:
        raise ValueError(granularity)
    with scopes_disabled():
        cases = Case.objects.filter(team__organisation=organisation)
        case_rows = [core.CaseRow(wijk or "", signalled, source, urgency, contact, closed)
                     for wijk, signalled, source, urgency, contact, closed in cases.values_list(
                         "household__wijk_code", "signalled_on", "signal_source", "urgency",
                         "first_contact_on", "closed_on")]
        events = [core.EventRow(wijk or "", on, "referral_out") for wijk, on in
                  Referral.objects.filter(case__in=cases, kind=Referral.Kind.OUT).values_list(
                      "case__household__wijk_code", "referred_on")]
        events += [core.EventRow(wijk or "", timezone.localtime(at).date(), "escalation")
                   for wijk, at in StatusChange.objects.filter(
                       case__in=cases, to_status=Status.ESCALATED).values_list(
                       "case__household__wijk_code", "at")]
        scores = [core.ScoreRow(case, wijk or "", f"{instrument}/{domain}", on, value)
                  for case, wijk, instrument, domain, on, value in Score.objects.filter(
                      assessment__case__in=cases).values_list(
                      "assessment__case_id", "assessment__case__household__wijk_code",
                      "assessment__instrument__code", "domain__code",
                      "assessment__assessed_on", "value")]
    computed = core.build_feed(case_rows, events, scores, sources=SignalSource.values,
                               first=first, last=last or (timezone.localdate()
                                                          if case_rows else None))
    names = {f"{code}/{domain}": f"{instrument}: {name}" for code, domain, instrument, name in
             InstrumentDomain.objects.filter(instrument__code__in={
                 d.split("/")[0] for d in computed.domains}).values_list(
                 "instrument__code", "code", "instrument__name", "name")}
    return MonitorTable(granularity=granularity, sources=computed.sources,
                        domains=computed.domains,
                        domain_names={d: names.get(d, d) for d in computed.domains},
                        rows=core.feed_rows(computed, granularity))
