"""Social return on investment: the arithmetic of a value map, its sensitivity and its checks.

Method: *A guide to Social Return on Investment* (Cabinet Office / The SROI Network, 2009;
January 2012 update, same method; now Social Value UK), stages 4 and 5 (docs: STATISTICS.md
section 8.1). Per outcome row o, with quantity Q, financial proxy P, deadweight DW,
displacement DS, attribution AT, drop-off DO and duration D years::

    Impact_o        = Q × P × (1 − DW) × (1 − DS) × (1 − AT)
    Value_o,t       = Impact_o × (1 − DO)^(t − 1)        t = 1..D
    PV              = Σ_t Σ_o Value_o,t / (1 + r)^t
    NPV             = PV − investment;  ratio = PV / investment;  net ratio = NPV / investment

Discounting. The default rate is 2.25 %, the Dutch standard for social cost-benefit analysis
(MKBA) since 1 January 2021 (Werkgroep discontovoet 2020, rwseconomie.nl); the guide itself
uses the UK Green Book's 3.5 %. As in the guide's stage 5 ("calculating the present value"),
outcome values are counted at the END of each year (year 1 is discounted once) and the
investment, made at the start, is not discounted. We extend that to inputs in later years: an
input counts at the START of its year, so year 1 is not discounted and year k is discounted by
(1 + r)^(k − 1). When every input falls in the first year (the usual case and the guide's) the
investment is simply their sum, as in the guide. When an initiative is funded over several
years, later money is worth less today just like later value, so costs and benefits are
discounted alike, as a Dutch MKBA does (CPB/PBL, Algemene leidraad voor MKBA, 2013).

Payback. The guide's formula, investment / (annual impact / 12), assumes the first year's
impact goes on for ever and ignores drop-off, duration and discounting. We report it as
``payback_months_simple`` and, as the headline figure, the discounted payback: the month in
which the cumulative present value reaches the investment, value spread evenly over its year.
Both give the same months when r = 0, DO = 0 and every outcome still runs in the month the
investment is paid back. The discounted payback is ``None`` exactly when the ratio is below 1,
so "terugverdiend" never contradicts the ratio.

Sensitivity (guide, stage 5, "sensitivity analysis"; STATISTICS.md section 13): every estimate
of every outcome (Q, P, D, DW, DS, AT, DO) and the discount rate r is moved to a low and a high
value (Q, P ±25 %; D ±1 year; a fraction one band of the 0/25/50/75/100 % scale, ±25 points;
r to 0 % and 3.5 %, the guide's rate) and the ratio recomputed; the swing ranks the
assumptions. The break-even value brings the ratio to exactly 1: solved in closed form where the
PV is linear in the estimate (Q, P, DW, DS, AT), with :func:`scipy.optimize.brentq` for DO and
r, and as the shortest whole number of years that pays back for D.

Evidence grades (required with each of DW, DS, AT and DO; the SROI principle "do not
over-claim" and the finding that few published SROIs apply all four adjustments):

- ``A`` gemeten: measured in this initiative (own monitor, registration, survey of participants);
- ``B`` uit onderzoek: taken from a published study or evaluation of a comparable approach;
- ``C`` schatting: an estimate or assumption of the team or experts, not (yet) underpinned.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from scipy.optimize import brentq

from wijkkracht.errors import WijkkrachtError

MKBA_DISCOUNT_RATE = 0.0225
GUIDE_DISCOUNT_RATE = 0.035
MIN_DISCOUNT_RATE = -0.01  # the Werkgroep's rate for demonstrably risk-free flows
MAX_DISCOUNT_RATE = 0.20
MAX_DURATION_YEARS = 50
SENSITIVITY_RELATIVE = 0.25
SENSITIVITY_FRACTION_STEP = 0.25
SENSITIVITY_YEARS = 1
SENSITIVITY_RATES = (0.0, GUIDE_DISCOUNT_RATE)
METHOD = "SROI (Social Value UK 2012)"


class StakeholderKind(StrEnum):
    GEMEENTE = "gemeente"
    ZORGVERZEKERAAR = "zorgverzekeraar"
    RIJK = "rijk"
    BEWONERS = "bewoners"
    AANBIEDER = "aanbieder"
    OVERIG = "overig"


class EvidenceGrade(StrEnum):
    MEASURED = "A"
    STUDY = "B"
    ESTIMATE = "C"


GRADE_NL = {"A": "gemeten", "B": "uit onderzoek", "C": "schatting"}

# Dutch names of the fields, for messages and the report.
FIELD_NL = {
    "quantity": "aantal",
    "proxy": "financiële proxy",
    "duration": "duur",
    "deadweight": "deadweight",
    "displacement": "verplaatsing",
    "attribution": "toeschrijving",
    "drop_off": "afname per jaar",
    "discount_rate": "discontovoet",
}
ADJUSTMENTS = ("deadweight", "displacement", "attribution", "drop_off")
ESTIMATES = ("quantity", "proxy", "duration", *ADJUSTMENTS)


@dataclass(frozen=True)
class Stakeholder:
    name: str
    kind: str  # a StakeholderKind value


@dataclass(frozen=True, kw_only=True)
class Input:
    """Money (or time valued in money) a stakeholder puts in; year 1 is the initiative's first."""

    stakeholder: str
    description: str
    amount: float | None
    year: int = 1
    evidence: str = ""


