"""Every CSV the product writes opens in Dutch Excel and cannot run a formula (items 7, 17).

Area names come from KWB files that anyone can make; each export is fed names that a
spreadsheet would run as a formula, and each must come out as text. The files are ``;``-
separated with a decimal comma and a byte-order mark, with Dutch column names and verdicts.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.conftest import area_row, write_kwb_csv
from wijkkracht.areas.sources.files import read_kwb_file
from wijkkracht.cli import main
from wijkkracht.exports.spreadsheet import (
    BOM,
    FORMULA_LEADS,
    Number,
    csv_text,
    dutch_number,
    neutralise,
    read_csv_text,
)
from wijkkracht.netwerk.core.model import Person, Scan
from wijkkracht.netwerk.report.export import metrics_csv
from wijkkracht.wijkfoto.core.wording import VERDICT_NL, fmt_number
from wijkkracht.wijkfoto.services import make_overview, make_wijkfoto, render, render_overview

HOSTILE = ['=HYPERLINK("http://example.invalid/x";"klik")', "+cmd|' /C calc'!A0",
           "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "=1+1"]


def _runs_as_formula(cell: str) -> bool:
    return cell.startswith(FORMULA_LEADS)


@pytest.mark.parametrize("text", [*HOSTILE, "\t=1+1", "\r=1+1", "＝1+1"])
def test_formula_leading_text_becomes_text(text):
    assert neutralise(text) == "'" + text
    [row] = read_csv_text(csv_text(["naam"], [[text]]))
    assert row["naam"] == "'" + text


def test_ordinary_text_and_numbers_are_left_alone():
    assert neutralise("Transvaalwijk") == "Transvaalwijk" and neutralise("'s-Gravenhage") == \
        "'s-Gravenhage"
    text = csv_text(["a", "b", "c", "d", "e", "f"],
                    [[-1.5, Number(-0.04, 1), Number(1234.56, 1), True, None, 10**6]])
    assert text.startswith(BOM + "a;b;c;d;e;f\r\n")
    assert text.endswith("-1,5;0,0;1234,6;ja;;1000000\r\n")
    assert dutch_number(1e-05) == "0,00001" and dutch_number(float("nan")) == ""
    with pytest.raises(ValueError):
        csv_text(["a", "b"], [[1]])


def hostile_gemeente(tmp_path, year=2023):
    rows = [area_row("NL00", "Nederland", "Nederland", AantalInwoners_5="17000000",
                     k_65JaarOfOuder_12="3400000", change="."),
            area_row("GM0001", HOSTILE[0], HOSTILE[0], AantalInwoners_5=str(1000 * len(HOSTILE)),
                     k_65JaarOfOuder_12=str(150 * len(HOSTILE)))]
    for k, name in enumerate(HOSTILE):
        rows.append(area_row(f"WK0001{k:02d}", name, HOSTILE[0], AantalInwoners_5="1000",
                             k_65JaarOfOuder_12=str(100 + 25 * k)))
    return write_kwb_csv(tmp_path / f"kwb-{year}.csv", rows)


def _no_formula_anywhere(text: str) -> list[dict[str, str]]:
    assert text.startswith(BOM)
    rows = read_csv_text(text)
    assert rows and all(not _runs_as_formula(v) for r in rows for v in r.values() if v)
    return rows


def test_the_wijkfoto_csv_is_dutch_excel_and_safe(tmp_path):
    table = read_kwb_file(hostile_gemeente(tmp_path))
    w = make_wijkfoto(table, "WK000101")
    rows = _no_formula_anywhere(render(w, "csv"))
    elderly = next(r for r in rows if r["Kenmerk (code)"] == "aandeel_65plus")
    assert elderly["Gebied"] == "'" + HOSTILE[1]
    item = next(i for i in w.indicators if i.id == "aandeel_65plus")
    assert elderly["Waarde"] == fmt_number(item.value, 1) == "12,5"  # as the page shows it
    assert elderly["Oordeel t.o.v. gemeente"] == VERDICT_NL[item.vs_gemeente.verdict]
    assert elderly["Drempel absoluut"] == "2" and elderly["Drempel relatief (%)"] == "10,0"
    assert elderly["Benadering"] in ("ja", "nee")


def test_the_overview_csv_is_dutch_excel_and_safe(tmp_path):
    ov = make_overview(read_kwb_file(hostile_gemeente(tmp_path)), "GM0001")
    rows = _no_formula_anywhere(render_overview(ov, "csv"))
    assert {r["Wijk"] for r in rows} == {"'" + name for name in HOSTILE}
    assert {r["Oordeel t.o.v. gemeente"] for r in rows} <= set(VERDICT_NL.values())
    assert all("." not in r["Waarde"] for r in rows)


def test_the_command_line_writes_the_same_csv(tmp_path):
    path = hostile_gemeente(tmp_path)
    runner = CliRunner()
    for args in (["wijkfoto", "WK000102", "--format", "csv"], ["overzicht", "GM0001",
                                                               "--format", "csv"]):
        out = tmp_path / f"{args[0]}.csv"
        result = runner.invoke(main, [*args, "--data", str(path), "--out", str(out)])
        assert result.exit_code == 0, result.output
        _no_formula_anywhere(out.read_bytes().decode("utf-8"))


def test_the_web_downloads_are_the_same_csv(client, db, tmp_path):
    from wijkkracht.areas.services import kwb_dataset_save

    kwb_dataset_save(read_kwb_file(hostile_gemeente(tmp_path)))
    for url in ("/wijkfoto/WK000103.csv", "/wijkfoto/GM0001/wijken?formaat=csv"):
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        _no_formula_anywhere(response.content.decode("utf-8"))


def test_the_netwerkscan_figures_are_dutch_excel():
    people = tuple(Person(p, p, "welzijn") for p in "abc")
    scan = Scan("T0", people, frozenset("abc"), {("a", "b"): 2, ("b", "c"): 1, ("c", "a"): 4})
    rows = _no_formula_anywhere(metrics_csv([scan], anonymous=True))
    density = next(r for r in rows if r["niveau"] == "1" and r["weergave"] == "directed"
                   and r["maat"] == "dichtheid")
    assert density["waarde"] == "0,5"


def test_the_wijkfoto_json_carries_the_materiality_thresholds(tmp_path):
    table = read_kwb_file(hostile_gemeente(tmp_path))
    doc = json.loads(render(make_wijkfoto(table, "WK000101"), "json"))
    elderly = next(i for i in doc["indicators"] if i["id"] == "aandeel_65plus")
    assert elderly["materiality"] == {"absolute": 2.0, "relative": 0.1}
    # enough to redo the verdict without the catalogue: 12.5% against 15% is 2.5 points apart
    gap = abs(elderly["value"] - elderly["vs_gemeente"]["benchmark_value"])
    assert elderly["vs_gemeente"]["material"] == (gap >= elderly["materiality"]["absolute"])
