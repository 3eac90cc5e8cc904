"""The local store: imported KWB years as Parquet files in the data directory.

The data directory is ``$WIJKKRACHT_HOME`` or, by default, the per-user data folder
(``~/.local/share/wijkkracht`` on Linux). Writes go to a temporary file that replaces the old one
only when complete, so a failed import leaves the store as it was.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import polars as pl
from platformdirs import user_data_dir

from wijkkracht.errors import WijkkrachtError

from .replacement import check_replacement
from .table import KwbTable

HOME_ENV = "WIJKKRACHT_HOME"


def data_home() -> Path:
    return Path(os.environ.get(HOME_ENV) or user_data_dir("wijkkracht", appauthor=False))


def kwb_dir() -> Path:
    return data_home() / "kwb"


def private_dir(path: Path) -> Path:
    """Make ``path`` and its missing parents readable by the owner only: the data directory
    holds the database with TOTP keys, the secret keys and the stored figures."""
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
    return path


def _atomic_write(path: Path, write) -> None:
    private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_table(table: KwbTable, *, replace: bool = False) -> Path:
    """Store a year, replacing an earlier import of the same year; one that would lose areas
    or gemeenten only with ``replace`` (see ``replacement``)."""
    target = kwb_dir() / f"kwb-{table.year}.parquet"
    if target.exists():
        check_replacement(table.year, pl.read_parquet(target), table.frame, replace)
    meta = {
        "year": table.year,
        "source": table.source,
        "layout": table.layout,
        "table_id": table.table_id,
        "areas": table.frame.height,
        "fields": table.field_ids,
    }
    try:
        _atomic_write(target, lambda p: table.frame.write_parquet(p))
        _atomic_write(target.with_suffix(".json"),
                      lambda p: p.write_text(json.dumps(meta, indent=2), encoding="utf-8"))
    except OSError as exc:
        raise WijkkrachtError(f"Kan niet schrijven in de gegevensmap {kwb_dir()}: "
                              f"{exc.strerror}. Stel een andere map in met {HOME_ENV}.") from None
    return target


def stored_years() -> list[int]:
    folder = kwb_dir()
    if not folder.is_dir():
        return []
    years = []
    for p in folder.glob("kwb-*.parquet"):
        try:
            years.append(int(p.stem.split("-")[1]))
        except (IndexError, ValueError):
            continue
    return sorted(years)


def load_stored(year: int) -> KwbTable:
    path = kwb_dir() / f"kwb-{year}.parquet"
    if not path.exists():
        raise WijkkrachtError(f"Het jaar {year} is niet geïmporteerd (wel: "
                              f"{', '.join(map(str, stored_years())) or 'geen'}). Importeer het "
                              "met 'wijkkracht data import BESTAND'.")
    meta_path = path.with_suffix(".json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    return KwbTable(year=year, frame=pl.read_parquet(path), source=meta.get("source", path.name),
                    layout=meta.get("layout", "store"), table_id=meta.get("table_id"))


def store_summary() -> list[dict]:
    out = []
    for year in stored_years():
        meta_path = kwb_dir() / f"kwb-{year}.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        out.append({"year": year, **meta})
    return out
