"""The Transvaalwijk reports from the real 2024 file: JSON (schema), HTML, PDF, overview."""

import json

import jsonschema
import pytest

from tests.conftest import KWB_2024, real_computed, real_kwb
from wijkkracht.exports.spreadsheet import read_csv_text
from wijkkracht.wijkfoto.report.jsonout import wijkfoto_schema
from wijkkracht.wijkfoto.services import make_overview, make_wijkfoto, render, render_overview


@pytest.fixture(scope="module")
def table():
    return real_kwb(KWB_2024)


@pytest.fixture(scope="module")
def computed(table):
    return real_computed(KWB_2024)


@pytest.mark.parametrize("code", ["WK039210", "GM0392", "BU03921001", "WK0363MD", "GM1680"])
def test_json_follows_the_published_schema_and_the_computation(table, computed, code):
    w = make_wijkfoto(table, code, computed=computed)
    doc = json.loads(render(w, "json"))
    jsonschema.validate(doc, wijkfoto_schema())
    i = computed.index[code]
    for item in doc["indicators"]:
        r = computed.results[item["id"]]
        if item["value"] is None:
            assert item["missing"]
        else:
            assert item["value"] == pytest.approx(r.value[i])
            assert item["vs_nl"]["verdict"] == r.vs_nl.verdict[i]


def test_the_narrative_says_what_the_data_say_about_the_transvaalwijk(table, computed):
    w = make_wijkfoto(table, "Transvaalwijk", computed=computed)
    elderly = next(v for v in w.indicators if v.id == "aandeel_65plus")
    first = w.narrative[0]
    assert first.startswith("Op ") and "niet af van Haarlem" in first
    similar = sum(v.vs_gemeente.verdict == "similar" for v in w.indicators)
    tested = sum(v.vs_gemeente.verdict != "not_compared" for v in w.indicators)
    assert first.startswith(f"Op {similar} van de {tested} kenmerken")
    # In 2024 the share of elderly is clearly lower than in Haarlem; the report must say so.
    assert elderly.vs_gemeente.verdict == "lower"
    assert "Ouderen 65+" in first.split("Lager:")[1]
    assert any("toeval" in line for line in w.narrative)


def test_html_is_one_self_contained_page(table, computed):
    html = render(make_wijkfoto(table, "WK039210", computed=computed), "html")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    assert "Transvaalwijk" in html and "Bron: CBS, Kerncijfers wijken en buurten 2024" in html
    assert "<svg" in html and 'role="img"' in html
    assert "http://" not in html and "https://" not in html and "<script" not in html


def test_every_indicator_links_to_its_definition(table, computed):
    """Definitions in the page, not in title attributes that keyboard and touch users never
    see."""
    import html as html_lib
    import re

    wijkfoto = make_wijkfoto(table, "WK039210", computed=computed)
    page = render(wijkfoto, "html")
    links = re.findall(r'<a href="#(def-[^"]+)" class="def-link">', page)
    targets = dict(re.findall(r'<dt id="(def-[^"]+)">.*?</dt><dd>(.*?)</dd>', page, re.S))
    shown = [i for _theme, items in wijkfoto.themes for i in items]
    assert len(set(links)) == len(shown) > 20 and set(links) == set(targets)  # "Wat opvalt" too
    for i in shown:
        assert html_lib.unescape(targets[f"def-{i.id}"]) == i.definition
    assert "<span title=" not in page


def test_pdf_is_a_pdf(table, computed):
    pdf = render(make_wijkfoto(table, "WK039210", computed=computed), "pdf")
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000


def test_the_haarlem_overview_has_every_wijk_and_indicator(table, computed):
    ov = make_overview(table, "Haarlem")
    wijken = table.frame.filter((table.frame["gemeente_code"] == "GM0392")
                                & (table.frame["level"] == "WK"))
    assert [r[0] for r in ov.rows] == sorted(wijken["code"].to_list())
    rows = read_csv_text(render_overview(ov, "csv"))
    assert len(rows) == wijken.height * len(ov.indicators)
    cell = next(r for r in rows if r["Wijkcode"] == "WK039210"
                and r["Kenmerk (code)"] == "aandeel_65plus")
    i = computed.index["WK039210"]
    assert float(cell["Waarde"].replace(",", ".")) == pytest.approx(
        computed.results["aandeel_65plus"].value[i], abs=0.05)
    html = render_overview(ov, "html")
    assert html.count("<tr>") >= wijken.height + 3
