"""Where an area sits: its trail Nederland > gemeente > wijk > buurt, and the areas inside it.

Read from the year's KWB table, so the trail and the links name exactly the areas that year
has (a wijk without buurten in the file simply lists none)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from wijkkracht.areas.codes import gemeente_of, wijk_of
from wijkkracht.areas.registry import Area
from wijkkracht.areas.table import KwbTable


@dataclass(frozen=True)
class Place:
    code: str
    name: str


def _names(table: KwbTable, codes: list[str]) -> dict[str, str]:
    rows = table.frame.filter(pl.col("code").is_in(codes)).select("code", "name")
    return dict(zip(rows["code"].to_list(), rows["name"].to_list(), strict=True))


def trail(table: KwbTable, area: Area) -> list[Place]:
    """The gemeente and wijk above ``area`` (not the area itself), largest first."""
    above = []
    if area.level in ("WK", "BU"):
        above.append(gemeente_of(area.code))
    if area.level == "BU":
        above.append(wijk_of(area.code))
    names = _names(table, above)
    return [Place(code, names[code]) for code in above if code in names]


def children(table: KwbTable, area: Area) -> list[Place]:
    """The wijken of a gemeente or the buurten of a wijk, by name."""
    if area.level == "GM":
        level, prefix = "WK", "WK" + area.code[2:]
    elif area.level == "WK":
        level, prefix = "BU", "BU" + area.code[2:]
    else:
        return []
    rows = (table.frame.filter((pl.col("level") == level) & pl.col("code").str.starts_with(prefix))
            .select("code", "name").sort("name"))
    return [Place(c, n) for c, n in zip(rows["code"].to_list(), rows["name"].to_list(),
                                        strict=True)]
