"""Casework as events for the monitor: (team id, wijk code, day, kind, value) and nothing else.

No names, no free text, no case ids leave this module; the monitor counts the events and
suppresses small counts before anything is shown (``monitor.core.compute``). Rows are read with
``scopes_disabled()`` because an organisation's monitor spans its teams; who may ask is decided
by the monitor's views (analysts and coordinators of the organisation).

Kinds: ``opened`` (the signal), ``signal:<source>``, ``crisis`` (opened with urgency crisis),
``first_contact_days`` (value: days from signal to first contact; on the signal's day),
``closed``, ``closed_without_specialised`` (closed without a referral out),
``closed_with_network`` (closed, and someone of the own network took on a plan action),
``referral_out``, ``escalation``, and per assessment: ``change:<instrument>/<domain>`` (value:
latest minus first score of the case in that domain, on the latest score's day), ``reassessed``
and ``improved`` (once per case with a repeated score, on the day of its latest score;
improved when its mean change over the domains is above zero).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from wijkkracht.accounts.models import Organisation

from .models import Case, PlanAction, Referral, Score, Status, StatusChange
from .scoping import scopes_disabled

Event = tuple[int, str, dt.date, str, float]


def monitor_events(organisation: Organisation) -> list[Event]:
    events: list[Event] = []
    with scopes_disabled():
        cases = Case.objects.filter(team__organisation=organisation)
        where: dict[int, tuple[int, str]] = {}
        referred = set(Referral.objects.filter(case__in=cases, kind=Referral.Kind.OUT)
                       .values_list("case_id", flat=True))
        networked = set(PlanAction.objects.filter(goal__plan__case__in=cases,
                                                  who=PlanAction.Who.NETWORK)
                        .values_list("goal__plan__case_id", flat=True))
        for pk, team, wijk, signalled, source, urgency, contact, closed in cases.values_list(
                "pk", "team_id", "household__wijk_code", "signalled_on", "signal_source",
                "urgency", "first_contact_on", "closed_on"):
            wijk = wijk or ""
            where[pk] = (team, wijk)
            events += [(team, wijk, signalled, "opened", 1.0),
                       (team, wijk, signalled, f"signal:{source}", 1.0)]
            if urgency == "crisis":
                events.append((team, wijk, signalled, "crisis", 1.0))
            if contact is not None and contact >= signalled:
                events.append((team, wijk, signalled, "first_contact_days",
                               float((contact - signalled).days)))
            if closed is not None:
                events.append((team, wijk, closed, "closed", 1.0))
                if pk not in referred:
                    events.append((team, wijk, closed, "closed_without_specialised", 1.0))
                if pk in networked:
                    events.append((team, wijk, closed, "closed_with_network", 1.0))
        for case, on in Referral.objects.filter(case__in=cases, kind=Referral.Kind.OUT) \
                .values_list("case_id", "referred_on"):
            events.append((*where[case], on, "referral_out", 1.0))
        for case, at in StatusChange.objects.filter(case__in=cases,
                                                    to_status=Status.ESCALATED) \
                .values_list("case_id", "at"):
            events.append((*where[case], timezone.localtime(at).date(), "escalation", 1.0))
        scores: dict[tuple[int, str], list[tuple[dt.date, int]]] = defaultdict(list)
        for case, instrument, domain, on, value in Score.objects.filter(
                assessment__case__in=cases).values_list(
                "assessment__case_id", "assessment__instrument__code", "domain__code",
                "assessment__assessed_on", "value"):
            scores[case, f"{instrument}/{domain}"].append((on, value))
    changes: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for (case, domain), rows in scores.items():
        if len(rows) < 2:
            continue
        rows.sort()
        (first_on, first), (last_on, last) = rows[0], rows[-1]
        if last_on == first_on:
            continue
        events.append((*where[case], last_on, f"change:{domain}", float(last - first)))
        changes[case].append((last_on, last - first))
    for case, rows in changes.items():
        on = max(day for day, _ in rows)
        events.append((*where[case], on, "reassessed", 1.0))
        if sum(change for _, change in rows) > 0:
            events.append((*where[case], on, "improved", 1.0))
    return events


def assessment_domains(organisation: Organisation) -> dict[str, str]:
    """``{"zrm-2017/financien": "ZRM 2017: Financiën"}`` for every domain scored at least
    twice in the organisation's cases (the monitor makes a mean-change indicator of each)."""
    from .models import InstrumentDomain

    with scopes_disabled():
        used = set(Score.objects.filter(assessment__case__team__organisation=organisation)
                   .values_list("assessment__instrument__code", "domain__code").distinct())
    names = {}
    for code, domain, instrument, name in InstrumentDomain.objects.filter(
            instrument__code__in={c for c, _ in used}).values_list(
            "instrument__code", "code", "instrument__name", "name"):
        if (code, domain) in used:
            names[f"{code}/{domain}"] = f"{instrument}: {name}"
    return names
