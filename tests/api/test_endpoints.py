"""The public endpoints give the same numbers as the core, for the Transvaalwijk and Haarlem."""

from __future__ import annotations

import math

import jsonschema
import pytest

from tests.api.conftest import HAARLEM, TRANSVAALWIJK
from wijkkracht.api.middleware import API_VERSION
from wijkkracht.areas.catalogue import INDICATORS
from wijkkracht.wijkfoto.report.jsonout import wijkfoto_schema


def _number(x) -> float | None:
    x = float(x)
    return None if math.isnan(x) else x


def test_years_lists_the_loaded_year(client, kwb_2024):
    response = client.get("/api/v1/years")
    assert response.status_code == 200
    assert response["API-Version"] == API_VERSION
    assert response.json() == {"years": [2024]}


def test_years_is_empty_before_any_import(client, db):
    assert client.get("/api/v1/years").json() == {"years": []}


def test_search_by_name_finds_the_transvaalwijk(client, kwb_2024):
    response = client.get("/api/v1/areas", {"search": "transvaal"})
    assert response.status_code == 200
    assert response["API-Version"] == API_VERSION
    body = response.json()
    wijk = next(a for a in body["results"] if a["code"] == TRANSVAALWIJK)
    assert wijk == {"code": TRANSVAALWIJK, "name": "Transvaalwijk", "level": "WK",
                    "level_name": "wijk", "gemeente_code": HAARLEM, "gemeente_name": "Haarlem",
                    "year": 2024}
    assert body["count"] == len(body["results"]) and body["page"] == 1


def test_search_puts_the_exact_gemeente_first_and_filters_by_level(client, kwb_2024):
    first = client.get("/api/v1/areas", {"search": "Haarlem"}).json()["results"][0]
    assert (first["code"], first["level"], first["gemeente_code"]) == (HAARLEM, "GM", HAARLEM)
    wijken = client.get("/api/v1/areas", {"search": "haarlem", "level": "WK",
                                          "page_size": 100}).json()
    assert wijken["results"] and {a["level"] for a in wijken["results"]} == {"WK"}


def test_the_list_is_paginated_with_page_and_page_size(client, kwb_2024):
    table = kwb_2024.table
    n_wijken = table.frame.filter(table.frame["level"] == "WK").height
    first = client.get("/api/v1/areas", {"level": "WK", "page_size": 7}).json()
    assert first["count"] == n_wijken and first["pages"] == math.ceil(n_wijken / 7)
    assert len(first["results"]) == 7 and first["previous"] is None
    assert first["next"].startswith("/api/v1/areas?") and "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert second["page"] == 2 and second["previous"] is not None
    assert not {a["code"] for a in first["results"]} & {a["code"] for a in second["results"]}
    last = client.get("/api/v1/areas", {"level": "WK", "page_size": 7,
                                        "page": first["pages"]}).json()
    assert last["next"] is None and 1 <= len(last["results"]) <= 7


@pytest.mark.parametrize("code", [TRANSVAALWIJK, HAARLEM])
def test_an_area_has_the_field_values_of_the_table(client, kwb_2024, code):
    response = client.get(f"/api/v1/areas/{code}")
    assert response.status_code == 200
    body = response.json()
    table = kwb_2024.table
    row = table.frame.row(kwb_2024.index[code], named=True)
    assert body["code"] == code and body["year"] == 2024 and body["name"] == row["name"]
    assert body["attribution"] == "Bron: CBS, Kerncijfers wijken en buurten 2024"
    assert set(body["fields"]) == set(table.field_ids)
    assert body["fields"] == {f: row[f] for f in table.field_ids}
    assert body["fields"]["inwoners"] > 0


@pytest.mark.parametrize(("code", "compare"), [(TRANSVAALWIJK, "gemeente"), (HAARLEM, "nl")])
def test_the_wijkfoto_has_the_numbers_of_the_computed_year(client, kwb_2024, code, compare):
    response = client.get(f"/api/v1/wijkfoto/{code}")
    assert response.status_code == 200
    doc = response.json()
    jsonschema.validate(doc, wijkfoto_schema())
    assert doc["schema"] == "wijkkracht.wijkfoto/1"
    assert doc["area"]["code"] == code and doc["year"] == 2024 and doc["compare"] == compare
    i = kwb_2024.index[code]
    available = {k: r for k, r in kwb_2024.results.items() if r.available}
    assert [v["id"] for v in doc["indicators"]] == list(available)
    for item in doc["indicators"]:
        res = available[item["id"]]
        assert item["value"] == _number(res.value[i]), item["id"]
        assert item["interval95"] == [_number(res.lower95[i]), _number(res.upper95[i])]
        assert item["vs_gemeente"]["verdict"] == str(res.vs_gemeente.verdict[i])
        assert item["vs_nl"]["benchmark_value"] == _number(res.vs_nl.benchmark[i])


def test_the_transvaalwijk_has_fewer_elderly_than_haarlem(client, kwb_2024):
    doc = client.get(f"/api/v1/wijkfoto/{TRANSVAALWIJK}", {"year": 2024,
                                                            "compare": "gemeente"}).json()
    elderly = next(v for v in doc["indicators"] if v["id"] == "aandeel_65plus")
    assert elderly["value"] == pytest.approx(10.9, abs=0.05)
    assert elderly["vs_gemeente"]["benchmark_value"] == pytest.approx(17.5, abs=0.05)
    assert elderly["vs_gemeente"]["verdict"] == "lower"
    assert "Haarlem" in doc["narrative"][0]


def test_a_gemeente_compared_with_the_netherlands(client, kwb_2024):
    doc = client.get(f"/api/v1/wijkfoto/{HAARLEM}", {"compare": "nl"}).json()
    assert doc["compare"] == "nl" and doc["area"]["level"] == "GM"


def test_indicators_are_the_catalogue(client, db):
    response = client.get("/api/v1/indicators")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == [i.id for i in INDICATORS]
    elderly = next(r for r in results if r["id"] == "aandeel_65plus")
    assert elderly == {"id": "aandeel_65plus", "theme": "Bevolking", "label": "Ouderen 65+",
                       "definition": elderly["definition"], "kind": "proportion", "unit": "%",
                       "polarity": "no_judgement",
                       "source_table": "CBS, Kerncijfers wijken en buurten",
                       "origin": "volledige registratie"}


def test_api_responses_carry_the_nlgov_headers(client, db):
    response = client.get("/api/v1/indicators")
    assert response["API-Version"] == API_VERSION
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "API-Version" not in client.get("/gezondheid")
