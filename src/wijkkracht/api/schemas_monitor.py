"""Shapes of the monitor endpoints: the indicators of an organisation and one series with its
control chart, aggregates only; descriptions are the (Dutch) documentation."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

MonitorLevel = Literal["totaal", "team", "wijk"]
MonitorGranularity = Literal["maand", "kwartaal"]
MonitorReason = Literal["", "klein_aantal", "geen_gegevens", "noemer_0", "loopt_nog"]


class MonitorOrganisation(Schema):
    id: int = Field(description="Nummer van de organisatie (voor `organisation`).")
    name: str = Field(description="Naam van de organisatie.")


class MonitorRow(Schema):
    level: MonitorLevel = Field(description="`totaal` (alle teams samen), `team` of `wijk`.")
    key: str = Field(description="Wat u als `key` meegeeft: leeg bij `totaal`, het nummer van "
                                 "het team, of de CBS-wijkcode (`onbekend`: dossiers zonder "
                                 "wijk).")
    name: str = Field(description="Naam zoals de monitor hem toont.")


class MonitorIndicator(Schema):
    code: str = Field(description="Code van de indicator (voor `indicator`), bijvoorbeeld "
                                  "`new` of `change:zrm/financien`.")
    name: str = Field(description="Naam van de indicator.")
    description: str = Field(description="Wat de indicator telt, in gewone taal.")
    measure: Literal["count", "stock", "proportion", "rate", "mean", "median"] = Field(
        description="Soort: aantal in de periode (`count`), stand aan het eind van de periode "
                    "(`stock`), aandeel (`proportion`), aantal per `per` (`rate`), gemiddelde "
                    "(`mean`) of mediaan (`median`).")
    unit: str = Field(description="Eenheid van de waarde, bijvoorbeeld `dossiers` of `%`.")
    polarity: Literal["up", "down", "neutral"] = Field(
        description="Welke kant beter is: `up` hoger is beter, `down` lager is beter, "
                    "`neutral` geen oordeel.")
    chart: Literal["run", "xmr", "p", "pp", "u", "up", "g"] = Field(
        description="Soort grafiek: runchart, XmR, P, Laney P′, U, Laney U′ of G.")
    per: float = Field(description="Schaal van de waarde: 100 bij een percentage of 'per 100 "
                                   "dossiers', anders 1.")


class MonitorIndicatorList(Schema):
    organisation: MonitorOrganisation = Field(description="De organisatie van deze monitor.")
    organisations: list[MonitorOrganisation] = Field(
        description="Alle organisaties waarvan u de monitor mag lezen.")
    rows: list[MonitorRow] = Field(
        description="De reeksen die er zijn: het totaal, elk team en elke wijk.")
    periods: dict[str, list[str]] = Field(
        description="De perioden per `granularity`: `maand` (`2025-01`) en `kwartaal` "
                    "(`2025-K1`).")
    results: list[MonitorIndicator] = Field(description="De indicatoren, in de volgorde van de "
                                                        "monitor.")


class MonitorPoint(Schema):
    period: str = Field(description="De periode: `2025-03` (maand) of `2025-K1` (kwartaal).")
    numerator: str = Field(description="De teller zoals getoond: het aantal, `< 5` (klein "
                                       "aantal) of `x` (verborgen, omdat het een klein aantal "
                                       "zou verraden).")
    denominator: str = Field(description="De noemer zoals getoond (bij aandelen en aantallen "
                                         "per `per`), anders leeg.")
    value: float | None = Field(description="De waarde in de eenheid van de indicator (bij een "
                                            "percentage 0-100); null als hij niet getoond "
                                            "wordt (zie `reason`).")
    value_text: str = Field(description="De waarde zoals de pagina hem toont (`12,5%`), of `–`.")
    reason: MonitorReason = Field(
        description="Waarom er geen waarde is: `klein_aantal` (beschermd), `geen_gegevens`, "
                    "`noemer_0`, `loopt_nog` (de periode is nog niet voorbij); leeg als er een "
                    "waarde is.")
    reason_text: str = Field(description="De reden zoals de pagina hem toont, of leeg.")
    status: Literal["used", "gap", "excluded", ""] = Field(
        description="Op de grafiek: `used` (telt mee), `gap` (geen waarde: onderbroken lijn), "
                    "`excluded` (weggelaten); leeg zonder grafiek.")
    phase: int | None = Field(description="Fase van de grafiek waarin het punt valt (vanaf 0); "
                                           "een verbeterstap begint een nieuwe fase.")
    centre: float | None = Field(description="De middellijn bij dit punt (gemiddelde of "
                                             "mediaan), in de eenheid van de indicator.")
    lower_limit: float | None = Field(description="De ondergrens bij dit punt, of null.")
    upper_limit: float | None = Field(description="De bovengrens bij dit punt, of null.")
    signals: list[str] = Field(
        description="De regels waarbij dit punt hoort: `outside_limits`, `trend`, "
                    "`two_of_three`, `shift`, `long_run`; leeg bij gewone variatie.")
    direction: int = Field(description="Kant van het sterkste signaal: 1 hoger, -1 lager, "
                                       "0 geen.")


class MonitorPhase(Schema):
    index: int = Field(description="Nummer van de fase, vanaf 0.")
    start: str = Field(description="Eerste periode van de fase.")
    end: str = Field(description="Laatste periode van de fase.")
    centre: float | None = Field(description="Middellijn van de fase, of null.")
    lower_limit: float | None = Field(description="Ondergrens van de fase, of null als er "
                                                  "geen is of als hij per punt verschilt.")
    upper_limit: float | None = Field(description="Bovengrens van de fase, of null als er "
                                                  "geen is of als hij per punt verschilt.")
    provisional: bool = Field(description="Of de grenzen voorlopig zijn (te weinig punten).")


class MonitorStep(Schema):
    period: str = Field(description="Periode vanaf wanneer de verbeterstap geldt.")
    label: str = Field(description="Wat er veranderde.")
    new_phase: bool = Field(description="Of de stap een nieuwe fase (nieuwe basislijn) begint.")


class MonitorChart(Schema):
    type: str = Field(description="Soort grafiek: `run`, `xmr`, `p`, `pp`, `u`, `up` of `g`.")
    name: str = Field(description="Soort grafiek in woorden.")
    ruleset: str = Field(description="Naam en versie van de regels.")
    method: str = Field(description="Welke grafiek en welke regels, in een zin (zoals onder "
                                    "elke grafiek op de pagina).")
    target: float | None = Field(description="Het doel van het team, in de eenheid van de "
                                             "indicator, of null.")
    variation: str = Field(
        description="Variatie-icoon (Making Data Count) bij het laatste punt: `common_cause`, "
                    "`improvement_high`, `improvement_low`, `concern_high`, `concern_low`, "
                    "`neutral_high`, `neutral_low` of `none`.")
    variation_text: str = Field(description="Het variatie-icoon in woorden.")
    assurance: str = Field(description="Doel-icoon (Making Data Count): `consistent_pass`, "
                                       "`consistent_fail`, `inconsistent` of `none`.")
    assurance_text: str = Field(description="Het doel-icoon in woorden.")
    phases: list[MonitorPhase] = Field(description="De fasen, oudste eerst.")
    reading: list[str] = Field(description="Wat de grafiek zegt, in zinnen zoals op de pagina.")


class MonitorSeries(Schema):
    organisation: MonitorOrganisation = Field(description="De organisatie van deze monitor.")
    indicator: MonitorIndicator = Field(description="De indicator.")
    row: MonitorRow = Field(description="Welke reeks: het totaal, een team of een wijk.")
    granularity: MonitorGranularity = Field(description="Per `maand` of per `kwartaal`.")
    points: list[MonitorPoint] = Field(description="Per periode de cijfers en het punt op de "
                                                   "grafiek, oudste eerst.")
    chart: MonitorChart | None = Field(description="De regelkaart, of null als hij niet te "
                                                   "maken is (zie `chart_problem`).")
    chart_problem: str | None = Field(description="Waarom er geen grafiek is, of null.")
    steps: list[MonitorStep] = Field(description="De verbeterstappen van het team bij deze "
                                                 "indicator (alleen bij `level=team`).")
