"""The SROI pages: a value map saved through the form, its result, report and downloads, what
happens to wrong input, and who may see what.

The map used throughout, worked by hand (formulas: SROI guide 2012, stages 4 and 5, as in
STATISTICS.md section 8.1; discount rate 0 % so every discount factor is 1):

  outcome 1 "Minder eenzaam" (bewoners): Q 10 × P € 1 000 × (1 − 20 %)(1 − 10 %)(1 − 50 %)
      = 3 600 a year; drop-off 25 %, 3 years: 3 600 + 2 700 + 2 025 = 8 325
  outcome 2 "Minder huisartsbezoek" (pocket zorgverzekeraar): Q 4 × P € 500 × (1 − 50 %)
      = 1 000, 1 year: 1 000
  PV = 9 325; investment € 6 000 (year 1, not discounted); NPV = 3 325;
  ratio 9 325 / 6 000 = 1.5542 ("€ 1,55"); net ratio 0.5542 ("€ 0,55")
  payback: year 1 brings 3 600 + 1 000 = 4 600; the remaining 1 400 of year 2's 2 700 take
      12 × 1 400 / 2 700 = 6.2 months: 18.2 months, shown rounded up as 19 maanden;
      the guide's formula 6 000 / (4 600 / 12) = 15.65 -> 16 maanden
  who benefits: bewoners 8 325 / 9 325 = 89 %, zorgverzekeraar 1 000 / 9 325 = 11 %;
      the gemeente invests 100 %.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.conftest import job_file
from wijkkracht.accounts.models import Membership, Organisation, Team
from wijkkracht.exports.spreadsheet import read_csv_text
from wijkkracht.monitor.forms_sroi import ValueMapForm
from wijkkracht.monitor.models import SroiInitiative, SroiInput, SroiOutcome
from wijkkracht.monitor.selectors_sroi import indicator_choices
from wijkkracht.monitor.services_sroi import sroi_save

OUTCOME_1 = {
    "stakeholder": "Bewoners", "description": "Minder eenzaam", "indicator": "eenzaamheid",
    "quantity": "10", "quantity_source": "eigen registratie", "indicator_code": "",
    "duration": "3", "proxy": "1.000", "proxy_source": "Werkwijzer MKBA",
    "deadweight": "20", "deadweight_grade": "B", "deadweight_source": "onderzoek",
    "displacement": "10", "displacement_grade": "C", "displacement_source": "team",
    "attribution": "50", "attribution_grade": "C", "attribution_source": "team",
    "drop_off": "25", "drop_off_grade": "C", "drop_off_source": "team",
    "pocket": "bewoners"}
OUTCOME_2 = {
    "stakeholder": "Zorgverzekeraar", "description": "Minder huisartsbezoek",
    "indicator": "bezoeken", "quantity": "4", "quantity_source": "", "indicator_code": "crises",
    "duration": "1", "proxy": "500", "proxy_source": "Kostenhandleiding",
    "deadweight": "0", "deadweight_grade": "A", "deadweight_source": "",
    "displacement": "0", "displacement_grade": "A", "displacement_source": "",
    "attribution": "50", "attribution_grade": "C", "attribution_source": "",
    "drop_off": "0", "drop_off_grade": "A", "drop_off_source": "",
    "pocket": "zorgverzekeraar"}


def formset(prefix: str, rows: list[dict], extra: int = 1, initial: int = 0) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows) + extra),
            f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def post_data(*, outcomes=(OUTCOME_1, OUTCOME_2), inputs=None, name="Buurtkamer Transvaal",
              discount="0", initial=(0, 0, 0)) -> dict:
    inputs = inputs if inputs is not None else [
        {"stakeholder": "Gemeente Haarlem", "description": "Inzet wijkteam", "amount": "6.000",
         "year": "1", "evidence": "begroting 2025"}]
    return {"name": name, "description": "Een huiskamer in de wijk.", "period": "2025",
            "discount_rate": discount,
            **formset("belanghebbende", [{"name": "Gemeente Haarlem", "kind": "gemeente"},
                                         {"name": "Bewoners", "kind": "bewoners"},
                                         {"name": "Zorgverzekeraar", "kind": "zorgverzekeraar"}],
                      initial=initial[0]),
            **formset("investering", inputs, initial=initial[1]),
            **formset("uitkomst", list(outcomes), initial=initial[2])}


@pytest.fixture
def world(db, make_user):
    gemeente = Organisation.objects.create(name="Gemeente Haarlem", kind="gemeente")
    other = Organisation.objects.create(name="Gemeente Maanstad", kind="gemeente")
    team = Team.objects.create(name="Wijkteam Transvaal", kind="sociaal_wijkteam",
                               organisation=gemeente)
    other_team = Team.objects.create(name="Wijkteam Maan", kind="sociaal_wijkteam",
                                     organisation=other)
    users = {}
    for role in ("analyst", "coordinator", "professional", "administrator"):
        users[role] = make_user(f"sroi-{role}")
        Membership.objects.create(user=users[role], team=team, role=role)
    users["analyst_other"] = make_user("sroi-analyst-other")
    Membership.objects.create(user=users["analyst_other"], team=other_team, role="analyst")
    return type("World", (), {"gemeente": gemeente, "other": other, "users": users})


def save_map(client, **kwargs) -> SroiInitiative:
    response = client.post("/monitor/sroi/nieuw", post_data(**kwargs))
    assert response.status_code == 302, response.content.decode()[:3000]
    initiative = SroiInitiative.objects.get()
    assert response["Location"] == f"/monitor/sroi/{initiative.pk}/"
    return initiative


def stored_map(world) -> SroiInitiative:
    """The map saved by the service, as the form would (no sign-in needed)."""
    form = ValueMapForm(post_data(), organisations=[world.gemeente],
                        indicators=indicator_choices([world.gemeente]))
    assert form.is_valid(), form.error_list()
    head, stakeholders, inputs, outcomes = form.rows
    return sroi_save(organisation=world.gemeente, initiative=None, head=head,
                     stakeholders=stakeholders, inputs=inputs, outcomes=outcomes,
                     user=world.users["analyst"])


def test_a_value_map_worked_by_hand_is_saved_through_the_form_and_shown(world, signed_in):
    client = signed_in(world.users["analyst"])
    initiative = save_map(client)
    assert initiative.organisation == world.gemeente
    assert initiative.created_by == world.users["analyst"]
    assert initiative.updated_by == world.users["analyst"]
    assert initiative.discount_rate == 0
    assert list(initiative.stakeholders.values_list("name", "kind")) == [
        ("Gemeente Haarlem", "gemeente"), ("Bewoners", "bewoners"),
        ("Zorgverzekeraar", "zorgverzekeraar")]
    (inp,) = SroiInput.objects.all()
    assert (inp.stakeholder.name, inp.amount, inp.year) == ("Gemeente Haarlem", 6000, 1)
    first = SroiOutcome.objects.get(description="Minder eenzaam")
    # percentages are stored as typed, 0-100
    assert (first.deadweight, first.displacement, first.attribution, first.drop_off) == (
        20, 10, 50, 25)
    assert first.proxy == 1000  # "1.000" is Dutch for a thousand

    page = client.get(f"/monitor/sroi/{initiative.pk}/").content.decode()
    for figure in ("€ 9.325", "€ 6.000", "€ 3.325", "€ 1,55 per € 1", "€ 0,55 per € 1",
                   "19 maanden", "16 maanden", "€ 3.600", "€ 8.325", "€ 1.000"):
        assert figure in page, figure
    assert ("Elke euro die wordt geïnvesteerd levert naar schatting € 1,55 aan "
            "maatschappelijke waarde op (netto € 0,55).") in page
    assert "De investering is naar schatting binnen 19 maanden terugverdiend." in page
    assert "De gemeente investeert 100%, de bewoners krijgen 89% van de baten." in page
    # who invests and who benefits, per kind
    assert "89%" in page and "11%" in page
    # the sensitivity table names the break-even of the attribution of outcome 1: at r = 0 the
    # ratio is 1 when 7 200 × (1 − AT) × 1.85 ... worked: PV(AT) = 8 325 × (1 − AT) / 0.5 + 1 000
    # = 6 000 -> 1 − AT = 5 000 × 0.5 / 8 325 = 0.3003 -> AT = 69.97 %, shown as "70%"
    assert "Toeschrijving: Minder eenzaam" in page
    assert "70%" in page
    assert "SROI (Social Value UK 2012), disconto 0%" in page


def test_the_default_discount_rate_is_the_mkba_rate(world, signed_in):
    client = signed_in(world.users["coordinator"])
    page = client.get("/monitor/sroi/nieuw").content.decode()
    assert 'value="2,25"' in page
    initiative = save_map(client, discount="2,25")
    assert initiative.discount_rate == 2.25
    page = client.get(f"/monitor/sroi/{initiative.pk}/").content.decode()
    assert "disconto 2,25% (MKBA, Werkgroep discontovoet 2020)" in page


def test_invalid_input_keeps_every_typed_value_and_shows_the_dutch_problems(world, signed_in):
    client = signed_in(world.users["analyst"])
    wrong = {**OUTCOME_1, "proxy": "", "deadweight": "150", "attribution_grade": "",
             "quantity_source": "", "quantity": "tien"}
    inputs = [{"stakeholder": "Gemeente Harlem", "description": "Inzet wijkteam",
               "amount": "6.000", "year": "1", "evidence": "begroting 2025"}]
    response = client.post("/monitor/sroi/nieuw", post_data(outcomes=[wrong, OUTCOME_2],
                                                            inputs=inputs))
    assert response.status_code == 400
    assert not SroiInitiative.objects.exists()
    page = response.content.decode()
    for message in (
            "Uitkomst 1 (Minder eenzaam): de financiële proxy ontbreekt; vul een bedrag in "
            "euro per eenheid in.",
            "Uitkomst 1 (Minder eenzaam): de deadweight is 150%; dat kan niet boven 100% "
            "liggen.",
            "Uitkomst 1 (Minder eenzaam): het bewijs bij de toeschrijving ontbreekt; kies A "
            "(gemeten), B (uit onderzoek) of C (schatting).",
            "Uitkomst 1 (Minder eenzaam): de bron van het aantal ontbreekt",
            "Investering 1 (Inzet wijkteam): belanghebbende &#x27;Gemeente Harlem&#x27; staat "
            "niet in de lijst van belanghebbenden.",
            "Vul een getal in, zoals 12 of 12,5."):
        assert message in page, message
    # the summary at the top says where a number could not be read
    assert "Uitkomst 1, Aantal: Vul een getal in, zoals 12 of 12,5." in page
    # a wrong number gets the number message only, not also "het aantal ontbreekt"
    assert "Minder eenzaam): het aantal ontbreekt" not in page
    # every typed value is still there, the wrong ones too
    for value in ('value="tien"', 'value="150"', 'value="Gemeente Harlem"', 'value="6.000"',
                  'value="Werkwijzer MKBA"', 'value="Minder huisartsbezoek"',
                  'value="Buurtkamer Transvaal"', 'value="Zorgverzekeraar"',
                  'value="Kostenhandleiding"', 'value="0"'):
        assert value in page, value
    assert '<option value="B" selected>' in page  # outcome 1's deadweight grade
    assert '<option value="crises" selected>' in page  # outcome 2's indicator
    # the problem sits at its field: the message follows the field's label and precedes it
    proxy = page.index('for="id_uitkomst-0-proxy"')
    assert proxy < page.index("de financiële proxy ontbreekt", proxy) < page.index(
        'id="id_uitkomst-0-proxy"')


def test_a_map_without_investment_or_outcome_says_so(world, signed_in):
    client = signed_in(world.users["analyst"])
    response = client.post("/monitor/sroi/nieuw", post_data(outcomes=[], inputs=[]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Er zijn geen investeringen ingevuld." in page
    assert "Er zijn geen uitkomsten ingevuld" in page
    assert not SroiInitiative.objects.exists()


def test_editing_shows_the_stored_map_and_replaces_it_whole(world, signed_in):
    client = signed_in(world.users["analyst"])
    initiative = save_map(client)
    form = client.get(f"/monitor/sroi/{initiative.pk}/bewerken").content.decode()
    for value in ('value="6000"', 'value="20"', 'value="Minder eenzaam"', 'value="0"',
                  'value="Inzet wijkteam"'):
        assert value in form, value
    coordinator = signed_in(world.users["coordinator"])
    data = post_data(outcomes=[OUTCOME_1], initial=(3, 1, 2), name="Buurtkamer (herzien)")
    # outcome 2 was a stored row; leaving it out of the POST while INITIAL_FORMS says 2 means
    # it is sent empty: remove it explicitly as the page's checkbox does
    data.update({"uitkomst-TOTAL_FORMS": "2", "uitkomst-1-DELETE": "on",
                 **{f"uitkomst-1-{k}": v for k, v in OUTCOME_2.items()}})
    response = coordinator.post(f"/monitor/sroi/{initiative.pk}/bewerken", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    initiative.refresh_from_db()
    assert initiative.name == "Buurtkamer (herzien)"
    assert initiative.updated_by == world.users["coordinator"]
    assert initiative.created_by == world.users["analyst"]
    assert list(initiative.outcomes.values_list("description", flat=True)) == [
        "Minder eenzaam"]
    page = coordinator.get(f"/monitor/sroi/{initiative.pk}/").content.decode()
    assert "€ 8.325" in page  # PV without outcome 2
    # 8 325 / 6 000 = 1.3875 -> € 1,39
    assert "€ 1,39 per € 1" in page


def test_the_report_is_a_pdf(world, signed_in):
    client = signed_in(world.users["analyst"])
    initiative = save_map(client)
    response = job_file(client, client.get(f"/monitor/sroi/{initiative.pk}/rapport.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "buurtkamer-transvaal" in response["Content-Disposition"]


def test_the_csv_holds_the_value_map_and_the_results(world, signed_in):
    client = signed_in(world.users["analyst"])
    initiative = save_map(client)
    response = client.get(f"/monitor/sroi/{initiative.pk}/waardekaart.csv")
    assert response.status_code == 200
    rows = read_csv_text(response.content.decode("utf-8"))
    assert list(rows[0]) == ["Onderdeel", "Rij", "Gegeven", "Waarde"]

    def cell(part, row, item):
        (found,) = [r["Waarde"] for r in rows
                    if (r["Onderdeel"], r["Rij"], r["Gegeven"]) == (part, row, item)]
        return found

    assert cell("Resultaat", "Maatschappelijke waarde (contante waarde)", "Waarde") == \
        "9325,00"
    assert cell("Resultaat", "Investering (contante waarde)", "Waarde") == "6000,00"
    assert cell("Resultaat", "SROI-ratio", "Waarde") == "1,5542"  # 9 325 / 6 000
    assert cell("Resultaat", "Terugverdiend in maanden", "Waarde") == "18,2"
    assert cell("Waardekaart", "1", "Uitkomst") == "Minder eenzaam"
    assert cell("Waardekaart", "1", "deadweight (%)") == "20,00"
    assert cell("Waardekaart", "1", "Impact per jaar (€)") == "3600,00"
    assert cell("Waardekaart", "1", "Contante waarde (€)") == "8325,00"
    assert cell("Waardekaart", "2", "Monitorindicator") == "crises"
    assert cell("Investeringen", "1", "Bedrag (€)") == "6000,00"
    assert cell("Belanghebbenden", "3", "Naam") == "Zorgverzekeraar"


def test_the_xlsx_holds_the_same_tables(world, signed_in):
    client = signed_in(world.users["analyst"])
    initiative = save_map(client)
    response = client.get(f"/monitor/sroi/{initiative.pk}/waardekaart.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Waardekaart", "Investeringen", "Belanghebbenden", "Resultaat",
                               "Wie investeert en wie baat", "Gevoeligheid"]
    result = {row[0]: row[1] for row in book["Resultaat"].iter_rows(min_row=2,
                                                                    values_only=True)}
    assert result["Maatschappelijke waarde (contante waarde)"] == 9325
    assert result["SROI-ratio"] == pytest.approx(1.5542)
    value_map = list(book["Waardekaart"].iter_rows(values_only=True))
    header = value_map[0]
    first = dict(zip(header, value_map[1], strict=True))
    assert first["Uitkomst"] == "Minder eenzaam"
    assert first["Contante waarde (€)"] == 8325


def test_text_that_looks_like_a_formula_stays_text_in_the_downloads(world, signed_in):
    client = signed_in(world.users["analyst"])
    initiative = save_map(client, outcomes=[{**OUTCOME_1, "description": "=1+1"}])
    rows = read_csv_text(client.get(f"/monitor/sroi/{initiative.pk}/waardekaart.csv")
                         .content.decode("utf-8"))
    assert "'=1+1" in {r["Waarde"] for r in rows}
    book = load_workbook(io.BytesIO(client.get(
        f"/monitor/sroi/{initiative.pk}/waardekaart.xlsx").content))
    assert book["Waardekaart"]["C2"].value == "'=1+1"
    assert book["Waardekaart"]["C2"].data_type == "s"


# ---------------------------------------------------------------------------- who may


@pytest.mark.parametrize("role, status", [("analyst", 200), ("coordinator", 200),
                                          ("professional", 403), ("administrator", 403)])
def test_the_pages_are_for_the_organisations_analysts_and_coordinators(world, signed_in, role,
                                                                        status):
    initiative = stored_map(world)
    client = signed_in(world.users[role])
    for url in ("/monitor/sroi/", "/monitor/sroi/nieuw", f"/monitor/sroi/{initiative.pk}/",
                f"/monitor/sroi/{initiative.pk}/bewerken",
                f"/monitor/sroi/{initiative.pk}/waardekaart.csv"):
        assert client.get(url).status_code == status, url


def test_a_professional_cannot_save_a_map(world, signed_in):
    client = signed_in(world.users["professional"])
    assert client.post("/monitor/sroi/nieuw", post_data()).status_code == 403
    assert not SroiInitiative.objects.exists()


def test_another_organisations_initiative_is_not_found(world, signed_in):
    initiative = stored_map(world)
    other = signed_in(world.users["analyst_other"])
    assert "Buurtkamer" not in other.get("/monitor/sroi/").content.decode()
    for suffix in ("", "bewerken", "rapport.pdf", "waardekaart.csv", "waardekaart.xlsx"):
        assert other.get(f"/monitor/sroi/{initiative.pk}/{suffix}").status_code == 404
    response = other.post(f"/monitor/sroi/{initiative.pk}/bewerken", post_data(name="Weg"))
    assert response.status_code == 404
    initiative.refresh_from_db()
    assert initiative.name == "Buurtkamer Transvaal"


def test_signed_out_visitors_go_to_the_sign_in_page(db, client):
    response = client.get("/monitor/sroi/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/aanmelden")
