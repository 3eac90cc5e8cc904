"""What other capabilities may read of the wijkfoto: a wijk's context in a few figures (its
inhabitants over the loaded years, its age and income make-up) and the wijken most like it.
The monitor puts a wijk's indicator beside this ("more seen, or more problems?")."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from wijkkracht.areas import selectors as areas
from wijkkracht.areas.registry import find_area
from wijkkracht.errors import WijkkrachtError

from .core.profile import build_wijkfoto
from .core.wording import fmt_value

CONTEXT = ("aandeel_65plus", "inkomen_per_inwoner", "aandeel_hh_laag_inkomen", "bijstand")


@dataclass(frozen=True)
class Figure:
    label: str
    text: str  # the value in Dutch with its unit ("17,2%", "€ 31.400")
    year: int | None


@dataclass(frozen=True)
class AreaContext:
    code: str
    name: str
    inhabitants: tuple[tuple[int, int], ...]  # (year, inhabitants) per loaded year, oldest first
    figures: tuple[Figure, ...]
    similar: tuple[tuple[str, str], ...]  # (code, name) of the most similar wijken, nearest first


def inhabitants(code: str) -> tuple[tuple[int, int], ...]:
    out = []
    for year in sorted(areas.available_years()):
        frame = areas.kwb_table(year).frame
        if "inwoners" not in frame.columns:
            continue
        values = frame.filter(pl.col("code") == code)["inwoners"].to_list()
        if values and values[0] is not None:
            out.append((year, int(values[0])))
    return tuple(out)


def area_context(code: str) -> AreaContext | None:
    """None when no CBS figures are loaded or the code is not in them."""
    try:
        computed = areas.latest_years()
        area = find_area(computed.table, code, levels=("WK", "BU"))
        w = build_wijkfoto(computed, area)
    except WijkkrachtError:
        return None
    views = {v.id: v for v in w.indicators}
    figures = tuple(Figure(views[i].label, fmt_value(views[i].value, views[i].unit),
                           views[i].year or w.year)
                    for i in CONTEXT if i in views and views[i].value is not None)
    similar = tuple((a.code, a.name) for a in (w.similar.areas if w.similar else []))
    return AreaContext(area.code, area.name, inhabitants(area.code), figures, similar)
