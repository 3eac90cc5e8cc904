"""Change of one area between two KWB years, with CBS's boundary-change flag respected.

An area is comparable when its code exists in both years and the later year's
``IndelingswijzigingWijkenEnBuurten`` is 1 (unchanged) or 2 (new code, same boundary); with 3
(boundary changed) or a code that did not exist, no change is reported.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from wijkkracht.stats.compare import compare_periods

from .compute import ComputedYear

COMPARABLE_FLAGS = (None, 1, 2)


@dataclass
class TrendResult:
    earlier_year: int
    earlier_value: float | None
    earlier_interval95: list[float | None]
    change: float | None
    verdict: str  # better / worse / higher / lower / similar / not_compared
    comparable: bool
    reason: str


def _n(x) -> float | None:
    x = float(x)
    return None if math.isnan(x) else x


def comparability(earlier: ComputedYear, later: ComputedYear, code: str) -> tuple[bool, str]:
    if code not in earlier.index:
        return False, "area_not_in_earlier_year"
    flag = later.table.frame["boundary_change"][later.index[code]]
    if flag not in COMPARABLE_FLAGS:
        return False, "boundary_changed"
    return True, ""


def compare_years(earlier: ComputedYear, later: ComputedYear, code: str
                  ) -> dict[str, TrendResult]:
    ok, reason = comparability(earlier, later, code)
    out: dict[str, TrendResult] = {}
    j = later.index[code]
    i = earlier.index.get(code, -1)
    for ind_id, now in later.results.items():
        before = earlier.results.get(ind_id)
        if not now.available or before is None or not before.available:
            continue
        if not ok:
            out[ind_id] = TrendResult(earlier.table.year, None, [None, None], None,
                                      "not_compared", False, reason)
            continue
        v0, v1 = before.value[i], now.value[j]
        if now.indicator.has_interval:
            verdict = compare_periods(
                np.array([v0]), np.array([before.lower95[i]]), np.array([before.upper95[i]]),
                np.array([v1]), np.array([now.lower95[j]]), np.array([now.upper95[j]]),
                now.indicator.polarity)[0]
        else:
            verdict = "not_compared"
        out[ind_id] = TrendResult(
            earlier.table.year, _n(v0), [_n(before.lower95[i]), _n(before.upper95[i])],
            _n(v1 - v0), str(verdict), True,
            "" if now.indicator.has_interval else "no_interval")
    return out
