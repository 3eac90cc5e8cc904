"""Read KWB files as CBS and others publish them: CSV (any of the three layouts), XLSX, JSON.

Layouts recognised by their headers, never by column position:
* StatLine keys (``AantalInwoners_5``), from OData exports and CBS's typed CSV;
* StatLine title paths (``Bevolking/Aantal inwoners (aantal)``), also as mangled by R;
* the kwb-YYYY spreadsheet codes (``a_inw``, ``gwb_code_10``);
* JSON: a list of OData records, ``{"value": [...]}``, or ``{code: {key: value}}``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

from wijkkracht.errors import WijkkrachtError

from ..fields import is_statline_key
from ..table import FIRST_YEAR, YEARS_BY_TABLE, KwbTable
from .build import build_table

MAX_FILE_BYTES = 2 * 1024**3


def detect_year(path: Path) -> int | None:
    """The reference year from a table id (85984NED) or a year in the file or folder name."""
    for part in [path.name, *(p.name for p in path.parents)][:3]:
        for table_id, year in YEARS_BY_TABLE.items():
            if table_id.lower() in part.lower():
                return year
        found = re.findall(r"(?<!\d)(20[0-4]\d)(?!\d)", part)
        if found:
            return int(found[-1])
    return None


def detect_table_id(path: Path) -> str | None:
    m = re.search(r"\d{5}NED", path.name, re.IGNORECASE)
    return m.group(0).upper() if m else None


def _layout(headers: list[str]) -> str:
    if any(h.strip().lower() == "gwb_code_10" for h in headers):
        return "kwb-codes"
    if sum(is_statline_key(h.strip().lstrip("\ufeff")) for h in headers) >= 3:
        return "statline-keys"
    return "statline-labels"


def _decode(raw: bytes, source: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WijkkrachtError(
            f"{source}: het bestand is geen geldige UTF-8-tekst (byte {exc.start} kan niet "
            "gelezen worden). Sla het op als 'CSV UTF-8' of download het opnieuw bij CBS."
        ) from None


def read_csv_text(text: str, source: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    if "\x00" in text:
        raise WijkkrachtError(f"{source}: het bestand bevat binaire gegevens en is geen CSV. "
                              "Gebruik het CSV- of XLSX-bestand van CBS.")
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t|", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        headers = next(reader)
    except (StopIteration, csv.Error):
        raise WijkkrachtError(f"{source}: het bestand is leeg of geen CSV.") from None
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise WijkkrachtError(
            f"{source}, regel {reader.line_num}: de CSV is beschadigd ({exc}). Download het "
            "bestand opnieuw."
        ) from None
    headers = [h.strip().lstrip("\ufeff") for h in headers]
    # R's write.csv adds an unnamed row-number column; it carries no data.
    return headers, rows


def _read_xlsx(path: Path, source: str) -> tuple[list[str], list[tuple[int, list[object]]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:
        raise WijkkrachtError(f"{source}: dit is geen leesbaar Excel-bestand (.xlsx). Open het "
                              "in Excel en sla het op als .xlsx of CSV UTF-8.") from None
    sheet = wb.worksheets[0]
    it = sheet.iter_rows(values_only=True)
    try:
        headers = [str(h).strip() if h is not None else "" for h in next(it)]
    except StopIteration:
        raise WijkkrachtError(f"{source}: het werkblad is leeg.") from None
    rows = []
    for i, row in enumerate(it, start=2):
        cells = list(row)
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        if len(cells) > len(headers) and all(c is None for c in cells[len(headers) :]):
            cells = cells[: len(headers)]
        rows.append((i, cells))
    wb.close()
    return headers, rows


def records_to_rows(records: list[dict]) -> tuple[list[str], list[tuple[int, list[object]]]]:
    headers: list[str] = []
    for rec in records:
        for key in rec:
            if key not in headers:
                headers.append(key)
    rows = [(i + 1, [rec.get(h) for h in headers]) for i, rec in enumerate(records)]
    return headers, rows


def _read_json(path: Path, source: str) -> tuple[list[str], list[tuple[int, list[object]]]]:
    try:
        data = json.loads(_decode(path.read_bytes(), source))
    except json.JSONDecodeError as exc:
        raise WijkkrachtError(f"{source}: ongeldige JSON op regel {exc.lineno} ({exc.msg}). "
                              "Download het bestand opnieuw.") from None
    if isinstance(data, dict) and isinstance(data.get("value"), list):
        data = data["value"]
    if isinstance(data, dict) and data and all(isinstance(v, dict) for v in data.values()):
        data = [{"Codering_3": code, **values} for code, values in data.items()]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise WijkkrachtError(f"{source}: deze JSON heeft niet de vorm van CBS-kerncijfers (een "
                              "lijst van gebieden). Gebruik een KWB-bestand van CBS.")
    return records_to_rows(data)


def read_kwb_file(path: str | Path, year: int | None = None,
                  progress: Callable[[int, int], None] | None = None) -> KwbTable:
    """Read one KWB file; raises WijkkrachtError with a Dutch one-line message on bad input."""
    path = Path(path)
    source = path.name
    if not path.exists():
        raise WijkkrachtError(f"Bestand niet gevonden: {path}. Controleer het pad.")
    if path.is_dir():
        raise WijkkrachtError(f"{path} is een map; geef een KWB-bestand (CSV, XLSX of JSON) op.")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise WijkkrachtError(f"{source}: het bestand is groter dan 2 GB; dat is geen KWB-bestand.")
    year = year or detect_year(path)
    if year is None:
        raise WijkkrachtError(f"{source}: het jaar staat niet in de bestandsnaam. Geef het op met "
                              "--year, bijvoorbeeld --year 2024.")
    check_year(year)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        headers, rows = _read_xlsx(path, source)
    elif suffix == ".xls":
        raise WijkkrachtError(f"{source}: het oude Excel-formaat (.xls) wordt niet gelezen. Open "
                              "het in Excel en sla het op als .xlsx of CSV UTF-8.")
    elif suffix == ".json":
        headers, rows = _read_json(path, source)
    else:
        headers, rows = read_csv_text(_decode(path.read_bytes(), source), source)
    layout = "json" if suffix == ".json" else _layout(headers)
    return build_table(headers, rows, year=year, source=source, layout=layout,
                       table_id=detect_table_id(path), progress=progress)


def check_year(year: int) -> None:
    import datetime

    last = datetime.date.today().year
    if not FIRST_YEAR <= year <= last:
        raise WijkkrachtError(
            f"CBS heeft geen Kerncijfers wijken en buurten over {year} gepubliceerd (de reeks "
            f"loopt van {FIRST_YEAR} tot en met {last - 1}). Kies een ander jaar."
        )
