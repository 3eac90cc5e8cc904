"""The monitor's aggregates in the API, on the casework world of the monitor's page tests: the
same figures as the pages and their CSV, suppressed cells staying suppressed, the control chart
worked by hand, Dutch problems for bad input, and an access table over every monitor endpoint x
every role x own and other organisation (analysts and coordinators only; aggregates only)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.api.conftest import assert_problem
from tests.casus.feed_world import close, fill, new_case
from tests.monitor import test_pages as pages
from wijkkracht.accounts.models import Membership
from wijkkracht.api.services import api_token_create
from wijkkracht.exports.spreadsheet import dutch_number, read_csv_text
from wijkkracht.monitor.models import Step, Target
from wijkkracht.monitor.report.labels import DECIMALS, UNKNOWN_WIJK
from wijkkracht.monitor.selectors import organisation_monitor

pytestmark = pytest.mark.django_db

# the monitor page tests' world (Noord: 6 new cases a month from January to June 2025, Zuid 3 in
# March, Maanveld 1 in January) on their fixed day, 15 July 2025
world, today, SECRET_WORDS = pages.world, pages.today, pages.SECRET_WORDS

INDICATORS, SERIES = "/api/v1/monitor/indicators", "/api/v1/monitor/series"
MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07",
          "2025-08", "2025-09"]  # from the first casework to the end of today's quarter


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user, 'test')[1]}"}


def series(client, user, **params) -> dict:
    response = client.get(SERIES, params, **bearer(user))
    assert response.status_code == 200, response.content
    return response.json()


def test_the_indicators_rows_and_periods_of_the_organisation(client, world, today):
    response = client.get(INDICATORS, **bearer(world.users["analist"]))
    assert response.status_code == 200
    body = response.json()
    assert body["organisation"] == {"id": world.gemeente.pk, "name": "Gemeente Zonnedal"}
    assert body["organisations"] == [body["organisation"]]
    codes = [d.code for d in organisation_monitor(world.gemeente).definitions]
    assert [i["code"] for i in body["results"]] == codes
    new = next(i for i in body["results"] if i["code"] == "new")
    assert new == {"code": "new", "name": "Nieuwe dossiers",
                   "description": "Dossiers gesignaleerd in de periode.", "measure": "count",
                   "unit": "dossiers", "polarity": "neutral", "chart": "xmr", "per": 1.0}
    share = next(i for i in body["results"] if i["code"] == "closed_without_specialised")
    assert (share["measure"], share["chart"], share["per"], share["unit"]) == (
        "proportion", "pp", 100.0, "%")
    assert body["rows"] == [
        {"level": "totaal", "key": "", "name": "Alle teams samen"},
        {"level": "team", "key": str(world.team.pk), "name": "Wijkteam Noord"},
        {"level": "team", "key": str(world.team2.pk), "name": "Wijkteam Zuid"},
        {"level": "wijk", "key": "WK039210", "name": "WK039210"}]  # no CBS names loaded
    assert body["periods"]["maand"] == MONTHS
    assert body["periods"]["kwartaal"] == ["2025-K1", "2025-K2", "2025-K3"]


def test_the_series_shows_what_the_page_shows(client, world, today):
    body = series(client, world.users["coord"], indicator="new")
    assert body["row"] == {"level": "totaal", "key": "", "name": "Alle teams samen"}
    assert body["granularity"] == "maand" and body["steps"] == []
    points = body["points"]
    assert [p["period"] for p in points] == MONTHS
    # January, February: 6; March: 6 of Noord + 3 of Zuid; April-June 6 (test_pages.py)
    assert [p["value"] for p in points] == [6, 6, 9, 6, 6, 6, None, None, None]
    assert [p["numerator"] for p in points][:6] == ["6", "6", "9", "6", "6", "6"]
    assert [p["value_text"] for p in points][:7] == ["6", "6", "9", "6", "6", "6", "–"]
    july = points[6]  # today is 15 July: July is not over
    assert (july["reason"], july["reason_text"], july["status"]) == (
        "loopt_nog", "periode loopt nog", "gap")
    assert points[0]["reason"] == "" and points[0]["reason_text"] == ""
    page = client.get("/monitor/indicator/new?wat=totaal&periode=maand")  # not signed in
    assert page.status_code == 302  # the page needs a session; the API a token, nothing more


def test_a_suppressed_cell_stays_suppressed(client, world, today):
    zuid = series(client, world.users["analist"], indicator="new", level="team",
                  key=str(world.team2.pk))["points"]
    noord = series(client, world.users["analist"], indicator="new", level="team",
                   key=str(world.team.pk))["points"]
    # March: Zuid's 3 is "< 5", and Noord's 6 would give it away (9 - 6): hidden as "x"
    assert (zuid[2]["numerator"], zuid[2]["value"], zuid[2]["reason"]) == (
        "< 5", None, "klein_aantal")
    assert (noord[2]["numerator"], noord[2]["value"], noord[2]["reason"]) == (
        "x", None, "klein_aantal")
    assert noord[2]["reason_text"] == "kleine aantallen beschermd"
    assert noord[2]["value_text"] == "–" and noord[2]["status"] == "gap"
    assert noord[2]["centre"] is not None  # the line goes on; the point is a gap, not a zero
    # the caseload of Noord from March on would give Zuid's 3 away (test_pages.py)
    load = series(client, world.users["analist"], indicator="caseload", level="team",
                  key=str(world.team.pk))["points"]
    assert [p["value"] for p in load[:3]] == [6, 7, None] and load[2]["numerator"] == "x"
    quarter = series(client, world.users["analist"], indicator="new", level="team",
                     key=str(world.team2.pk), granularity="kwartaal")["points"]
    assert (quarter[0]["period"], quarter[0]["numerator"], quarter[0]["value"]) == (
        "2025-K1", "< 5", None)
    assert not any(str(n) in {"1", "2", "3", "4"} for p in zuid + noord + load + quarter
                   for n in (p["numerator"], p["denominator"]))


def test_every_series_matches_the_csv_download(client, signed_in, world, today):
    """The pages' CSV (monitor.views.export_rows) and the API, cell by cell, for every
    indicator, every row and both period lengths."""
    for i in range(6):  # scores and plans give a mean change per domain and a proportion
        case = new_case(world, family=f"Netwerk{i}", signalled=dt.date(2025, 4, 1))
        fill(case, world, start=2, end=4 if i < 5 else 1, on=dt.date(2025, 4, 2))
        close(case, dt.date(2025, 5, 30))
    for i in range(2):  # households without a wijk: their own row
        new_case(world, family=f"Zonderwijk{i}", buurt="", signalled=dt.date(2025, 5, 7))
    user = world.users["analist"]
    headers = bearer(user)
    page = signed_in(user)
    rows = client.get(INDICATORS, **headers).json()["rows"]
    assert {"level": "wijk", "key": "onbekend", "name": "wijk onbekend"} in rows
    definitions = {d.code: d for d in organisation_monitor(world.gemeente).definitions}
    checked = 0
    for periode in ("maand", "kwartaal"):
        for level, wat in (("totaal", "totaal"), ("team", f"team-{world.team.pk}"),
                           ("wijk", "wijk-WK039210")):  # every row of the level
            csv = read_csv_text(page.get(f"/monitor/indicatoren.csv?wat={wat}&periode="
                                         f"{periode}").content.decode("utf-8-sig"))
            for row in (r for r in rows if r["level"] == level):
                csv_name = UNKNOWN_WIJK if row["key"] == "onbekend" else row["name"]
                for code, d in definitions.items():
                    body = client.get(SERIES, {"indicator": code, "level": level,
                                               "key": row["key"], "granularity": periode},
                                      **headers).json()
                    shown = [(r["Periode"], r["Teller"], r["Noemer"], r["Waarde"],
                              r["Opmerking"]) for r in csv
                             if r["Code"] == code and r["Naam"] == csv_name]
                    api = [(p["period"], p["numerator"], p["denominator"],
                            dutch_number(p["value"], DECIMALS[d.measure]), p["reason_text"])
                           for p in body["points"]]
                    assert api == shown, (code, level, row["key"], periode)
                    checked += 1
    assert checked == 2 * len(definitions) * len(rows)
    assert "change:zrm/financien" in definitions and len(rows) == 5


def test_the_chart_of_a_series_worked_by_hand(client, world, today):
    chart = series(client, world.users["analist"], indicator="new")["chart"]
    # XmR on 6, 6, 9, 6, 6, 6: centre the mean 39/6 = 6.5; moving ranges 0, 3, 3, 0, 0, mean
    # 1.2; sigma = 1.2 / d2 with d2 = 1.128 for ranges of 2 (Wheeler, "Understanding
    # Variation", 1993; Montgomery, "Introduction to SQC", table VI): limits 6.5 -+ 3 x 1.0638
    # = 3.3085 and 9.6915; 9 lies inside
    assert chart["type"] == "xmr" and chart["target"] is None
    assert chart["name"] == "XmR-regelkaart (individuele waarden)"
    assert chart["ruleset"].startswith("wijkkracht-spc/1")
    assert chart["method"] == ("Soort grafiek: XmR-regelkaart (individuele waarden). "
                               f"Regels: {chart['ruleset']}.")
    [phase] = chart["phases"]
    assert (phase["start"], phase["end"], phase["provisional"]) == ("2025-01", "2025-09", True)
    assert phase["centre"] == pytest.approx(6.5)
    assert phase["lower_limit"] == pytest.approx(3.3085, abs=1e-4)
    assert phase["upper_limit"] == pytest.approx(9.6915, abs=1e-4)
    points = series(client, world.users["analist"], indicator="new")["points"]
    assert points[2]["upper_limit"] == pytest.approx(9.6915, abs=1e-4)
    assert points[2]["signals"] == [] and points[2]["direction"] == 0
    assert [p["status"] for p in points] == ["used"] * 6 + ["gap"] * 3
    # 6 points: provisional limits (12 advised) and too few for trends and shifts (test_reading)
    assert ("De grenzen zijn voorlopig: ze rusten op 6 punten; betrouwbaar worden ze vanaf 12 "
            "punten.") in chart["reading"]
    assert "3 maanden zonder gegevens: daar is de lijn onderbroken." in chart["reading"]
    # June, the last point, lies inside the limits: common cause (Making Data Count's icon)
    assert chart["variation"] == "common_cause" and chart["variation_text"] == "gewone variatie"
    assert chart["assurance"] == "none"


def test_a_percentage_and_its_chart_in_the_same_unit(client, world, today):
    body = series(client, world.users["analist"], indicator="closed_without_specialised")
    points = body["points"]
    # Noord closes 5 cases on the 20th of February, March and April, none referred: 5 of 5
    assert [p["value"] for p in points[1:4]] == [100.0, 100.0, 100.0]
    assert [(p["numerator"], p["denominator"]) for p in points[1:4]] == [("5", "5")] * 3
    assert points[1]["value_text"] == "100%"  # as the page writes it
    assert points[0]["reason"] == "geen_gegevens"  # nothing closed in January: 0 of 0
    # the P' chart plots fractions; the API gives its centre in the indicator's % like the value
    assert body["chart"]["type"] == "pp"
    assert body["chart"]["phases"][0]["centre"] == pytest.approx(100.0)
    assert points[1]["centre"] == pytest.approx(100.0)


def test_a_teams_target_and_step_are_on_its_chart(client, world, today):
    Target.objects.create(team=world.team, indicator="new", value=5)
    Step.objects.create(team=world.team, indicator="new", period="2025-04",
                        label="Inloopspreekuur", description="Berend kwam langs",
                        new_phase=True)
    body = series(client, world.users["coord"], indicator="new", level="team",
                  key=str(world.team.pk))
    assert body["row"] == {"level": "team", "key": str(world.team.pk),
                           "name": "Wijkteam Noord"}
    assert body["steps"] == [{"period": "2025-04", "label": "Inloopspreekuur",
                              "new_phase": True}]
    chart = body["chart"]
    assert chart["target"] == 5
    assert [(p["start"], p["end"]) for p in chart["phases"]] == [("2025-01", "2025-03"),
                                                                  ("2025-04", "2025-09")]
    assert [p["phase"] for p in body["points"]] == [0, 0, 0, 1, 1, 1, 1, 1, 1]
    # Noord's new cases: 6, 6, x, 6, 6, 6: both phases have centre 6
    assert [p["centre"] for p in chart["phases"]] == [6, 6]
    assert "Berend" not in str(body)  # the step's explanation is not part of the answer
    totaal = series(client, world.users["coord"], indicator="new")
    assert totaal["steps"] == [] and totaal["chart"]["target"] is None  # a team's own


@pytest.mark.parametrize(("params", "status", "name", "words"), [
    ({"indicator": "bestaat_niet"}, 404, None, "Indicator 'bestaat_niet' bestaat niet"),
    ({}, 400, "indicator", "Ongeldige parameter"),
    ({"indicator": "new", "level": "buurt"}, 400, "level", "Ongeldige parameter"),
    ({"indicator": "new", "granularity": "week"}, 400, "granularity", "Ongeldige parameter"),
    ({"indicator": "new", "level": "team", "key": "999999"}, 404, None, "geen team '999999'"),
    ({"indicator": "new", "level": "wijk", "key": "WK999999"}, 404, None, "geen wijk"),
    ({"indicator": "new", "level": "team"}, 400, "key", "hoort een `key`"),
    ({"indicator": "new", "key": "12"}, 400, "key", "hoort geen `key`"),
    ({"indicator": "new", "organisation": "abc"}, 400, "organisation", "Ongeldige parameter"),
])
def test_bad_input_is_a_dutch_problem(client, world, today, params, status, name, words):
    response = client.get(SERIES, params, **bearer(world.users["analist"]))
    body = assert_problem(response, status)
    assert words in body["detail"]
    if name:
        assert [p["name"] for p in body["invalid-params"]] == [name]
        assert all(p["reason"] and "Input" not in p["reason"] for p in body["invalid-params"])


def test_a_team_of_another_organisation_is_no_row_here(client, world, today):
    response = client.get(SERIES, {"indicator": "new", "level": "team",
                                   "key": str(world.other_team.pk)},
                          **bearer(world.users["analist"]))
    assert_problem(response, 404)
    assert b"Maan" not in response.content


def test_a_reader_of_several_organisations_chooses_one(client, world, today, make_user):
    analist = world.users["analist"]
    Membership.objects.create(user=analist, team=world.other_team, role="analyst")
    both = client.get(INDICATORS, **bearer(analist)).json()
    assert both["organisation"]["id"] == world.gemeente.pk  # without `organisation`: their own
    assert [o["id"] for o in both["organisations"]] == sorted(
        [world.gemeente.pk, world.other_gemeente.pk])
    other = series(client, analist, indicator="new", organisation=world.other_gemeente.pk)
    assert other["organisation"]["name"] == "Gemeente Maanveld"
    assert other["points"][0]["numerator"] == "< 5"  # its one case, in January
    # someone whose own organisation is neither must say which
    guest = make_user("gast")
    for team in (world.team, world.other_team):
        Membership.objects.create(user=guest, team=team, role="analyst")
    body = assert_problem(client.get(INDICATORS, **bearer(guest)), 400)
    assert [p["name"] for p in body["invalid-params"]] == ["organisation"]
    assert f"{world.gemeente.pk}, {world.other_gemeente.pk}" in body["detail"]


def monitor_patterns() -> set[str]:
    found = set()

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif (isinstance(p, URLPattern) and prefix.startswith("api/v1/")
                  and str(p.pattern).startswith("monitor")):
                found.add(str(p.pattern))
    walk(get_resolver().url_patterns)
    return found


# URL pattern (under /api/v1/) -> its path and the parameters of a good question
ENDPOINTS = {"monitor/indicators": (INDICATORS, {}),
             "monitor/series": (SERIES, {"indicator": "new"})}
# role -> status for (own organisation, other organisation); "own" is the user's organisation
ACCESS = {
    "analist": (200, 404),
    "coord": (200, 404),
    "prof": (403, 403),  # professionals work with cases, not with the monitor
    "prof2": (403, 403),
    "vreemd": (403, 403),
    "analist_maan": (200, 404),  # the other gemeente's analyst: their own monitor only
}
NAMES = ("Klaproos", "Huishouden")  # the households' family names and their label


def test_every_monitor_pattern_is_in_the_access_table():
    assert monitor_patterns() == set(ENDPOINTS)


@pytest.mark.parametrize("role", sorted(ACCESS))
def test_every_endpoint_for_every_role_and_organisation(client, world, today, role):
    user = world.users[role]
    own = user.organisation
    other = world.other_gemeente if own == world.gemeente else world.gemeente
    headers = bearer(user)
    for pattern, (path, params) in ENDPOINTS.items():
        for organisation, status in zip((None, own, other), (ACCESS[role][0], *ACCESS[role]),
                                        strict=True):
            query = {**params, **({"organisation": organisation.pk} if organisation else {})}
            response = client.get(path, query, **headers)
            assert response.status_code == status, (pattern, organisation, response.content)
            text = response.content.decode()
            assert not any(word in text for word in SECRET_WORDS + NAMES), (pattern, text)
            # nothing of the other organisation, not even its teams' names
            assert other.name not in text and not any(
                t.name in text for t in other.teams.all()), (pattern, text)
            if status == 200:
                assert response.json()["organisation"]["id"] == own.pk
            else:
                assert_problem(response, status)
                if status == 403:
                    assert "analisten en coördinatoren" in response.json()["detail"]
        assert client.get(path, params).status_code == 401  # no token: no monitor


def test_no_answer_holds_a_person(client, world, today):
    """Everything the API says about a monitor, for every indicator and row: no name, no
    address, no question, no count of 1 to 4."""
    for i in range(6):  # network, scores, plans, meetings, referrals, documents
        case = new_case(world, family=f"Klaproos7{i}", signalled=dt.date(2025, 4, 1))
        fill(case, world, on=dt.date(2025, 4, 2))
    user = world.users["analist"]
    headers = bearer(user)
    listing = client.get(INDICATORS, **headers)
    texts = [listing.content.decode()]
    for row in listing.json()["rows"]:
        for indicator in listing.json()["results"]:
            response = client.get(SERIES, {"indicator": indicator["code"], "level": row["level"],
                                           "key": row["key"]}, **headers)
            texts.append(response.content.decode())
            for p in response.json()["points"]:
                assert p["numerator"] not in {"1", "2", "3", "4"}, (indicator, row, p)
                assert p["denominator"] not in {"1", "2", "3", "4"}, (indicator, row, p)
    for text in texts:  # "Maan": the other gemeente's household, team and name
        assert not any(word in text for word in (*SECRET_WORDS, *NAMES, "Maan"))
