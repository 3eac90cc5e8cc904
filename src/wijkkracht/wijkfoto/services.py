"""What the command line (and later the web) calls: make a wijkfoto or overview, render, write."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from wijkkracht.areas.registry import find_area
from wijkkracht.areas.table import KwbTable
from wijkkracht.errors import WijkkrachtError

from .core.compute import ComputedYear, compute_year
from .core.latest import combine_years
from .core.overview import Overview, build_overview
from .core.profile import Wijkfoto, build_wijkfoto


def make_wijkfoto(table: KwbTable | Sequence[KwbTable], area_text: str,
                  compare: str | None = None, earlier: KwbTable | None = None,
                  computed: ComputedYear | None = None) -> Wijkfoto:
    """The wijkfoto of an area in the newest of the given years; with several years, each
    indicator from the latest year in which the area has a value (core/latest.py)."""
    tables = sorted([table] if isinstance(table, KwbTable) else table,
                    key=lambda t: t.year, reverse=True)
    if not tables:
        raise WijkkrachtError("Geen kerncijfers opgegeven.")
    years = [t.year for t in tables]
    if len(set(years)) != len(years):
        twice = sorted({y for y in years if years.count(y) > 1})
        raise WijkkrachtError(f"Het jaar {', '.join(map(str, twice))} is meer dan eens "
                              "opgegeven; geef elk jaar één keer.")
    area = find_area(tables[0], area_text, levels=("GM", "WK", "BU"))
    computed = computed or compute_year(tables[0])
    if len(tables) > 1:
        computed = combine_years([computed, *(compute_year(t) for t in tables[1:])])
    earlier_computed = compute_year(earlier) if earlier is not None else None
    return build_wijkfoto(computed, area, compare, earlier_computed)


def load_years(paths: Sequence[Path], year: int | None = None) -> list[KwbTable]:
    """The KWB years for a wijkfoto: the given files (with several, ``year`` picks the newest
    to show), or else every stored year up to ``year``; without either, what ``load_kwb``
    does (a CBS download, or one line on how to get data)."""
    from wijkkracht.areas.datasets import load_kwb
    from wijkkracht.areas.store import load_stored, stored_years

    if len(paths) == 1:  # --year may name the year of a file that does not say it
        return [load_kwb(paths[0], year)]
    if paths:
        tables = [load_kwb(p) for p in paths]
        if year is not None:
            if year not in {t.year for t in tables}:
                raise WijkkrachtError(f"Geen van de bestanden bevat {year} (wel: "
                                      f"{', '.join(str(t.year) for t in tables)}).")
            tables = [t for t in tables if t.year <= year]
        return tables
    newest = load_kwb(None, year)
    return [newest] + [load_stored(y) for y in stored_years() if y < newest.year]


def make_overview(table: KwbTable, gemeente_text: str) -> Overview:
    area = find_area(table, gemeente_text, levels=("GM",))
    return build_overview(compute_year(table), area)


def render(w: Wijkfoto, fmt: str) -> str | bytes:
    if fmt == "json":
        from .report.jsonout import wijkfoto_json

        return wijkfoto_json(w)
    if fmt == "csv":
        from .report.csvout import wijkfoto_csv

        return wijkfoto_csv(w)
    from .report.html import render_wijkfoto_html

    html = render_wijkfoto_html(w)
    if fmt == "html":
        return html
    if fmt == "pdf":
        from wijkkracht.reports.pdf import html_to_pdf

        return html_to_pdf(html)
    raise WijkkrachtError(f"Onbekend formaat '{fmt}'; kies json, csv, html of pdf.")


def render_overview(ov: Overview, fmt: str) -> str:
    if fmt == "csv":
        from .report.csvout import overview_csv

        return overview_csv(ov)
    from .report.html import render_overview_html

    return render_overview_html(ov)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, payload: str | bytes) -> None:
    """Write the whole file or nothing: a failure never leaves a half report behind."""
    path = Path(path)
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WijkkrachtError(f"De map {folder} bestaat niet; maak hem eerst aan of kies een "
                              "andere --out.")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise WijkkrachtError(f"Kan {path} niet schrijven: {exc.strerror}.") from None
