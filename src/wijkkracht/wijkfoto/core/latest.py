"""Several KWB years as one: per area and indicator, the most recent year with a published value.

CBS's first release of a year leaves income, benefits, jeugdzorg, Wmo, education and distances
empty; they follow in later years. Like Fingertips, which shows each indicator for its latest
period, the wijkfoto then shows each indicator for the latest loaded year in which the area has a
value, labelled with that year. Everything that goes with the value (intervals, the gemeente and
Nederland benchmarks, the position among the gemeente's wijken) comes from that same year; the
similar areas are those of the newest year, averaged over their figures of the value's year.

Areas are linked between years by their CBS code. CBS's ``IndelingswijzigingWijkenEnBuurten``
says per year whether an area's code (2) or boundary (3) changed since the year before; a value
from an earlier year carries the latest such change in a loaded year after it. An area without a
value in any year, whose code does not occur in an earlier year that has the figure for its
gemeente (Amsterdam re-coded all its wijken in 2022), gets ``not_linked`` with that year: the
figure exists, under codes that cannot be linked to this area.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, is_dataclass, replace

import numpy as np

from .compute import ComputedYear, IndicatorResult, similar_comparison

CODE_CHANGED = "code_changed"
BOUNDARY_CHANGED = "boundary_changed"
NOT_LINKED = "not_linked"


def _rows_in(year: ComputedYear, codes: np.ndarray) -> np.ndarray:
    """For each code, its row in ``year`` (-1 when the code does not occur there)."""
    index = year.index
    return np.fromiter((index.get(c, -1) for c in codes), dtype=np.int64, count=len(codes))


def _flags(year: ComputedYear, rows: np.ndarray) -> np.ndarray:
    """The boundary-change flag of each linked area in ``year`` (0 where unknown)."""
    col = year.table.frame["boundary_change"].fill_null(0).to_numpy().astype(np.int64)
    return np.where(rows >= 0, col[np.where(rows >= 0, rows, 0)], 0)


def _overwrite(target, source, mask: np.ndarray, rows: np.ndarray) -> None:
    """target[mask] = source[rows] for every per-area array of a result (recursively)."""
    for f in fields(target):
        t, s = getattr(target, f.name), getattr(source, f.name)
        if is_dataclass(t) and s is not None:
            _overwrite(t, s, mask, rows)
        elif isinstance(t, np.ndarray) and isinstance(s, np.ndarray):
            t[mask] = s[rows]


def _copy(result):
    """A deep copy of the per-area arrays of a result (the indicator itself is shared)."""
    changes = {}
    for f in fields(result):
        v = getattr(result, f.name)
        if is_dataclass(v):
            changes[f.name] = _copy(v)
        elif isinstance(v, np.ndarray):
            changes[f.name] = v.copy()
    return replace(result, **changes)


def combine_years(years: Sequence[ComputedYear]) -> ComputedYear:
    """One computed year holding, per area of the newest year, each indicator's latest value."""
    ordered = sorted(years, key=lambda c: c.table.year, reverse=True)
    if len({c.table.year for c in ordered}) != len(ordered):
        raise ValueError("each year may occur only once")
    latest, earlier = ordered[0], ordered[1:]
    if not earlier:
        return latest
    codes = latest.codes
    n = len(codes)
    rows = {c.table.year: _rows_in(c, codes) for c in earlier}
    rows[latest.table.year] = np.arange(n)
    flags = {y: _flags(c, rows[y]) for c, y in ((c, c.table.year) for c in ordered)}
    gemeenten = latest.table.frame["gemeente_code"].to_numpy()
    gm_rows = {c.table.year: _rows_in(c, gemeenten) for c in earlier}
    peers = latest.similar.rows if latest.similar is not None else np.full((n, 0), -1)
    results: dict[str, IndicatorResult] = {}
    for ind_id, base in latest.results.items():
        pick = np.where(np.isfinite(base.value), latest.table.year, 0).astype(np.int32)
        unlinked_year = np.zeros(n, np.int32)  # newest earlier year with the figure elsewhere
        taken: list[tuple[ComputedYear, np.ndarray]] = []
        for c in earlier:
            res = c.results.get(ind_id)
            if res is None or not res.available:
                continue
            r = rows[c.table.year]
            linked = r >= 0
            value = np.where(linked, res.value[np.where(linked, r, 0)], np.nan)
            take = (pick == 0) & np.isfinite(value)
            g = gm_rows[c.table.year]
            gm_value = np.where(g >= 0, res.value[np.where(g >= 0, g, 0)], np.nan)
            elsewhere = (unlinked_year == 0) & ~linked & np.isfinite(gm_value)
            unlinked_year[elsewhere] = c.table.year
            if take.any():
                pick[take] = c.table.year
                taken.append((c, take))
        if not taken and not unlinked_year.any():
            results[ind_id] = base
            continue
        out = _copy(base)
        out.available = base.available or bool(taken)
        for c, take in taken:
            r = rows[c.table.year][take]
            _overwrite(out, c.results[ind_id], take, r)
            out.year[take] = c.table.year
            if out.vs_similar is not None and peers.shape[1]:
                src_peers = np.where(peers[take] >= 0,
                                     rows[c.table.year][np.where(peers[take] >= 0,
                                                                 peers[take], 0)], -1)
                sim = similar_comparison(c.results[ind_id], src_peers, r)
                _overwrite(out.vs_similar, sim, take, np.arange(int(take.sum())))
        _mark_changes(out, pick, flags, unlinked_year)
        results[ind_id] = out
    return ComputedYear(latest.table, codes, latest.index, latest.peer_group, results,
                        latest.similar, tuple(c.table.year for c in ordered))


def _mark_changes(out: IndicatorResult, pick: np.ndarray, flags: dict[int, np.ndarray],
                  unlinked_year: np.ndarray) -> None:
    """The most telling code or boundary change in a loaded year after the value's year."""
    for y in sorted(flags):  # later years overwrite earlier ones: the latest change is kept
        after = (pick > 0) & (pick < y)
        code = after & (flags[y] == 2)
        boundary = after & (flags[y] == 3)
        out.change[code] = CODE_CHANGED
        out.change[boundary] = BOUNDARY_CHANGED
        out.change_year[code | boundary] = y
    # No value in any year, while an earlier year has the figure for the area's gemeente under
    # other codes: the area could not be linked to it.
    lost = (pick == 0) & (unlinked_year > 0)
    out.change[lost] = NOT_LINKED
    out.change_year[lost] = unlinked_year[lost]
