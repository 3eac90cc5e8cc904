"""Run and control charts for short improvement cycles (statistical process control).

A chart is computed from a series of observations (label, value, optional denominator, optional
exclusion) and tells, per phase (a new phase after each improvement step), the centre line, the
limits and which points are signals. Chart types and their limits (3 sigma; two-sigma lines for
the 2-of-3 rule), as described in Provost & Murray, "The Health Care Data Guide" (2011, ch. 5-8)
and in qicharts2's documentation (Anhøj):

* ``run``: centre = median; only Anhøj's run rules.
* ``xmr``: individuals chart, centre = mean, sigma = mean moving range / 1.128 (so the limits are
  mean +- 2.66 AMR); the MR chart's upper limit is 3.267 AMR (d2 and D4 for n = 2; Wheeler,
  "Understanding Variation", 1993). Optional screening drops moving ranges above 3.267 AMR and
  recomputes the AMR once (as in Making Data Count).
* ``p``: proportions y/n; centre = sum y / sum n, sigma_i = sqrt(c (1 - c) / n_i), limits clipped
  to [0, 1] (Montgomery, "Introduction to Statistical Quality Control", ch. 7).
* ``u``: rates y/n; centre = sum y / sum n, sigma_i = sqrt(c / n_i), lower limit clipped at 0.
* ``pp``/``up``: Laney's P' and U' (Laney 2002, "Improved control charts for attributes",
  Quality Engineering 14(4):531-537): z_i = (x_i - c) / sigma_i, sigma_z = mean |z_i - z_(i-1)|
  / 1.128, and sigma_i' = sigma_i sigma_z, so large denominators with real between-period
  variation do not flag every point.
* ``g``: days or cases between rare events; centre = mean, sigma = sqrt(c (c + 1)), the lower
  limit clipped at 0 (Benneyan 2001, "Number-between g-type statistical quality control charts
  for monitoring adverse events", Health Care Management Science 4:305-318). With
  ``g_limits="probability"`` the limits are the geometric quantiles at the same tail areas as 3
  and 2 sigma (0.135 % and 2.275 %) (Kaminsky et al. 1992, "Statistical control charts based on
  a geometric distribution", Journal of Quality Technology 24(2):63-69).

The rules (named and versioned in ``RULESET``; rule functions in ``spc_rules``, limits in
``spc_limits``): Anhøj's
runs analysis on every phase around the centre line (the median for run and g charts, whose
values are skewed, the mean otherwise), and the Making Data Count rules on control charts. On a
g chart only the outside-limits and trend rules apply: the shift and 2-of-3 rules assume values
spread evenly around the mean, which a geometric distribution does not (about 37 % lie above its
mean). A rule that cannot be judged says so (``signal=None`` with a reason) and never says "no
signal".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from wijkkracht.errors import WijkkrachtError

from .spc_limits import Limits, baseline_limits, point_limits
from .spc_rules import (
    RunsAnalysis,
    runs_analysis,
    shift_positions,
    sides,
    trend_positions,
    two_of_three_positions,
)

RULESET = ("wijkkracht-spc/1 (Anhøj 2014 run rules; "
           "NHS Making Data Count 2019 special-cause rules)")
CHART_TYPES = ("run", "xmr", "p", "pp", "u", "up", "g")
POLARITIES = ("up", "down", None)

# Anhøj & Olesen (2014) give the run-rule limits from 10 useful points on; with fewer points the
# rules have too little power to find a shift and would mostly say "no signal" for lack of data.
MIN_RUN_RULE_POINTS = 10
# One moving range (two points) is the least that estimates any variation at all; below it no
# centre line and no limits are drawn.
MIN_LIMIT_POINTS = 2
# Making Data Count advises at least 12 (better 15-20) points before limits are trusted; below it
# the limits are drawn but marked provisional.
ADVISED_LIMIT_POINTS = 12
# Making Data Count uses 7 for both the shift and the trend (some texts use 8 or 6); kept here so
# a change is one edit and shows in RULESET's version.
SHIFT_LENGTH = 7
TREND_LENGTH = 7

RULES = ("longest_run", "crossings", "outside_limits", "trend", "two_of_three", "shift")
PRIORITY = ("outside_limits", "trend", "two_of_three", "shift", "long_run")

METHODS = {
    "run": "run chart: median; Anhøj run rules",
    "xmr": "XmR chart: mean ± 2.66 × average moving range; MR chart UCL 3.267 × AMR",
    "p": "P chart: Σy/Σn ± 3·sqrt(p(1−p)/n), clipped to [0, 1]",
    "pp": "Laney P′ chart: P chart limits × sigma_z (Laney 2002)",
    "u": "U chart: Σy/Σn ± 3·sqrt(u/n), lower limit at least 0",
    "up": "Laney U′ chart: U chart limits × sigma_z (Laney 2002)",
    "g": "G chart: mean ± 3·sqrt(mean(mean+1)), lower limit at least 0 (Benneyan 2001)",
}


class ChartInputError(WijkkrachtError):
    """The series or the options cannot make a chart (the message says why, in Dutch)."""


@dataclass(frozen=True)
class Observation:
    """One period: ``value`` is the measure, or the numerator when ``n`` is given (P and U
    charts need ``n``). ``value=None`` is a period without data: a gap, never a zero."""

    label: str
    value: float | None
    n: float | None = None
    excluded: bool = False


@dataclass(frozen=True)
class Annotation:
    """A note at a point, e.g. the improvement step that starts a phase."""

    index: int
    text: str


@dataclass(frozen=True)
class RuleResult:
    """One rule on one phase: ``signal`` True/False, or None with ``reason``
    ("too_few_points", "no_limits" or "not_for_chart") when it cannot be judged."""

    rule: str
    signal: bool | None
    reason: str | None = None
    points: int = 0
    points_needed: int | None = None


@dataclass(frozen=True)
class ChartPoint:
    """One plotted point. ``value`` is the plotted statistic (y/n for P and U charts); None for a
    gap or a denominator of 0. ``status`` is "used", "gap" or "excluded" (``excluded_reason``
    "denominator_zero" or "excluded"). ``signals`` names the rules the point is part of;
    ``direction`` is the side of the strongest signal (+1 high, -1 low, 0 none)."""

    index: int
    label: str
    value: float | None
    n: float | None
    phase: int
    status: str
    excluded_reason: str | None
    baseline: bool
    centre: float | None
    lcl: float | None
    ucl: float | None
    lower_2s: float | None
    upper_2s: float | None
    moving_range: float | None
    signals: tuple[str, ...]
    direction: int
    point_type: str | None

    @property
    def special_cause(self) -> bool:
        return bool(self.signals)


@dataclass(frozen=True)
class ChartPhase:
    """One phase (from ``start`` to ``stop``, exclusive) with its own centre and limits, computed
    on its baseline (``start`` to ``baseline_stop``). ``lcl``/``ucl`` are None when there are no
    limits or when they vary per point (P and U charts with different denominators)."""

    index: int
    start: int
    stop: int
    baseline_stop: int
    baseline_points: int
    points: int
    centre: float | None
    runs_centre: float | None
    lcl: float | None
    ucl: float | None
    sigma: float | None
    average_moving_range: float | None
    mr_ucl: float | None
    sigma_z: float | None
    provisional: bool
    n_useful: int
    longest_run: int | None
    longest_run_max: int | None
    crossings: int | None
    crossings_min: int | None
    rules: tuple[RuleResult, ...]

    def rule(self, name: str) -> RuleResult:
        return next(r for r in self.rules if r.rule == name)

    @property
    def special_cause(self) -> bool | None:
        """True when any rule signals; None when no rule could be judged; else False."""
        judged = [r.signal for r in self.rules if r.signal is not None]
        return any(judged) if judged else None


@dataclass(frozen=True)
class ChartMessage:
    """Something the reader must know about the chart; ``reading`` puts it in Dutch."""

    code: str
    phase: int | None = None
    index: int | None = None
    count: int | None = None
    needed: int | None = None


@dataclass(frozen=True)
class SpcChart:
    chart: str
    method: str
    ruleset: str
    polarity: str | None
    target: float | None
    points: tuple[ChartPoint, ...]
    phases: tuple[ChartPhase, ...]
    annotations: tuple[Annotation, ...]
    variation: str
    assurance: str
    messages: tuple[ChartMessage, ...]

    @property
    def last_point(self) -> ChartPoint | None:
        used = [p for p in self.points if p.status == "used"]
        return used[-1] if used else None


def _fail(text: str) -> ChartInputError:
    return ChartInputError(text)


def _validate(obs: Sequence[Observation], chart: str, polarity: str | None,
              breaks: Sequence[int], annotations: Sequence[Annotation]) -> None:
    if chart not in CHART_TYPES:
        raise _fail(f"Onbekend soort grafiek '{chart}'. Kies uit: {', '.join(CHART_TYPES)}.")
    if polarity not in POLARITIES:
        raise _fail("Kies als richting 'up' (hoger is beter), 'down' (lager is beter) of niets.")
    if not obs:
        raise _fail("Er zijn geen perioden om een grafiek van te maken.")
    if list(breaks) != sorted(set(breaks)) or any(b <= 0 or b >= len(obs) for b in breaks):
        raise _fail("De fasegrenzen moeten oplopen en binnen de reeks liggen "
                    f"(tussen 1 en {len(obs) - 1}).")
    for a in annotations:
        if not 0 <= a.index < len(obs):
            raise _fail(f"De notitie '{a.text}' hoort bij een punt dat niet in de reeks staat.")
    for o in obs:
        if o.value is None or (isinstance(o.value, float) and math.isnan(o.value)):
            continue
        if not math.isfinite(o.value):
            raise _fail(f"Periode {o.label}: de waarde is geen getal.")
        if chart in ("p", "pp", "u", "up") and o.n is None:
            raise _fail(f"Periode {o.label}: de noemer ontbreekt; een {chart.upper()}-grafiek "
                        "heeft per periode een teller en een noemer nodig.")
        if o.n is not None and (not math.isfinite(o.n) or o.n < 0):
            raise _fail(f"Periode {o.label}: de noemer moet 0 of meer zijn.")
        if chart in ("p", "pp", "u", "up", "g") and o.value < 0:
            raise _fail(f"Periode {o.label}: een aantal kan niet negatief zijn.")
        if chart in ("p", "pp") and o.n and o.value > o.n:
            raise _fail(f"Periode {o.label}: de teller ({o.value:g}) is groter dan de noemer "
                        f"({o.n:g}).")


def _phase_bounds(size: int, breaks: Sequence[int]) -> list[tuple[int, int]]:
    edges = [0, *breaks, size]
    return list(pairwise(edges))


def _freeze_per_phase(freeze: int | Sequence[int | None] | None, count: int) -> list[int | None]:
    if freeze is None or isinstance(freeze, int):
        ks: list[int | None] = [freeze] * count
    else:
        ks = list(freeze)
        if len(ks) != count:
            raise _fail(f"Geef per fase een basislijn op: er zijn {count} fasen en "
                        f"{len(ks)} basislijnen.")
    if any(k is not None and k < 1 for k in ks):
        raise _fail("Een basislijn bestaat uit minstens 1 periode.")
    return ks


def _plotted(chart: str, o: Observation) -> tuple[str, str | None, float | None]:
    """(status, excluded reason, plotted value) of one observation."""
    if o.value is None or math.isnan(o.value):
        return "gap", None, None
    if o.n is not None and chart != "g":
        if o.n == 0:
            return "excluded", "denominator_zero", None
        value = o.value / o.n
    else:
        value = float(o.value)
    if o.excluded:
        return "excluded", "excluded", value
    return "used", None, value


def _point_type(direction: int, polarity: str | None) -> str:
    if direction == 0:
        return "common_cause"
    if polarity is None:
        return "special_cause_neutral_high" if direction > 0 else "special_cause_neutral_low"
    good = 1 if polarity == "up" else -1
    return "special_cause_improvement" if direction == good else "special_cause_concern"


def _runs_rules(values: list[float], centre: float | None
                ) -> tuple[RunsAnalysis | None, int, list[RuleResult]]:
    if centre is None:
        return None, 0, [RuleResult("longest_run", None, "no_limits"),
                         RuleResult("crossings", None, "no_limits")]
    useful = sum(1 for s in sides(values, centre) if s != 0)
    if useful < MIN_RUN_RULE_POINTS:
        return None, useful, [
            RuleResult(r, None, "too_few_points", useful, MIN_RUN_RULE_POINTS)
            for r in ("longest_run", "crossings")]
    ra = runs_analysis(values, centre)
    return ra, useful, [
        RuleResult("longest_run", ra.runs_signal, None, useful, MIN_RUN_RULE_POINTS),
        RuleResult("crossings", ra.crossings_signal, None, useful, MIN_RUN_RULE_POINTS)]


def _mdc_rule(name: str, chart: str, has_limits: bool, count: int, needed: int,
              flagged: dict[int, int]) -> RuleResult:
    if chart == "run" or (chart == "g" and name in ("two_of_three", "shift")):
        return RuleResult(name, None, "not_for_chart", count)
    if not has_limits:
        return RuleResult(name, None, "no_limits", count, needed)
    if count < needed:
        return RuleResult(name, None, "too_few_points", count, needed)
    return RuleResult(name, bool(flagged), None, count, needed)


def compute_chart(observations: Sequence[Observation], chart: str = "run", *,
                  breaks: Sequence[int] = (),
                  freeze: int | Sequence[int | None] | None = None,
                  polarity: str | None = None, target: float | None = None,
                  annotations: Sequence[Annotation] = (), screen_mr: bool = False,
                  g_limits: str = "sigma") -> SpcChart:
    """The chart of ``observations`` in time order.

    ``breaks``: indices where a new phase starts (after an improvement step); every phase gets its
    own centre and limits. ``freeze``: the baseline length in periods, one number for every phase
    or one per phase (None: the whole phase); the limits come from the baseline and later points
    of the phase are judged against them. ``polarity``: "up" when higher is better, "down" when
    lower is better, None for no judgement. ``target``: the goal, for the assurance icon.
    Raises ``ChartInputError`` (Dutch message) for input that cannot make a chart.
    """
    obs = list(observations)
    _validate(obs, chart, polarity, breaks, annotations)
    if g_limits not in ("sigma", "probability"):
        raise _fail("Kies voor de G-grafiek grenzen op basis van 'sigma' of 'probability'.")
    bounds = _phase_bounds(len(obs), breaks)
    ks = _freeze_per_phase(freeze, len(bounds))
    plotted = [_plotted(chart, o) for o in obs]
    messages: list[ChartMessage] = []
    for i, (_status, reason, _value) in enumerate(plotted):
        if reason == "denominator_zero":
            messages.append(ChartMessage("denominator_zero", index=i))
    gaps = sum(1 for status, _r, _v in plotted if status == "gap")
    if gaps:
        messages.append(ChartMessage("gaps", count=gaps))
    left_out = sum(1 for _s, reason, _v in plotted if reason == "excluded")
    if left_out:
        messages.append(ChartMessage("excluded", count=left_out))

    points: list[ChartPoint] = []
    phases: list[ChartPhase] = []
    for ph, ((start, stop), k) in enumerate(zip(bounds, ks, strict=True)):
        base_stop = stop if k is None else min(start + k, stop)
        used = [i for i in range(start, stop) if plotted[i][0] == "used"]
        base = [i for i in used if i < base_stop]
        values = [plotted[i][2] for i in used]
        lim = Limits()
        if len(base) >= MIN_LIMIT_POINTS:
            lim = baseline_limits(chart, [obs[i].value for i in base],
                          [obs[i].n if obs[i].n is not None else 1.0 for i in base],
                          [plotted[i][2] for i in base], screen_mr)
        else:
            messages.append(ChartMessage("too_few_for_limits", phase=ph, count=len(base),
                                         needed=MIN_LIMIT_POINTS))
        provisional = (chart != "run" and lim.centre is not None
                       and len(base) < ADVISED_LIMIT_POINTS)
        if provisional:
            messages.append(ChartMessage("limits_provisional", phase=ph, count=len(base),
                                         needed=ADVISED_LIMIT_POINTS))
        limits = {i: point_limits(chart, lim, obs[i].n, g_limits) for i in range(start, stop)}
        has_limits = chart != "run" and any(limits[i] is not None for i in used)

        ra, useful, runs_results = _runs_rules(values, lim.runs_centre)
        if ra is None and lim.runs_centre is not None:
            messages.append(ChartMessage("too_few_for_run_rules", phase=ph, count=useful,
                                         needed=MIN_RUN_RULE_POINTS))

        flags: dict[str, dict[int, int]] = {r: {} for r in PRIORITY}
        if has_limits:
            lims = [limits[i] for i in used]
            for pos, (v, lm) in enumerate(zip(values, lims, strict=True)):
                if lm is not None and (v > lm[1] or v < lm[0]):
                    flags["outside_limits"][pos] = 1 if v > lm[1] else -1
            flags["trend"] = trend_positions(values, TREND_LENGTH)
            if chart != "g":
                c = lim.centre
                lo2 = [lm[2] if lm else -math.inf for lm in lims]
                hi2 = [lm[3] if lm else math.inf for lm in lims]
                flags["two_of_three"] = two_of_three_positions(values, c, lo2, hi2)
                flags["shift"] = shift_positions(values, c, SHIFT_LENGTH)
        if chart == "run" and ra is not None and ra.runs_signal:
            s = sides(values, lim.runs_centre)
            flags["long_run"] = {pos: s[pos] for pos in ra.long_run_positions}
        count = len(used)
        mdc = [_mdc_rule("outside_limits", chart, has_limits, count, 1, flags["outside_limits"]),
               _mdc_rule("trend", chart, has_limits, count, TREND_LENGTH, flags["trend"]),
               _mdc_rule("two_of_three", chart, has_limits, count, 3, flags["two_of_three"]),
               _mdc_rule("shift", chart, has_limits, count, SHIFT_LENGTH, flags["shift"])]

        position = {i: pos for pos, i in enumerate(used)}
        previous_value: float | None = None
        for i in range(start, stop):
            status, reason, value = plotted[i]
            lm = limits[i]
            pos = position.get(i)
            signals = tuple(r for r in PRIORITY if pos is not None and pos in flags[r])
            direction = flags[signals[0]][pos] if signals else 0
            mr = None
            if status == "used" and chart == "xmr":
                mr = None if previous_value is None else abs(value - previous_value)
                previous_value = value
            judged = status == "used" and (has_limits or (chart == "run" and ra is not None))
            points.append(ChartPoint(
                index=i, label=obs[i].label, value=value, n=obs[i].n, phase=ph, status=status,
                excluded_reason=reason, baseline=i < base_stop and status == "used",
                centre=lim.centre, lcl=lm[0] if lm else None, ucl=lm[1] if lm else None,
                lower_2s=lm[2] if lm else None, upper_2s=lm[3] if lm else None,
                moving_range=mr, signals=signals, direction=direction,
                point_type=_point_type(direction, polarity) if judged else None))
        constant = {limits[i] for i in used if limits[i] is not None}
        lcl, ucl = (next(iter(constant))[:2] if len(constant) == 1 else (None, None))
        phases.append(ChartPhase(
            index=ph, start=start, stop=stop, baseline_stop=base_stop,
            baseline_points=len(base), points=count, centre=lim.centre,
            runs_centre=lim.runs_centre, lcl=lcl, ucl=ucl, sigma=lim.sigma,
            average_moving_range=lim.amr, mr_ucl=lim.mr_ucl, sigma_z=lim.sigma_z,
            provisional=provisional, n_useful=useful,
            longest_run=ra.longest_run if ra else None,
            longest_run_max=ra.longest_run_max if ra else None,
            crossings=ra.crossings if ra else None,
            crossings_min=ra.crossings_min if ra else None,
            rules=(*runs_results, *mdc)))

    result_points = tuple(points)
    last = next((p for p in reversed(result_points) if p.status == "used"), None)
    return SpcChart(
        chart=chart, method=METHODS[chart] + (" (probability limits, Kaminsky 1992)"
                                              if chart == "g" and g_limits == "probability"
                                              else ""),
        ruleset=RULESET, polarity=polarity, target=target, points=result_points,
        phases=tuple(phases), annotations=tuple(annotations),
        variation=variation_icon(last, polarity),
        assurance=assurance_icon(last, polarity, target),
        messages=tuple(messages))


def variation_icon(last: ChartPoint | None, polarity: str | None) -> str:
    """Making Data Count's variation icon from the last point: "common_cause",
    "improvement_high"/"_low", "concern_high"/"_low", "neutral_high"/"_low", or "none" when the
    last point could not be judged (no limits, or too few points for the run rules)."""
    if last is None or last.point_type is None:
        return "none"
    if last.direction == 0:
        return "common_cause"
    side = "high" if last.direction > 0 else "low"
    kind = last.point_type.removeprefix("special_cause_").removesuffix("_high")
    kind = kind.removesuffix("_low")
    return f"{kind}_{side}"


def assurance_icon(last: ChartPoint | None, polarity: str | None, target: float | None) -> str:
    """Making Data Count's assurance icon: can the process, as it is now, meet the target?

    Judged on the limits of the last point (NHSRplotthedots ``ptd_calculate_assurance_type``):
    a target beyond a limit is met (or missed) by every point the process will make; a target
    between the limits is met only sometimes. "none" without target, polarity or limits.
    """
    if last is None or target is None or polarity is None or last.lcl is None:
        return "none"
    increasing = polarity == "up"
    if target > last.ucl:
        return "consistent_fail" if increasing else "consistent_pass"
    if target < last.lcl:
        return "consistent_pass" if increasing else "consistent_fail"
    return "inconsistent"
