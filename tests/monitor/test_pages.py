"""The monitor's pages on a small casework world: who may see them, what the charts show from
the database's cases, improvement steps and targets, and the downloads (aggregates only)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tests.casus.feed_world import build_world, close, fill, new_case
from tests.conftest import job_file
from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.casus.models import Goal, PlanAction
from wijkkracht.exports.spreadsheet import read_csv_text
from wijkkracht.monitor.core import compute as mc
from wijkkracht.monitor.models import Step, Target
from wijkkracht.monitor.selectors import organisation_monitor

pytestmark = pytest.mark.django_db

SECRET_WORDS = ("Klaproos", "Zonnebloemstraat", "rekeningen", "schaamt", "0612345678",
                "Zonnedauw", "Vlasbloem", "Schulden", "Berend")
TODAY = dt.date(2025, 7, 15)  # July has begun: June is the last month that is over


@pytest.fixture
def world(make_user, settings):
    world = build_world(make_user)
    for month in range(1, 7):  # team Noord: 6 new cases a month, January to June
        for i in range(6):
            case = new_case(world, family=f"Klaproos{month}{i}",
                            signalled=dt.date(2025, month, 3 + i), contact_days=month)
            if month <= 3 and i < 5:
                close(case, dt.date(2025, month + 1, 20))
    for i in range(3):  # team Zuid: three cases in March, a small count
        new_case(world, team=world.team2, family=f"Klaproos9{i}", signalled=dt.date(2025, 3, 9))
    new_case(world, team=world.other_team, user=world.users["vreemd"], family="Maan")
    return world


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("wijkkracht.monitor.selectors.today_here", lambda: TODAY)


def test_the_gemeentes_casework_as_indicators(world, today):
    monitor = organisation_monitor(world.gemeente)
    result = monitor.result
    assert result.periods(mc.MONTH)[0] == "2025-01"  # starts with the first casework
    new = [p.value for p in result.get("new", mc.TOTAL, "", mc.MONTH).points]
    # January, February: 6; March: 6 + 3 of Zuid; April-June 6; July not over
    assert new[:7] == [6, 6, 9, 6, 6, 6, None]
    noord = result.get("new", mc.TEAM, str(world.team.pk), mc.MONTH).points
    zuid = result.get("new", mc.TEAM, str(world.team2.pk), mc.MONTH).points
    assert [p.value for p in noord[:6]] == [6, 6, None, 6, 6, 6]
    # March: Zuid's 3 is "< 5", and Noord's 6 would give it away (9 - 6): hidden too
    assert (zuid[2].numerator, noord[2].numerator) == ("< 5", "x")
    # days to first contact: the cases of month m had m days
    days = [p.value for p in result.get("days_to_contact", mc.TEAM, str(world.team.pk),
                                        mc.MONTH).points]
    assert days[:6] == [1, 2, None, 4, 5, 6]  # March: the number of cases is hidden (9 - 6)
    caseload = [p.value for p in result.get("caseload", mc.TOTAL, "", mc.MONTH).points]
    # Noord: 6 a month in, 5 a month out one month later (Feb, Mar, Apr); Zuid 3 from March
    assert caseload[:6] == [6, 7, 8 + 3, 9 + 3, 15 + 3, 21 + 3]
    # Zuid's caseload stays 3 ("< 5"), so Noord's from March on would give it away
    noord_load = result.get("caseload", mc.TEAM, str(world.team.pk), mc.MONTH).points
    assert [p.value for p in noord_load[:3]] == [6, 7, None]
    other = organisation_monitor(world.other_gemeente).result  # one case, in January
    assert other.get("new", mc.TOTAL, "", mc.MONTH).points[0].numerator == "< 5"


def test_own_network_and_improvement_come_from_plan_and_scores(world, today):
    closed = []
    for i in range(6):
        case = new_case(world, family=f"Netwerk{i}", signalled=dt.date(2025, 4, 1))
        fill(case, world, start=2, end=4 if i < 5 else 1, on=dt.date(2025, 4, 2))
        PlanAction.unscoped.create(goal=Goal.unscoped.get(plan__case=case), text="Boodschappen",
                                   who="netwerk", who_name="Buurman")
        closed.append(close(case, dt.date(2025, 5, 30)))
    result = organisation_monitor(world.gemeente).result
    network = result.get("own_network", mc.TEAM, str(world.team.pk), mc.MONTH).points[4]
    assert network.value == pytest.approx(100.0)  # all 6 closed in May had the network act
    # scores 2 -> 4 for five cases, 2 -> 1 for one: reassessed 6, improved 5 in May (40 days
    # after April 2): "< 5" is not involved, but 1 not improved is a small rest: hidden
    improved = result.get("improved", mc.TEAM, str(world.team.pk), mc.MONTH).points[4]
    assert improved.value is None and improved.reason == mc.SMALL
    change = result.get("change:zrm/financien", mc.TEAM, str(world.team.pk),
                        mc.MONTH).points[4]
    assert change.value == pytest.approx((5 * 2 - 1) / 6)


@pytest.mark.parametrize(("role", "status"), [("analist", 200), ("coord", 200),
                                              ("prof", 403), ("prof2", 403)])
def test_the_dashboard_is_for_analysts_and_coordinators(world, today, signed_in, role,
                                                        status):
    response = signed_in(world.users[role]).get("/monitor/")
    assert response.status_code == status
    if status == 200:
        text = response.content.decode()
        assert "<svg" in text and "Nieuwe dossiers" in text
        assert not any(word in text for word in SECRET_WORDS)


def test_a_step_starts_a_new_phase_and_a_target_is_kept(world, today, signed_in):
    client = signed_in(world.users["coord"])
    page = f"/monitor/indicator/new?wat=team-{world.team.pk}&periode=maand"
    assert client.get(page).status_code == 200
    base = {"organisatie": world.gemeente.pk, "wat": f"team-{world.team.pk}",
            "periode": "maand", "indicator": "new"}
    bad = client.post("/monitor/stap", {**base, "period": "april", "label": "Inloopspreekuur"})
    assert bad.status_code == 400
    assert "Inloopspreekuur" in bad.content.decode()  # what was typed stays
    response = client.post("/monitor/stap", {**base, "period": "2025-04",
                                             "label": "Inloopspreekuur", "new_phase": "on"})
    assert response.status_code == 302
    assert Step.objects.get().team == world.team
    text = client.get(page).content.decode()
    assert "Inloopspreekuur" in text and "spc-break" in text
    client.post("/monitor/doel", {**base, "value": "5"})
    assert Target.objects.get(team=world.team, indicator="new").value == 5
    client.post("/monitor/doel", {**base, "value": ""})
    assert not Target.objects.exists()


def test_a_coordinator_cannot_change_another_teams_steps(world, today, signed_in):
    client = signed_in(world.users["coord"])
    response = client.post("/monitor/stap", {"wat": f"team-{world.team2.pk}", "indicator": "new",
                                             "period": "2025-04", "label": "Iets"})
    assert response.status_code == 403 and not Step.objects.exists()


def test_the_downloads_hold_aggregates_only_and_are_logged(world, today, signed_in):
    client = signed_in(world.users["analist"])
    before = ProcessingRecord.objects.count()
    response = client.get("/monitor/indicatoren.csv?wat=team-0&periode=maand")
    rows = read_csv_text(response.content.decode("utf-8-sig"))
    text = response.content.decode("utf-8-sig")
    assert not any(word in text for word in SECRET_WORDS)
    new = [r for r in rows if r["Code"] == "new"]
    assert [r["Periode"] for r in new][:2] == ["2025-01", "2025-02"]
    assert [r["Waarde"] for r in new][:2] == ["6", "6"]
    assert ProcessingRecord.objects.count() == before + 1
    response = client.get(f"/monitor/indicatoren.xlsx?wat=team-{world.team2.pk}&periode=maand")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    march = next(r for r in values if r[1] == "new" and r[3] == "Wijkteam Zuid"
                 and r[4] == "2025-03")
    assert march[5] == "< 5" and march[7] is None


def test_the_quarterly_report_is_a_pdf_of_every_indicator(world, today, signed_in):
    client = signed_in(world.users["coord"])
    before = ProcessingRecord.objects.count()
    response = job_file(client, client.get(
        f"/monitor/kwartaalrapport.pdf?wat=team-{world.team.pk}"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].endswith('kwartaalrapport.pdf"')
    assert ProcessingRecord.objects.count() == before + 1


def test_asking_for_the_report_computes_the_monitor_once_and_a_bad_choice_is_the_whole(
        world, today, signed_in, monkeypatch):
    from wijkkracht.monitor import views

    calls = []
    real = views.organisation_monitor
    monkeypatch.setattr(views, "organisation_monitor",
                        lambda organisation: calls.append(organisation) or real(organisation))
    client = signed_in(world.users["coord"])
    for wat in ("team-999999", "<script>", "wijk-WK039210"):
        calls.clear()
        response = job_file(client, client.get("/monitor/kwartaalrapport.pdf", {"wat": wat}))
        assert response.status_code == 200 and response.content.startswith(b"%PDF"), wat
        assert len(calls) == 1, wat  # in the job (run at once here), not also in the request


def test_the_report_html_names_the_last_quarter_that_is_over(world, today, rf):
    from django.template.loader import render_to_string

    from wijkkracht.monitor.views import _choice
    from wijkkracht.monitor.views_report import report_context

    request = rf.get("/monitor/kwartaalrapport.pdf", {"wat": "totaal"})
    request.user = world.users["analist"]
    html = render_to_string("monitor/report.html", report_context(_choice(request)))
    assert "2025 K2" in html  # July has begun: the second quarter is the last one over
    assert "Nieuwe dossiers" in html and html.count("<svg") == len(
        organisation_monitor(world.gemeente).definitions)
    assert not any(word in html for word in SECRET_WORDS)


def test_a_wijks_count_beside_its_signals_inhabitants_and_the_other_wijken(
        world, monkeypatch, signed_in, tmp_path):
    from tests.conftest import area_row, write_kwb_csv
    from wijkkracht.areas.services import kwb_dataset_save
    from wijkkracht.areas.sources.files import read_kwb_file

    for year, people in ((2023, "9600"), (2024, "10000")):
        rows = [area_row("NL00", "Nederland", "", AantalInwoners_5="17000000"),
                area_row("GM0392", "Haarlem", "Haarlem", AantalInwoners_5="160000"),
                area_row("WK039210", "Zonnewijk", "Haarlem", AantalInwoners_5=people)]
        kwb_dataset_save(read_kwb_file(write_kwb_csv(tmp_path / f"kwb{year}.csv", rows),
                                       year=year))
    monkeypatch.setattr("wijkkracht.monitor.selectors.today_here", lambda: dt.date(2026, 1, 15))
    client = signed_in(world.users["analist"])
    text = client.get("/monitor/indicator/new?wat=wijk-WK039210&periode=kwartaal").content.decode()
    assert "Meer gezien, of meer problemen?" in text
    assert "acht afgelopen kwartalen" in text  # 2025 has only four quarters that are over
    # the last four quarters: 36 of Noord + 3 of Zuid = 39 over 10 000 inhabitants = 3.9
    assert "Zonnewijk" in text and "10000" in text and "3,9" in text
    assert "Nieuwe dossiers" in text


def test_days_between_crises_only_for_the_teams_coordinator(world, today, signed_in):
    for i, day in enumerate((dt.date(2025, 1, 5), dt.date(2025, 2, 9), dt.date(2025, 3, 30),
                             dt.date(2025, 5, 2))):
        new_case(world, family=f"Crisis{i}", signalled=day, urgency="crisis")
    page = f"/monitor/?wat=team-{world.team.pk}"
    text = signed_in(world.users["coord"]).get(page).content.decode()
    assert "Dagen tussen crises" in text and "spc-g" in text
    text = signed_in(world.users["analist"]).get(page).content.decode()
    assert "Dagen tussen crises" not in text


def test_a_step_with_a_baseline_freezes_the_new_phases_limits(world, today):
    from wijkkracht.monitor.core.charting import StepMark, series_chart

    result = organisation_monitor(world.gemeente).result
    series = result.get("new", mc.TOTAL, "", mc.MONTH)
    definition = next(d for d in organisation_monitor(world.gemeente).definitions
                      if d.code == "new")
    # new cases 6, 6, 9, 6, 6, 6 (January-June); a step in March with a baseline of 2
    chart = series_chart(series, definition, steps=[StepMark("2025-03", "Spreekuur", True, 2)])
    phase = chart.phases[1]
    # the second phase's centre is the mean of its first two points only: (9 + 6) / 2
    assert phase.centre == pytest.approx(7.5)
    unfrozen = series_chart(series, definition, steps=[StepMark("2025-03", "Spreekuur", True)])
    assert unfrozen.phases[1].centre == pytest.approx((9 + 6 + 6 + 6) / 4)