@dataclass(frozen=True)
class Adjustment:
    """A fraction 0..1 (deadweight, displacement, attribution or drop-off) with its evidence."""

    value: float | None
    grade: str | None  # an EvidenceGrade value
    source: str = ""


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """One row of the value map: what changes for ``stakeholder``, and whose pocket the
    financial proxy lands in (``pocket``, a StakeholderKind: e.g. fewer crises change life for
    the bewoners but save the zorgverzekeraar money)."""

    stakeholder: str
    description: str
    indicator: str
    quantity: float | None
    quantity_source: str = ""
    indicator_code: str | None = None  # the monitor indicator Q was taken from
    duration: int | None
    proxy: float | None
    proxy_source: str = ""
    deadweight: Adjustment | None
    displacement: Adjustment | None
    attribution: Adjustment | None
    drop_off: Adjustment | None
    pocket: str | None


@dataclass(frozen=True, kw_only=True)
class ValueMap:
    stakeholders: tuple[Stakeholder, ...]
    inputs: tuple[Input, ...]
    outcomes: tuple[Outcome, ...]
    discount_rate: float = MKBA_DISCOUNT_RATE
    name: str = ""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a value map: ``section`` is "map", "stakeholders", "inputs" or
    "outcomes", ``row`` counts from 1 within it (None for the map), ``field`` the attribute."""

    section: str
    row: int | None
    field: str
    message: str


class InvalidValueMap(WijkkrachtError):
    """The value map cannot be computed; ``problems`` lists everything a form should show."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        first = self.problems[0].message
        more = len(self.problems) - 1
        tail = f" (en nog {more} {'punt' if more == 1 else 'punten'})" if more else ""
        super().__init__(f"De waardekaart is niet compleet: {first}{tail}")


@dataclass(frozen=True)
class OutcomeValue:
    row: int
    description: str
    pocket: str
    impact: float  # year 1, after deadweight, displacement and attribution
    values: tuple[float, ...]  # t = 1..D, before discounting
    present_value: float


@dataclass(frozen=True)
class PocketShare:
    """Who invests and who benefits, per stakeholder kind (present values and shares 0..1)."""

    kind: str
    invested: float
    invested_share: float
    benefits: float
    benefit_share: float


@dataclass(frozen=True)
class Sensitivity:
    """One estimate moved to ``low`` and ``high``; ``break_even`` brings the ratio to 1 within
    ``allowed`` (None: no such value in that range). ``ratio_rises`` says whether a higher
    value of the estimate gives a higher ratio."""

    estimate: str  # a key of FIELD_NL
    row: int | None  # outcome row; None for the discount rate
    description: str
    grade: str | None
    value: float
    low: float
    high: float
    ratio_low: float
    ratio_high: float
    swing: float
    ratio_rises: bool
    break_even: float | None
    allowed: tuple[float, float]


