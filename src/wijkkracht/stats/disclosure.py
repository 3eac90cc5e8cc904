"""Statistical disclosure control for tables of counts: the threshold rule plus secondary
suppression, after Statistics Netherlands' practice for tables ("Statistische beveiliging") and
the ONS "Disclosure control guidance for tables produced from administrative data".

1. **Primary**: a count of 1 to ``THRESHOLD - 1`` is shown as "< 5" (``PRIMARY``). Zero is
   shown: it tells nothing about a person.
2. **Secondary** (``SECONDARY``, shown as "x"): a table has additive relations, each a *group*
   (a total and its parts). A suppressed cell could be recovered by subtraction if it were the
   only unknown cell of its group. So, until no group changes: in every group with exactly one
   unknown cell (suppressed, or never shown, ``HIDDEN``) that needs protection, the smallest
   shown non-zero cell of that group is suppressed too. Zero is never chosen (a suppressed zero
   next to a "< 5" would give the small count away).

This is the usual heuristic ("at least two suppressed cells in every row and column"): it
prevents exact recovery by one subtraction. It is not a linear-programming audit of intervals
(tau-ARGUS does that). Every capability that publishes counts of people uses this module.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

THRESHOLD = 5
SHOWN, PRIMARY, SECONDARY, HIDDEN = "shown", "primary", "secondary", "hidden"

Key = Hashable
Group = tuple[Key, list[Key]]  # (total, parts)


@dataclass
class Cell:
    value: int
    state: str = SHOWN

    @property
    def shown(self) -> bool:
        return self.state == SHOWN

    def text(self) -> str:
        if self.state == PRIMARY:
            return f"< {THRESHOLD}"
        if self.state in (SECONDARY, HIDDEN):
            return "x"
        return str(self.value)


def mark_primary(cells: dict[Key, Cell]) -> None:
    """Small non-zero counts become "< 5" (cells already hidden stay hidden)."""
    for cell in cells.values():
        if cell.state == SHOWN and 0 < cell.value < THRESHOLD:
            cell.state = PRIMARY


def needs_protection(cell: Cell) -> bool:
    return cell.state in (PRIMARY, SECONDARY) or (cell.state == HIDDEN
                                                  and 0 < cell.value < THRESHOLD)


def protect(cells: dict[Key, Cell], groups: list[Group]) -> int:
    """Secondary suppression until every group is safe; returns how many cells it added."""
    added = 0
    changed = True
    while changed:
        changed = False
        for total, parts in groups:
            members = [*parts, total]
            unknown = [k for k in members if not cells[k].shown]
            if len(unknown) != 1 or not needs_protection(cells[unknown[0]]):
                continue
            candidates = [k for k in members if cells[k].shown and cells[k].value > 0]
            if not candidates:  # cannot happen: the total is at least the protected count
                candidates = [k for k in members if cells[k].shown]
            if not candidates:
                continue
            # the smallest, parts before the total, then in a fixed order
            pick = min(candidates, key=lambda k: (cells[k].value, k == total, str(k)))
            cells[pick].state = SECONDARY
            added += 1
            changed = True
    return added


def disclosure_check(cells: dict[Key, Cell], groups: list[Group]) -> list[Key]:
    """Cells a reader could recover by one subtraction: the only unknown cell of a group that
    needs protection. Empty when the table is safe (tests use it on every table we publish)."""
    leaks = []
    for total, parts in groups:
        members = [*parts, total]
        unknown = [k for k in members if not cells[k].shown]
        if len(unknown) == 1 and needs_protection(cells[unknown[0]]):
            leaks.append(unknown[0])
    return leaks


# The same rules over arrays, for tables of tens of thousands of cells (the monitor): a cell is an
# index into ``values`` and ``states`` (codes below); a block is a 2-D array of cell indices, one
# group per row, the total in the last column. Groups within one block must not share cells (the
# wijken of one period, the months of one quarter), so a block's picks can be made at once.
STATE_CODES = {SHOWN: 0, PRIMARY: 1, SECONDARY: 2, HIDDEN: 3}


def protect_blocks(values, states, blocks) -> int:
    """Primary and secondary suppression in place on ``states`` (int8 codes of
    ``STATE_CODES``); returns how many cells were suppressed in all (hidden cells not counted)."""
    import numpy as np

    values = np.asarray(values)
    small = (values > 0) & (values < THRESHOLD)
    states[(states == 0) & small] = 1
    changed = True
    while changed:
        changed = False
        for block in blocks:
            if not len(block):
                continue
            member_states = states[block]
            unknown = member_states != 0
            single = unknown.sum(axis=1) == 1
            needy = (member_states == 1) | (member_states == 2) | (
                (member_states == 3) & small[block])
            rows = np.flatnonzero(single & (needy & unknown).any(axis=1))
            if not len(rows):
                continue
            cells = block[rows]
            vals = values[cells].astype(float)
            candidate = (states[cells] == 0) & (vals > 0)
            fallback = ~candidate.any(axis=1)  # cannot happen; stay safe on a shown zero
            candidate[fallback] = states[cells][fallback] == 0
            total_last = np.zeros(cells.shape[1])
            total_last[-1] = 0.5
            score = np.where(candidate, vals + total_last, np.inf)
            ok = np.isfinite(score).any(axis=1)
            picks = cells[ok, np.argmin(score[ok], axis=1)]
            states[picks] = 2
            changed = changed or bool(len(picks))
    return int(((states == 1) | (states == 2)).sum())
