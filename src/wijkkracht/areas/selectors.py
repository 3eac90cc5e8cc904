"""Reads of the CBS data kept in the database, with a small per-process cache.

The cache holds immutable computed years keyed by (year, import time), so a re-import is picked
up on the next request and no server depends on another's memory.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict

import polars as pl

from wijkkracht.errors import WijkkrachtError

from .models import BoundarySet, KwbDataset
from .table import KwbTable

_CACHE: OrderedDict[tuple[int, str], object] = OrderedDict()
_LOCK = threading.Lock()
CACHE_SIZE = 6  # newest year's table and computation, its latest-year combination, maps

NO_DATA = ("Er zijn nog geen CBS-kerncijfers geladen. Een beheerder laadt ze met "
           "'wijkkracht demo --data BESTAND' of 'wijkkracht manage load_kwb BESTAND'.")


def available_years() -> list[int]:
    return sorted(KwbDataset.objects.values_list("year", flat=True))


def _dataset(year: int | None) -> KwbDataset:
    qs = KwbDataset.objects.defer("parquet")
    ds = qs.filter(year=year).first() if year else qs.order_by("-year").first()
    if ds is None:
        if year and KwbDataset.objects.exists():
            raise WijkkrachtError(f"Er zijn geen kerncijfers over {year} geladen (wel over "
                                  f"{', '.join(map(str, available_years()))}).")
        raise WijkkrachtError(NO_DATA)
    return ds


def _cached(key: tuple[int, str], build):
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    value = build()
    with _LOCK:
        _CACHE[key] = value
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return value


def _read_table(ds: KwbDataset) -> KwbTable:
    raw = KwbDataset.objects.values_list("parquet", flat=True).get(pk=ds.pk)
    frame = pl.read_parquet(io.BytesIO(bytes(raw)))
    return KwbTable(year=ds.year, frame=frame, source=ds.source, layout=ds.layout,
                    table_id=ds.table_id or None)


def kwb_table(year: int | None = None) -> KwbTable:
    ds = _dataset(year)
    return _cached((ds.year, f"table:{ds.imported_at.isoformat()}"), lambda: _read_table(ds))


def computed_year(year: int | None = None):
    from wijkkracht.wijkfoto.core.compute import compute_year

    ds = _dataset(year)
    return _cached((ds.year, f"computed:{ds.imported_at.isoformat()}"),
                   lambda: compute_year(kwb_table(ds.year)))


def latest_years(year: int | None = None):
    """The loaded years up to ``year`` (default: all) combined: per area and indicator the most
    recent year with a published value (wijkfoto.core.latest). Only the combination is cached;
    the earlier years are computed once for it and then let go."""
    from wijkkracht.wijkfoto.core.compute import compute_year
    from wijkkracht.wijkfoto.core.latest import combine_years

    newest = _dataset(year)
    loaded = list(KwbDataset.objects.defer("parquet").filter(year__lte=newest.year)
                  .order_by("-year"))
    if len(loaded) == 1:
        return computed_year(newest.year)
    key = (newest.year, "latest:" + ";".join(f"{d.year}@{d.imported_at.isoformat()}"
                                             for d in loaded))
    return _cached(key, lambda: combine_years(
        [computed_year(newest.year)] + [compute_year(_read_table(d)) for d in loaded[1:]]))


def boundaries(year: int, level: str) -> dict | None:
    """The GeoJSON of a level for the year, or the nearest earlier year; None if none."""
    import gzip
    import json

    bs = (BoundarySet.objects.filter(level=level, year__lte=year).order_by("-year").first()
          or BoundarySet.objects.filter(level=level).order_by("year").first())
    if bs is None:
        return None
    return _cached((bs.year, f"geo:{level}:{bs.imported_at.isoformat()}"),
                   lambda: json.loads(gzip.decompress(bytes(bs.geojson))))


def area_names(codes) -> dict[str, str]:
    """"Transvaalwijk (Haarlem)" per CBS code, from the latest KWB year loaded; a code that is
    not in it (or no figures loaded) keeps its code."""
    wanted = sorted(set(codes))
    names = dict(zip(wanted, wanted, strict=True))
    if not wanted:
        return names
    try:
        table = kwb_table()
    except WijkkrachtError:
        return names
    frame = table.frame.filter(table.frame["code"].is_in(wanted)) \
        .select("code", "name", "level", "gemeente_name")
    for code, name, level, gemeente in frame.iter_rows():
        if name:
            names[code] = f"{name} ({gemeente})" if level in ("WK", "BU") and gemeente else name
    return names
