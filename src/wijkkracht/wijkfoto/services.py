"""What the command line (and later the web) calls: make a wijkfoto or overview, render, write."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from wijkkracht.areas.registry import find_area
from wijkkracht.areas.table import KwbTable
from wijkkracht.errors import WijkkrachtError

from .core.compute import ComputedYear, compute_year
from .core.overview import Overview, build_overview
from .core.profile import Wijkfoto, build_wijkfoto


def make_wijkfoto(table: KwbTable, area_text: str, compare: str | None = None,
                  earlier: KwbTable | None = None,
                  computed: ComputedYear | None = None) -> Wijkfoto:
    area = find_area(table, area_text, levels=("GM", "WK", "BU"))
    computed = computed or compute_year(table)
    earlier_computed = compute_year(earlier) if earlier is not None else None
    return build_wijkfoto(computed, area, compare, earlier_computed)


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
        from .report.pdf import html_to_pdf

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
