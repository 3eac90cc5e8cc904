"""Writes of CBS data into the database (atomic: a failed import changes nothing)."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import polars as pl
from django.db import transaction

from wijkkracht.errors import WijkkrachtError
from wijkkracht.inputs.text import find_control_character

from .models import BoundarySet, KwbDataset
from .replacement import check_replacement
from .table import KwbTable


@transaction.atomic
def kwb_dataset_save(table: KwbTable, *, replace: bool = False) -> KwbDataset:
    """Store a year in the database; replacing a stored year with one that would lose areas
    or gemeenten needs ``replace`` (see ``replacement``)."""
    stored = (KwbDataset.objects.select_for_update().filter(year=table.year)
              .values_list("parquet", flat=True).first())
    if stored is not None:
        check_replacement(table.year, pl.read_parquet(io.BytesIO(bytes(stored))), table.frame,
                          replace)
    buffer = io.BytesIO()
    table.frame.write_parquet(buffer)
    ds, _ = KwbDataset.objects.update_or_create(
        year=table.year,
        defaults={"source": table.source[:300], "layout": table.layout,
                  "table_id": table.table_id or "", "areas": table.frame.height,
                  "parquet": buffer.getvalue()},
    )
    return ds


@transaction.atomic
def boundary_set_save(path: Path, year: int, level: str) -> BoundarySet:
    """Store a GeoJSON FeatureCollection whose features carry a CBS code property."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WijkkrachtError(f"{Path(path).name}: geen leesbare GeoJSON ({exc}).") from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or not features:
        raise WijkkrachtError(f"{Path(path).name}: geen GeoJSON FeatureCollection met gebieden.")
    slim = {"type": "FeatureCollection", "features": []}
    for n, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        code = next((str(v).strip() for k, v in props.items()
                     if k.lower() in ("statcode", "wijkcode", "gemeentecode", "code")), "")
        if not code.startswith(level):
            raise WijkkrachtError(f"{Path(path).name}, gebied {n}: geen {level}-code in de "
                                  "eigenschappen (statcode).")
        name = str(props.get("statnaam") or props.get("name") or code)
        found = find_control_character(name)
        if found is not None:
            raise WijkkrachtError(f"{Path(path).name}, gebied {n} ({code}): de naam bevat een "
                                  f"stuurteken (U+{ord(found[1]):04X}) op positie {found[0]}.")
        slim["features"].append({"type": "Feature", "geometry": feature.get("geometry"),
                                 "properties": {"code": code, "name": name}})
    bs, _ = BoundarySet.objects.update_or_create(
        year=year, level=level,
        defaults={"source": Path(path).name, "geojson": gzip.compress(
            json.dumps(slim, separators=(",", ":")).encode("utf-8"))},
    )
    return bs
