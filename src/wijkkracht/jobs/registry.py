"""What each kind of job does, registered by the capability that owns it (in its AppConfig's
``ready``), so this package runs them without knowing them.

A handler takes the job's arguments, its requester (``None`` for system jobs) and a progress
callback, and returns an :class:`Output`. It raises :class:`~wijkkracht.errors.WijkkrachtError`
with a Dutch sentence for a failure the user can understand; anything else is shown as a
general failure and logged by its kind only. A handler must be idempotent: run twice, it may
make its file twice but must not e-mail or delete twice (the job's claim makes a second run
rare, not impossible: a worker killed after the work but before the record).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from wijkkracht.errors import WijkkrachtError

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class Output:
    """What a job made: a file to download, or a one-line Dutch summary (system jobs)."""

    content: bytes = b""
    filename: str = ""
    content_type: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Kind:
    name: str
    title: str  # Dutch, shown on the job's page: "Kwartaalrapport van de monitor (PDF)"
    run: Callable[[dict, object, Progress], Output]
    keep_hours: int | None = None  # shorter than the site's keep time (personal data)
    # called with the job and the request each time its file is downloaded: a kind whose
    # file holds personal data logs that access (NEN 7513), as its request was logged
    on_download: Callable[[object, object], None] | None = None


@dataclass(frozen=True)
class Scheduled:
    """A system job run once per period: ``period`` is "hour", "day" or "week" (on Monday);
    ``at`` the local hour it becomes due (ignored hourly). ``enabled`` says whether the site
    is set up for it (e-mail jobs need a mail server)."""

    kind: str
    period: str
    at: int = 0
    enabled: Callable[[], bool] = field(default=lambda: True)


_KINDS: dict[str, Kind] = {}
_SCHEDULE: dict[str, Scheduled] = {}


def register(name: str, title: str, run: Callable[[dict, object, Progress], Output], *,
             keep_hours: int | None = None,
             on_download: Callable[[object, object], None] | None = None) -> None:
    existing = _KINDS.get(name)
    if existing is not None and existing.run is not run:
        raise ValueError(f"job kind {name!r} registered twice")
    _KINDS[name] = Kind(name, title, run, keep_hours, on_download)


def schedule(entry: Scheduled) -> None:
    if entry.period not in ("hour", "day", "week"):
        raise ValueError(f"unknown period {entry.period!r}")
    _SCHEDULE[entry.kind] = entry


def kind(name: str) -> Kind:
    try:
        return _KINDS[name]
    except KeyError:
        raise WijkkrachtError(f"Onbekende soort taak '{name}'.") from None


def kinds() -> dict[str, Kind]:
    return dict(_KINDS)


def scheduled() -> list[Scheduled]:
    return list(_SCHEDULE.values())
