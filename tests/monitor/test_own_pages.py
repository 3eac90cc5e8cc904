"""A team's own indicators on the pages: defined by its analysts and coordinators, figures typed
or uploaded (all or nothing, a re-import replaces), and shown on the monitor after the built-in
indicators, on the indicator page and in the downloads, with small counts protected."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from tests.casus.feed_world import build_world, new_case
from wijkkracht.exports.spreadsheet import read_csv_text
from wijkkracht.monitor.models import Indicator, IndicatorValue, Step, Target

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 7, 15)


@pytest.fixture
def world(make_user):
    world = build_world(make_user)
    new_case(world, family="Klaproos1", signalled=dt.date(2025, 1, 6))
    return world


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("wijkkracht.monitor.selectors.today_here", lambda: TODAY)


def make(world, **kw) -> Indicator:
    fields = {"organisation": world.gemeente, "team": world.team, "code": "consulten",
              "name": "Consulten huisarts", "measure": "count", "source": "Huisartsenpraktijk"}
    return Indicator.objects.create(**{**fields, **kw})


def upload(client, indicator, content: bytes, name: str = "cijfers.csv"):
    return client.post(f"/monitor/eigen/{indicator.pk}/", {
        "action": "upload", "file": SimpleUploadedFile(name, content)})


def test_a_coordinator_defines_an_indicator_and_its_code_is_unique_per_team(world,
                                                                           signed_in):
    client = signed_in(world.users["coord"])
    assert client.get("/monitor/eigen/").status_code == 200
    data = {"team": world.team.pk, "code": "huur_op_tijd", "name": "Huur op tijd betaald",
            "measure": "proportion", "per": "100", "polarity": "up", "chart": "pp",
            "unit": "%", "source": "Woningcorporatie"}
    response = client.post("/monitor/eigen/nieuw", data)
    indicator = Indicator.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/monitor/eigen/{indicator.pk}/"
    assert (indicator.organisation, indicator.created_by) == (world.gemeente,
                                                              world.users["coord"])
    again = client.post("/monitor/eigen/nieuw", {**data, "name": "Nog een keer"})
    assert again.status_code == 400 and Indicator.objects.count() == 1
    text = again.content.decode()
    assert "Nog een keer" in text  # what was typed stays
    assert "heeft al een indicator met deze code" in text
    wrong = client.post("/monitor/eigen/nieuw", {**data, "code": "x", "measure": "count"})
    assert wrong.status_code == 400 and "past niet bij de soort cijfer" in wrong.content.decode()


def test_own_pages_are_for_the_teams_analysts_and_coordinators(world, signed_in):
    indicator = make(world)
    assert signed_in(world.users["prof"]).get("/monitor/eigen/").status_code == 403
    other = make(world, team=world.other_team, organisation=world.other_gemeente)
    client = signed_in(world.users["analist"])
    assert client.get(f"/monitor/eigen/{indicator.pk}/").status_code == 200
    for path in (f"/monitor/eigen/{other.pk}/", f"/monitor/eigen/{other.pk}/bewerken",
                 f"/monitor/eigen/{other.pk}/verwijderen"):
        assert client.get(path).status_code == 403
    response = client.post(f"/monitor/eigen/{other.pk}/", {"action": "figure",
                                                           "period": "2025-01",
                                                           "numerator": "9"})
    assert response.status_code == 403 and not IndicatorValue.objects.exists()
    # a team of another organisation cannot be chosen for a new indicator
    response = client.post("/monitor/eigen/nieuw", {
        "team": world.other_team.pk, "code": "x", "name": "X", "measure": "count",
        "per": "1", "polarity": "neutral", "chart": "xmr", "source": "Iemand"})
    assert response.status_code == 400 and Indicator.objects.count() == 2


def test_a_figure_is_added_then_replaced_and_a_bad_one_keeps_what_was_typed(world,
                                                                             signed_in):
    indicator = make(world, measure="proportion", per=100, chart="pp", code="op_tijd")
    client = signed_in(world.users["coord"])
    page = f"/monitor/eigen/{indicator.pk}/"
    bad = client.post(page, {"action": "figure", "period": "maart", "numerator": "17",
                             "denominator": "20"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Schrijf 2025-03 (een maand) of 2025-K1 (een kwartaal)." in text
    assert 'value="maart"' in text and 'value="17"' in text
    assert client.post(page, {"action": "figure", "period": "2025-03", "numerator": "17",
                              "denominator": "20"}).status_code == 302
    client.post(page, {"action": "figure", "period": "2025-03", "numerator": "18",
                       "denominator": "20"})
    value = IndicatorValue.objects.get()
    assert (value.period, value.wijk_code, value.numerator, value.denominator) == (
        "2025-03", "", 18, 20)
    too_many = client.post(page, {"action": "figure", "period": "2025-04", "numerator": "21",
                                  "denominator": "20"})
    assert too_many.status_code == 400 and IndicatorValue.objects.count() == 1
    client.post(page, {"action": "remove", "period": "2025-03", "wijk": ""})
    assert not IndicatorValue.objects.exists()


def test_an_upload_is_all_or_nothing_and_a_reimport_replaces(world, signed_in):
    indicator = make(world, measure="rate", per=1000, chart="u", code="meldingen")
    client = signed_in(world.users["analist"])
    bad = ("periode;wijk;teller;noemer\r\n2025-01;;12;6000\r\n2025-02;;6;6000\r\n"
           "maart;;18;6000\r\n")
    response = upload(client, indicator, bad.encode())
    assert response.status_code == 400
    assert ("Rij 4, kolom &#x27;periode&#x27;: schrijf 2025-03 (een maand) of 2025-K1 "
            "(een kwartaal).") in response.content.decode()
    assert not IndicatorValue.objects.exists()  # the two good rows were not kept either
    good = ("\ufeffperiode;wijk;teller;noemer\r\n2025-01;;12;6000\r\n2025-02;;6;6000\r\n"
            "2025-03;WK039210;9;3000,5\r\n")
    assert upload(client, indicator, good.encode()).status_code == 302
    assert IndicatorValue.objects.count() == 3
    assert IndicatorValue.objects.get(wijk_code="WK039210").denominator == 3000.5
    again = "periode,teller,noemer\n2025-01,15,6000\n2025-04,7,6000\n"  # commas this time
    assert upload(client, indicator, again.encode()).status_code == 302
    assert IndicatorValue.objects.count() == 4  # January replaced, April added
    assert IndicatorValue.objects.get(period="2025-01", wijk_code="").numerator == 15


def test_an_excel_file_with_a_month_excel_made_a_date(world, signed_in):
    indicator = make(world)
    book = Workbook()
    sheet = book.active
    sheet.append(["Periode", "Wijk", "Teller"])
    sheet.append([dt.datetime(2025, 2, 1), None, 14])  # Excel turns 2025-02 into a date
    sheet.append(["2025-K2", "WK039210", 40])
    out = io.BytesIO()
    book.save(out)
    client = signed_in(world.users["coord"])
    assert upload(client, indicator, out.getvalue(), "cijfers.xlsx").status_code == 302
    assert sorted(IndicatorValue.objects.values_list("period", "wijk_code", "numerator")) == [
        ("2025-02", "", 14), ("2025-K2", "WK039210", 40)]
    broken = upload(client, indicator, b"PK\x03\x04 not really a workbook", "x.xlsx")
    assert broken.status_code == 400 and "geen leesbaar Excel-bestand" in broken.content.decode()


def _monthly(indicator, values, wijk=""):
    for month, value in enumerate(values, start=1):
        IndicatorValue.objects.create(indicator=indicator, period=f"2025-{month:02d}",
                                      wijk_code=wijk, numerator=value)


def test_the_dashboard_shows_the_teams_own_indicators_after_the_built_in_ones(
        world, today, signed_in):
    indicator = make(world)
    _monthly(indicator, [20, 22, 3, 21, 23, 20])  # March: a small count
    client = signed_in(world.users["analist"])
    team = f"team-{world.team.pk}"
    text = client.get(f"/monitor/?wat={team}&periode=maand").content.decode()
    assert text.index("Consulten huisarts") > text.index("Nieuwe dossiers")
    assert "/monitor/indicator/eigen:consulten?" in text
    assert "Consulten huisarts" not in client.get(
        f"/monitor/?wat=team-{world.team2.pk}").content.decode()
    assert "Consulten huisarts" not in client.get("/monitor/?wat=totaal").content.decode()
    page = client.get(f"/monitor/indicator/eigen:consulten?wat={team}&periode=maand")
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body
    assert "&lt; 5" in body  # March's 3 in the table behind the chart
    # the quarter: 20 + 22 + 3 = 45 shown, so March's 3 could be worked out: it is hidden and
    # so is the smallest other month (20, January)
    response = client.get(f"/monitor/indicatoren.csv?wat={team}&periode=maand")
    rows = [r for r in read_csv_text(response.content.decode("utf-8-sig"))
            if r["Code"] == "eigen:consulten"]
    assert [r["Naam"] for r in rows] == ["Wijkteam Noord"] * 9  # 2025-01 .. 2025-09
    assert [r["Teller"] for r in rows][:6] == ["x", "22", "< 5", "21", "23", "20"]
    assert [r["Waarde"] for r in rows][:6] == ["", "22", "", "21", "23", "20"]
    assert rows[6]["Opmerking"] == "geen gegevens"
    quarter = client.get(f"/monitor/indicatoren.csv?wat={team}&periode=kwartaal")
    q = [r for r in read_csv_text(quarter.content.decode("utf-8-sig"))
         if r["Code"] == "eigen:consulten"]
    assert [r["Waarde"] for r in q] == ["45", "64", ""]


def test_a_step_and_a_target_work_on_an_own_indicator(world, today, signed_in):
    indicator = make(world)
    _monthly(indicator, [20, 22, 19, 21, 23, 20])
    client = signed_in(world.users["coord"])
    base = {"organisatie": world.gemeente.pk, "wat": f"team-{world.team.pk}",
            "periode": "maand", "indicator": "eigen:consulten"}
    assert client.post("/monitor/stap", {**base, "period": "2025-04",
                                         "label": "Spreekuur in de wijk",
                                         "new_phase": "on"}).status_code == 302
    assert client.post("/monitor/doel", {**base, "value": "25"}).status_code == 302
    text = client.get(f"/monitor/indicator/eigen:consulten?wat=team-{world.team.pk}"
                      ).content.decode()
    assert "Spreekuur in de wijk" in text and "spc-break" in text
    # a new code takes its target and steps along; removing takes them away
    client.post(f"/monitor/eigen/{indicator.pk}/bewerken", {
        "code": "gp", "name": "Consulten huisarts", "measure": "count", "per": "1",
        "polarity": "neutral", "chart": "xmr", "source": "Huisartsenpraktijk"})
    assert Target.objects.get().indicator == "eigen:gp" == Step.objects.get().indicator
    confirm = client.get(f"/monitor/eigen/{indicator.pk}/verwijderen")
    assert confirm.status_code == 200 and "6 cijfers" in confirm.content.decode()
    assert client.post(f"/monitor/eigen/{indicator.pk}/verwijderen").status_code == 302
    assert not (Indicator.objects.exists() or IndicatorValue.objects.exists()
                or Target.objects.exists() or Step.objects.exists())


def test_figures_per_quarter_say_that_a_month_chart_cannot_be_made(world, today, signed_in):
    indicator = make(world)
    for quarter, value in ((1, 60), (2, 66)):
        IndicatorValue.objects.create(indicator=indicator, period=f"2025-K{quarter}",
                                      numerator=value)
    client = signed_in(world.users["coord"])
    team = f"team-{world.team.pk}"
    month = client.get(f"/monitor/?wat={team}&periode=maand").content.decode()
    assert "Een grafiek per maand kan daar niet uit gemaakt worden" in month
    detail = client.get(f"/monitor/eigen/{indicator.pk}/").content.decode()
    assert "periode=kwartaal" in detail  # the chart link asks for quarters
    page = client.get(f"/monitor/indicator/eigen:consulten?wat={team}&periode=maand")
    assert page.status_code == 200
    changed = client.post(f"/monitor/eigen/{indicator.pk}/bewerken", {
        "code": "consulten", "name": "Consulten", "measure": "proportion", "per": "100",
        "polarity": "neutral", "chart": "pp", "source": "Huisartsenpraktijk"})
    assert changed.status_code == 400  # figures were checked as counts
    assert Indicator.objects.get().measure == "count"
