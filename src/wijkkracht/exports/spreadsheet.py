"""Every CSV the product writes: one that Dutch Excel opens as it is, and that cannot run.

Dutch Excel reads a CSV with its list separator (``;``), a decimal comma and, to know the file
is UTF-8, a byte-order mark; anything else ends up as one column of text or as dates. A text
cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula (OWASP "CSV injection"), and area names come from files anyone can make, so such a cell
is written with a leading apostrophe: Excel and LibreOffice then show it as text. Numbers are
written by this module, so they are never mistaken for text and never neutralised.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

DELIMITER = ";"
BOM = "\ufeff"
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
YES, NO = "ja", "nee"


@dataclass(frozen=True)
class Number:
    """A number rounded to ``decimals`` places, as the page shows it (None: an empty cell)."""

    value: float | int | None
    decimals: int = 0


Cell = str | int | float | bool | Number | None


def neutralise(text: str) -> str:
    """Text that a spreadsheet shows as text: a formula-like start gets an apostrophe."""
    return "'" + text if text.startswith(FORMULA_LEADS) else text


def dutch_number(value: float | int | None, decimals: int | None = None) -> str:
    """1234.56 -> '1234,6' (decimals=1); no thousands separator, which Excel might misread."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if decimals is None:
        if isinstance(value, int) or float(value).is_integer():
            return str(int(value))
        text = repr(float(value))
        if "e" in text:
            text = f"{value:.12f}".rstrip("0")
    else:
        text = f"{round(value, decimals) + 0.0:.{decimals}f}"
    return text.replace(".", ",")


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, Number):
        return dutch_number(value.value, value.decimals)
    if isinstance(value, int | float):
        return dutch_number(value)
    return neutralise(str(value))


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """The CSV as text, BOM first: write it as UTF-8 (``str.encode()``) and it opens in Excel."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"row has {len(row)} cells for {len(header)} columns")
        writer.writerow([cell_text(v) for v in row])
    return BOM + out.getvalue()


def read_csv_text(text: str) -> list[dict[str, str]]:
    """What ``csv_text`` wrote, back as rows of text by column (for tests and round trips)."""
    return list(csv.DictReader(io.StringIO(text.removeprefix(BOM), newline=""),
                               delimiter=DELIMITER))

