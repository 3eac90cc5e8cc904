"""From an indicator's series to a control chart: which values the chart type needs, where the
phases begin (an improvement step that starts a new baseline), and the target in the chart's
own scale. Pure: the steps come in as plain marks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wijkkracht.stats.spc import Annotation, Observation, SpcChart, compute_chart

from .compute import MONTH, Series
from .indicators import IndicatorDef

RATIO_CHARTS = ("p", "pp", "u", "up")


@dataclass(frozen=True)
class StepMark:
    period: str  # "2025-03" or "2025-K1"
    label: str
    new_phase: bool = True
    baseline: int | None = None  # freeze the phase's limits after this many periods


def _quarter(period: str) -> str:
    if "-K" in period:
        return period
    year, month = period.split("-")
    return f"{year}-K{(int(month) - 1) // 3 + 1}"


def _index(labels: list[str], period: str, granularity: str) -> int | None:
    """Where a step falls: its month, or on a quarter chart its quarter; a step given as a
    quarter on a month chart falls on the quarter's first month."""
    if granularity == MONTH and "-K" in period:
        year, quarter = period.split("-K")
        period = f"{year}-{(int(quarter) - 1) * 3 + 1:02d}"
    elif granularity != MONTH:
        period = _quarter(period)
    return labels.index(period) if period in labels else None


def observations(series: Series, definition: IndicatorDef) -> list[Observation]:
    """P charts take the numerator and the denominator; U charts the count over the exposure in
    units of ``per`` (so the chart reads "per 100 dossiers" and its Poisson limits stay right);
    other charts the shown value. A suppressed or empty period is a gap, never a zero."""
    out = []
    for p in series.points:
        if definition.chart in RATIO_CHARTS:
            if p.value is None or p.n is None or p.d is None:
                out.append(Observation(p.period, None))
            elif definition.chart in ("u", "up"):
                out.append(Observation(p.period, p.n, p.d / definition.per))
            else:
                out.append(Observation(p.period, p.n, p.d))
        else:
            out.append(Observation(p.period, p.value))
    return out


def chart_target(definition: IndicatorDef, target: float | None) -> float | None:
    """A target is typed in the indicator's unit (80 for 80 %); a P chart plots fractions."""
    if target is None or definition.chart not in ("p", "pp"):
        return target
    return target / definition.per


def series_chart(series: Series, definition: IndicatorDef, *,
                 steps: Sequence[StepMark] = (), target: float | None = None) -> SpcChart:
    labels = [p.period for p in series.points]
    breaks, annotations, frozen = set(), [], {}
    for step in steps:
        at = _index(labels, step.period, series.granularity)
        if at is None:
            continue
        annotations.append(Annotation(at, step.label))
        if step.new_phase and at > 0:
            breaks.add(at)
        if step.baseline and (step.new_phase or at == 0):
            frozen[at] = step.baseline
    starts = [0, *sorted(breaks)]
    freeze = [frozen.get(start) for start in starts] if frozen else None
    polarity = None if definition.polarity == "neutral" else definition.polarity
    return compute_chart(observations(series, definition), definition.chart,
                         breaks=sorted(breaks), polarity=polarity, freeze=freeze,
                         target=chart_target(definition, target), annotations=annotations)
