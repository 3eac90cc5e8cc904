"""The words and choices the monitor's pages, downloads and API share, so they never drift:
the period choice in a query, the decimals per measure, the period words of a reading and why
a value is missing."""

from __future__ import annotations

from ..core import compute as mc
from .reading import PeriodWords

GRANULARITY = {"maand": mc.MONTH, "kwartaal": mc.QUARTER}
DECIMALS = {"count": 0, "stock": 0, "proportion": 1, "rate": 1, "median": 1, "mean": 2}
WORDS = {mc.MONTH: PeriodWords("maand", "maanden"),
         mc.QUARTER: PeriodWords("kwartaal", "kwartalen")}
REASON_TEXT = {mc.SMALL: "kleine aantallen beschermd", mc.NO_DATA: "geen gegevens",
               mc.ZERO_DENOMINATOR: "noemer 0", mc.INCOMPLETE: "periode loopt nog"}
UNKNOWN_WIJK = "wijk onbekend"  # as the chooser ("unknown wijk") and the API say it
