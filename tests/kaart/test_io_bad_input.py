"""Bad input for every form of kaart import: one Dutch line naming the record or row and the
field or column, exit code 2, and nothing stored (the kaart that was there stays as it was)."""

from __future__ import annotations

import csv
import json
import uuid
import zipfile

import pytest
from click.testing import CliRunner

from tests.conftest import SHARED, need
from tests.kaart.test_io_template import NEW, write_rows
from tests.kaart.test_model_hsds import counts, schemas, services_in
from wijkkracht.cli import main
from wijkkracht.kaart import demo
from wijkkracht.kaart.hsds.exporter import export_services
from wijkkracht.kaart.hsds.importer import import_records
from wijkkracht.kaart.services import export_to

pytestmark = pytest.mark.django_db


def refused(path, *words: str, extra=()) -> str:
    """Import through the command line; check the refusal and that nothing changed."""
    before, kaart = counts(), export_services()
    result = CliRunner().invoke(main, ["kaart", "import", str(path), *map(str, extra)])
    assert result.exit_code == 2, result.output
    line = result.output
    assert line.startswith("Fout: ") and line.count("\n") == 1 and "Traceback" not in line
    for word in words:
        assert word in line, line
    assert counts() == before and export_services() == kaart
    return line


@pytest.fixture
def kaart():
    """A kaart that is there before the bad file comes."""
    import_records(demo.generate()[:3])


def good_and(bad: dict) -> list:
    good = services_in("service_full.json")[0]
    return [good, bad]


def test_malformed_json(tmp_path, kaart):
    path = tmp_path / "kaart.json"
    path.write_text('[{"id": "a", "name": "Koffie"', encoding="utf-8")
    refused(path, "geen geldige JSON", "regel 1")


def test_json_that_is_not_hsds(tmp_path, kaart):
    bad = services_in("service_full.json")[0] | {"id": str(uuid.uuid4()), "status": "open"}
    path = tmp_path / "kaart.json"
    path.write_text(json.dumps(good_and(bad)), encoding="utf-8")
    refused(path, "record [1]", bad["id"], "veld [1].status", "'open'", "HSDS 3-schema",
            extra=["--schemas", schemas()])


def test_json_of_something_else_entirely(tmp_path, kaart):
    path = tmp_path / "kaart.json"
    path.write_text(json.dumps([{"naam": "Koffie", "adres": "Kerkstraat 1"}]),
                    encoding="utf-8")
    refused(path, "record [0]", "veld [0].id", "verplicht veld")


def test_an_unknown_category_in_the_template(tmp_path, kaart):
    path = tmp_path / "kaart.xlsx"
    write_rows(path, [NEW[0], dict(NEW[1], categorie="schuldhulp, bingo")])
    refused(path, "rij 3", "kolom 'categorie'", "'bingo' is geen bekende categorie")


def test_an_unknown_taxonomy_term_in_a_package(tmp_path, kaart):
    folder = tmp_path / "pakket"
    export_to("datapackage", folder)
    path = folder / "attributes.csv"
    with path.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    unknown = str(uuid.uuid4())
    rows[-1]["taxonomy_term_id"] = unknown
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    refused(folder, f"attributes.csv, rij {len(rows) + 1}", "kolom 'taxonomy_term_id'",
            f"taxonomieterm {unknown}")


def test_a_zip_without_datapackage_json(tmp_path, kaart):
    path = tmp_path / "kaart.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("services.csv", "id,name,status\n")
    refused(path, "geen datapackage.json")


def test_a_package_csv_without_a_required_column(tmp_path, kaart):
    folder = tmp_path / "pakket"
    export_to("datapackage", folder)
    path = folder / "services.csv"
    with path.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=[f for f in rows[0] if f != "status"],
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    refused(folder, "services.csv", "verplichte kolom 'status' ontbreekt")


def test_a_template_without_a_required_column(tmp_path, kaart):
    path = tmp_path / "kaart.csv"
    path.write_text("naam;omschrijving\nKoffie;Elke dag\n", encoding="utf-8")
    refused(path, "verplichte kolom 'organisatie' ontbreekt")


def test_a_bad_value_in_a_package_names_file_row_and_column(tmp_path, kaart):
    folder = tmp_path / "pakket"
    export_to("datapackage", folder)
    path = folder / "services.csv"
    with path.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    rows[1]["minimum_age"] = "twaalf"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    refused(folder, "services.csv, rij 3, kolom 'minimum_age'", "'twaalf' is geen getal")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_invalid_postcode_in_the_template(tmp_path, kaart, fmt):
    path = tmp_path / f"kaart.{fmt}"
    write_rows(path, [NEW[1], dict(NEW[0], postcode="0123 AB")])
    refused(path, "rij 3", "kolom 'postcode'", "'0123 AB' is geen geldige postcode")


@pytest.mark.parametrize("name", ["kaart.json", "kaart.csv", "kaart.xlsx", "kaart.zip"])
def test_an_empty_file(tmp_path, kaart, name):
    path = tmp_path / name
    path.write_bytes(b"")
    refused(path, "is leeg")


def test_a_file_that_is_no_workbook(tmp_path, kaart):
    path = tmp_path / "kaart.xlsx"
    path.write_text("naam;organisatie\n", encoding="utf-8")
    refused(path, "geen geldig Excel-bestand")


def test_an_hsds_1_package_is_refused_by_what_hsds_3_requires(kaart):
    """Open Referral's HSDS 1.1 sample package: locations have no location_type in 1.1."""
    folder = need(SHARED / "hsds" / "openreferral-sample-datapackage" / "all_resources")
    refused(folder, "locations.csv", "verplichte kolom 'location_type' ontbreekt")
