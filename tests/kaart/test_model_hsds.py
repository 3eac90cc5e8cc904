"""HSDS 3 JSON import and export of the sociale kaart, on the HSDS 3 examples.

Round-trip normalisation (see kaart/hsds/exporter.py): key order is free, ``null`` equals
absent, an empty array equals absent, arrays of records are compared as sets (we write them
ordered by id) and numbers compare by value (2011 == 2011.0).
"""

from __future__ import annotations

import copy
import json
import re
import uuid

import pytest
from click.testing import CliRunner

from tests.conftest import SHARED, need
from wijkkracht.cli import main
from wijkkracht.kaart import models as m
from wijkkracht.kaart.hsds.exporter import export_services
from wijkkracht.kaart.hsds.importer import HsdsImportError, import_records

pytestmark = pytest.mark.django_db

SPEC = SHARED / "hsds" / "openreferral-spec-3.0"
ALL_TABLES = (m.Organization, m.Service, m.Location, m.Address, m.Accessibility,
              m.ServiceAtLocation, m.Contact, m.Phone, m.Schedule, m.ServiceArea, m.Language,
              m.CostOption, m.Taxonomy, m.TaxonomyTerm, m.Attribute)


def example(name: str):
    return json.loads(need(SPEC / "examples" / name).read_text(encoding="utf-8"))


def schemas():
    return need(SPEC / "schema")


def services_in(name: str) -> list:
    data = example(name)
    return data.get("contents", [data])


