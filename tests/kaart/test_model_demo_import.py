"""The whole demo kaart through the HSDS 3 importer and back, with the Dutch extensions."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SHARED
from tests.kaart.test_model_hsds import normal
from wijkkracht.kaart import demo
from wijkkracht.kaart import models as m
from wijkkracht.kaart.hsds.exporter import export_services
from wijkkracht.kaart.hsds.importer import HsdsImportError, import_records

pytestmark = pytest.mark.django_db

SCHEMAS = SHARED / "hsds" / "openreferral-spec-3.0" / "schema"


def documented(value, parent_id=None):
    """The exporter's normalisation (kaart/hsds/exporter.py), then ``normal``: a reference to
    the enclosing record and an ``x_id`` beside a nested ``x`` are implied, not written."""
    def strip(v, parent):
        if isinstance(v, list):
            return [strip(x, parent) for x in v]
        if not isinstance(v, dict):
            return v
        out = {}
        for key, item in v.items():
            if key.endswith("_id") and (item == parent or key[:-3] in v):
                continue
            out[key] = strip(item, v.get("id", parent))
        return out
    return normal(strip(value, parent_id))


def test_the_demo_kaart_imports_fills_the_extensions_and_exports_the_same():
    services = demo.generate()
    result = import_records(json.loads(json.dumps(services)))
    assert result.created["service"] == 370
    assert m.Service.objects.count() == 370
    assert m.Service.objects.filter(formality="formeel").count() == 170
    assert m.Service.objects.filter(formality="informeel").count() == 200
    assert not m.Service.objects.filter(access__isnull=True).exists()
    assert set(m.Service.objects.values_list("access", flat=True)) == set(m.Service.Access.values)
    assert not m.Location.objects.filter(wijk_code__isnull=True).exists()
    assert m.Location.objects.values("wijk_code").distinct().count() == 21
    first = m.Service.objects.get(pk=services[0]["id"])
    assert (first.access, first.formality) == ("vrij_toegankelijk", "informeel")
    assert first.service_at_locations.get().location.wijk_code == "WK039201"
    exported = export_services()
    assert not any("nl_access" in s or "nl_formality" in s for s in exported)
    assert documented(exported) == documented(services)
    # a second import of the export changes nothing
    again = import_records(exported)
    assert again.updated["service"] == 370 and "service" not in again.created
    assert documented(export_services()) == documented(services)


def test_the_demo_kaart_passes_the_schema_check():
    if not SCHEMAS.is_dir():
        pytest.skip(f"HSDS 3 schemas not found at {SCHEMAS}")
    import_records(demo.generate()[:40], SCHEMAS)
    assert m.Service.objects.count() == 40


def test_edited_extensions_are_exported_as_nl_keys_and_read_back():
    service = demo.generate()[0]
    import_records([service])
    m.Location.objects.update(wijk_code="WK039202")
    m.Service.objects.update(formality="formeel")
    exported = export_services()
    assert exported[0]["nl_formality"] == "formeel"
    assert exported[0]["service_at_locations"][0]["location"]["nl_wijk_code"] == "WK039202"
    assert "nl_access" not in exported[0]
    m.Service.objects.update(formality=None)
    m.Location.objects.update(wijk_code=None)
    import_records(exported)
    assert m.Service.objects.get().formality == "formeel"
    assert m.Location.objects.get().wijk_code == "WK039202"
    assert documented(export_services()) == documented(exported)


def test_an_unknown_access_code_is_refused_and_nothing_is_written():
    unknown = demo.generate()[0]
    unknown["attributes"][1]["taxonomy_term"]["code"] = "via_de_buren"
    with pytest.raises(HsdsImportError, match="via_de_buren"):
        import_records([unknown])
    assert m.Service.objects.count() == 0
