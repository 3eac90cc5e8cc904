"""The schedule: which system jobs are due. Every worker asks each minute; the job's unique
(kind, slot) makes the first one to ask the only one to enqueue it, so the schedule needs no
leader and no cron."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from . import registry
from .services import system_job


def slot(entry: registry.Scheduled, now: dt.datetime) -> str:
    """The period ``now`` falls in, as a name: the run for it is due from ``entry.at`` o'clock
    (local time); before that hour, the previous period's run is the one due."""
    local = timezone.localtime(now)
    if entry.period == "hour":
        return local.strftime("%Y-%m-%dT%H")
    shifted = local - dt.timedelta(hours=entry.at)
    if entry.period == "day":
        return shifted.strftime("%Y-%m-%d")
    year, week, _ = shifted.isocalendar()
    return f"{year}-W{week:02d}"


def switched_off() -> set[str]:
    return set(getattr(settings, "WIJKKRACHT_SCHEDULE_OFF", ()))


def tick(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every scheduled job due at ``now`` that no worker enqueued yet; the kinds
    enqueued."""
    now = now or timezone.now()
    made = []
    off = switched_off()
    for entry in registry.scheduled():
        if entry.kind in off or not entry.enabled():
            continue
        if system_job(entry.kind, slot(entry, now)) is not None:
            made.append(entry.kind)
    return made
