"""A new import of a stored year may not silently lose areas.

A KWB file cut off at a line boundary reads as a valid, smaller file (10,000 areas become
4,999), and importing it used to replace the stored year without a word. An import that
would leave a stored year with noticeably fewer areas, or without a gemeente it had, is
refused with what would be lost, unless the user says ``--replace``. Used by the file store
(``wijkkracht data import``) and by the database (the web's years).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from wijkkracht.errors import WijkkrachtError

SHRINK_TOLERANCE = 0.02  # a revised release may drop a few areas; a cut-off file drops many
SHOWN_GEMEENTEN = 10


@dataclass(frozen=True)
class Loss:
    year: int
    stored_areas: int
    new_areas: int
    lost_gemeenten: list[tuple[str, str]]  # (code, name), sorted by code

    @property
    def fewer(self) -> int:
        return self.stored_areas - self.new_areas

    def message(self) -> str:
        """What would be lost, in Dutch, and how to go on anyway."""
        parts = [f"Dit bestand zou de kerncijfers van {self.year} vervangen door "
                 f"{_n(self.new_areas)} gebieden; nu zijn het er {_n(self.stored_areas)}"]
        if self.fewer > 0:
            share = self.fewer / self.stored_areas * 100
            parts[0] += f" ({_n(self.fewer)} minder, {share:.0f}%)"
        parts[0] += "."
        if self.lost_gemeenten:
            shown = ", ".join(f"{name} ({code})" for code, name
                              in self.lost_gemeenten[:SHOWN_GEMEENTEN])
            more = len(self.lost_gemeenten) - SHOWN_GEMEENTEN
            tail = f" en {_n(more)} andere" if more > 0 else ""
            parts.append(f"{_n(len(self.lost_gemeenten))} gemeente(n) zouden verdwijnen: "
                         f"{shown}{tail}.")
        parts.append("Is het bestand afgebroken? Download het opnieuw. Wilt u dit jaar toch "
                     "vervangen, geef dan --replace op. Er is niets gewijzigd.")
        return " ".join(parts)


def _n(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def _gemeenten(frame: pl.DataFrame) -> dict[str, str]:
    rows = frame.filter(pl.col("level") == "GM").select("code", "name").iter_rows()
    found = {code: name for code, name in rows}
    if "gemeente_code" in frame.columns:  # a file without GM rows still names its gemeenten
        named = frame.select("gemeente_code", "gemeente_name").drop_nulls("gemeente_code")
        for code, name in named.unique().iter_rows():
            found.setdefault(code, name or code)
    return found


def replacement_loss(year: int, stored: pl.DataFrame, new: pl.DataFrame) -> Loss | None:
    """The loss if ``new`` replaced ``stored``, or None when nothing noticeable is lost."""
    old_gm, new_gm = _gemeenten(stored), _gemeenten(new)
    lost = sorted((code, old_gm[code]) for code in old_gm.keys() - new_gm.keys())
    shrinks = new.height < stored.height * (1 - SHRINK_TOLERANCE)
    if not shrinks and not lost:
        return None
    return Loss(year, stored.height, new.height, lost)


def check_replacement(year: int, stored: pl.DataFrame | None, new: pl.DataFrame,
                      replace: bool) -> None:
    """Raise a WijkkrachtError saying what would be lost, unless ``replace`` or no loss."""
    if stored is None or replace:
        return
    loss = replacement_loss(year, stored, new)
    if loss is not None:
        raise WijkkrachtError(loss.message())
