"""The loaders against the real CBS files in ../shared/data: every value equals the file's."""

import csv
import json
import math

import pytest

from tests.conftest import (
    AMS_2017,
    AMS_2019,
    KWB_2017_NL,
    KWB_2024,
    KWB_2024_JSON,
    need,
    real_kwb,
)
from wijkkracht.areas.fields import match_headers
from wijkkracht.areas.sources.files import read_kwb_file

SECRET = {"", ".", "NA", "-99997", "-99995", "-99991"}


def raw_rows(path, delimiter):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=delimiter))
    return rows[0], rows[1:]


def raw_number(text):
    text = text.strip()
    return None if text in SECRET else float(text.replace(",", "."))


def approx_equal(got, expected: float) -> bool:
    """pytest.approx's default test (relative 1e-6, absolute 1e-12), without its cost per call:
    these tests compare hundreds of thousands of values."""
    return got is not None and abs(got - expected) <= max(1e-6 * abs(expected), 1e-12)


@pytest.mark.parametrize(
    ("path", "delimiter", "year", "layout", "areas"),
    [
        (KWB_2024, ";", 2024, "statline-keys", 10000),
        (KWB_2017_NL, ",", 2017, "statline-keys", 16667),
        (AMS_2017, ",", 2017, "statline-labels", 580),
        (AMS_2019, ",", 2019, "statline-labels", 580),
    ],
)
def test_every_value_of_every_area_equals_the_cbs_file(path, delimiter, year, layout, areas):
    table = real_kwb(path)
    assert (table.year, table.layout, table.frame.height) == (year, layout, areas)
    headers, rows = raw_rows(path, delimiter)
    mapping = match_headers(headers)
    col = {h: i for i, h in enumerate(headers)}
    by_code = {c: i for i, c in enumerate(table.frame["code"].to_list())}
    values = {field_id: table.frame[field_id].to_list() for field_id in table.field_ids}
    checked = 0
    for row in rows:
        code = row[col[mapping["code"]]].strip() or row[col[mapping["name"]]].strip()
        if code not in by_code:  # Nuenen's broken rows hold the code in the name column
            code = row[col[mapping["name"]]].strip()
        i = by_code[code]
        for field_id in table.field_ids:
            expected = raw_number(row[col[mapping[field_id]]])
            got = values[field_id][i]
            if expected is None:
                assert got is None, (code, field_id)
            else:
                assert approx_equal(got, expected), (code, field_id, got, expected)
            checked += 1
    assert checked == areas * len(table.field_ids)


def test_columns_are_found_by_meaning_in_all_three_layouts():
    t24 = real_kwb(KWB_2024)
    t17 = real_kwb(KWB_2017_NL)
    a19 = real_kwb(AMS_2019)
    # _34 in 2024, _33 in 2017, a mangled title path in the Amsterdam file: one field.
    for t, code in ((t24, "WK039210"), (t17, "WK039210"), (a19, "WK036300")):
        assert "dichtheid" in t.field_ids and "inw_65plus" in t.field_ids
        assert t.frame.filter(t.frame["code"] == code)["inwoners"][0] > 1000
    # Herkomstland Nederland_17 is taken, not the later Nederland_20 (geboren in Nederland).
    row = t24.frame.filter(t24.frame["code"] == "WK039210")
    assert row["herkomst_europa"][0] == 1825 and row["herkomst_buiten_europa"][0] == 1675


def test_secret_values_are_missing_never_zero():
    t = real_kwb(KWB_2017_NL)
    row = t.frame.filter(t.frame["code"] == "BU16800009").to_dicts()[0]
    assert row["p_hh_laag_inkomen"] is None and row["inwoners"] == 150


def test_the_broken_nuenen_rows_load_as_missing_without_crashing():
    t = real_kwb(KWB_2017_NL)
    nuenen = t.frame.filter(t.frame["gemeente_code"] == "GM0820")
    assert nuenen.height == 14
    assert nuenen["inwoners"].null_count() == 14
    assert set(nuenen["level"].to_list()) == {"GM", "WK", "BU"}


def test_hierarchy_codes_and_names_are_clean():
    t = real_kwb(KWB_2024)
    row = t.frame.filter(t.frame["code"] == "BU0363MD01").to_dicts()[0]
    assert row["name"] == "Transvaalbuurt-West"
    assert (row["level"], row["wijk_code"], row["gemeente_code"], row["parent_code"]) == (
        "BU", "WK0363MD", "GM0363", "WK0363MD")
    assert row["gemeente_name"] == "Amsterdam" and row["boundary_change"] == 1


def test_the_2024_gemeente_and_wijk_json_loads():
    path = need(KWB_2024_JSON)
    t = read_kwb_file(path)
    raw = json.loads(path.read_text())
    assert t.frame.height == len(raw)
    for code in ("GM0392", "WK039210", "WK168000"):
        row = t.frame.filter(t.frame["code"] == code).to_dicts()[0]
        assert row["inwoners"] == raw[code]["AantalInwoners_5"]
        assert row["dichtheid"] == raw[code]["Bevolkingsdichtheid_34"]
    assert not math.isnan(t.frame["inwoners"].sum())
