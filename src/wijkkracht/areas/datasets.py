"""Where a command gets its KWB year: a file given with --data, the local store, or CBS.

In that order. Without any of them the user gets one line saying how to get the data. A CBS
download is tried only when no file and no store are there, and never when
``WIJKKRACHT_OFFLINE`` is set (the tests set it).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from wijkkracht.errors import WijkkrachtError

from .sources.files import read_kwb_file
from .store import load_stored, save_table, stored_years
from .table import TABLE_IDS, KwbTable

OFFLINE_ENV = "WIJKKRACHT_OFFLINE"
HOW_TO_GET_DATA = (
    "Er zijn nog geen CBS-kerncijfers. Importeer een bestand met 'wijkkracht data import "
    "BESTAND' of download ze met 'wijkkracht data download --year 2024'."
)


def offline() -> bool:
    return os.environ.get(OFFLINE_ENV, "") not in ("", "0", "false")


def load_kwb(data: Path | str | None = None, year: int | None = None,
             progress: Callable[[int], None] | None = None) -> KwbTable:
    if data is not None:
        return read_kwb_file(data, year)
    years = stored_years()
    if years:
        if year is None:
            return load_stored(years[-1])
        if year in years:
            return load_stored(year)
    if offline():
        if years:
            return load_stored(year)  # raises the "not imported" message
        raise WijkkrachtError(HOW_TO_GET_DATA)
    from .sources.odata import download_year

    wanted = year or max(TABLE_IDS)
    try:
        table = download_year(wanted, progress=progress)
    except WijkkrachtError as exc:
        if years or year is not None:
            raise
        raise WijkkrachtError(f"{HOW_TO_GET_DATA} (Automatisch downloaden lukte niet: {exc})"
                              ) from None
    save_table(table)
    return table
