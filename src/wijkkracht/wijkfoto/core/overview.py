"""The whole-gemeente overview: all its wijken x all indicators (the heat map and its CSV)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from wijkkracht.areas.catalogue import Indicator
from wijkkracht.areas.codes import NL_CODE
from wijkkracht.areas.registry import Area

from .compute import ComputedYear


@dataclass
class OverviewCell:
    value: float | None
    verdict: str  # against the gemeente (CI rule with materiality)
    funnel_verdict: str  # among the wijken, allowing for overdispersion
    quintile: int | None
    level: float | None
    approximate: bool


@dataclass
class Overview:
    gemeente: Area
    year: int
    indicators: list[Indicator]
    gemeente_values: list[float | None]
    nl_values: list[float | None]
    rows: list[tuple[str, str, float | None, list[OverviewCell]]]  # code, name, inwoners, cells
    attribution: str
    source: str


def _n(x: float) -> float | None:
    return None if np.isnan(x) else float(x)


def build_overview(computed: ComputedYear, gemeente: Area) -> Overview:
    frame = computed.table.frame
    mask = frame.select(
        (pl.col("gemeente_code") == gemeente.code).fill_null(False)
        & (pl.col("level") == "WK")
    ).to_series()
    wijk_rows = np.nonzero(mask.to_numpy())[0]
    names = frame["name"].to_list()
    inwoners = frame["inwoners"].to_numpy() if "inwoners" in frame.columns else None
    results = [r for r in computed.results.values() if r.available]
    gm = computed.index[gemeente.code]
    nl = computed.index.get(NL_CODE, -1)
    rows = []
    for i in sorted(wijk_rows, key=lambda r: computed.codes[r]):
        cells = [OverviewCell(_n(r.value[i]), str(r.vs_gemeente.verdict[i]),
                              str(r.peers.funnel_verdict[i]), int(r.peers.quintile[i]) or None,
                              _n(r.vs_gemeente.level[i]), bool(r.approximate[i]))
                 for r in results]
        rows.append((str(computed.codes[i]), names[i],
                     _n(inwoners[i]) if inwoners is not None else None, cells))
    return Overview(
        gemeente=gemeente, year=computed.table.year, indicators=[r.indicator for r in results],
        gemeente_values=[_n(r.value[gm]) for r in results],
        nl_values=[_n(r.value[nl]) if nl >= 0 else None for r in results],
        rows=rows, attribution=computed.table.attribution(), source=computed.table.source)

