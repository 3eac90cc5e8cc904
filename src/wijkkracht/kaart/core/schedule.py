"""Opening hours in plain Dutch from HSDS 3 schedule rows: "ma t/m vr 9.00-17.00 uur".

A service card is read by residents, so the iCalendar-like fields of HSDS (freq, byday,
opens_at, closes_at) become short Dutch lines. Days with the same hours share one line; three
or more days in a row read "ma t/m vr". A row we cannot put in words (no days or no hours) keeps
its own ``description``. No Django here: rows may be model instances or plain dicts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
SHORT = {"MO": "ma", "TU": "di", "WE": "wo", "TH": "do", "FR": "vr", "SA": "za", "SU": "zo"}
LONG = {"MO": "maandag", "TU": "dinsdag", "WE": "woensdag", "TH": "donderdag",
        "FR": "vrijdag", "SA": "zaterdag", "SU": "zondag"}
ORDINALS = {1: "eerste", 2: "tweede", 3: "derde", 4: "vierde", 5: "vijfde", -1: "laatste"}
_BYDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?")


def _get(row: Any, name: str) -> Any:
    return row.get(name) if isinstance(row, dict) else getattr(row, name, None)


def clock(value: str | None) -> str | None:
    """'09:00' or '09:00:00' -> '9.00'; None for anything that is not a time of day."""
    match = _TIME.match((value or "").strip())
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2])
    if hour > 24 or minute > 59:
        return None
    return f"{hour}.{minute:02d}"


def join_words(words: list[str]) -> str:
    """['ma', 'wo', 'vr'] -> 'ma, wo en vr'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " en " + words[-1]


def days_text(days: Iterable[str]) -> str:
    """Week days (MO..SU) in Dutch: runs of three or more read 'ma t/m vr'; all seven read
    'elke dag'."""
    wanted = sorted(set(days), key=DAYS.index)
    if len(wanted) == 7:
        return "elke dag"
    runs: list[list[str]] = []
    for day in wanted:
        if runs and DAYS.index(day) == DAYS.index(runs[-1][-1]) + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{SHORT[run[0]]} t/m {SHORT[run[-1]]}")
        else:
            parts.extend(SHORT[d] for d in run)
    return join_words(parts)


def _hours(intervals: tuple[tuple[str, str], ...]) -> str:
    return join_words([f"{a}-{b}" for a, b in intervals]) + " uur"


def _monthly(row: Any, opens: str, closes: str) -> str | None:
    """'elke eerste dinsdag van de maand 10.00-12.00 uur' for byday '1TU' in a MONTHLY row."""
    parts = []
    for item in (_get(row, "byday") or "").replace(" ", "").upper().split(","):
        match = _BYDAY.match(item)
        if not match or not match[1] or int(match[1]) not in ORDINALS:
            return None
        parts.append(f"{ORDINALS[int(match[1])]} {LONG[match[2]]}")
    if not parts:
        return None
    return f"elke {join_words(parts)} van de maand {opens}-{closes} uur"


def opening_hours(rows: Iterable[Any]) -> list[str]:
    """The opening hours as Dutch lines, earliest day first; [] when there are no rows (the
    demo kaart's way of saying "op afspraak")."""
    per_day: dict[str, list[tuple[str, str]]] = {}
    other: list[str] = []
    for row in rows:
        freq = (_get(row, "freq") or "WEEKLY").upper()
        opens, closes = clock(_get(row, "opens_at")), clock(_get(row, "closes_at"))
        text = None
        if opens and closes and freq == "MONTHLY":
            text = _monthly(row, opens, closes)
        elif opens and closes and freq == "WEEKLY":
            days = [d for d in (_get(row, "byday") or "").replace(" ", "").upper().split(",")
                    if d in DAYS]
            if days:
                for day in days:
                    per_day.setdefault(day, []).append((opens, closes))
                continue
        if text is None:
            text = (_get(row, "description") or "").strip() or None
        if text and text not in other:
            other.append(text)
    groups: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for day in DAYS:
        if day in per_day:
            key = tuple(sorted(set(per_day[day]), key=_sort_key))
            groups.setdefault(key, []).append(day)
    lines = [f"{days_text(days)} {_hours(key)}"
             for key, days in sorted(groups.items(), key=lambda kv: DAYS.index(kv[1][0]))]
    return lines + other


def _sort_key(interval: tuple[str, str]) -> tuple[int, int]:
    hour, minute = interval[0].split(".")
    return int(hour), int(minute)
