"""Every XLSX the product writes for download: one sheet per table, a bold header row, numbers
as numbers (rounded as the page shows them) and text that cannot run.

openpyxl stores a string that starts with ``=`` as a formula, so text cells are neutralised the
same way as in a CSV (:func:`wijkkracht.exports.spreadsheet.neutralise`, OWASP "CSV injection").
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from .spreadsheet import NO, YES, Cell, Number, neutralise

MAX_TITLE = 31  # Excel's limit on a sheet's name


@dataclass(frozen=True)
class Sheet:
    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]


def _value(cell: Cell):
    if cell is None:
        return None
    if isinstance(cell, bool):
        return YES if cell else NO
    if isinstance(cell, Number):
        return None if cell.value is None else round(cell.value, cell.decimals)
    if isinstance(cell, int | float):
        return cell
    return neutralise(str(cell))


def _format(cell: Cell) -> str | None:
    if isinstance(cell, Number) and cell.value is not None:
        return "0" if cell.decimals == 0 else "0." + "0" * cell.decimals
    return None


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The workbook as bytes; each row must have as many cells as its sheet's header."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        ws = book.create_sheet(sheet.title[:MAX_TITLE])
        ws.freeze_panes = "A2"
        header = []
        for text in sheet.header:
            cell = WriteOnlyCell(ws, value=neutralise(text))
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for row in sheet.rows:
            if len(row) != len(sheet.header):
                raise ValueError(f"row has {len(row)} cells for {len(sheet.header)} columns")
            cells = []
            for value in row:
                cell = WriteOnlyCell(ws, value=_value(value))
                if (number_format := _format(value)) is not None:
                    cell.number_format = number_format
                cells.append(cell)
            ws.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
