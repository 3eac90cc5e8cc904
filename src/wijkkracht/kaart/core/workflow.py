"""The pure rules of editing the sociale kaart: what changed, when an entry is stale, and how an
opening-hours text becomes HSDS schedules. No Django, so the rules are tested on plain values.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

# An entry nobody confirmed for this long is "stale" (issue 9: twelve months).
STALE_AFTER_MONTHS = 12

DAYS = {"ma": "MO", "di": "TU", "wo": "WE", "do": "TH", "vr": "FR", "za": "SA", "zo": "SU"}
_TIME = r"(\d{1,2})[:.](\d{2})"
_PART = re.compile(rf"^(?P<days>[a-z]{{2}}(?:\s*(?:,|en)\s*[a-z]{{2}})*)\s+{_TIME}\s*[-–]\s*"
                   rf"{_TIME}$")


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field -> [old, new] for every field of ``after`` whose value differs from ``before``.

    Empty text and None count as the same (a form cannot tell them apart)."""
    return {k: [before.get(k), v] for k, v in after.items()
            if _same(before.get(k)) != _same(v)}


def _same(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
    return None if value in ("", None) else value


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (the month's last day when that day does not exist)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def stale_before(today: dt.date) -> dt.date:
    """An entry last checked before this day is stale."""
    return months_before(today, STALE_AFTER_MONTHS)


def is_stale(last_checked: dt.date | None, today: dt.date) -> bool:
    """Never checked, or checked more than twelve months ago."""
    return last_checked is None or last_checked < stale_before(today)


def period_of(day: dt.date) -> str:
    """The reminder period a day falls in: its calendar month, "2026-12"."""
    return f"{day.year:04d}-{day.month:02d}"


@dataclass(frozen=True)
class Slot:
    """One weekly opening, as HSDS 3 schedule fields."""

    byday: str  # "TU,TH"
    opens_at: str  # "10:00"
    closes_at: str
    description: str


def describe_slot(byday: str | None, opens_at: str | None, closes_at: str | None) -> str | None:
    """Words such as "di, do 10:00-12:00" for a weekly schedule without a description."""
    words = {code: word for word, code in DAYS.items()}
    days = [words.get(d.strip().upper()) for d in (byday or "").split(",") if d.strip()]
    if not days or None in days or not opens_at or not closes_at:
        return None
    return f"{', '.join(days)} {opens_at[:5]}-{closes_at[:5]}"


def parse_hours(text: str) -> list[Slot] | None:
    """Slots from a text such as "di, do 10:00-12:00; vr 14:00-16:00" (the demo's wording).

    Returns None when any part does not follow that form: the text is then kept as a free
    description, which a reader understands but the "open now" filter cannot use."""
    slots = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        match = _PART.match(part.lower())
        if not match:
            return None
        days = re.split(r"\s*(?:,|en)\s*", match["days"])
        if any(d not in DAYS for d in days):
            return None
        h1, m1, h2, m2 = (int(x) for x in match.groups()[1:])
        if not (h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60 and (h1, m1) < (h2, m2)):
            return None
        slots.append(Slot(",".join(DAYS[d] for d in days), f"{h1:02d}:{m1:02d}",
                          f"{h2:02d}:{m2:02d}", part))
    return slots
