"""Rare events as a G chart: the days between one crisis and the next, instead of a monthly
count that is mostly 0 or 1 (Benneyan 2001, "Number-between g-type statistical quality control
charts for monitoring adverse events"; the chart itself is ``stats.spc``).

Each point is one event, labelled by its order, not its date. The days between events reveal
when each one happened, which a monthly count with small numbers suppressed does not: so the
pages show this chart only to whoever may see the cases themselves (the team's coordinator,
for the team), never as an aggregate for a wijk or the gemeente.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from wijkkracht.stats.spc import Observation

from .compute import EPOCH


def intervals(events: pl.DataFrame, kind: str, *, team: int, first: int,
              complete_until: int) -> list[Observation]:
    """One observation per event of ``kind`` of ``team`` in months ``first`` to
    ``complete_until``: the days since the event before it (also one before ``first``); the
    first event ever has nothing before it and is left out."""
    rows = events.filter((pl.col("kind").cast(pl.Utf8) == kind) & (pl.col("team") == team))
    days = np.sort(rows["day"].to_numpy())
    if len(days) < 2:
        return []
    dates = (np.datetime64(EPOCH.isoformat()) + days.astype("timedelta64[D]")).astype(
        "datetime64[M]").astype(int) + 1970 * 12
    start, end = first, complete_until
    out = []
    for i in range(1, len(days)):
        if start <= dates[i] <= end:
            out.append(Observation(str(len(out) + 1), float(days[i] - days[i - 1])))
    return out

