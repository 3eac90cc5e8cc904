"""The wijkfoto and the overview as CSV for Dutch Excel: Dutch column names and verdict words,
values rounded as the page shows them, through the product's one CSV writer."""

from __future__ import annotations

from wijkkracht.exports.spreadsheet import Number, csv_text

from ..core.overview import Overview
from ..core.profile import Wijkfoto
from ..core.wording import LEVEL_PCT, MISSING_NL, VERDICT_NL, decimals_for

WIJKFOTO_COLUMNS = (
    "Jaar", "Gebiedscode", "Gebied", "Thema", "Kenmerk (code)", "Kenmerk", "Eenheid", "Waarde",
    "Teller", "Noemer", "Ondergrens 95%", "Bovengrens 95%", "Ondergrens 99,8%",
    "Bovengrens 99,8%", "Methode", "Benadering", "Ontbreekt", "Gemeente",
    "Oordeel t.o.v. gemeente", "Nederland", "Oordeel t.o.v. Nederland", "Rang",
    "Aantal vergelijkbare gebieden", "Kwintiel", "Oordeel tussen gebieden",
    "Drempel absoluut", "Drempel relatief (%)", "Vergelijkbare gebieden",
    "Oordeel t.o.v. vergelijkbare gebieden", "Indelingswijziging na dit jaar",
)
AREA_CHANGE_NL = {"code_changed": "code gewijzigd", "boundary_changed": "grens gewijzigd",
                  "not_linked": "niet te koppelen"}
OVERVIEW_COLUMNS = (
    "Jaar", "Gemeentecode", "Wijkcode", "Wijk", "Kenmerk (code)", "Kenmerk", "Eenheid",
    "Waarde", "Benadering", "Gemeente", "Nederland", "Oordeel t.o.v. gemeente",
    "Betrouwbaarheid", "Oordeel tussen wijken", "Kwintiel",
)


def _shown(value: float | None, unit: str, reference: float | None = None) -> Number:
    """A figure rounded as the page rounds it (the interval by its upper bound, as shown)."""
    if value is None:
        return Number(None)
    ref = value if reference is None else reference
    return Number(value, decimals_for(unit, ref))


def _verdict(code: str) -> str:
    return VERDICT_NL.get(code, code)


def wijkfoto_csv(w: Wijkfoto) -> str:
    """One row per indicator: the wijkfoto as a table for spreadsheets."""
    rows = []
    for v in w.indicators:
        hi95, hi998 = v.interval95[1], v.interval998[1]
        relative = v.materiality.get("relative")
        similar = v.vs_similar
        change = v.area_change
        rows.append((
            v.year or w.year, w.area.code, w.area.name, v.theme, v.id, v.label, v.unit,
            _shown(v.value, v.unit), Number(v.numerator, 0), Number(v.denominator, 0),
            _shown(v.interval95[0], v.unit, hi95), _shown(hi95, v.unit),
            _shown(v.interval998[0], v.unit, hi998), _shown(hi998, v.unit),
            v.method, v.approximate, MISSING_NL.get(v.missing, v.missing),
            _shown(v.vs_gemeente.benchmark_value, v.unit), _verdict(v.vs_gemeente.verdict),
            _shown(v.vs_nl.benchmark_value, v.unit), _verdict(v.vs_nl.verdict),
            v.peers.rank, v.peers.count, v.peers.quintile, _verdict(v.peers.funnel_verdict),
            v.materiality.get("absolute"),
            Number(relative * 100, 1) if relative is not None else None,
            _shown(similar.benchmark_value, v.unit) if similar else Number(None),
            _verdict(similar.verdict) if similar else "",
            f"{AREA_CHANGE_NL.get(change['kind'], change['kind'])} ({change['year']})"
            if change else "",
        ))
    return csv_text(WIJKFOTO_COLUMNS, rows)


def overview_csv(ov: Overview) -> str:
    """Long format, one row per wijk and indicator, as the heat map shows them."""
    rows = []
    for code, name, _inwoners, cells in ov.rows:
        for ind, cell, gv, nv in zip(ov.indicators, cells, ov.gemeente_values, ov.nl_values,
                                     strict=True):
            rows.append((
                ov.year, ov.gemeente.code, code, name, ind.id, ind.label, ind.unit,
                _shown(cell.value, ind.unit), cell.approximate, _shown(gv, ind.unit),
                _shown(nv, ind.unit), _verdict(cell.verdict),
                LEVEL_PCT.get(cell.level, "") if cell.level is not None else "",
                _verdict(cell.funnel_verdict), cell.quintile,
            ))
    return csv_text(OVERVIEW_COLUMNS, rows)
