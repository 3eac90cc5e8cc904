"""The sector mixing matrix as a heat-map table: observed against expected ties per sector pair.

An HTML table rather than a picture, so a screen reader can walk it cell by cell. Each cell
holds the number of ties and, smaller, the number expected under random mixing
(:mod:`wijkkracht.netwerk.core.mixing`); the background shades the ratio observed / expected in
five steps (much fewer ... much more), and a ▼ or ▲ marks a difference the permutation test
finds (p < ``alpha``), so colour is never the only cue. Fills are light and text dark (contrast
above 8:1).

Too few to tell: with few ties expected, even none observed is no surprise (0 ties against 0,3
expected says nothing), so "fewer than expected" is only coloured where it could be told at
all. Under a Poisson count with mean ``expected``, the chance of no tie is ``exp(-expected)``;
when that is at least ``alpha`` (expected below -ln 0,05 = 3,0 ties) no count can be
significantly low, and the cell is neutral ("few"). More ties than expected keep their colour.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scipy.stats import poisson

from ..core.mixing import Mixing
from ..core.model import LEVEL_LABELS
from . import wording

# (upper bound of observed / expected, css class, Dutch name); the last bound is open.
RATIO_STEPS = ((0.5, "h1", "veel minder dan verwacht"), (0.8, "h2", "minder dan verwacht"),
               (1.25, "h3", "ongeveer zoals verwacht"), (2.0, "h4", "meer dan verwacht"),
               (float("inf"), "h5", "veel meer dan verwacht"))
ALPHA = 0.05
FEW = ("few", "te weinig verwacht om iets te zeggen")


def can_be_fewer(expected: float, alpha: float = ALPHA) -> bool:
    """Whether any count could be significantly below ``expected`` (one-sided Poisson test):
    only if even zero ties would be rarer than ``alpha``."""
    return float(poisson.cdf(0, expected)) < alpha


@dataclass(frozen=True)
class HeatCell:
    observed: str
    expected: str
    css: str  # h1..h5, or "hidden" / "empty"
    symbol: str  # ▼ significantly fewer, ▲ significantly more, "" otherwise
    label: str  # the whole cell in words, for the title attribute


@dataclass(frozen=True)
class HeatMap:
    level: int
    level_label: str
    view: str
    sectors: tuple[str, ...]
    rows: tuple[tuple[HeatCell, ...], ...]  # rows: sector saying, columns: sector named
    caption: str
    hidden: bool  # some cell hidden for privacy
    steps: tuple[tuple[str, str], ...] = tuple((css, name) for _, css, name in RATIO_STEPS)


def _step(ratio: float) -> tuple[str, str]:
    for bound, css, name in RATIO_STEPS:
        if ratio < bound:
            return css, name
    return RATIO_STEPS[-1][1], RATIO_STEPS[-1][2]


def heat_map(mixing: Mixing, *, row_people: Mapping[str, int], column_people: Mapping[str, int],
             anonymous: bool = False, alpha: float = ALPHA) -> HeatMap:
    """Cells of the mixing matrix; in the anonymous report a cell about a group of fewer than
    MIN_PEOPLE (5) people (respondents for the row, everyone for the column) is hidden."""
    if mixing.view != "directed":
        raise ValueError("the heat map reads rows as 'who says', so it needs the directed view")
    rows = []
    hidden = False
    for g in mixing.sectors:
        cells = []
        for h in mixing.sectors:
            pair = mixing.pair(g, h)
            small = min(row_people.get(g, 0), column_people.get(h, 0)) < wording.MIN_PEOPLE
            if anonymous and small:
                hidden = True
                cells.append(HeatCell(wording.HIDDEN, "", "hidden", "",
                                      f"{g} over {h}: niet getoond, minder dan "
                                      f"{wording.MIN_PEOPLE} mensen"))
                continue
            if pair.cells == 0:
                cells.append(HeatCell(wording.HIDDEN, "", "empty", "",
                                      f"{g} over {h}: niemand kon dit invullen"))
                continue
            ratio = pair.observed / pair.expected if pair.expected else 0.0
            css, name = _step(ratio) if pair.expected else ("h3", "geen banden verwacht")
            if css in ("h1", "h2") and not can_be_fewer(pair.expected, alpha):
                css, name = FEW
            symbol = ""
            if pair.p_fewer is not None and pair.p_fewer < alpha:
                symbol = "▼"
            elif pair.p_more is not None and pair.p_more < alpha:
                symbol = "▲"
            p = pair.p_fewer if symbol == "▼" else pair.p_more if symbol == "▲" else None
            test = f", {wording.p_value(p)}" if p is not None else ""
            cells.append(HeatCell(
                wording.number(pair.observed, 0), wording.number(pair.expected, 1), css, symbol,
                f"{g} over {h}: {pair.observed} banden, {wording.number(pair.expected, 1)} "
                f"verwacht bij toeval ({name}{test})"))
        rows.append(tuple(cells))
    caption = (f"Banden tussen sectoren op {wording.level_name(mixing.level)}: rij = wie het "
               f"zegt, kolom = over wie. Groot getal: banden; klein getal: verwacht bij toeval.")
    return HeatMap(mixing.level, LEVEL_LABELS[mixing.level], mixing.view, mixing.sectors,
                   tuple(rows), caption, hidden)
