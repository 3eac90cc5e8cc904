"""Control characters are refused, by row and column or next to the field, on both databases
(item 3: a NUL byte in a participants CSV was stored on SQLite and a 500 on PostgreSQL)."""

from __future__ import annotations

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import area_row, write_kwb_csv
from wijkkracht.areas.sources.files import read_kwb_file
from wijkkracht.errors import WijkkrachtError
from wijkkracht.inputs.forms import CleanTextMixin
from wijkkracht.inputs.text import find_control_character
from wijkkracht.netwerk import services
from wijkkracht.netwerk.imports import CsvImportError, participants_import
from wijkkracht.netwerk.models import NetwerkScan, Participant

CONTROL = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\t", "\n", "\r"]


def test_what_counts_as_a_control_character():
    assert find_control_character("Anouk\x00") == (6, "\x00")
    assert find_control_character("a\tb") == (2, "\t")
    assert find_control_character("a\tb\r\nc", multiline=True) is None
    assert find_control_character("a\x00b", multiline=True) == (2, "\x00")
    assert find_control_character("Ĳsselmonde – é € 😀 \u200b") is None


@pytest.fixture
def empty_scan(team, coordinator):
    return services.scan_create(team=team, name="Leeg", area_codes=[], user=coordinator)


@pytest.mark.parametrize("char", CONTROL)
@pytest.mark.parametrize("column", ["naam", "organisatie", "rol"])
def test_a_participants_csv_with_a_control_character_is_refused_by_row_and_column(
        empty_scan, char, column):
    cells = {"naam": "Anouk de Vries", "organisatie": "Huisartsenpraktijk",
             "sector": "huisartsenzorg", "rol": "huisarts", "toestemming": "ja"}
    cells[column] = cells[column][:3] + char + cells[column][3:]
    header = list(cells)
    content = (",".join(header) + "\r\n" + "Esther Kok,Welzijn,welzijn,,nee\r\n"
               + ",".join(f'"{cells[h]}"' for h in header) + "\r\n").encode("utf-8")
    with pytest.raises(CsvImportError) as exc:
        participants_import(empty_scan, content)
    [problem] = exc.value.problems
    assert (problem.row, problem.column) == (3, column)
    assert f"U+{ord(char):04X}" in str(problem) and "4" in str(problem)
    assert not Participant.objects.filter(scan=empty_scan).exists()


def test_a_control_character_in_the_header_names_the_column_number(empty_scan):
    content = b"naam,organi\x00satie,sector\r\nEsther Kok,Welzijn,welzijn\r\n"
    with pytest.raises(CsvImportError) as exc:
        participants_import(empty_scan, content)
    assert [(p.row, p.column) for p in exc.value.problems] == [(1, "2")]


def test_the_upload_page_names_the_cell_and_stores_nothing(client, signed_in, empty_scan,
                                                          coordinator):
    signed_in(coordinator)
    upload = SimpleUploadedFile(
        "deelnemers.csv", b"naam,organisatie,sector\r\nAnouk\x00,Praktijk,huisartsenzorg\r\n",
        "text/csv")
    response = client.post(f"/netwerkscan/{empty_scan.pk}/deelnemers/import", {"file": upload})
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "U+0000" in html and "naam" in html and "stuurteken" in html
    assert not Participant.objects.filter(scan=empty_scan).exists()


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\t", "\n"])
def test_the_participant_form_refuses_control_characters_and_keeps_the_rest(
        client, signed_in, scan_t0, coordinator, char):
    scan, _t0, people = scan_t0
    signed_in(coordinator)
    response = client.post(f"/netwerkscan/{scan.pk}/deelnemers/nieuw", {
        "display_name": "Nina Nieuw", "organisation_name": f"Buurt{char}centrum",
        "sector": "welfare", "role": "sociaal werker"})
    assert response.status_code == 400
    html = response.content.decode()
    assert f"U+{ord(char):04X}" in html and 'value="sociaal werker"' in html
    assert Participant.objects.filter(scan=scan).count() == len(people)


def test_the_scan_form_refuses_a_nul_byte(client, signed_in, team, coordinator):
    signed_in(coordinator)
    response = client.post("/netwerkscan/nieuw", {"name": "Scan\x00", "team": team.pk})
    assert response.status_code == 400 and "U+0000" in response.content.decode()
    assert not NetwerkScan.objects.exists()


def test_the_code_form_refuses_a_nul_byte_and_superscript_digits(client, make_user):
    client.force_login(make_user())
    for token in ("12345\x00", "123456²"):
        response = client.post("/account/code", {"token": token})
        assert response.status_code in (200, 400) and response.status_code != 302


class _Notes(CleanTextMixin, forms.Form):
    title = forms.CharField()
    notes = forms.CharField(widget=forms.Textarea)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=20), st.sampled_from(CONTROL))
def test_any_text_field_refuses_and_a_textarea_takes_line_breaks(text, char):
    form = _Notes({"title": "a" + char + text + "b", "notes": "a" + char + text + "b"})
    form.is_valid()
    assert "title" in form.errors
    lines_only = char in "\t\n\r" and find_control_character(text, multiline=True) is None
    assert ("notes" in form.errors) != lines_only


def test_a_kwb_file_with_a_control_character_in_a_name_is_refused(tmp_path):
    path = write_kwb_csv(tmp_path / "kwb-2023.csv", [
        area_row("GM0392", "Haarlem", "Haarlem", AantalInwoners_5="160000"),
        area_row("WK039210", "Transvaal\x1bwijk", "Haarlem", AantalInwoners_5="9000")])
    with pytest.raises(WijkkrachtError, match=r"regel 3.*U\+001B"):
        read_kwb_file(path, 2023)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=15))
def test_participant_names_fuzzed_never_fail_to_store(empty_scan, name):
    """Whatever the name, the import either stores it (on either database) or says why."""
    name = name.replace('"', "'")
    content = f'naam,organisatie,sector\r\n"{name}",Praktijk,welzijn\r\n'.encode()
    try:
        participants_import(empty_scan, content)
    except CsvImportError as exc:
        assert all(str(p) for p in exc.problems)
    Participant.objects.filter(scan=empty_scan).delete()


def test_a_boundary_file_with_a_control_character_in_a_name_is_refused(db, tmp_path):
    import json

    from wijkkracht.areas.models import BoundarySet
    from wijkkracht.areas.services import boundary_set_save

    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    path = tmp_path / "wijken.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": square,
         "properties": {"statcode": "WK039210", "statnaam": "Transvaal\x00wijk"}}]}))
    with pytest.raises(WijkkrachtError, match=r"gebied 1 \(WK039210\).*U\+0000"):
        boundary_set_save(path, 2024, "WK")
    assert not BoundarySet.objects.exists()
