"""The wijk's context for its indicator page: CBS figures from the wijkfoto and the count set
against signals, inhabitants and the organisation's other wijken (the most similar first)."""

from __future__ import annotations

from dataclasses import dataclass

from wijkkracht.areas.selectors import area_names
from wijkkracht.wijkfoto.selectors import AreaContext, area_context, inhabitants

from .core import compute as mc
from .core.context import Comparison, Reading, per_thousand, seen_or_more
from .core.indicators import IndicatorDef


@dataclass(frozen=True)
class WijkContext:
    area: AreaContext | None
    reading: Reading | None
    comparisons: tuple[Comparison, ...]
    similar: frozenset[str]  # names of the compared wijken that are among the most similar


def wijk_context(result: mc.Result, definition: IndicatorDef, wijk: str) -> WijkContext | None:
    if wijk == mc.UNKNOWN_WIJK:
        return None
    area = area_context(wijk)
    reading = None
    if definition.measure == "count":
        reading = seen_or_more(definition.name,
                               result.get(definition.code, mc.WIJK, wijk, mc.QUARTER),
                               result.get("new", mc.WIJK, wijk, mc.QUARTER),
                               area.inhabitants if area else ())
    names = area_names(w for w in result.wijken if w != mc.UNKNOWN_WIJK)
    similar = [code for code, _name in (area.similar if area else ()) if code in result.wijken]
    order = [wijk, *similar, *sorted((w for w in result.wijken
                                      if w not in (wijk, *similar, mc.UNKNOWN_WIJK)),
                                     key=lambda w: names.get(w, w))]
    comparisons = []
    if definition.measure == "count":
        for code in order:
            counts = inhabitants(code)
            comparisons.append(per_thousand(
                names.get(code, code), result.get(definition.code, mc.WIJK, code, mc.QUARTER),
                counts[-1][1] if counts else None))
    return WijkContext(area, reading, tuple(comparisons),
                       frozenset(names.get(c, c) for c in similar))
