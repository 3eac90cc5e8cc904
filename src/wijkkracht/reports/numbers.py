"""Dutch numbers for every report: a decimal comma and thousands dots ("1.234,5")."""

from __future__ import annotations

import math


def fmt_number(value: float | None, decimals: int = 1) -> str:
    """``1234.5`` -> ``"1.234,5"``; None or NaN -> an en dash (a missing value, never zero)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def fmt_money(euros: float | None, decimals: int = 0) -> str:
    """``2400`` -> ``"€ 2.400"``, ``2.4`` with 2 decimals -> ``"€ 2,40"``."""
    if euros is None or (isinstance(euros, float) and math.isnan(euros)):
        return "–"
    return f"€ {fmt_number(euros, decimals)}"
