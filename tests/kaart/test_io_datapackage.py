"""The HSDS 3 tabular datapackage: JSON -> database -> datapackage -> fresh database -> JSON
gives the same JSON, on the HSDS 3 examples and the demo kaart; re-import updates in place and
drops what the package no longer lists."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile

import pytest
from click.testing import CliRunner

from tests.conftest import need
from tests.kaart.test_model_hsds import ALL_TABLES, SPEC, counts, normal, schemas, services_in
from wijkkracht.cli import main
from wijkkracht.kaart import demo
from wijkkracht.kaart import models as m
from wijkkracht.kaart.hsds.exporter import export_services
from wijkkracht.kaart.hsds.importer import HsdsImportError, import_records
from wijkkracht.kaart.services import export_to, import_datapackage, import_file

pytestmark = pytest.mark.django_db


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def empty_kaart() -> None:
    for model in ALL_TABLES:
        model.objects.all().delete()


def read_rows(path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


def round_trip(services: list, target, with_schemas: bool = False) -> tuple[list, list]:
    import_records(services)
    first = export_services()
    export_to("datapackage", target)
    empty_kaart()
    import_datapackage(target, schemas() if with_schemas else None)
    return first, export_services()


@pytest.mark.parametrize("name", ["service_full.json", "service_list.json"])
@pytest.mark.parametrize("as_zip", [True, False])
def test_the_hsds_examples_round_trip(tmp_path, name, as_zip):
    services = services_in(name)
    target = tmp_path / ("kaart.zip" if as_zip else "kaart")
    first, second = round_trip(services, target, with_schemas=True)
    assert second == first
    assert normal(second) == normal(services)


def test_the_demo_kaart_round_trips(tmp_path):
    services = demo.generate()
    first, second = round_trip(services, tmp_path / "demo.zip")
    assert len(second) == len(services) == 370
    assert second == first
    stored = m.Service.objects.get(pk=services[0]["id"])
    assert stored.access and stored.formality  # the Dutch extensions came back


def test_the_package_is_hsds_tabular(tmp_path):
    import_records(services_in("service_full.json"))
    export_to("datapackage", tmp_path / "kaart.zip")
    with zipfile.ZipFile(tmp_path / "kaart.zip") as archive:
        descriptor = json.loads(archive.read("datapackage.json"))
        phones = list(csv.DictReader(io.StringIO(archive.read("phones.csv").decode())))
        funding = list(csv.DictReader(io.StringIO(archive.read("funding.csv").decode())))
    spec = json.loads(need(SPEC / "datapackage.json").read_text(encoding="utf-8"))
    ours = {r["name"]: r for r in descriptor["resources"]}
    for resource in spec["resources"]:  # every HSDS table, with every HSDS column
        if resource["name"] == "meta_table_description":
            continue  # describes a whole dataset, not a record: nothing to hold it
        assert resource["name"] in ours, resource["name"]
        columns = {f["name"] for f in ours[resource["name"]]["schema"]["fields"]}
        assert {f["name"] for f in resource["schema"]["fields"]} <= columns
        assert ours[resource["name"]]["path"] == resource["path"]
    assert len(phones) == 1 and phones[0]["service_id"] and phones[0]["location_id"]
    # the same funding on the service and its organisation is one row naming both
    assert len(funding) == 1 and funding[0]["service_id"] and funding[0]["organization_id"]


def test_the_command_line_exports_and_imports_a_folder(tmp_path):
    import_records(demo.generate()[:20])
    first = export_services()
    result = run("kaart", "export", "--format", "datapackage", "--output", tmp_path / "pakket")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pakket" / "datapackage.json").is_file()
    empty_kaart()
    result = run("kaart", "import", tmp_path / "pakket")
    assert result.exit_code == 0, result.output
    assert "20 diensten ingelezen" in result.output
    assert export_services() == first
    result = run("kaart", "export", "--format", "datapackage", "--output", tmp_path / "pakket")
    assert result.exit_code == 2 and "lege map" in result.output


def test_reimport_updates_and_drops_removed_nested_records(tmp_path):
    services = services_in("service_full.json")
    import_records(services)
    folder = tmp_path / "kaart"
    export_to("datapackage", folder)
    before = counts()
    import_datapackage(folder)
    assert counts() == before  # by id: nothing duplicated

    def drop_rows(file: str, keep=lambda row: False) -> None:
        path = folder / file
        rows = read_rows(path)
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["id"])
            writer.writeheader()
            writer.writerows(r for r in rows if keep(r))

    drop_rows("addresses.csv")
    drop_rows("accessibility.csv")
    drop_rows("languages.csv")
    import_datapackage(folder)
    assert m.Address.objects.count() == 0 and m.Accessibility.objects.count() == 0
    assert m.Language.objects.count() == 0
    exported = export_services()[0]
    location = exported["service_at_locations"][0]["location"]
    assert "addresses" not in location and "accessibility" not in location
    assert m.Location.objects.count() == 1 and m.Phone.objects.count() == 1


def test_the_spec_csv_examples_are_refused_for_their_broken_references(tmp_path):
    """The HSDS 3.0 CSV examples point at records they do not hold (a location's organisation,
    for one): refused whole, with the file, row and column named."""
    folder = tmp_path / "voorbeeld"
    shutil.copytree(need(SPEC / "examples" / "csv"), folder)
    shutil.copy(need(SPEC / "datapackage.json"), folder / "datapackage.json")
    with pytest.raises(HsdsImportError) as caught:
        import_file(folder)
    message = str(caught.value)
    assert "rij 2, kolom '" in message and "niet in het pakket" in message
    assert set(counts().values()) == {0}


def test_a_package_from_another_system_gets_the_dutch_extensions(tmp_path):
    """Without our nl_ columns, access, formality and wijk come from their HSDS form."""
    services = demo.generate()[:3]
    import_records(services)
    folder = tmp_path / "kaart"
    export_to("datapackage", folder)
    for file in ("services.csv", "locations.csv"):
        path = folder / file
        rows = read_rows(path)
        fields = [f for f in rows[0] if not f.startswith("nl_")]
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    empty_kaart()
    import_datapackage(folder)
    for service in services:
        stored = m.Service.objects.get(pk=service["id"])
        assert stored.access == demo.categories_of(service, "wijkkracht-toegang")[0]
        assert stored.formality == demo.categories_of(service, "wijkkracht-vorm")[0]
    assert m.Location.objects.exclude(wijk_code=None).count() == m.Location.objects.count()
