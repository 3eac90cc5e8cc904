"""Write the spreadsheet template: empty with its instructions, or filled with the kaart.

XLSX has the sheet 'Diensten' (one row per service), 'Uitleg' (every column explained) and
'Categorieën' (the codes to use); CSV has the header, then one instruction row starting with
'#' (skipped on import), separated by semicolons and with a byte-order mark so that Dutch
Excel opens it as it is. Rows are written as they are read, in chunks of services.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from wijkkracht.errors import WijkkrachtError
from wijkkracht.kaart import models as m
from wijkkracht.kaart.spreadsheet.columns import (
    ACCESS,
    CATEGORY,
    COLUMNS,
    DAY_WORDS,
    FORMALITY,
)
from wijkkracht.kaart.spreadsheet.terms import known_terms

CHUNK = 500


def _schedule_text(schedules: list) -> str:
    parts = []
    for s in schedules:
        if s.description:
            parts.append(s.description)
        elif s.byday and s.opens_at and s.closes_at:
            days = ", ".join(DAY_WORDS.get(d, d) for d in s.byday.split(","))
            parts.append(f"{days} {s.opens_at[:5]}-{s.closes_at[:5]}")
    return "; ".join(parts)


def _chunk_rows(services: list) -> Iterator[list]:
    ids = [s.pk for s in services]
    phones = defaultdict(list)
    for phone in m.Phone.objects.filter(service_id__in=ids).order_by("pk"):
        phones[phone.service_id].append(phone)
    schedules = defaultdict(list)
    for schedule in m.Schedule.objects.filter(service_id__in=ids).order_by("pk"):
        schedules[schedule.service_id].append(schedule)
    places = {}
    for sal in (m.ServiceAtLocation.objects.filter(service_id__in=ids).exclude(location=None)
                .order_by("pk")):
        places.setdefault(sal.service_id, sal.location_id)
    addresses = {}
    for address in (m.Address.objects.filter(location_id__in=set(places.values()),
                                             address_type="physical").order_by("pk")):
        addresses.setdefault(address.location_id, address)
    codes = defaultdict(lambda: defaultdict(list))
    for attribute in (m.Attribute.objects.filter(link_id__in=ids).select_related("taxonomy_term")
                      .order_by("pk")):
        term = attribute.taxonomy_term
        if term is not None and term.taxonomy in (CATEGORY, ACCESS, FORMALITY):
            codes[attribute.link_id][term.taxonomy].append(term.code)
    for s in services:
        address = addresses.get(places.get(s.pk))
        phone = phones[s.pk][0].number if phones[s.pk] else ""
        access = s.get_access_display() if s.access else ""
        yield [str(s.pk), s.name, s.organization.name if s.organization else "",
               s.description or "", address.address_1 if address else "",
               address.postal_code if address else "", address.city if address else "",
               phone, s.email or "", s.url or "",
               ", ".join(sorted(codes[s.pk][CATEGORY])), access, s.formality or "",
               s.fees_description or "", _schedule_text(schedules[s.pk]),
               s.contact_person.name or "" if s.contact_person else "",
               s.last_checked.isoformat() if s.last_checked else (s.assured_date or "")]


def _rows(services) -> Iterator[list]:
    if services is None:
        return
    pairs = sorted(services.values_list("name", "pk"), key=lambda r: (r[0], str(r[1])))
    ordered = [pk for _name, pk in pairs]  # the same order on every database
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start:start + CHUNK]
        found = {s.pk: s for s in m.Service.objects.filter(pk__in=chunk)
                 .select_related("organization", "contact_person")}
        yield from _chunk_rows([found[pk] for pk in chunk])


def _write_csv(out, services) -> None:
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in COLUMNS])
    writer.writerow(["# uitleg: " + COLUMNS[0].help, *(
        ("verplicht. " if c.required else "") + c.help + (f" Voorbeeld: {c.example}"
                                                         if c.example else "")
        for c in COLUMNS[1:])])
    for row in _rows(services):
        writer.writerow(row)


def _write_xlsx(path: str, services) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Diensten")
    sheet.freeze_panes = "A2"
    for i, column in enumerate(COLUMNS):
        letter = chr(ord("A") + i)
        sheet.column_dimensions[letter].width = 38 if column.key == "id" else 24
    lists = {"toegang": '"vrij toegankelijk,via de huisarts,met Wmo-indicatie,via het wijkteam"',
             "vorm": '"formeel,informeel"'}
    for i, column in enumerate(COLUMNS):
        if column.header in lists:
            letter = chr(ord("A") + i)
            rule = DataValidation(type="list", formula1=lists[column.header], allow_blank=True)
            rule.add(f"{letter}2:{letter}1048576")
            sheet.data_validations.append(rule)
    bold = Font(bold=True)
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in _rows(services):
        sheet.append(row)
    help_sheet = book.create_sheet("Uitleg")
    help_sheet.column_dimensions["A"].width = 22
    help_sheet.column_dimensions["C"].width = 90
    help_sheet.append(["Sociale kaart: vul op het blad Diensten een rij per dienst in. De "
                       "eerste rij (de kolomnamen) niet wijzigen."])
    help_sheet.append([])
    help_sheet.append(["kolom", "verplicht", "uitleg", "voorbeeld"])
    for column in COLUMNS:
        help_sheet.append([column.header, "ja" if column.required else "nee", column.help,
                           column.example])
    terms = book.create_sheet("Categorieën")
    terms.append(["code", "naam", "betekenis"])
    known = known_terms()
    for code in known.codes(CATEGORY):
        term = known.by_code[(CATEGORY, code)]
        terms.append([code, term["name"], term["description"]])
    book.save(path)


def write_spreadsheet(target: Path, fmt: str, services) -> None:
    """Write the template (``services`` None: empty) as ``fmt`` ('xlsx' or 'csv'), atomically."""
    target = Path(target)
    if target.is_dir():
        raise WijkkrachtError(f"{target} is een map; geef een bestandsnaam.")
    parent = target.resolve().parent
    if not parent.is_dir():
        raise WijkkrachtError(f"de map {parent} bestaat niet.")
    fd, tmp = tempfile.mkstemp(prefix=".kaart-", suffix=f".{fmt}", dir=parent)
    try:
        if fmt == "csv":
            with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as out:
                _write_csv(out, services)
        else:
            os.close(fd)
            _write_xlsx(tmp, services)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
