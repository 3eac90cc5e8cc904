"""Dutch wording for users: numbers with a decimal comma, verdicts and missing reasons."""

from __future__ import annotations

from wijkkracht.reports.numbers import fmt_number

VERDICT_NL = {
    "better": "gunstiger",
    "worse": "ongunstiger",
    "higher": "hoger",
    "lower": "lager",
    "similar": "niet anders",
    "not_compared": "niet vergeleken",
}
VERDICT_SYMBOL = {
    "better": "▲", "worse": "▼", "higher": "▲", "lower": "▼", "similar": "●",
    "not_compared": "○",
}
TREND_NL = {
    "better": "verbeterd",
    "worse": "verslechterd",
    "higher": "gestegen",
    "lower": "gedaald",
    "similar": "niet veranderd",
    "not_compared": "niet vergeleken",
}
MISSING_NL = {
    "": "",
    "not_in_source": "niet in dit bestand",
    "secret_or_not_published": "geheim of niet gepubliceerd door CBS",
    "no_denominator": "geen noemer; geen interval",
    "area_not_in_earlier_year": "gebied bestond toen nog niet",
    "boundary_changed": "grens gewijzigd; niet vergelijkbaar",
    "no_interval": "geen interval; niet getoetst",
}
LEVEL_PCT = {0.95: "95%", 0.998: "99,8%"}


def decimals_for(unit: str, value: float) -> int:
    if unit in ("%", "per 1 000"):
        return 1
    if unit in ("km", "personen", "per huishouden", "scholen"):
        return 1
    if abs(value) >= 100:
        return 0
    return 1


THOUSAND_EUROS = "x 1 000 euro"


def fmt_euros(thousands: float) -> str:
    """CBS gives amounts in thousands of euros: 421 -> "€ 421.000" (Dutch thousands dots)."""
    return f"€ {fmt_number(thousands * 1000, 0)}"


def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == THOUSAND_EUROS:
        return fmt_euros(value)
    d = decimals_for(unit, value)
    if unit == "%":
        return f"{fmt_number(value, d)}%"
    if unit == "per 1 000":
        return f"{fmt_number(value, d)} per 1.000"
    return f"{fmt_number(value, d)} {unit}"


def fmt_interval(interval: list[float | None], unit: str) -> str:
    lo, hi = interval
    if lo is None or hi is None:
        return "–"
    if unit == THOUSAND_EUROS:
        return f"{fmt_euros(lo)}–{fmt_euros(hi)}"
    ref = hi if hi is not None else 0.0
    d = decimals_for(unit, ref)
    return f"{fmt_number(lo, d)}–{fmt_number(hi, d)}"
