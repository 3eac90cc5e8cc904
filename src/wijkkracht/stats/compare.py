"""Comparing an area with a benchmark (gemeente, Nederland) or with an earlier year.

Default rule (FingertipsNext, PHE): the area differs from the benchmark when the benchmark lies
outside the area's confidence interval, tested at 95 % and at 99.8 %. Polarity turns "higher" into
"better" or "worse"; indicators without a judgement say "higher" or "lower". On top of that, a
difference must be material (large enough to matter in practice) before it is called a
difference: with big denominators trivial gaps are "significant" (docs/methods.md, materiality).
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np


class Polarity(StrEnum):
    HIGH_IS_GOOD = "high_is_good"
    LOW_IS_GOOD = "low_is_good"
    NO_JUDGEMENT = "no_judgement"


class Verdict(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    HIGHER = "higher"
    LOWER = "lower"
    SIMILAR = "similar"
    NOT_COMPARED = "not_compared"


CI_OVERLAP_METHOD = "benchmark outside the area's confidence interval (95 % and 99.8 %)"
TWO_CI_METHOD = "non-overlapping 95 % confidence intervals"


def directional_verdicts(direction: np.ndarray, polarity: Polarity) -> np.ndarray:
    """Map +1 / -1 / 0 / NaN (higher, lower, similar, unknown) to verdicts for a polarity."""
    up, down = {
        Polarity.HIGH_IS_GOOD: (Verdict.BETTER, Verdict.WORSE),
        Polarity.LOW_IS_GOOD: (Verdict.WORSE, Verdict.BETTER),
        Polarity.NO_JUDGEMENT: (Verdict.HIGHER, Verdict.LOWER),
    }[Polarity(polarity)]
    out = np.full(direction.shape, Verdict.NOT_COMPARED.value, dtype=object)
    out[direction == 0] = Verdict.SIMILAR.value
    out[direction > 0] = up.value
    out[direction < 0] = down.value
    return out


def is_material(
    value: np.ndarray, benchmark: np.ndarray, absolute: float | None, relative: float | None
) -> np.ndarray:
    """True where |value - benchmark| reaches the absolute or the relative threshold.

    With neither threshold set every difference counts as material.
    """
    diff = np.abs(np.asarray(value, float) - np.asarray(benchmark, float))
    if absolute is None and relative is None:
        return np.isfinite(diff)
    material = np.zeros(diff.shape, dtype=bool)
    if absolute is not None:
        material |= diff >= absolute - 1e-12
    if relative is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            material |= diff / np.abs(np.asarray(benchmark, float)) >= relative - 1e-12
    return material


def compare_with_benchmark(
    value: np.ndarray,
    lower95: np.ndarray,
    upper95: np.ndarray,
    lower998: np.ndarray,
    upper998: np.ndarray,
    benchmark: np.ndarray,
    polarity: Polarity,
    material: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Verdict of each area against its benchmark.

    Returns arrays: ``verdict`` (Verdict values), ``level`` (0.95 or 0.998 where different,
    NaN otherwise), ``significant`` (statistically different at 95 %) and ``material``.
    A statistically clear difference that is not material is reported as similar.
    """
    value, lo95, hi95, lo998, hi998, bench = (
        np.asarray(a, dtype=float)
        for a in np.broadcast_arrays(value, lower95, upper95, lower998, upper998, benchmark)
    )
    known = np.isfinite(value) & np.isfinite(lo95) & np.isfinite(hi95) & np.isfinite(bench)
    outside95 = known & ((bench < lo95) | (bench > hi95))
    outside998 = outside95 & np.isfinite(lo998) & np.isfinite(hi998) & (
        (bench < lo998) | (bench > hi998)
    )
    if material is None:
        material = np.ones(value.shape, dtype=bool)
    material = np.asarray(material, dtype=bool) & known
    different = outside95 & material
    direction = np.full(value.shape, np.nan)
    direction[known] = 0.0
    direction[different] = np.sign(value[different] - bench[different])
    level = np.where(different, np.where(outside998, 0.998, 0.95), np.nan)
    return {
        "verdict": directional_verdicts(direction, polarity),
        "level": level,
        "significant": outside95,
        "material": material,
    }


def compare_periods(
    earlier: np.ndarray,
    lower_earlier: np.ndarray,
    upper_earlier: np.ndarray,
    later: np.ndarray,
    lower_later: np.ndarray,
    upper_later: np.ndarray,
    polarity: Polarity,
) -> np.ndarray:
    """Change between two years by non-overlapping 95 % intervals (Fingertips' rule for
    "compared with previous value"); conservative, about p < 0.006 for equal errors."""
    _, le, ue, _, lx, ux = (
        np.asarray(a, dtype=float)
        for a in np.broadcast_arrays(
            earlier, lower_earlier, upper_earlier, later, lower_later, upper_later
        )
    )
    known = np.isfinite(le) & np.isfinite(ue) & np.isfinite(lx) & np.isfinite(ux)
    direction = np.full(le.shape, np.nan)
    direction[known] = 0.0
    up = known & (lx > ue)
    down = known & (ux < le)
    direction[up] = 1.0
    direction[down] = -1.0
    return directional_verdicts(direction, polarity)
