"""Figures of an own indicator as people type them or keep them in a spreadsheet, checked before
anything is stored: a period ("2025-03", "2025-K1"), a wijk code or nothing (the whole team), a
numerator and a denominator, with a decimal comma or point.

A file is all or nothing: every row is checked, and a bad one refuses the file with its row (as
a spreadsheet numbers it: the header is row 1) and its column named, so it can be fixed in one
go. Whole numbers are required where a figure counts people (a count, both parts of a
proportion, the number of values behind a mean); a rate's denominator may be any exposure, a
mean's numerator any sum. Pure: the Dutch messages are the user's, the caller only shows them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from wijkkracht.errors import WijkkrachtError

from .manual import Figure

COLUMNS = ("periode", "wijk", "teller", "noemer")
REQUIRED = ("periode", "teller")
MAX_PROBLEMS = 20  # enough to fix a file in one go; more likely means the wrong file
MAX_SHOWN = 40
FIRST_YEAR, LAST_YEAR = 2000, 2100
WIJK_RE = re.compile(r"^WK\d{6}$")
NUMBER_RE = re.compile(r"^-?\d+(\.\d+)?$")
PERIOD_MESSAGE = "schrijf 2025-03 (een maand) of 2025-K1 (een kwartaal)."
WHOLE_MEASURES = ("count", "proportion")  # both parts count people


class FigureError(WijkkrachtError):
    """One figure refused: ``column`` names the Dutch column ('periode', 'wijk', 'teller',
    'noemer') the message is about."""

    def __init__(self, column: str, message: str):
        self.column = column
        super().__init__(message)


class FigureFileError(WijkkrachtError):
    """A file refused, with every problem found (row and column named)."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


@dataclass(frozen=True)
class Row:
    number: int  # as a spreadsheet numbers it
    figure: Figure


def read_period(raw: object) -> str:
    """"2025-03", "2025-3", "2025 K1", "2025-k1", "2025K1" or a spreadsheet date as the
    period it means; ``FigureError`` otherwise. Excel turns a typed 2025-03 into a date, so a
    date (or date-time) is read as its month."""
    if isinstance(raw, dt.date):
        year, text = raw.year, f"{raw.year:04d}-{raw.month:02d}"
    else:
        cleaned = re.sub(r"\s+", " ", str(raw or "").strip()).upper()
        month = re.fullmatch(r"(\d{4})[-/ ](\d{1,2})", cleaned)
        quarter = re.fullmatch(r"(\d{4})[- ]?(?:K|Q) ?([1-4])", cleaned)
        if month and 1 <= int(month[2]) <= 12:
            year, text = int(month[1]), f"{month[1]}-{int(month[2]):02d}"
        elif quarter:
            year, text = int(quarter[1]), f"{quarter[1]}-K{quarter[2]}"
        else:
            raise FigureError("periode", PERIOD_MESSAGE[0].upper() + PERIOD_MESSAGE[1:])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise FigureError("periode", f"Het jaar {year} ligt niet tussen {FIRST_YEAR} en "
                                     f"{LAST_YEAR}.")
    return text


def read_wijk(raw: object) -> str:
    """A CBS wijk code (WK and six digits) or "" for the whole team."""
    text = str(raw or "").strip().upper()
    if text and not WIJK_RE.match(text):
        raise FigureError("wijk", f"{_shown(str(raw))} is geen wijkcode. Schrijf een code als "
                                  "WK036301, of laat het vak leeg voor het hele team.")
    return text


