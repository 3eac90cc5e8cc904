"""HSDS JSON: nested records a re-imported file no longer lists are dropped, and the export
is written service by service (the same text as one big dump)."""

from __future__ import annotations

import copy
import io
import json

import pytest
from click.testing import CliRunner

from tests.kaart.test_model_hsds import services_in
from wijkkracht.cli import main
from wijkkracht.kaart import demo
from wijkkracht.kaart import models as m
from wijkkracht.kaart.hsds import exporter
from wijkkracht.kaart.hsds.importer import import_records

pytestmark = pytest.mark.django_db


def test_nested_records_removed_from_the_file_are_dropped():
    service = services_in("service_full.json")[0]
    import_records([service])
    changed = copy.deepcopy(service)
    sal = changed["service_at_locations"][0]
    for location in (sal["location"], changed["organization"]["locations"][0]):
        location["addresses"] = []  # the same location, nested twice
        location["accessibility"] = []
        location["languages"] = []
    sal["phones"] = []
    sal["schedules"] = []
    import_records([changed])
    assert m.Address.objects.count() == 0 and m.Accessibility.objects.count() == 0
    phone = m.Phone.objects.get()  # still held by the service, location, organisation
    assert phone.service_at_location_id is None and phone.service_id is not None
    schedule = m.Schedule.objects.get()  # still the service's and the location's
    assert schedule.service_at_location_id is None
    assert m.Location.objects.count() == 1  # the service is still offered there


def test_a_location_dropped_from_its_organisation_stays_while_a_service_uses_it():
    service = services_in("service_full.json")[0]
    import_records([service])
    changed = copy.deepcopy(service)
    changed["organization"]["locations"] = []
    import_records([changed])
    location = m.Location.objects.get()
    assert location.organization_id is None


def test_the_export_is_written_in_chunks_as_one_json_array(monkeypatch):
    monkeypatch.setattr(exporter, "CHUNK", 7)  # 20 services: three chunks
    import_records(demo.generate()[:20])
    out = io.StringIO()
    assert exporter.write_services(out) == 20
    whole = exporter.export_services()
    assert [s["name"] for s in whole] == sorted(s["name"] for s in whole)
    assert out.getvalue() == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    result = CliRunner().invoke(main, ["kaart", "export"])
    assert result.exit_code == 0 and json.loads(result.output) == whole


def test_an_empty_kaart_exports_an_empty_array():
    out = io.StringIO()
    assert exporter.write_services(out) == 0 and json.loads(out.getvalue()) == []
