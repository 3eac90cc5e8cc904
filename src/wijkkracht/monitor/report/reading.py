"""A control chart in plain Dutch (B1): what the last points say, and what the chart cannot say.

The sentences follow the chart's own verdicts (``wijkkracht.stats.spc``); nothing here judges
again. The reading leads with the current phase and the most recent points, because that is what
a team discusses ("de laatste 7 maanden liggen boven het gemiddelde: een verschuiving"), then
names the target, and ends with what limits the chart: too few points, gaps, points left out.
Period words ("maand"/"maanden") and the labels of the periods come from the caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wijkkracht.exports.spreadsheet import dutch_number
from wijkkracht.stats.spc import ChartPhase, ChartPoint, SpcChart

CHART_NAMES_NL = {
    "run": "runchart (mediaan)",
    "xmr": "XmR-regelkaart (individuele waarden)",
    "p": "P-regelkaart (percentages)",
    "pp": "Laney P′-regelkaart (percentages, gecorrigeerd voor extra spreiding)",
    "u": "U-regelkaart (aantallen per eenheid)",
    "up": "Laney U′-regelkaart (aantallen per eenheid, gecorrigeerd voor extra spreiding)",
    "g": "G-regelkaart (tijd of aantal tussen zeldzame gebeurtenissen)",
}
VARIATION_NL = {
    "common_cause": "gewone variatie",
    "improvement_high": "bijzondere variatie: verbetering (hoger)",
    "improvement_low": "bijzondere variatie: verbetering (lager)",
    "concern_high": "bijzondere variatie: verslechtering (hoger)",
    "concern_low": "bijzondere variatie: verslechtering (lager)",
    "neutral_high": "bijzondere variatie (hoger)",
    "neutral_low": "bijzondere variatie (lager)",
    "none": "nog niet te beoordelen",
}
ASSURANCE_NL = {
    "consistent_pass": "doel wordt steeds gehaald",
    "consistent_fail": "doel wordt niet gehaald",
    "inconsistent": "doel wordt niet betrouwbaar gehaald",
    "none": "geen oordeel over het doel",
}
PERCENT_CHARTS = ("p", "pp")


@dataclass(frozen=True)
class PeriodWords:
    """The period in words, one and many: ("maand", "maanden"), ("kwartaal", "kwartalen")."""

    one: str = "periode"
    many: str = "perioden"

    def count(self, k: int) -> str:
        return f"{k} {self.one if k == 1 else self.many}"


def value_text(chart: SpcChart, value: float | None, decimals: int | None = None) -> str:
    """A plotted value as the chart shows it: a percentage on P charts, a decimal comma."""
    if value is None:
        return "geen gegevens"
    if chart.chart in PERCENT_CHARTS:
        percent = value * 100
        if decimals is None:
            decimals = 0 if round(percent, 1).is_integer() else 1
        return f"{dutch_number(percent, decimals)}%"
    if decimals is None:
        size = abs(value)
        decimals = 0 if float(value).is_integer() else 1 if size >= 1 else 2
    return dutch_number(value, decimals)


def _centre_word(chart: SpcChart) -> str:
    return "de mediaan" if chart.chart == "run" else "het gemiddelde"


def _phase_points(chart: SpcChart, phase: ChartPhase) -> list[ChartPoint]:
    return [p for p in chart.points[phase.start:phase.stop] if p.status == "used"]


def _trailing(points: Sequence[ChartPoint], rule: str) -> int:
    """How many of the last points belong to ``rule``, counted back from the last one."""
    k = 0
    for p in reversed(points):
        if rule not in p.signals or (k and p.direction != points[-1].direction):
            break
        k += 1
    return k


def _recent_signal(chart: SpcChart, points: Sequence[ChartPoint], words: PeriodWords
                   ) -> str | None:
    last = points[-1]
    side = "boven" if last.direction > 0 else "onder"
    centre = _centre_word(chart)
    for rule in ("shift", "long_run"):
        k = _trailing(points, rule)
        if k:
            return (f"De laatste {words.count(k)} liggen {side} {centre}: een verschuiving.")
    k = _trailing(points, "trend")
    if k:
        way = "stijgen" if last.direction > 0 else "dalen"
        return f"De laatste {words.count(k)} {way} steeds: een trend."
    if "outside_limits" in last.signals:
        limit = "bovengrens" if last.direction > 0 else "ondergrens"
        return (f"De laatste waarde ({last.label}: {value_text(chart, last.value)}) ligt "
                f"{side} de {limit}: bijzondere variatie.")
    if "two_of_three" in last.signals:
        limit = "bovengrens" if last.direction > 0 else "ondergrens"
        return (f"Twee van de laatste drie punten liggen dicht bij de {limit}: bijzondere "
                "variatie.")
    return None


def _listed(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} en {words[-1]}"


def _judgement(chart: SpcChart) -> str | None:
    last = chart.last_point
    if last is None or last.point_type is None or last.direction == 0:
        return None
    if last.point_type == "special_cause_improvement":
        return "Dat is een verbetering."
    if last.point_type == "special_cause_concern":
        return "Dat is een verslechtering."
    return None


def _phase_sentences(chart: SpcChart, phase: ChartPhase, words: PeriodWords) -> list[str]:
    points = _phase_points(chart, phase)
    out: list[str] = []
    if not points:
        return ["In deze fase zijn er geen punten met gegevens."]
    judged = [r for r in phase.rules if r.signal is not None]
    if not judged:
        return out  # what is missing is said by the messages
    recent = _recent_signal(chart, points, words)
    if recent:
        out.append(recent)
    earlier = [p.label for p in points if p.signals and p is not points[-1]]
    if not recent and earlier:
        shown = _listed(earlier[:5]) + (" en meer" if len(earlier) > 5 else "")
        out.append(f"Bijzondere variatie bij {shown}; het laatste punt valt daarbuiten.")
    longest = phase.rule("longest_run")
    if longest.signal and not (recent and "verschuiving" in recent):
        out.append(f"De langste reeks aan één kant van {_centre_word(chart)} is "
                   f"{phase.longest_run} punten (verwacht: hooguit {phase.longest_run_max}): "
                   "de punten liggen niet willekeurig.")
    crossings = phase.rule("crossings")
    if crossings.signal:
        out.append(f"De lijn kruist {_centre_word(chart)} maar {phase.crossings} keer "
                   f"(verwacht: minstens {phase.crossings_min}): de punten liggen niet "
                   "willekeurig.")
    if not out and not any(r.signal for r in judged):
        where = ("rond de mediaan" if chart.chart == "run" else "binnen de grenzen")
        if len(judged) == len([r for r in phase.rules if r.reason != "not_for_chart"]):
            out.append(f"Geen bijzondere variatie: de punten schommelen {where}.")
        else:
            out.append(f"Geen bijzondere variatie gevonden: de punten schommelen {where}; niet "
                       "alle regels konden al worden toegepast.")
    return out


def _message_sentences(chart: SpcChart, words: PeriodWords) -> list[str]:
    out: list[str] = []
    several = len(chart.phases) > 1
    for m in chart.messages:
        in_phase = f" in fase {m.phase + 1}" if several and m.phase is not None else ""
        if m.code == "too_few_for_limits":
            out.append(f"Te weinig punten ({m.count}){in_phase} om grenzen te berekenen; er "
                       f"zijn er minstens {m.needed} nodig.")
        elif m.code == "too_few_for_run_rules" and chart.chart in ("run", "g"):
            out.append(f"Te weinig punten ({m.count}){in_phase} voor de regels; er zijn er "
                       f"minstens {m.needed} nodig.")
        elif m.code == "limits_provisional":
            out.append(f"De grenzen{in_phase} zijn voorlopig: ze rusten op {m.count} punten; "
                       f"betrouwbaar worden ze vanaf {m.needed} punten.")
        elif m.code == "denominator_zero":
            label = chart.points[m.index].label
            out.append(f"{label}: de noemer is 0, dus dit punt telt niet mee.")
        elif m.code == "gaps":
            out.append(f"{words.count(m.count).capitalize()} zonder gegevens: daar is de lijn "
                       "onderbroken.")
        elif m.code == "excluded":
            out.append(f"{m.count} {'punt is' if m.count == 1 else 'punten zijn'} bewust "
                       "weggelaten uit de berekening.")
    for phase in chart.phases:
        short = [r for r in phase.rules if r.reason == "too_few_points"
                 and r.rule in ("trend", "shift")]
        if short and chart.chart not in ("run",):
            in_phase = f" in fase {phase.index + 1}" if several else ""
            out.append(f"Te weinig punten ({short[0].points}){in_phase} voor de regels over "
                       f"trends en verschuivingen; er zijn er minstens "
                       f"{short[0].points_needed} nodig.")
    return out


def assurance_sentence(chart: SpcChart) -> str | None:
    """The target in words ("Het doel van 80% wordt niet betrouwbaar gehaald ...")."""
    if chart.target is None:
        return None
    goal = f"Het doel van {value_text(chart, chart.target)}"
    return {
        "consistent_pass": f"{goal} wordt steeds gehaald: de hele band tussen de grenzen ligt "
                           "aan de goede kant.",
        "consistent_fail": f"{goal} wordt niet gehaald zolang het proces zo blijft: de hele "
                           "band tussen de grenzen ligt aan de verkeerde kant.",
        "inconsistent": f"{goal} wordt niet betrouwbaar gehaald: het doel ligt tussen de "
                        "grenzen, dus de ene periode wel en de andere niet.",
    }.get(chart.assurance, f"{goal} is nog niet te beoordelen.")


def read_chart(chart: SpcChart, words: PeriodWords | None = None) -> tuple[str, ...]:
    """The chart as Dutch sentences: the current phase first, then the target, then limits."""
    words = words or PeriodWords()
    out: list[str] = []
    if len(chart.phases) > 1:
        now, before = chart.phases[-1], chart.phases[-2]
        if now.centre is not None and before.centre is not None:
            name = "Mediaan" if chart.chart == "run" else "Gemiddelde"
            out.append(f"{name} in de laatste fase: {value_text(chart, now.centre)} "
                       f"(fase ervoor: {value_text(chart, before.centre)}).")
    out.extend(_phase_sentences(chart, chart.phases[-1], words))
    judgement = _judgement(chart)
    if judgement:
        out.append(judgement)
    for phase in chart.phases[:-1]:
        if phase.special_cause:
            out.append(f"Ook in fase {phase.index + 1} was er bijzondere variatie.")
    assurance = assurance_sentence(chart)
    if assurance:
        out.append(assurance)
    out.extend(_message_sentences(chart, words))
    return tuple(out)


def method_sentence(chart: SpcChart) -> str:
    """Which chart and which rule set: shown under every chart, so two charts that disagree can
    be traced to their methods."""
    return f"Soort grafiek: {CHART_NAMES_NL[chart.chart]}. Regels: {chart.ruleset}."


def reading_text(chart: SpcChart, words: PeriodWords | None = None) -> str:
    return " ".join(read_chart(chart, words))
