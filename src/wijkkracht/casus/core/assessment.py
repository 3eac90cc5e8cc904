"""Change per domain between measurement moments of one instrument (pure; no Django).

A case is scored with an instrument (ZRM: 1-5, Positieve Gezondheid: 0-10) at several moments.
For every domain this computes the change from the first moment at which it was scored to the
latest one, and between consecutive moments, and whether that is better, worse or the same on
the instrument's scale (higher is better for both shipped instruments; an own instrument may
say otherwise). A domain scored at fewer than two moments has no change ("unknown").
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

BETTER, WORSE, SAME, UNKNOWN = "better", "worse", "same", "unknown"
DIRECTIONS = (BETTER, WORSE, SAME, UNKNOWN)


@dataclass(frozen=True)
class Scale:
    minimum: int
    maximum: int
    higher_is_better: bool = True

    def __post_init__(self) -> None:
        if self.minimum >= self.maximum:
            raise ValueError("the scale's minimum must be below its maximum")

    def contains(self, value: int) -> bool:
        return self.minimum <= value <= self.maximum


@dataclass(frozen=True)
class Measurement:
    """One moment: an id of the caller's choosing, its label and date, and the score per
    domain code (a domain not scored at this moment is absent or None)."""

    key: object
    label: str
    on: dt.date
    scores: Mapping[str, int | None]


@dataclass(frozen=True)
class Step:
    """The change of one domain between two consecutive moments at which it was scored."""

    before: object  # Measurement.key
    after: object
    delta: int
    direction: str


@dataclass(frozen=True)
class DomainChange:
    domain: str
    first: int | None
    latest: int | None
    delta: int | None
    direction: str
    steps: tuple[Step, ...]


def direction(before: int | None, after: int | None, scale: Scale) -> str:
    """Better, worse or the same from ``before`` to ``after`` on ``scale``."""
    if before is None or after is None:
        return UNKNOWN
    for value in (before, after):
        if not scale.contains(value):
            raise ValueError(f"score {value} lies outside the scale "
                             f"{scale.minimum}..{scale.maximum}")
    if before == after:
        return SAME
    return BETTER if (after > before) == scale.higher_is_better else WORSE


def ordered(measurements: Sequence[Measurement]) -> list[Measurement]:
    """Moments in time order; moments on one day keep the order they were given in."""
    return sorted(measurements, key=lambda m: m.on)


def domain_change(domain: str, measurements: Sequence[Measurement], scale: Scale) -> DomainChange:
    scored = [(m, m.scores.get(domain)) for m in ordered(measurements)]
    scored = [(m, v) for m, v in scored if v is not None]
    steps = tuple(Step(a.key, b.key, vb - va, direction(va, vb, scale))
                  for (a, va), (b, vb) in itertools.pairwise(scored))
    if len(scored) < 2:
        value = scored[0][1] if scored else None
        if value is not None:
            direction(value, value, scale)  # refuses a score outside the scale
        return DomainChange(domain, value, value, None, UNKNOWN, ())
    first, latest = scored[0][1], scored[-1][1]
    return DomainChange(domain, first, latest, latest - first, direction(first, latest, scale),
                        steps)


def changes(domains: Sequence[str], measurements: Sequence[Measurement],
            scale: Scale) -> list[DomainChange]:
    """The change of every domain, in the order of ``domains``."""
    return [domain_change(d, measurements, scale) for d in domains]


def summary(domain_changes: Sequence[DomainChange]) -> dict[str, int]:
    """How many domains got better, worse, stayed the same, or cannot be compared."""
    counts = dict.fromkeys(DIRECTIONS, 0)
    for change in domain_changes:
        counts[change.direction] += 1
    return counts
