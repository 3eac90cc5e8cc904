"""The rules that tell a signal from noise on a run or control chart, on plain sequences.

Two published rule sets, written independently from their descriptions:

* Anhøj's run rules (Anhøj & Olesen 2014, "Run charts revisited: a simulation study of run chart
  rules for detection of non-random variation in health care processes", PLoS ONE 9(11):
  e113825, table 1): with n useful points (points not on the centre line), the longest run on one
  side may be at most round(log2(n)) + 3 (Schilling 2012) and the number of crossings of the
  centre line at least the 5th percentile of Binomial(n - 1, 0.5) (Chen 2010).
* The special-cause rules of NHS England's "Making Data Count" (MDC, "Strengthening your
  decisions", 2019): a point outside the process limits; a trend of 7 points each higher (or
  each lower) than the one before; 2 of 3 points beyond two sigma on the same side; 7 points in
  a row on one side of the mean (a shift).

Every function takes the points of one phase in time order, without gaps and excluded points
(they neither break nor extend a run), and returns positions in that sequence.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy.stats import binom


def anhoej_limits(n_useful: int) -> tuple[int, int]:
    """(longest run allowed, fewest crossings expected) for ``n_useful`` useful points.

    A longest run above the first, or fewer crossings than the second, signals non-random
    variation (Anhøj & Olesen 2014, table 1: 10 points -> 6 and 2, 30 points -> 8 and 10).
    ``round`` never meets a tie here: log2(n) is never k + 0.5 for an integer n.
    """
    if n_useful < 2:
        raise ValueError("the run rules need at least two useful points")
    return round(math.log2(n_useful)) + 3, int(binom.ppf(0.05, n_useful - 1, 0.5))


def sides(values: Sequence[float], centre: float) -> list[int]:
    """+1 above the centre line, -1 below, 0 on it."""
    return [1 if v > centre else -1 if v < centre else 0 for v in values]


@dataclass(frozen=True)
class RunsAnalysis:
    """Anhøj's runs analysis of one phase; positions index the sequence given."""

    n_useful: int
    longest_run: int
    crossings: int
    longest_run_max: int
    crossings_min: int
    long_run_positions: tuple[int, ...]

    @property
    def runs_signal(self) -> bool:
        return self.longest_run > self.longest_run_max

    @property
    def crossings_signal(self) -> bool:
        return self.crossings < self.crossings_min


def runs_analysis(values: Sequence[float], centre: float) -> RunsAnalysis:
    """Longest run and crossings around ``centre``; points on the centre line are skipped."""
    useful = [(i, s) for i, s in enumerate(sides(values, centre)) if s != 0]
    n = len(useful)
    longest_max, crossings_min = anhoej_limits(n)
    runs: list[list[int]] = []
    crossings = 0
    for k, (i, s) in enumerate(useful):
        if k and s == useful[k - 1][1]:
            runs[-1].append(i)
        else:
            crossings += 1 if k else 0
            runs.append([i])
    longest = max(len(r) for r in runs)
    long_positions = tuple(i for r in runs if len(r) > longest_max for i in r)
    return RunsAnalysis(n, longest, crossings, longest_max, crossings_min, long_positions)


def shift_positions(values: Sequence[float], centre: float, length: int) -> dict[int, int]:
    """Points in a run of at least ``length`` on one side of ``centre`` -> side (+1/-1).

    A point on the centre line ends the run, as in MDC (it is on neither side).
    """
    out: dict[int, int] = {}
    run: list[int] = []
    s = sides(values, centre)
    for i in range(len(s) + 1):
        if i < len(s) and s[i] != 0 and run and s[run[-1]] == s[i]:
            run.append(i)
            continue
        if len(run) >= length:
            out.update((j, s[j]) for j in run)
        run = [i] if i < len(s) and s[i] != 0 else []
    return out


def trend_positions(values: Sequence[float], length: int) -> dict[int, int]:
    """Points in a run of at least ``length`` points each higher (+1) or each lower (-1) than
    the one before. An equal value ends the trend (it is neither higher nor lower)."""
    out: dict[int, int] = {}
    start = 0
    direction = 0
    for i in range(1, len(values) + 1):
        step = 0 if i == len(values) else (
            1 if values[i] > values[i - 1] else -1 if values[i] < values[i - 1] else 0)
        if step != 0 and step == direction:
            continue
        if direction != 0 and i - start >= length:
            out.update((j, direction) for j in range(start, i))
        # a new trend starts at the point before this step
        start, direction = i - 1, step
    return out


def two_of_three_positions(values: Sequence[float], centre: float, lower2: Sequence[float],
                           upper2: Sequence[float]) -> dict[int, int]:
    """Points beyond two sigma in a window of 3 consecutive points that all lie on the same side
    of the centre and of which at least 2 are beyond two sigma on that side -> side.

    Only the points beyond two sigma are flagged (not the third point of the window), and the
    window must sit on one side (NHSRplotthedots 0.2.2 fixed flags across the mean, issue #143).
    """
    s = sides(values, centre)
    beyond = [1 if v > u else -1 if v < lo else 0
              for v, lo, u in zip(values, lower2, upper2, strict=True)]
    out: dict[int, int] = {}
    for start in range(len(values) - 2):
        window = range(start, start + 3)
        side = s[start]
        if side == 0 or any(s[j] != side for j in window):
            continue
        hits = [j for j in window if beyond[j] == side]
        if len(hits) >= 2:
            out.update((j, side) for j in hits)
    return out
