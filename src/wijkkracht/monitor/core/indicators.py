"""Indicators defined as data: what is counted (numerator), over what (denominator), which way
is better (polarity), the default chart and unit. The built-in ones ship as
``monitor/indicators.json``; a team's own indicators have the same fields and are checked the
same way, so a definition never reaches a chart half-valid."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from importlib.resources import files

from wijkkracht.errors import WijkkrachtError

MEASURES = ("count", "stock", "proportion", "rate", "mean", "median")
POLARITIES = ("up", "down", "neutral")
CHARTS = ("run", "xmr", "p", "pp", "u", "up", "g")
# A stock (caseload) is what came in minus what went out, summed over all earlier periods.
NEEDS_DENOMINATOR = ("stock", "proportion", "rate")
CASELOAD = "caseload"  # the stock kind a rate may use as its denominator


class IndicatorError(WijkkrachtError):
    """A definition that cannot be computed; the message names the indicator and the field."""


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    name: str
    measure: str
    numerator: str
    polarity: str = "neutral"
    chart: str = "xmr"
    unit: str = ""
    description: str = ""
    denominator: str = ""
    per: float = 1.0
    target: float | None = None
    source: str = "casework"

    @property
    def kinds(self) -> tuple[str, ...]:
        """The event kinds this indicator needs counted."""
        kinds = [self.numerator]
        if self.denominator and self.denominator != CASELOAD:
            kinds.append(self.denominator)
        if self.denominator == CASELOAD:
            kinds += ["opened", "closed"]
        return tuple(kinds)


def check(definition: IndicatorDef) -> IndicatorDef:
    """The definition itself, or an ``IndicatorError`` in Dutch naming what is wrong."""
    where = f"Indicator '{definition.code or '?'}'"
    if not definition.code or not definition.name:
        raise IndicatorError(f"{where}: code en naam zijn verplicht.")
    if definition.measure not in MEASURES:
        raise IndicatorError(f"{where}: soort '{definition.measure}' bestaat niet; kies uit "
                             f"{', '.join(MEASURES)}.")
    if definition.polarity not in POLARITIES:
        raise IndicatorError(f"{where}: richting '{definition.polarity}' bestaat niet; kies uit "
                             f"{', '.join(POLARITIES)}.")
    if definition.chart not in CHARTS:
        raise IndicatorError(f"{where}: grafiek '{definition.chart}' bestaat niet; kies uit "
                             f"{', '.join(CHARTS)}.")
    if not definition.numerator:
        raise IndicatorError(f"{where}: de teller ontbreekt.")
    if definition.measure in NEEDS_DENOMINATOR and not definition.denominator:
        raise IndicatorError(f"{where}: een {definition.measure} heeft een noemer nodig.")
    if definition.per <= 0:
        raise IndicatorError(f"{where}: 'per' moet groter dan 0 zijn.")
    return definition


def _from_json(row: dict) -> IndicatorDef:
    known = IndicatorDef.__dataclass_fields__
    unknown = sorted(set(row) - set(known))
    if unknown:
        raise IndicatorError(f"Indicator '{row.get('code', '?')}': onbekend veld "
                             f"{', '.join(unknown)}.")
    return check(IndicatorDef(**row))


@dataclass(frozen=True)
class Catalogue:
    version: int
    fixed: tuple[IndicatorDef, ...]
    per_domain: IndicatorDef  # a template: {domain} and {name} are filled per domain

    def for_domains(self, domains: dict[str, str]) -> tuple[IndicatorDef, ...]:
        """The fixed indicators and one mean change per assessment domain
        (``{"zrm/financien": "ZRM: Financiën"}``)."""
        t = self.per_domain
        return (*self.fixed, *(replace(t, code=t.code.format(domain=d),
                                       numerator=t.numerator.format(domain=d),
                                       name=t.name.format(name=name))
                               for d, name in sorted(domains.items())))


def builtin() -> Catalogue:
    data = json.loads(files("wijkkracht.monitor").joinpath("indicators.json").read_text("utf-8"))
    return Catalogue(version=data["version"],
                     fixed=tuple(_from_json(row) for row in data["indicators"]),
                     per_domain=_from_json(data["per_domain"]))