def read_number(raw: object, column: str) -> float | None:
    """A number with a decimal comma or point ("12,5", "12.5"), None when empty. A number
    with both a point and a comma is refused: "1.234,5" might mean two things."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        raise FigureError(column, f"{raw} is geen getal.")
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
        if not text:
            return None
        if "," in text and "." in text:
            raise FigureError(column, f"{_shown(text)}: schrijf het getal zonder punt voor de "
                                      "duizendtallen, bijvoorbeeld 1234,5.")
        text = text.replace(",", ".")
        if not NUMBER_RE.match(text) or len(text) > 20:
            raise FigureError(column, f"{_shown(str(raw))} is geen getal. Schrijf bijvoorbeeld "
                                      "12 of 12,5.")
        value = float(text)
    if not math.isfinite(value):
        raise FigureError(column, f"{_shown(str(raw))} is geen getal.")
    return value


def figure(measure: str, *, period: object, wijk: object, numerator: object,
           denominator: object) -> Figure:
    """One figure checked for an indicator of kind ``measure``; ``FigureError`` names the
    column of the first problem."""
    period_text = read_period(period)
    wijk_text = read_wijk(wijk)
    num = read_number(numerator, "teller")
    den = read_number(denominator, "noemer")
    if num is None:
        raise FigureError("teller", "Vul de teller in.")
    if measure == "count":
        if den is not None:
            raise FigureError("noemer", "Een aantal heeft geen noemer: laat dit vak leeg.")
    elif den is None:
        raise FigureError("noemer", "Vul de noemer in: bij een aandeel, een verhouding of een "
                                    "gemiddelde hoort een noemer.")
    if measure != "mean" and num < 0:
        raise FigureError("teller", "De teller kan niet negatief zijn.")
    if den is not None and den < 0:
        raise FigureError("noemer", "De noemer kan niet negatief zijn.")
    if measure in WHOLE_MEASURES and not num.is_integer():
        raise FigureError("teller", "Schrijf een heel getal: de teller is een aantal.")
    if measure in (*WHOLE_MEASURES, "mean") and den is not None and not den.is_integer():
        raise FigureError("noemer", "Schrijf een heel getal: de noemer is een aantal.")
    if measure == "proportion" and den is not None and num > den:
        raise FigureError("teller", "De teller is groter dan de noemer; een aandeel kan niet "
                                    "boven de 100% komen.")
    return Figure(period_text, wijk_text, num, den)


def figures_from_table(measure: str, header: Sequence[object],
                       rows: Sequence[Sequence[object]]) -> list[Row]:
    """Every row of a table (the header first, as read from a CSV or a worksheet) as figures,
    or ``FigureFileError`` listing each problem: the whole file or nothing."""
    names = [str(h or "").strip().casefold() for h in header]
    problems: list[str] = []
    unknown = [n for n in names if n and n not in COLUMNS]
    missing = [c for c in REQUIRED if c not in names]
    if measure != "count" and "noemer" not in names:
        missing.append("noemer")
    if unknown or missing:
        text = []
        if missing:
            text.append(f"De kolom {', '.join(repr(m) for m in missing)} ontbreekt.")
        if unknown:
            text.append(f"De kolom {', '.join(repr(_shown(u)) for u in unknown)} kennen we "
                        "niet.")
        raise FigureFileError([" ".join(text) + " De eerste rij noemt de kolommen: "
                               + ";".join(COLUMNS) + " (de wijk en, bij een aantal, de noemer "
                               "mogen ontbreken)."])
    if len(set(n for n in names if n)) != len([n for n in names if n]):
        raise FigureFileError(["Een kolom staat twee keer in de eerste rij."])
    out: list[Row] = []
    seen: dict[tuple[str, str], int] = {}
    for number, values in enumerate(rows, start=2):
        if not any(str(v).strip() for v in values if v is not None):
            continue
        cells = {n: (values[i] if i < len(values) else None) for i, n in enumerate(names) if n}
        if any(str(v).strip() for v in values[len(names):] if v is not None):
            problems.append(f"Rij {number}: deze rij heeft meer waarden dan er kolommen zijn.")
        else:
            try:
                f = figure(measure, period=cells.get("periode"), wijk=cells.get("wijk"),
                           numerator=cells.get("teller"), denominator=cells.get("noemer"))
            except FigureError as error:
                problems.append(f"Rij {number}, kolom '{error.column}': "
                                f"{_lower_first(str(error))}")
            else:
                key = (f.period, f.wijk)
                if key in seen:
                    who = f"wijk {f.wijk}" if f.wijk else "het hele team"
                    problems.append(f"Rij {number}: {f.period} voor {who} staat ook al in rij "
                                    f"{seen[key]}.")
                else:
                    seen[key] = number
                    out.append(Row(number, f))
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise FigureFileError(problems)
    if not out:
        raise FigureFileError(["Het bestand heeft geen rijen onder de eerste rij."])
    return out


def _shown(raw: str) -> str:
    raw = raw.strip()
    if not raw:
        return "''"
    return raw if len(raw) <= MAX_SHOWN else raw[:MAX_SHOWN] + "…"


def _lower_first(text: str) -> str:
    """"Schrijf ..." as it reads after "kolom 'periode': "."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text
