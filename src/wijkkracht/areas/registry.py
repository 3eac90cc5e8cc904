"""Finding areas by code or by name, with a clear answer when a name is ambiguous."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import polars as pl

from wijkkracht.errors import WijkkrachtError

from .codes import LEVEL_NAMES, is_area_code, normalise_code
from .table import KwbTable

MAX_CANDIDATES = 8


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    level: str
    gemeente_code: str | None
    gemeente_name: str
    boundary_change: int | None
    year: int

    def describe(self) -> str:
        where = f", gemeente {self.gemeente_name}" if self.level in ("WK", "BU") else ""
        return f"{self.name} ({LEVEL_NAMES[self.level]} {self.code}{where})"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def _area(row: dict, year: int) -> Area:
    return Area(row["code"], row["name"], row["level"], row["gemeente_code"],
                row["gemeente_name"], row["boundary_change"], year)


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    """Everyday names of gemeenten ("Den Haag") to their CBS names ("'s-Gravenhage"), folded."""
    raw = json.loads((files("wijkkracht.areas") / "aliases.json").read_text("utf-8"))
    return {_fold(k): _fold(v) for k, v in raw.items() if not k.startswith("_")}


def _hits(q: str, folded: list[str], codes: list[str]) -> list[tuple[int, int]]:
    hits = []
    for i, (name, code) in enumerate(zip(folded, codes, strict=True)):
        if q == name or q == code.lower():
            hits.append((0, i))
        elif name.startswith(q):
            hits.append((1, i))
        elif q in name or q in code.lower():
            hits.append((2, i))
    return hits


def _splits(q: str) -> list[tuple[str, str]]:
    """("transvaalwijk haarlem") -> [("transvaalwijk", "haarlem")]: every way to read the text
    as an area name followed by its gemeente, split at a comma or a space."""
    if "," in q:
        area, _, gemeente = q.rpartition(",")
        return [(area.strip(), gemeente.strip())] if area.strip() and gemeente.strip() else []
    words = q.split()
    return [(" ".join(words[:k]), " ".join(words[k:])) for k in range(len(words) - 1, 0, -1)]


def search_areas(table: KwbTable, text: str, limit: int = 50) -> list[Area]:
    """Areas whose code or name contains the text (accents and case ignored); exact first.

    A common name finds the gemeente by its CBS name ("Den Bosch": 's-Hertogenbosch), and
    "Transvaalwijk Haarlem" or "Transvaalwijk, Haarlem" finds the area of that name in that
    gemeente when the whole text matches no name."""
    q = re.sub(r"\s+", " ", _fold(text))
    if not q:
        return []
    frame = table.frame.select("code", "name", "level", "gemeente_code", "gemeente_name",
                               "boundary_change")
    folded = [_fold(n) for n in frame["name"].to_list()]
    codes = frame["code"].to_list()
    names = aliases()
    hits = _hits(q, folded, codes)
    if q in names:
        best: dict[int, int] = {}
        for rank, i in _hits(names[q], folded, codes) + hits:
            best[i] = min(rank, best.get(i, rank))
        hits = [(rank, i) for i, rank in best.items()]
    if not hits:
        gemeenten = [_fold(g or "") for g in frame["gemeente_name"].to_list()]
        for area_q, gemeente_q in _splits(q):
            gemeente_q = names.get(gemeente_q, gemeente_q)
            hits = [h for h in _hits(area_q, folded, codes) if gemeenten[h[1]] == gemeente_q]
            if hits:
                break
    order = {"NL": 0, "GM": 1, "WK": 2, "BU": 3}
    rows = frame.to_dicts()
    hits.sort(key=lambda h: (h[0], order[rows[h[1]]["level"]], rows[h[1]]["name"]))
    return [_area(rows[i], table.year) for _, i in hits[:limit]]


def find_area(table: KwbTable, text: str, levels: tuple[str, ...] = ("NL", "GM", "WK", "BU")
              ) -> Area:
    """One area by CBS code or by name; a Dutch error lists candidates when ambiguous.

    A name shared by areas of different levels picks the largest one when it is the only one at
    its level ("Haarlem" is the gemeente, not a wijk of that name); ``name_alternatives`` says
    which others carry the name, so the user can be told.
    """
    wanted = normalise_code(text)
    if is_area_code(wanted):
        rows = table.frame.filter(pl.col("code") == wanted).to_dicts()
        if not rows:
            raise WijkkrachtError(
                f"Gebied {wanted} komt niet voor in de kerncijfers van {table.year}"
                f"{_hint(table, wanted)}. Zoek de juiste code met 'wijkkracht areas search NAAM'."
            )
        area = _area(rows[0], table.year)
    else:
        hits = [a for a in search_areas(table, text, limit=500) if a.level in levels]
        exact = [a for a in hits if _fold(a.name) == _fold(text)]
        pool = exact or hits
        if not pool:
            raise WijkkrachtError(f"Geen gebied met de naam '{text}' in de kerncijfers van "
                                  f"{table.year}. Zoek met 'wijkkracht areas search {text}'.")
        if len(pool) > 1 and exact:
            top = next(lv for lv in ("NL", "GM", "WK", "BU") if any(a.level == lv for a in pool))
            same = [a for a in pool if a.level == top]
            if len(same) == 1:
                pool = same
        if len(pool) > 1:
            shown = "; ".join(a.describe() for a in pool[:MAX_CANDIDATES])
            more = f" en {len(pool) - MAX_CANDIDATES} meer" if len(pool) > MAX_CANDIDATES else ""
            raise WijkkrachtError(f"'{text}' is niet eenduidig: {shown}{more}. Geef de CBS-code "
                                  "op.")
        area = pool[0]
    if area.level not in levels:
        names = " of ".join(LEVEL_NAMES[lv] for lv in levels)
        raise WijkkrachtError(f"{area.describe()} is geen {names}. Geef een passend gebied op.")
    return area


def name_alternatives(table: KwbTable, chosen: Area, text: str) -> list[Area]:
    """Other areas whose name is exactly ``text`` (to mention beside the chosen one)."""
    if is_area_code(normalise_code(text)):
        return []
    return [a for a in search_areas(table, text, limit=500)
            if _fold(a.name) == _fold(text) and a.code != chosen.code]


def _hint(table: KwbTable, code: str) -> str:
    gm = "GM" + code[2:6] if len(code) >= 6 and not code.startswith("NL") else None
    if gm and table.frame.filter(pl.col("code") == gm).height == 0:
        return f" (gemeente {gm} staat niet in dit bestand)"
    return ""
