"""A file of an own indicator's figures as a table of cells: a CSV (UTF-8 or the Windows code
page Dutch Excel saves in, separated by ";" or ",") or an Excel workbook (its first sheet).
The cells are checked by ``core.manual_input``; ``services_own.figures_import`` stores them."""

from __future__ import annotations

import csv
import io
import zipfile

from django.utils.translation import gettext as _

from .core.manual_input import FigureFileError

XLSX_MAGIC = b"PK\x03\x04"  # an XLSX workbook is a zip file
MAX_ROWS = 5000  # 36 months x a hundred wijken is 3600; more is not a file of this kind


def table_from_file(content: bytes) -> tuple[list[object], list[list[object]]]:
    """(header, rows) of a CSV or XLSX file; ``FigureFileError`` when it cannot be read."""
    if content.startswith(XLSX_MAGIC):
        header, rows = _xlsx(content)
    else:
        header, rows = _csv(content)
    if len(rows) > MAX_ROWS:
        raise FigureFileError([_("The file has more than %(max)d rows; split it up.")
                               % {"max": MAX_ROWS}])
    return header, rows


def _csv(content: bytes) -> tuple[list[object], list[list[object]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    if not text.strip():
        raise FigureFileError([_("The file is empty.")])
    first = text.lstrip().splitlines()[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text.lstrip(), newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise FigureFileError([_("The file is not a readable CSV file (%(error)s).")
                               % {"error": error}]) from None
    return list(rows[0]), [list(r) for r in rows[1:MAX_ROWS + 2]]


def _xlsx(content: bytes) -> tuple[list[object], list[list[object]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise FigureFileError([_("The file is not a readable Excel workbook (.xlsx).")]) from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:
                break
    finally:
        book.close()
    rows = [r for r in rows if any(v is not None and str(v).strip() for v in r)]
    if not rows:
        raise FigureFileError([_("The file is empty.")])
    header = rows[0]
    while header and header[-1] is None:
        header = header[:-1]
    return list(header), rows[1:]
