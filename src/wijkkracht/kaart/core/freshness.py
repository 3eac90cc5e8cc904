"""When an entry of the kaart counts as stale: not checked for twelve months, or never."""

from __future__ import annotations

import datetime as dt

STALE_AFTER_MONTHS = 12


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier; the 29th-31st fall back to the month's last day."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def is_stale(last_checked: dt.date | None, today: dt.date,
             months: int = STALE_AFTER_MONTHS) -> bool:
    """True when the entry was never checked or last checked more than ``months`` ago."""
    return last_checked is None or last_checked < months_before(today, months)
