"""Instruments as data: the loader names the field at fault and writes nothing then; the shipped
instruments are created once; a gemeente's criteria text loads all or nothing."""

from __future__ import annotations

import copy
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from wijkkracht.accounts.models import Organisation
from wijkkracht.casus.instruments import (
    SHIPPED_DIR,
    InstrumentError,
    ensure_shipped,
    level_descriptions,
    load_instrument,
    load_level_descriptions,
)
from wijkkracht.casus.models import Instrument, InstrumentDomain, InstrumentLevel, LevelDescription

pytestmark = pytest.mark.django_db

GOOD = {"format": 1, "code": "eigen-lijst", "version": "1", "name": "Eigen lijst",
        "source": "Gemeente Testdorp", "scale": {"min": 1, "max": 4},
        "levels": [{"value": 1, "name": "zorgelijk"}, {"value": 4, "name": "goed"}],
        "domains": [{"code": "wonen", "name": "Wonen"}, {"code": "geld", "name": "Geld"},
                    {"code": "gezondheid", "name": "Gezondheid"}]}


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def _errors(data) -> list[str]:
    with pytest.raises(InstrumentError) as caught:
        load_instrument(data)
    return caught.value.errors


def test_the_shipped_files_hold_the_names_from_the_sources():
    zrm = json.loads((SHIPPED_DIR / "zrm-2017.json").read_text(encoding="utf-8"))
    assert len(zrm["domains"]) == 13
    assert [d["name"] for d in zrm["domains"]][:2] == ["Financiën", "Werk & opleiding"]
    assert [lv["name"] for lv in zrm["levels"]] == [
        "Acute problematiek", "Niet zelfredzaam", "Beperkt zelfredzaam", "Voldoende zelfredzaam",
        "Volledig zelfredzaam"]
    assert "GGD Amsterdam" in zrm["source"]
    pg = json.loads((SHIPPED_DIR / "positieve-gezondheid.json").read_text(encoding="utf-8"))
    assert [d["name"] for d in pg["domains"]] == [
        "Lichaamsfuncties", "Mentaal welbevinden", "Zingeving", "Kwaliteit van leven", "Meedoen",
        "Dagelijks functioneren"]
    assert pg["scale"] == {"min": 0, "max": 10}
    assert "Institute for Positive Health" in pg["source"]


def test_ensure_shipped_is_idempotent():
    first = ensure_shipped()
    counts = (Instrument.objects.count(), InstrumentDomain.objects.count(),
              InstrumentLevel.objects.count())
    assert counts == (2, 13 + 6, 5)
    second = ensure_shipped()
    assert [i.pk for i in second] == [i.pk for i in first]
    assert (Instrument.objects.count(), InstrumentDomain.objects.count(),
            InstrumentLevel.objects.count()) == counts
    zrm = Instrument.objects.get(code="zrm")
    assert (zrm.version, zrm.scale_min, zrm.scale_max, zrm.organisation) == ("2017", 1, 5, None)
    assert list(zrm.domains.values_list("order", flat=True)) == list(range(1, 14))


def test_a_good_file_loads_for_one_organisation():
    gemeente = Organisation.objects.create(name="Gemeente Testdorp", kind="gemeente")
    instrument = load_instrument(json.dumps(GOOD), organisation=gemeente)
    assert instrument.organisation == gemeente
    assert list(instrument.domains.values_list("code", "name")) == [
        ("wonen", "Wonen"), ("geld", "Geld"), ("gezondheid", "Gezondheid")]
    assert list(instrument.levels.values_list("value", "name")) == [(1, "zorgelijk"),
                                                                    (4, "goed")]


@pytest.mark.parametrize(("change", "field"), [
    (lambda d: d.pop("code"), "Veld 'code'"),
    (lambda d: d.update(code="Eigen Lijst"), "Veld 'code'"),
    (lambda d: d["scale"].update(max=1), "Veld 'scale.max'"),
    (lambda d: d["scale"].update(min="een"), "Veld 'scale.min'"),
    (lambda d: d["levels"].append({"value": 9, "name": "te hoog"}), "Veld 'levels[2].value'"),
    (lambda d: d["domains"][2].update(code="wonen"), "Veld 'domains[2].code'"),
    (lambda d: d["domains"][1].pop("name"), "Veld 'domains[1].name'"),
    (lambda d: d.update(domains=[]), "Veld 'domains'"),
    (lambda d: d.update(colour="rood"), "Veld 'colour'"),
])
def test_a_bad_file_names_the_field_and_writes_nothing(change, field):
    data = copy.deepcopy(GOOD)
    change(data)
    errors = _errors(data)
    assert any(e.startswith(field) for e in errors), errors
    assert Instrument.objects.count() == 0
    assert InstrumentDomain.objects.count() == 0


