"""Change between two scan moments: per metric, and a tie-transition matrix per sector pair.

Provan et al. (2005, *Public Administration Review* 65(5)) ask how relationships changed between
measurement moments; here that is the difference of every whole-network metric per level and
view, and the 5 x 5 matrix of ladder levels at T0 against T1 for each ordered pair of people
observed at both moments (sender responded both times), summarised as new (0 -> >0), lost
(>0 -> 0), strengthened, weakened and stable ties, per (sender sector, receiver sector).
People on only one roster are listed as joined or left and not compared.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .metrics import NUMERIC_METRICS, LevelMetrics
from .model import MAX_LEVEL, Scan

TRANSITION_DEFINITION = (
    "cells observed at both moments (the sender responded twice, no reconstructed cells); new: "
    "0 -> 1-4, lost: 1-4 -> 0, strengthened / weakened: higher / lower level, both above 0, "
    "stable: the same level above 0; sector pairs by sender and receiver sector at the later "
    "moment")


@dataclass(frozen=True)
class MetricChange:
    metric: str
    level: int
    view: str
    before: float | int | None
    after: float | int | None
    change: float | None  # after - before; None when either is missing


def metric_changes(before: list[LevelMetrics], after: list[LevelMetrics]) -> list[MetricChange]:
    """Every numeric metric at every level and view: before, after and the difference."""
    earlier = {m.level: m for m in before}
    out = []
    for later in after:
        if later.level not in earlier:
            continue
        for view in ("directed", "confirmed", "any"):
            old, new = earlier[later.level].view(view).numbers(), later.view(view).numbers()
            for name in NUMERIC_METRICS:
                a, b = old[name], new[name]
                out.append(MetricChange(name, later.level, view, a, b,
                                        None if a is None or b is None else b - a))
    return out


@dataclass(frozen=True)
class TieTransitions:
    """Counts of level changes; ``matrix[a][b]`` = cells at level a before and b after."""

    matrix: tuple[tuple[int, ...], ...]

    def _sum(self, keep) -> int:
        return sum(self.matrix[a][b] for a in range(MAX_LEVEL + 1)
                   for b in range(MAX_LEVEL + 1) if keep(a, b))

    @property
    def new(self) -> int:
        return self._sum(lambda a, b: a == 0 and b > 0)

    @property
    def lost(self) -> int:
        return self._sum(lambda a, b: a > 0 and b == 0)

    @property
    def strengthened(self) -> int:
        return self._sum(lambda a, b: 0 < a < b)

    @property
    def weakened(self) -> int:
        return self._sum(lambda a, b: 0 < b < a)

    @property
    def stable(self) -> int:
        return self._sum(lambda a, b: a == b > 0)

    @property
    def cells(self) -> int:
        return self._sum(lambda a, b: True)

    def summary(self) -> dict[str, int]:
        return {name: getattr(self, name)
                for name in ("new", "lost", "strengthened", "weakened", "stable", "cells")}


@dataclass(frozen=True)
class TransitionReport:
    total: TieTransitions
    by_sector_pair: dict[tuple[str, str], TieTransitions]
    cells_not_compared: int  # common people, but a cell unobserved at one of the moments
    joined: tuple[str, ...]
    left: tuple[str, ...]
    sector_changed: tuple[str, ...]
    definition: str = TRANSITION_DEFINITION


def _as_tuple(matrix: np.ndarray) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(int(x) for x in row) for row in matrix)


def _answered(scan: Scan) -> np.ndarray:
    """Levels with reconstructed cells set back to unobserved: change compares answers only."""
    levels = scan.levels.astype(np.int64)
    for sender, receiver in scan.imputed:
        levels[scan.index[sender], scan.index[receiver]] = -1
    return levels


def tie_transitions(before: Scan, after: Scan) -> TransitionReport:
    """Tie-transition matrices between two moments, in total and per ordered sector pair."""
    common = [p.id for p in after.people if p.id in before.index]
    ia = np.array([before.index[i] for i in common], dtype=np.intp)
    ib = np.array([after.index[i] for i in common], dtype=np.intp)
    old = _answered(before)[np.ix_(ia, ia)]
    new = _answered(after)[np.ix_(ib, ib)]
    both = (old >= 0) & (new >= 0)
    off = ~np.eye(len(common), dtype=bool)
    size = MAX_LEVEL + 1
    keys = old[both] * size + new[both]
    total = np.bincount(keys, minlength=size * size).reshape(size, size)

    names = sorted({after.people[i].sector for i in ib.tolist()})
    code = {s: k for k, s in enumerate(names)}
    sector = np.array([code[after.people[i].sector] for i in ib.tolist()], dtype=np.int64)
    rows, cols = np.nonzero(both)
    groups = len(names)
    pair_key = (sector[rows] * groups + sector[cols]) * size * size + keys
    per = np.bincount(pair_key, minlength=groups * groups * size * size)
    per = per.reshape(groups, groups, size, size)
    by_pair = {(names[g], names[h]): TieTransitions(_as_tuple(per[g, h]))
               for g in range(groups) for h in range(groups)}
    return TransitionReport(
        total=TieTransitions(_as_tuple(total)), by_sector_pair=by_pair,
        cells_not_compared=int((off & ~both).sum()),
        joined=tuple(p.id for p in after.people if p.id not in before.index),
        left=tuple(p.id for p in before.people if p.id not in after.index),
        sector_changed=tuple(i for i in common if
                             before.people[before.index[i]].sector
                             != after.people[after.index[i]].sector))