@dataclass(frozen=True)
class SroiResult:
    outcomes: tuple[OutcomeValue, ...]
    yearly_values: tuple[float, ...]  # Σ over outcomes, t = 1..longest D, not discounted
    discount_factors: tuple[float, ...]  # 1 / (1 + r)^t, t = 1..longest D
    present_value: float
    investment: float  # present value of the inputs
    npv: float
    ratio: float
    net_ratio: float
    payback_months: float | None
    payback_months_simple: float | None
    pockets: tuple[PocketShare, ...]
    sensitivity: tuple[Sensitivity, ...] = field(repr=False)
    discount_rate: float
    method: str


# ---------------------------------------------------------------------------- validation


def _pct(fraction: float) -> str:
    return f"{fraction * 100:.10g}".replace(".", ",")


def _label(word: str, row: int, description: str) -> str:
    return f"{word} {row} ({description})" if description.strip() else f"{word} {row}"


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def _whole(value: object) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


KINDS_NL = ", ".join(k.value for k in StakeholderKind)


def validate(value_map: ValueMap) -> list[Problem]:
    """Every problem in the map at once (a form shows them all), in Dutch; empty when valid."""
    problems: list[Problem] = []
    names = [s.name for s in value_map.stakeholders]
    for i, s in enumerate(value_map.stakeholders, 1):
        label = _label("Belanghebbende", i, s.name)
        if not s.name.strip():
            problems.append(Problem("stakeholders", i, "name",
                                    f"{label}: de naam ontbreekt."))
        elif names.count(s.name) > 1 and names.index(s.name) < i - 1:
            problems.append(Problem("stakeholders", i, "name",
                                    f"{label}: deze naam staat er al; geef elke "
                                    "belanghebbende een eigen naam."))
        if s.kind not in set(StakeholderKind):
            problems.append(Problem("stakeholders", i, "kind",
                                    f"{label}: soort '{s.kind}' bestaat niet; kies {KINDS_NL}."))
    problems += _validate_inputs(value_map, set(names))
    if not value_map.outcomes:
        problems.append(Problem("outcomes", None, "outcomes",
                                "Er zijn geen uitkomsten ingevuld; zonder uitkomst is er geen "
                                "maatschappelijke waarde te berekenen."))
    for i, o in enumerate(value_map.outcomes, 1):
        problems += _validate_outcome(i, o, set(names))
    r = value_map.discount_rate
    if _missing(r) or not MIN_DISCOUNT_RATE <= r <= MAX_DISCOUNT_RATE:
        shown = "leeg" if _missing(r) else f"{_pct(r)}%"
        problems.append(Problem("map", None, "discount_rate",
                                f"De discontovoet is {shown}; kies een waarde van "
                                f"{_pct(MIN_DISCOUNT_RATE)}% tot {_pct(MAX_DISCOUNT_RATE)}% "
                                f"(standaard {_pct(MKBA_DISCOUNT_RATE)}%)."))
    return problems


