"""Centre lines and limits of run and control charts, from the baseline points of one phase.

The formulas and their sources are listed in ``wijkkracht.stats.spc``'s docstring.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from scipy.stats import geom

D2 = 1.128  # d2 for moving ranges of 2 points: sigma = AMR / d2
D4 = 3.267  # D4 for n = 2: upper limit of the moving-range chart
SIGMA = 3.0
TAIL_3SIGMA = 0.00135  # one-sided normal tail beyond 3 sigma
TAIL_2SIGMA = 0.02275  # one-sided normal tail beyond 2 sigma


@dataclass(frozen=True)
class Limits:
    """Centre and spread of one phase, computed on its baseline (None: too few points)."""

    centre: float | None = None
    runs_centre: float | None = None
    sigma: float | None = None  # constant sigma (XmR, G)
    sigma_z: float | None = None
    amr: float | None = None
    mr_ucl: float | None = None


def moving_ranges(values: Sequence[float]) -> list[float]:
    return [abs(b - a) for a, b in pairwise(values)]


def baseline_limits(chart: str, ys: list[float], ns: list[float], values: list[float],
            screen_mr: bool) -> Limits:
    """Centre and spread from the baseline points of one phase."""
    if chart == "run":
        median = statistics.median(values)
        return Limits(centre=median, runs_centre=median)
    if chart == "xmr":
        centre = statistics.fmean(values)
        mrs = moving_ranges(values)
        amr = statistics.fmean(mrs)
        if screen_mr and amr > 0:
            kept = [m for m in mrs if m <= D4 * amr]
            amr = statistics.fmean(kept) if kept else amr
        return Limits(centre=centre, runs_centre=centre, sigma=amr / D2, amr=amr,
                       mr_ucl=D4 * amr)
    if chart == "g":
        centre = statistics.fmean(values)
        return Limits(centre=centre, runs_centre=statistics.median(values),
                       sigma=math.sqrt(centre * (centre + 1)))
    centre = sum(ys) / sum(ns) if sum(ns) > 0 else 0.0
    sigma_z = None
    if chart in ("pp", "up"):
        z = [(v - centre) / s for v, n in zip(values, ns, strict=True)
             if (s := attribute_sigma(chart, centre, n)) > 0]
        sigma_z = statistics.fmean(moving_ranges(z)) / D2 if len(z) >= 2 else None
    return Limits(centre=centre, runs_centre=centre, sigma_z=sigma_z)


def attribute_sigma(chart: str, centre: float, n: float) -> float:
    if chart in ("p", "pp"):
        return math.sqrt(max(centre * (1 - centre), 0.0) / n)
    return math.sqrt(max(centre, 0.0) / n)


def point_limits(chart: str, lim: Limits, n: float | None, g_limits: str
                  ) -> tuple[float, float, float, float] | None:
    """(lcl, ucl, lower 2 sigma, upper 2 sigma) for one point, or None without limits."""
    c = lim.centre
    if c is None or chart == "run":
        return None
    if chart == "g" and g_limits == "probability":
        p = 1 / (c + 1)
        # scipy's geometric counts trials (1, 2, ...); the g chart counts failures (0, 1, ...)
        q = [float(geom.ppf(t, p) - 1) for t in (TAIL_3SIGMA, 1 - TAIL_3SIGMA,
                                                 TAIL_2SIGMA, 1 - TAIL_2SIGMA)]
        return max(q[0], 0.0), q[1], max(q[2], 0.0), q[3]
    if chart in ("xmr", "g"):
        s = lim.sigma or 0.0
    else:
        if n is None or n <= 0:
            return None
        s = attribute_sigma(chart, c, n) * (lim.sigma_z if lim.sigma_z is not None else 1.0)
    lo3, hi3, lo2, hi2 = c - SIGMA * s, c + SIGMA * s, c - 2 * s, c + 2 * s
    if chart in ("p", "pp", "u", "up", "g"):
        lo3, lo2 = max(lo3, 0.0), max(lo2, 0.0)
    if chart in ("p", "pp"):
        hi3, hi2 = min(hi3, 1.0), min(hi2, 1.0)
    return lo3, hi3, lo2, hi2
