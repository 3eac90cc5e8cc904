"""GeoJSON geometry read as plain lists (no Django): what the maps of every capability draw."""

from __future__ import annotations

from collections.abc import Iterable


def rings(geometry: dict) -> Iterable[list[list[float]]]:
    """The rings (outer and holes) of a Polygon or MultiPolygon; nothing for other types."""
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        yield from coords
    elif kind == "MultiPolygon":
        for polygon in coords:
            yield from polygon