def _validate_inputs(value_map: ValueMap, names: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    undefined = ("Zonder investering is de SROI-ratio niet te berekenen (je kunt niet door nul "
                 "delen).")
    if not value_map.inputs:
        return [Problem("inputs", None, "inputs",
                        f"Er zijn geen investeringen ingevuld. {undefined}")]
    for i, inp in enumerate(value_map.inputs, 1):
        label = _label("Investering", i, inp.description)
        if inp.stakeholder not in names:
            problems.append(Problem("inputs", i, "stakeholder",
                                    f"{label}: belanghebbende '{inp.stakeholder}' staat niet in "
                                    "de lijst van belanghebbenden."))
        if _missing(inp.amount):
            problems.append(Problem("inputs", i, "amount",
                                    f"{label}: het bedrag ontbreekt."))
        elif inp.amount < 0:
            problems.append(Problem("inputs", i, "amount",
                                    f"{label}: het bedrag is negatief; vul 0 of meer in."))
        if not _whole(inp.year) or not 1 <= inp.year <= MAX_DURATION_YEARS:
            problems.append(Problem("inputs", i, "year",
                                    f"{label}: het jaar moet een heel getal van 1 tot "
                                    f"{MAX_DURATION_YEARS} zijn (1 is het eerste jaar)."))
    if not problems and sum(inp.amount for inp in value_map.inputs) == 0:
        problems.append(Problem("inputs", None, "amount",
                                f"De investeringen zijn samen € 0. {undefined}"))
    return problems


def _validate_outcome(i: int, o: Outcome, names: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    label = _label("Uitkomst", i, o.description)

    def add(name: str, message: str) -> None:
        problems.append(Problem("outcomes", i, name, f"{label}: {message}"))

    if o.stakeholder not in names:
        add("stakeholder", f"belanghebbende '{o.stakeholder}' staat niet in de lijst van "
                           "belanghebbenden.")
    if _missing(o.quantity):
        add("quantity", "het aantal ontbreekt.")
    elif o.quantity < 0:
        add("quantity", f"het aantal is negatief ({o.quantity:g}); vul 0 of meer in.")
    if not o.quantity_source.strip() and not (o.indicator_code or "").strip():
        add("quantity_source", "de bron van het aantal ontbreekt; zeg waar het aantal vandaan "
                               "komt of kies een indicator uit de monitor.")
    if o.duration is None:
        add("duration", "de duur ontbreekt; vul een heel aantal jaren in.")
    elif not _whole(o.duration):
        add("duration", f"de duur is {o.duration} jaar; vul een heel aantal jaren in.")
    elif o.duration < 1:
        add("duration", f"de duur is {o.duration} jaar; een effect duurt minstens 1 jaar.")
    elif o.duration > MAX_DURATION_YEARS:
        add("duration", f"de duur is {o.duration} jaar; vul hoogstens {MAX_DURATION_YEARS} "
                        "jaar in.")
    if _missing(o.proxy):
        add("proxy", "de financiële proxy ontbreekt; vul een bedrag in euro per eenheid in.")
    elif o.proxy < 0:
        add("proxy", "de financiële proxy is negatief; vul 0 of meer in.")
    if not o.proxy_source.strip():
        add("proxy_source", "de bron van de financiële proxy ontbreekt; zeg waar het bedrag "
                            "vandaan komt.")
    for name in ADJUSTMENTS:
        adj: Adjustment | None = getattr(o, name)
        word = FIELD_NL[name]
        if adj is None or _missing(adj.value):
            add(name, f"de {word} ontbreekt; vul een percentage van 0 tot 100% in (0% als er "
                      "niets af gaat).")
        elif adj.value > 1:
            add(name, f"de {word} is {_pct(adj.value)}%; dat kan niet boven 100% liggen.")
        elif adj.value < 0:
            add(name, f"de {word} is {_pct(adj.value)}%; dat kan niet onder 0% liggen.")
        if adj is not None and adj.grade not in set(EvidenceGrade):
            add(f"{name}_grade", f"het bewijs bij de {word} ontbreekt; kies A (gemeten), "
                                 "B (uit onderzoek) of C (schatting).")
    if o.pocket not in set(StakeholderKind):
        add("pocket", f"zeg bij wie de baten terechtkomen; kies {KINDS_NL}.")
    return problems


# ---------------------------------------------------------------------------- arithmetic


def _discount(r: float, t: int) -> float:
    return 1.0 / (1.0 + r) ** t


def _impact(o: Outcome) -> float:
    return (o.quantity * o.proxy * (1 - o.deadweight.value) * (1 - o.displacement.value)
            * (1 - o.attribution.value))


def _values(o: Outcome) -> list[float]:
    impact = _impact(o)
    keep = 1 - o.drop_off.value
    return [impact * keep ** (t - 1) for t in range(1, o.duration + 1)]


def _outcome_pv(o: Outcome, r: float) -> float:
    return sum(v * _discount(r, t) for t, v in enumerate(_values(o), 1))


def _investment(inputs: Sequence[Input], r: float) -> float:
    return sum(inp.amount * _discount(r, inp.year - 1) for inp in inputs)


def _ratio(value_map: ValueMap) -> float:
    r = value_map.discount_rate
    pv = sum(_outcome_pv(o, r) for o in value_map.outcomes)
    return pv / _investment(value_map.inputs, r)


def _method(r: float) -> str:
    if math.isclose(r, MKBA_DISCOUNT_RATE):
        return f"{METHOD}, disconto {_pct(r)}% (MKBA, Werkgroep discontovoet 2020)"
    return (f"{METHOD}, disconto {_pct(r)}% (gekozen; MKBA-standaard "
            f"{_pct(MKBA_DISCOUNT_RATE)}%, Werkgroep discontovoet 2020)")


def compute(value_map: ValueMap) -> SroiResult:
    """Impact, present value, ratios, payback, pockets and sensitivity of a valid value map.

    Raises :class:`InvalidValueMap` (a WijkkrachtError) listing every problem of
    :func:`validate`; an invalid map, a map without investment above all, gives no ratio.
    """
    problems = validate(value_map)
    if problems:
        raise InvalidValueMap(problems)
    r = value_map.discount_rate
    outcomes = tuple(
        OutcomeValue(row=i, description=o.description, pocket=o.pocket, impact=_impact(o),
                     values=tuple(_values(o)), present_value=_outcome_pv(o, r))
        for i, o in enumerate(value_map.outcomes, 1)
    )
    horizon = max(o.duration for o in value_map.outcomes)
    yearly = tuple(sum(ov.values[t] for ov in outcomes if t < len(ov.values))
                   for t in range(horizon))
    factors = tuple(_discount(r, t) for t in range(1, horizon + 1))
    pv = sum(ov.present_value for ov in outcomes)
    investment = _investment(value_map.inputs, r)
    return SroiResult(
        outcomes=outcomes,
        yearly_values=yearly,
        discount_factors=factors,
        present_value=pv,
        investment=investment,
        npv=pv - investment,
        ratio=pv / investment,
        net_ratio=(pv - investment) / investment,
        payback_months=_payback_months(yearly, factors, investment),
        payback_months_simple=investment / (yearly[0] / 12) if yearly[0] > 0 else None,
        pockets=_pockets(value_map, outcomes),
        sensitivity=sensitivity(value_map),
        discount_rate=r,
        method=_method(r),
    )


def _payback_months(yearly: Sequence[float], factors: Sequence[float],
                    investment: float) -> float | None:
    """Month in which the cumulative present value reaches the investment (value spread evenly
    over its year); None when it never does within the outcomes' durations."""
    reached = 0.0
    for t, (value, factor) in enumerate(zip(yearly, factors, strict=True)):
        this_year = value * factor
        if this_year > 0 and reached + this_year >= investment * (1 - 1e-12):
            return 12.0 * t + 12.0 * max(0.0, investment - reached) / this_year
        reached += this_year
    return None


def _pockets(value_map: ValueMap, outcomes: Sequence[OutcomeValue]) -> tuple[PocketShare, ...]:
    r = value_map.discount_rate
    kind_of = {s.name: s.kind for s in value_map.stakeholders}
    invested = dict.fromkeys(StakeholderKind, 0.0)
    benefits = dict.fromkeys(StakeholderKind, 0.0)
    for inp in value_map.inputs:
        invested[StakeholderKind(kind_of[inp.stakeholder])] += _investment([inp], r)
    for ov in outcomes:
        benefits[StakeholderKind(ov.pocket)] += ov.present_value
    total_in, total_out = sum(invested.values()), sum(benefits.values())
    return tuple(
        PocketShare(kind=k.value, invested=invested[k], invested_share=invested[k] / total_in,
                    benefits=benefits[k],
                    benefit_share=benefits[k] / total_out if total_out > 0 else 0.0)
        for k in StakeholderKind if invested[k] > 0 or benefits[k] > 0
    )


# ---------------------------------------------------------------------------- sensitivity


def with_estimate(value_map: ValueMap, row: int | None, estimate: str, value: float) -> ValueMap:
    """The map with one estimate replaced (row counts from 1; None: the discount rate): the
    "what if" behind the sensitivity analysis, usable by a form as it is."""
    if row is None:
        return replace(value_map, discount_rate=value)
    o = value_map.outcomes[row - 1]
    if estimate in ADJUSTMENTS:
        new = replace(o, **{estimate: replace(getattr(o, estimate), value=value)})
    else:
        new = replace(o, **{estimate: value})
    outcomes = list(value_map.outcomes)
    outcomes[row - 1] = new
    return replace(value_map, outcomes=tuple(outcomes))


def _current(value_map: ValueMap, row: int | None, estimate: str) -> float:
    if row is None:
        return value_map.discount_rate
    value = getattr(value_map.outcomes[row - 1], estimate)
    return value.value if isinstance(value, Adjustment) else value


def _bounded_root(f: Callable[[float], float], lo: float, hi: float) -> float | None:
    """Where f crosses 0 in [lo, hi] (brentq), or None when it does not change sign there."""
    f_lo, f_hi = f(lo), f(hi)
    if f_lo == 0:
        return lo
    if f_hi == 0:
        return hi
    if f_lo * f_hi > 0:
        return None
    return brentq(f, lo, hi, xtol=1e-12, rtol=1e-12)


def _break_even(value_map: ValueMap, row: int | None, estimate: str,
                allowed: tuple[float, float]) -> float | None:
    def gap(x: float) -> float:
        return _ratio(with_estimate(value_map, row, estimate, x)) - 1.0

    lo, hi = allowed
    if estimate in ("quantity", "proxy", "deadweight", "displacement", "attribution"):
        # PV is linear in Q, P and (1 - fraction): solve gap(x) = gap(0) + x·slope = 0 exactly,
        # the slope taken over the current value's scale (a proxy of € 5 000 or a fraction ≤ 1).
        current = _current(value_map, row, estimate)
        ref = current if estimate in ("quantity", "proxy") and current > 0 else 1.0
        at0 = gap(0.0)
        slope = (gap(ref) - at0) / ref
        if slope == 0:
            return None
        x = -at0 / slope
        return min(max(x, lo), hi) if lo - 1e-12 <= x <= hi + 1e-12 else None
    if estimate == "duration":
        paid = [d for d in range(int(lo), int(hi) + 1) if gap(d) >= -1e-12]
        return float(paid[0]) if paid and paid[0] > lo else None
    return _bounded_root(gap, lo, hi)


def _range(estimate: str, value: float) -> tuple[float, float, tuple[float, float]]:
    """Low and high test values and the range a break-even is searched in."""
    if estimate in ("quantity", "proxy"):
        return (value * (1 - SENSITIVITY_RELATIVE), value * (1 + SENSITIVITY_RELATIVE),
                (0.0, math.inf))
    if estimate == "duration":
        return (max(1, value - SENSITIVITY_YEARS),
                min(MAX_DURATION_YEARS, value + SENSITIVITY_YEARS),
                (1.0, float(MAX_DURATION_YEARS)))
    if estimate == "discount_rate":
        return (*SENSITIVITY_RATES, (MIN_DISCOUNT_RATE, MAX_DISCOUNT_RATE))
    return (max(0.0, value - SENSITIVITY_FRACTION_STEP),
            min(1.0, value + SENSITIVITY_FRACTION_STEP), (0.0, 1.0))


def sensitivity(value_map: ValueMap) -> tuple[Sensitivity, ...]:
    """Every estimate moved low and high, most influential (largest swing in the ratio) first,
    each with its break-even value. The map must be valid (see :func:`validate`)."""
    rows: list[tuple[int | None, str, Outcome | None]] = [
        (i, name, o) for i, o in enumerate(value_map.outcomes, 1) for name in ESTIMATES
    ]
    rows.append((None, "discount_rate", None))
    found = []
    for row, estimate, o in rows:
        value = _current(value_map, row, estimate)
        grade = getattr(o, estimate).grade if estimate in ADJUSTMENTS else None
        description = o.description if o is not None else ""
        low, high, allowed = _range(estimate, value)
        ratio_low = _ratio(with_estimate(value_map, row, estimate, low))
        ratio_high = _ratio(with_estimate(value_map, row, estimate, high))
        if estimate in ("quantity", "proxy", "duration"):
            rises = True
        elif estimate in ADJUSTMENTS:
            rises = False
        else:
            rises = ratio_high > ratio_low
        found.append(Sensitivity(
            estimate=estimate, row=row, description=description, grade=grade,
            value=float(value), low=float(low), high=float(high),
            ratio_low=ratio_low, ratio_high=ratio_high, swing=abs(ratio_high - ratio_low),
            ratio_rises=rises, break_even=_break_even(value_map, row, estimate, allowed),
            allowed=allowed,
        ))
    # Stable sort: equal swings keep the map's order (row, then Q, P, D, DW, DS, AT, DO).
    return tuple(sorted(found, key=lambda s: -s.swing))
