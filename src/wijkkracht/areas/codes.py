"""CBS area codes: NL00, GMxxxx, WKxxxxyy, BUxxxxyyzz. Codes, not names, identify an area."""

from __future__ import annotations

import re

LEVELS = ("NL", "GM", "WK", "BU")
LEVEL_NAMES = {"NL": "Nederland", "GM": "gemeente", "WK": "wijk", "BU": "buurt"}
_CODE = re.compile(r"^(NL\d{2}|GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$")
NL_CODE = "NL00"


def normalise_code(text: str) -> str:
    return text.strip().upper()


def is_area_code(text: str) -> bool:
    return bool(_CODE.match(normalise_code(text)))


def level_of(code: str) -> str:
    return code[:2]


def gemeente_of(code: str) -> str | None:
    """The gemeente code of a gemeente, wijk or buurt code (None for the country)."""
    if code.startswith("NL"):
        return None
    return "GM" + code[2:6]


def wijk_of(code: str) -> str | None:
    if code.startswith("BU"):
        return "WK" + code[2:8]
    if code.startswith("WK"):
        return code
    return None


def parent_of(code: str) -> str | None:
    level = level_of(code)
    if level == "BU":
        return wijk_of(code)
    if level == "WK":
        return gemeente_of(code)
    if level == "GM":
        return NL_CODE
    return None
