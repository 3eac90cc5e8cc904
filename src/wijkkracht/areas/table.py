"""A loaded KWB year: one row per area, identity columns plus the source fields, by meaning."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from .fields import DATA_FIELDS

IDENTITY_COLUMNS = (
    "code", "name", "level", "gemeente_code", "wijk_code", "parent_code", "gemeente_name",
    "boundary_change",
)

# Published KWB tables on StatLine (table id per reference year).
TABLE_IDS = {
    2013: "82339NED", 2014: "82931NED", 2015: "83220NED", 2016: "83487NED", 2017: "83765NED",
    2018: "84286NED", 2019: "84583NED", 2020: "84799NED", 2021: "85039NED", 2022: "85318NED",
    2023: "85618NED", 2024: "85984NED",
}
YEARS_BY_TABLE = {v: k for k, v in TABLE_IDS.items()}
FIRST_YEAR = 2003


@dataclass
class KwbTable:
    """One year of CBS Kerncijfers wijken en buurten.

    ``frame`` holds the identity columns and one Float64 column per data field that the source
    had (missing = null, never zero).
    """

    year: int
    frame: pl.DataFrame
    source: str
    layout: str
    table_id: str | None = None
    skipped: list[str] = field(default_factory=list)

    @property
    def field_ids(self) -> list[str]:
        known = {f.id for f in DATA_FIELDS}
        return [c for c in self.frame.columns if c in known]

    def attribution(self) -> str:
        return f"Bron: CBS, Kerncijfers wijken en buurten {self.year}"
