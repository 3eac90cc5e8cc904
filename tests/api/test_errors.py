"""Every error is application/problem+json (RFC 9457) with a Dutch detail, never a stack trace."""

from __future__ import annotations

import pytest

from tests.api.conftest import HAARLEM, TRANSVAALWIJK, assert_problem
from wijkkracht.areas import selectors
from wijkkracht.errors import WijkkrachtError


def test_an_unknown_area_is_404_with_the_core_message(client, kwb_2024):
    body = assert_problem(client.get("/api/v1/areas/WK039299"), 404)
    assert "WK039299 komt niet voor in de kerncijfers van 2024" in body["detail"]
    body = assert_problem(client.get("/api/v1/wijkfoto/BU03929999"), 404)
    assert "BU03929999" in body["detail"]


def test_a_path_that_is_no_area_code_is_404(client, kwb_2024):
    body = assert_problem(client.get("/api/v1/areas/Haarlem"), 404)
    assert "'Haarlem' is geen CBS-gebiedscode" in body["detail"]
    # The country has no wijkfoto: nothing to compare it with.
    assert_problem(client.get("/api/v1/wijkfoto/NL00"), 404)


def test_a_bad_compare_value_lists_the_invalid_parameter(client, kwb_2024):
    body = assert_problem(client.get(f"/api/v1/wijkfoto/{TRANSVAALWIJK}",
                                     {"compare": "stad"}), 400)
    assert body["invalid-params"] == [
        {"name": "compare", "reason": "moet een van deze waarden zijn: gemeente of nl"}]
    assert "compare" in body["detail"]


@pytest.mark.parametrize("url", ["/api/v1/areas", f"/api/v1/areas/{HAARLEM}",
                                 f"/api/v1/wijkfoto/{HAARLEM}"])
def test_a_malformed_year_lists_the_invalid_parameter(client, kwb_2024, url):
    body = assert_problem(client.get(url, {"year": "twintig"}), 400)
    assert body["invalid-params"] == [{"name": "year", "reason": "moet een geheel getal zijn"}]


def test_several_invalid_parameters_are_all_listed(client, kwb_2024):
    body = assert_problem(client.get("/api/v1/areas", {"year": "1900", "level": "XX",
                                                       "page": "0", "page_size": "1000"}), 400)
    assert {p["name"]: p["reason"] for p in body["invalid-params"]} == {
        "year": "moet minstens 2003 zijn", "level": "moet een van deze waarden zijn: NL, GM, "
        "WK of BU", "page": "moet minstens 1 zijn", "page_size": "mag hoogstens 100 zijn"}


def test_a_year_that_is_not_loaded_is_404_and_says_which_are(client, kwb_2024):
    body = assert_problem(client.get(f"/api/v1/wijkfoto/{TRANSVAALWIJK}", {"year": 2019}), 404)
    assert body["detail"] == "Er zijn geen kerncijfers over 2019 geladen (wel over 2024)."


def test_comparing_a_gemeente_with_itself_is_400(client, kwb_2024):
    body = assert_problem(client.get(f"/api/v1/wijkfoto/{HAARLEM}", {"compare": "gemeente"}),
                          400)
    assert "is zelf een gemeente" in body["detail"]


@pytest.mark.parametrize("url", ["/api/v1/areas", f"/api/v1/areas/{HAARLEM}",
                                 f"/api/v1/wijkfoto/{TRANSVAALWIJK}"])
def test_without_cbs_data_the_answer_is_503_with_how_to_load_it(client, db, url):
    body = assert_problem(client.get(url), 503)
    assert body["detail"] == selectors.NO_DATA


def test_no_trailing_slash_and_no_redirect(client, db):
    for url in ("/api/v1/areas/", "/api/v1/indicators/", "/api/v1/me/", "/api/v1/nergens",
                "/api/v1/"):
        assert_problem(client.get(url), 404)


def test_an_unsupported_method_is_405_problem_with_allow(client, db):
    response = client.post("/api/v1/indicators", {})
    assert_problem(response, 405)
    assert response["Allow"] == "GET"


def test_a_core_error_no_view_expected_is_400(client, db, monkeypatch):
    def broken() -> list[int]:
        raise WijkkrachtError("Het CBS-bestand is onleesbaar.")

    monkeypatch.setattr(selectors, "available_years", broken)
    body = assert_problem(client.get("/api/v1/years"), 400)
    assert body["detail"] == "Het CBS-bestand is onleesbaar."


def test_a_bug_is_a_500_problem_without_stack_trace(client, db, monkeypatch, caplog):
    def broken() -> list[int]:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(selectors, "available_years", broken)
    body = assert_problem(client.get("/api/v1/years"), 500)
    assert "secret internal detail" not in body["detail"]
    assert "de fout is vastgelegd" in body["detail"]
    assert any("secret internal detail" in (r.exc_text or "") or r.exc_info for r in caplog.records)
