"""The spreadsheet template (XLSX and CSV): an empty template with instructions, a filled one
read in (new services, then updates by id, never duplicates), and the kaart written out so that
reading it back changes nothing."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from tests.kaart.test_model_hsds import counts
from wijkkracht.cli import main
from wijkkracht.kaart import demo
from wijkkracht.kaart import models as m
from wijkkracht.kaart.hsds.exporter import export_services
from wijkkracht.kaart.hsds.importer import import_records
from wijkkracht.kaart.services import export_to, import_file
from wijkkracht.kaart.spreadsheet.columns import COLUMNS

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in COLUMNS]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def write_rows(path, rows: list[dict]) -> None:
    """A template filled in by hand: the header, then one row per service."""
    table = [HEADERS] + [[row.get(h, "") for h in HEADERS] for row in rows]
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            csv.writer(out, delimiter=";").writerows(table)
        return
    book = Workbook()
    sheet = book.active
    sheet.title = "Diensten"
    for row in table:
        sheet.append(row)
    book.save(path)


NEW = [
    {"naam": "Koffie-inloop De Brug", "organisatie": "Buurthuis De Brug",
     "omschrijving": "Elke dinsdag koffie en een praatje.", "adres": "Kerkstraat 12",
     "postcode": "2011ab", "plaats": "Haarlem", "telefoon": "023-1234567",
     "e-mail": "info@debrug.example.org", "categorie": "ontmoeting, Ouderen",
     "toegang": "vrij toegankelijk", "vorm": "informeel", "kosten": "Gratis.",
     "openingstijden": "di, do 10:00-12:00", "aanspreekpunt": "Fatima",
     "laatst gecontroleerd": "30-11-2026"},
    {"naam": "Schuldhulp spreekuur", "organisatie": "Buurthuis De Brug",
     "categorie": "schuldhulp", "toegang": "via_wijkteam", "vorm": "formeel"},
]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_empty_template_explains_itself(tmp_path, fmt):
    out = tmp_path / f"sjabloon.{fmt}"
    result = run("kaart", "template", "--format", fmt, "--output", out)
    assert result.exit_code == 0, result.output
    if fmt == "xlsx":
        book = load_workbook(out)
        assert book.sheetnames == ["Diensten", "Uitleg", "Categorieën"]
        assert [c.value for c in book["Diensten"][1]] == HEADERS
        assert book["Diensten"].max_row == 1
        explained = {row[0] for row in book["Uitleg"].iter_rows(min_row=4, values_only=True)}
        assert explained == set(HEADERS)
        codes = {row[0] for row in book["Categorieën"].iter_rows(min_row=2, values_only=True)}
        assert codes == set(demo.CATEGORIES)
    else:
        with out.open(encoding="utf-8-sig", newline="") as source:
            rows = list(csv.reader(source, delimiter=";"))
        assert rows[0] == HEADERS and rows[1][0].startswith("#") and len(rows) == 2
        assert "verplicht" in rows[1][1]
    result = run("kaart", "import", out)  # an empty template holds no services
    assert result.exit_code == 2 and "geen diensten" in result.output
    assert m.Service.objects.count() == 0


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_filled_template_creates_then_updates(tmp_path, fmt):
    path = tmp_path / f"kaart.{fmt}"
    write_rows(path, NEW)
    result = run("kaart", "import", path)
    assert result.exit_code == 0, result.output
    assert "2 diensten ingelezen" in result.output
    brug = m.Service.objects.get(name="Koffie-inloop De Brug")
    assert brug.organization.name == "Buurthuis De Brug"
    assert m.Organization.objects.count() == 1  # both rows name the same organisation
    assert (brug.access, brug.formality) == ("vrij_toegankelijk", "informeel")
    assert brug.last_checked == dt.date(2026, 11, 30) and brug.assured_date == "2026-11-30"
    assert brug.contact_person.name == "Fatima"
    address = m.Address.objects.get(location__service_at_locations__service=brug)
    assert (address.address_1, address.postal_code, address.city) == (
        "Kerkstraat 12", "2011 AB", "Haarlem")
    schedule = brug.schedules.get()
    assert (schedule.byday, schedule.opens_at, schedule.closes_at) == ("TU,TH", "10:00",
                                                                       "12:00")
    exported = {s["name"]: s for s in export_services()}["Koffie-inloop De Brug"]
    assert sorted(demo.categories_of(exported)) == ["ontmoeting", "ouderen"]
    before = counts()
    assert import_file(path).created == {}  # the same file again: updated, not duplicated
    assert counts() == before
    # a changed row updates its service; a cleared phone is removed
    changed = [dict(NEW[0], telefoon="", postcode="2012 CD", categorie="ontmoeting"), NEW[1]]
    write_rows(path, changed)
    import_file(path)
    brug.refresh_from_db()
    assert brug.phones.count() == 0 and m.Phone.objects.count() == 0
    assert m.Address.objects.get(location__service_at_locations__service=brug).postal_code \
        == "2012 CD"
    exported = {s["name"]: s for s in export_services()}["Koffie-inloop De Brug"]
    assert demo.categories_of(exported) == ["ontmoeting"]
    assert m.Service.objects.count() == 2


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_demo_kaart_written_out_and_read_back_changes_nothing(tmp_path, fmt):
    import_records(demo.generate())
    before = export_services()
    path = tmp_path / f"kaart.{fmt}"
    result = run("kaart", "export", "--format", fmt, "--output", path)
    assert result.exit_code == 0, result.output
    table_counts = counts()
    result = import_file(path)
    assert result.created == {} and result.updated["service"] == 370
    assert counts() == table_counts
    assert export_services() == before


def test_an_exported_row_edited_in_excel_updates_its_service(tmp_path):
    import_records(demo.generate()[:5])
    path = tmp_path / "kaart.xlsx"
    export_to("xlsx", path)
    book = load_workbook(path)
    sheet = book["Diensten"]
    header = [c.value for c in sheet[1]]
    sid = sheet.cell(row=2, column=1).value
    sheet.cell(row=2, column=header.index("naam") + 1, value="Nieuwe naam")
    sheet.cell(row=2, column=header.index("laatst gecontroleerd") + 1,
               value=dt.datetime(2026, 12, 1))  # Excel keeps dates as dates
    book.save(path)
    import_file(path)
    service = m.Service.objects.get(pk=sid)
    assert service.name == "Nieuwe naam" and service.last_checked == dt.date(2026, 12, 1)
    assert m.Service.objects.count() == 5