def test_every_problem_is_reported_at_once_and_not_json_is_refused():
    data = copy.deepcopy(GOOD)
    data["version"] = ""
    data["domains"][0]["name"] = " "
    errors = _errors(data)
    assert [e.split(":")[0] for e in errors] == ["Veld 'version'", "Veld 'domains[0].name'"]
    assert _errors('{"code": "x",') == ["Het bestand is geen geldige JSON (regel 1)."]


def test_a_loaded_version_is_never_changed():
    load_instrument(GOOD)
    changed = copy.deepcopy(GOOD)
    changed["domains"].append({"code": "werk", "name": "Werk"})
    errors = _errors(changed)
    assert errors[0].startswith("Veld 'version'")
    assert InstrumentDomain.objects.count() == 3
    changed["version"] = "2"
    assert load_instrument(changed).domains.count() == 4


def csv_file(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8-sig"))


def test_level_descriptions_load_for_one_organisation():
    zrm, _pg = ensure_shipped()
    gemeente = Organisation.objects.create(name="Gemeente Testdorp", kind="gemeente")
    other = Organisation.objects.create(name="Gemeente Elders", kind="gemeente")
    count = load_level_descriptions(zrm, gemeente, csv_file(
        "domein;niveau;tekst\nfinancien;1;Eigen tekst bij niveau 1\n"
        "financien;5;Eigen tekst bij niveau 5\n\nhuisvesting;3;\"Tekst; met puntkomma\"\n"))
    assert count == 3
    texts = level_descriptions(zrm, [gemeente.pk])
    fin = zrm.domains.get(code="financien")
    assert texts[fin.pk, 1] == "Eigen tekst bij niveau 1"
    assert level_descriptions(zrm, [other.pk]) == {}
    # a new file replaces the organisation's old text
    load_level_descriptions(zrm, gemeente, csv_file("domein,niveau,tekst\nfinancien,2,Nieuw\n"))
    assert list(LevelDescription.objects.values_list("value", "text")) == [(2, "Nieuw")]


def test_level_descriptions_are_all_or_nothing_with_row_and_column():
    zrm, _pg = ensure_shipped()
    gemeente = Organisation.objects.create(name="Gemeente Testdorp", kind="gemeente")
    load_level_descriptions(zrm, gemeente, csv_file("domein;niveau;tekst\nfinancien;1;Oud\n"))
    rows = ["domein;niveau;tekst", "financien;1;Goed", "financien;2;Goed", "financien;3;Goed",
            "financien;4;Goed", "financien;5;Goed", "financien;6;Te hoog", "onbekend;1;Iets",
            "huisvesting;twee;Iets", "financien;2;Dubbel", "justitie;1;"]
    with pytest.raises(InstrumentError) as caught:
        load_level_descriptions(zrm, gemeente, csv_file("\n".join(rows)))
    errors = caught.value.errors
    assert errors[0].startswith("Rij 7, kolom 'niveau': 6 is geen niveau van"), errors
    assert errors[1].startswith("Rij 8, kolom 'domein': 'onbekend'")
    assert errors[2].startswith("Rij 9, kolom 'niveau': 'twee'")
    assert errors[3].startswith("Rij 10, kolom 'niveau'") and "rij 3" in errors[3]
    assert errors[4].startswith("Rij 11, kolom 'tekst'")
    # nothing changed: the old text is still there
    assert list(LevelDescription.objects.values_list("value", "text")) == [(1, "Oud")]


def test_the_commands_load_and_refuse_in_dutch(tmp_path):
    gemeente = Organisation.objects.create(name="Gemeente Testdorp", kind="gemeente")
    path = tmp_path / "eigen.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    out = io.StringIO()
    call_command("casus_instrument_load", str(path), "--organisation", "Gemeente Testdorp",
                 stdout=out)
    assert "3 domeinen geladen voor Gemeente Testdorp" in out.getvalue()
    with pytest.raises(CommandError, match="Veld 'version'"):
        call_command("casus_instrument_load", str(path), "--organisation", "Gemeente Testdorp")
    with pytest.raises(CommandError, match="geen organisatie"):
        call_command("casus_instrument_load", str(path), "--organisation", "Nergens")
    criteria = tmp_path / "zrm.csv"
    criteria.write_text("domein;niveau;tekst\nfinancien;1;Eigen tekst\n", encoding="utf-8")
    out = io.StringIO()
    call_command("casus_level_descriptions_load", "zrm", "2017", str(criteria),
                 "--organisation", gemeente.name, stdout=out)
    assert "1 beschrijvingen geladen" in out.getvalue()
    assert LevelDescription.objects.get().organisation == gemeente
    criteria.write_text("domein;niveau;tekst\nfinancien;0;Te laag\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Rij 2, kolom 'niveau'"):
        call_command("casus_level_descriptions_load", "zrm", "2017", str(criteria),
                     "--organisation", gemeente.name)