def normal(value):
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return sorted((normal(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


def fresh_ids(service: dict) -> dict:
    """The same service with every UUID replaced by a new one (consistently)."""
    text = json.dumps(service)
    new = {}
    pattern = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    return json.loads(re.sub(pattern, lambda x: new.setdefault(x[0], str(uuid.uuid4())), text))


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in ALL_TABLES}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("name", ["service_full.json", "service_list.json"])
@pytest.mark.parametrize("with_schemas", [True, False])
def test_the_examples_round_trip(name, with_schemas):
    services = services_in(name)
    import_records(services, schemas() if with_schemas else None)
    assert normal(export_services()) == normal(services)


def test_one_record_under_many_parents_is_one_row():
    import_records(services_in("service_full.json"))
    phone = m.Phone.objects.get()
    assert {phone.service_id, phone.organization_id, phone.location_id, phone.contact_id,
            phone.service_at_location_id} == {
        uuid.UUID("ac148810-d857-441c-9679-408f346de14b"),
        uuid.UUID("d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"),
        uuid.UUID("3a19ff88-4620-4d17-9830-ac1d859eb5d5"),
        uuid.UUID("1e7efce3-639b-4880-940c-b95cd30cdb50"),
        uuid.UUID("e94c9f38-1e8f-4564-91d4-d53501ab1765")}
    assert m.Language.objects.get().phone_id == phone.id
    term = m.Attribute.objects.get().taxonomy_term
    assert (term.name, term.taxonomy_detail.version) == ("name", "version")
    service = m.Service.objects.get()
    assert "required_documents" in service.extra and service.minimum_age == 12


def test_the_command_line_round_trip(tmp_path):
    source = need(SPEC / "examples" / "service_full.json")
    result = run("kaart", "import", source, "--schemas", schemas())
    assert result.exit_code == 0, result.output
    assert "1 diensten ingelezen" in result.output
    out = tmp_path / "kaart.json"
    result = run("kaart", "export", "--format", "hsds-json", "--out", out)
    assert result.exit_code == 0, result.output
    assert normal(json.loads(out.read_text(encoding="utf-8"))) == normal(services_in(
        "service_full.json"))


@pytest.mark.parametrize("with_schemas", [True, False])
def test_a_bad_record_refuses_the_whole_file(tmp_path, with_schemas):
    good = fresh_ids(services_in("service_full.json")[0])
    bad = fresh_ids(services_in("service_full.json")[0])
    del bad["service_at_locations"][0]["location"]["addresses"][0]["city"]
    path = tmp_path / "kaart.json"
    path.write_text(json.dumps([good, bad]), encoding="utf-8")
    args = ["kaart", "import", path] + (["--schemas", schemas()] if with_schemas else [])
    result = run(*args)
    assert result.exit_code == 2
    line = result.output.strip()
    assert "\n" not in line and "Traceback" not in line
    assert "record [1]" in line and bad["id"] in line
    assert "[1].service_at_locations[0].location.addresses[0].city" in line
    assert "niets opgeslagen" in line
    assert set(counts().values()) == {0}


@pytest.mark.parametrize(("change", "path", "words"), [
    (lambda s: s.update(status="open"), "[0].status", "geen toegestane waarde"),
    (lambda s: s["phones"][0].update(extension="honderd"), "[0].phones[0].extension",
     "getal"),
    (lambda s: s["schedules"][0].update(id="maandag"), "[0].schedules[0].id", "UUID"),
    (lambda s: s.pop("name"), "[0].name", "verplicht"),
    (lambda s: s.update(nl_access="altijd"), "[0].nl_access", "vrij_toegankelijk"),
    (lambda s: s.update(nl_last_checked="gisteren"), "[0].nl_last_checked", "datum"),
    (lambda s: s.update(phones="0612345678"), "[0].phones", "lijst"),
])
def test_bad_fields_are_named_in_dutch(change, path, words):
    service = services_in("service_full.json")[0]
    change(service)
    with pytest.raises(HsdsImportError) as caught:
        import_records([service])
    message = str(caught.value)
    assert f"veld {path}" in message and words in message
    assert "record [0]" in message
    assert set(counts().values()) == {0}


def test_one_id_with_two_different_values_is_refused():
    service = services_in("service_full.json")[0]
    service["service_at_locations"][0]["location"]["name"] = "Buurthuis De Brug"
    with pytest.raises(HsdsImportError, match="andere waarde voor veld 'name'"):
        import_records([service])
    assert m.Location.objects.count() == 0


@pytest.mark.parametrize("content", ["[{\"id\": ", "{\"naam\": 1}", "[]"])
def test_files_that_are_no_hsds_list_get_one_line(tmp_path, content):
    path = tmp_path / "kaart.json"
    path.write_text(content, encoding="utf-8")
    result = run("kaart", "import", path)
    assert result.exit_code == 2
    assert result.output.startswith("Fout: ") and result.output.count("\n") == 1


def test_a_schema_folder_without_schemas_is_named(tmp_path):
    result = run("kaart", "import", need(SPEC / "examples" / "service_full.json"),
                 "--schemas", tmp_path)
    assert result.exit_code == 2 and "service.json ontbreekt" in result.output
    assert m.Service.objects.count() == 0


def test_reimport_updates_and_never_duplicates():
    service = services_in("service_full.json")[0]
    import_records([service])
    before = counts()
    import_records([service])
    assert counts() == before
    changed = copy.deepcopy(service)
    changed["name"] = "Gesprekken in de wijk"
    del changed["alert"]
    changed["cost_options"] = []
    changed["phones"] = []
    result = import_records([changed])
    assert result.updated["service"] == 1 and not result.created
    stored = m.Service.objects.get()
    assert (stored.name, stored.alert) == ("Gesprekken in de wijk", None)
    assert m.CostOption.objects.count() == 0  # held by nothing else: removed
    phone = m.Phone.objects.get()  # still the phone of the location and organization
    assert phone.service_id is None and phone.location_id is not None
    exported = export_services()[0]
    assert "phones" not in exported and "cost_options" not in exported
    # a summary of the same service (the HSDS list shape) keeps what it does not state
    import_records(services_in("service_list.json"))
    assert m.Location.objects.count() == 1
    assert "funding" in m.Organization.objects.get().extra
    assert m.Service.objects.count() == 1


def test_dutch_extensions_are_kept():
    service = services_in("service_full.json")[0]
    contact = service["contacts"][0]["id"]
    service.update(nl_access="via_huisarts", nl_formality="informeel",
                   nl_last_checked="2026-11-30", nl_contact_person_id=contact,
                   nl_keeper_contact_id=contact)
    for location in (service["service_at_locations"][0]["location"],
                     service["organization"]["locations"][0]):  # the same location twice
        location.update(nl_wijk_code="WK039201", nl_buurt_code="BU03920101")
    import_records([service], schemas())
    stored = m.Service.objects.get()
    assert stored.access == m.Service.Access.GP
    assert stored.formality == m.Service.Formality.INFORMAL
    assert str(stored.last_checked) == "2026-11-30"
    assert str(stored.contact_person_id) == contact
    assert m.Location.objects.get().buurt_code == "BU03920101"
    assert normal(export_services()) == normal([service])


def test_a_contact_person_who_does_not_exist_is_refused():
    service = services_in("service_full.json")[0]
    service["nl_contact_person_id"] = str(uuid.uuid4())
    with pytest.raises(HsdsImportError, match="nl_contact_person_id"):
        import_records([service])
    assert set(counts().values()) == {0}
