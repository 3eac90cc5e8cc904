"""The resident's rights on a case: the inzage export holds every row of the household and
nothing of another (AVG art. 15); erasure on request deletes what it must and nothing else,
checked over every casework table (art. 17); a restricted case can be read but not changed by
professionals (art. 18)."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re

import pytest
from django.apps import apps

from tests.casus.feed_world import build_world, close, fill, new_case
from tests.conftest import job_file
from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.casus import services, services_meet
from wijkkracht.casus.models import (
    BreakGlass,
    Case,
    CaseMember,
    CasePolicy,
    Household,
    Person,
)
from wijkkracht.casus.selectors_avg import SECTIONS

pytestmark = pytest.mark.django_db

CLOSED_ON = dt.date(2025, 3, 1)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
REFERENCE = {"Instrument", "InstrumentDomain", "InstrumentLevel", "LevelDescription",
             "CasePolicy"}


@pytest.fixture
def world(make_user):
    world = build_world(make_user)
    CasePolicy.objects.create(organisation=world.gemeente, bsn_enabled=True)
    return world


def full_case(world, family: str) -> Case:
    """A case with a row in every casework table, and a second household member with a BSN."""
    case = new_case(world, family=family)
    fill(case, world)
    Person.unscoped.create(household=case.household, given_name="Sientje", family_name=family,
                           relation="kind", bsn="111222333")
    CaseMember.unscoped.create(case=case, user=world.users["prof2"], role="meelezend")
    BreakGlass.objects.create(case=case, user=world.users["vreemd"], reason="Nood in de nacht.",
                              until=case.created_at)
    services_meet.document_add(case, name=f"brief-{family}.pdf", content=PDF + family.encode(),
                               description="Brief van de bank", user=world.users["prof"])
    return case


def household_rows(case: Case) -> dict[str, set[int]]:
    """The pks of every casework row about ``case``'s household, by section key."""
    cases = Case.unscoped.filter(household_id=case.household_id)
    out = {}
    for key, model, _title in SECTIONS:
        if model is Household:
            rows = model.unscoped.filter(pk=case.household_id)
        elif model is Person:
            rows = model.unscoped.filter(household_id=case.household_id)
        elif model is Case:
            rows = cases
        elif model is BreakGlass:
            rows = model.objects.filter(case__in=cases)
        else:
            rows = model._base_manager.filter(**{f"{model.case_path}in": cases})
        out[key] = set(rows.values_list("pk", flat=True))
    return out


def test_sections_cover_every_casework_table_with_resident_data():
    covered = {model.__name__ for _key, model, _title in SECTIONS}
    every = {m.__name__ for m in apps.get_app_config("casus").get_models()}
    assert every - covered == REFERENCE


def test_the_inzage_json_holds_every_row_of_the_household_and_nothing_of_another(
        world, client_of):
    mine = full_case(world, "Klaproos")
    other = full_case(world, "Speenkruid")
    mine_rows, other_rows = household_rows(mine), household_rows(other)
    assert all(mine_rows.values()), mine_rows  # the world has a row in every table

    client = client_of(world.users["coord"])
    before = ProcessingRecord.objects.filter(operation="inzage_export").count()
    response = job_file(client, client.get(f"/casus/{mine.pk}/inzage.json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == (
        f'attachment; filename="inzage-casus-{mine.pk}.json"')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    for key, wanted in mine_rows.items():
        got = {row["id"] for row in data["sections"][key]}
        assert got == wanted, key
        assert not got & other_rows[key], key
    text = response.content.decode()
    assert "Speenkruid" not in text and "Klaproos" in text
    files = {base64.b64decode(d["content"]) for d in data["sections"]["documents"]}
    assert PDF + b"Klaproos" in files  # the file itself
    persons = {p["given_name"]: p for p in data["sections"]["persons"]}
    assert persons["Sientje"]["bsn"] == "111222333"
    assert "bsn" not in persons["Berend"]  # none recorded: not in the export
    assert ProcessingRecord.objects.filter(operation="inzage_export").count() == before + 1
    record = ProcessingRecord.objects.filter(operation="inzage_export").latest("sequence")
    assert record.participant == f"household:{mine.household_id}"
    # the file itself, fetched from the job's page, is an access of its own, each time
    downloads = ProcessingRecord.objects.filter(operation="inzage_download")
    assert downloads.count() == 1
    assert downloads.get().participant == f"household:{mine.household_id}"
    assert client.get(response.wsgi_request.path).status_code == 200
    assert downloads.count() == 2


def test_the_printable_inzage_shows_every_section(world, client_of):
    mine = full_case(world, "Klaproos")
    page = client_of(world.users["coord"]).get(f"/casus/{mine.pk}/inzage")
    assert page.status_code == 200
    html = page.content.decode()
    for text in ("Tante Zonnedauw", "Schulden op een rij", "Bellen met de bank",
                 "Schuldhulp Zonnedal", "Cor Vlasbloem", "Schulden van Berend",
                 "Nood in de nacht.", "Sientje", "111222333", "Graag snel."):
        assert text in html, text
    assert ProcessingRecord.objects.filter(operation="inzage_print").count() == 1


def test_the_inzage_is_for_the_coordinator_and_the_contact_person_only(world, client_of):
    mine = full_case(world, "Klaproos")
    worker = client_of(world.users["prof"])
    assert worker.get(f"/casus/{mine.pk}/inzage.json").status_code == 403
    assert ProcessingRecord.objects.filter(operation="case_inzage",
                                           outcome_detail="forbidden").count() == 1
    Case.unscoped.filter(pk=mine.pk).update(lead=world.users["prof"])
    assert job_file(worker, worker.get(f"/casus/{mine.pk}/inzage.json")).status_code == 200
    assert worker.get(f"/casus/{mine.pk}/inzage").status_code == 200
    # Someone reading along, or from another team: no.
    assert client_of(world.users["prof2"]).get(f"/casus/{mine.pk}/inzage").status_code == 403
    assert client_of(world.users["vreemd"]).get(f"/casus/{mine.pk}/inzage").status_code == 403


# --- erasure ------------------------------------------------------------------------------------

def every_table() -> dict[str, dict[int, dict]]:
    return {m.__name__: {row["id"]: {k: bytes(v) if isinstance(v, memoryview) else v
                                     for k, v in row.items()}
                         for row in m._base_manager.values()}
            for m in apps.get_app_config("casus").get_models()}


def erase_form(**overrides) -> dict[str, str]:
    return {"ground": "art17_1c", "confirm": "on", **overrides}


def test_erasure_deletes_the_case_and_its_household_and_nothing_else(world, client_of):
    gone = close(full_case(world, "Klaproos"), CLOSED_ON)
    kept = close(full_case(world, "Speenkruid"), CLOSED_ON)
    open_case = full_case(world, "Akkerwinde")
    leaving = household_rows(gone)
    before = every_table()

    response = client_of(world.users["coord"]).post(f"/casus/{gone.pk}/wissen", erase_form())
    assert response.status_code == 302 and response["Location"] == "/casus/"

    after = every_table()
    section_of = {model.__name__: key for key, model, _title in SECTIONS}
    for name, rows in before.items():
        expected = set(rows) - leaving.get(section_of.get(name, ""), set())
        assert set(after[name]) == expected, name
        for pk in expected:
            assert after[name][pk] == rows[pk], (name, pk)  # the rest is untouched
    assert Case.unscoped.filter(pk__in=[kept.pk, open_case.pk]).count() == 2
    log = ProcessingRecord.objects.get(operation="case_erase")
    persons = len(leaving["persons"])
    assert log.outcome_detail == f"art17_1c.cases:1.households:1.persons:{persons}"
    assert log.subject_id == str(gone.pk) and log.action == "D"
    assert log.participant == f"household:{gone.household_id}"


def test_the_data_download_is_gone_with_the_case_and_after_an_hour(world, client_of):
    import datetime as dt

    from django.utils import timezone

    from wijkkracht.jobs.models import Job
    from wijkkracht.jobs.services import clean_up

    coordinator = client_of(world.users["coord"])
    gone = close(full_case(world, "Klaproos"), CLOSED_ON)
    kept = full_case(world, "Speenkruid")
    for case in (gone, kept):
        assert job_file(coordinator, coordinator.get(f"/casus/{case.pk}/inzage.json")) \
            .status_code == 200
    coordinator.post(f"/casus/{gone.pk}/wissen", erase_form())
    assert list(Job.objects.values_list("params__case", flat=True)) == [kept.pk]
    assert clean_up(timezone.now() + dt.timedelta(minutes=59)) == (0, 0)
    assert clean_up(timezone.now() + dt.timedelta(minutes=61)) == (1, 0)
    assert not Job.objects.exists()


def test_erasure_keeps_a_household_that_has_another_case(world, client_of):
    first = close(full_case(world, "Klaproos"), CLOSED_ON)
    second = Case.unscoped.create(team=world.team, household=first.household,
                                  signal_source="school", question="Weer zorgen.")
    client_of(world.users["coord"]).post(f"/casus/{first.pk}/wissen", erase_form())
    assert not Case.unscoped.filter(pk=first.pk).exists()
    assert Case.unscoped.filter(pk=second.pk).exists()
    assert Household.unscoped.filter(pk=first.household_id).exists()
    assert Person.unscoped.filter(household_id=first.household_id).count() == 2


def test_erasure_is_refused_for_an_open_case_without_confirmation_or_by_a_professional(
        world, client_of):
    open_case = full_case(world, "Klaproos")
    closed = close(full_case(world, "Speenkruid"), CLOSED_ON)
    before = every_table()
    coordinator = client_of(world.users["coord"])
    refused = coordinator.post(f"/casus/{open_case.pk}/wissen", erase_form())
    assert refused.status_code == 400
    assert "Alleen een afgesloten casus" in refused.content.decode()
    unconfirmed = coordinator.post(f"/casus/{closed.pk}/wissen", erase_form(confirm=""))
    assert unconfirmed.status_code == 400
    # What was chosen stays chosen.
    assert re.search(r'value="art17_1c"[^>]*checked', unconfirmed.content.decode())
    assert client_of(world.users["prof"]).post(f"/casus/{closed.pk}/wissen",
                                               erase_form()).status_code == 403
    assert every_table() == before
    assert not ProcessingRecord.objects.filter(operation="case_erase").exists()


# --- restriction --------------------------------------------------------------------------------

def test_a_restricted_case_can_be_read_but_not_changed_by_professionals(world, client_of):
    case = full_case(world, "Klaproos")
    coordinator, worker = client_of(world.users["coord"]), client_of(world.users["prof"])
    empty = coordinator.post(f"/casus/{case.pk}/beperken", {"reason": ""})
    assert empty.status_code == 400
    done = coordinator.post(f"/casus/{case.pk}/beperken",
                            {"reason": "Bewoner betwist de juistheid van de gegevens."})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.is_restricted and case.restricted_by == world.users["coord"]
    assert ProcessingRecord.objects.filter(operation="case_restrict").count() == 1

    page = worker.get(f"/casus/{case.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Verwerking beperkt" in html and "betwist de juistheid" in html
    assert f"/casus/{case.pk}/bewerken" not in html  # no edit links for the professional
    for url in (f"/casus/{case.pk}/bewerken", f"/casus/{case.pk}/huishouden",
                f"/casus/{case.pk}/netwerk/nieuw", f"/casus/{case.pk}/plan/bewerken"):
        refused = worker.get(url)
        assert refused.status_code == 403, url
        assert "beperkt" in refused.content.decode(), url
    version = case.version
    posted = worker.post(f"/casus/{case.pk}/bewerken", {
        "version": version, "c-signal_source": "school", "c-signalled_on": "2025-01-15",
        "c-urgency": "crisis", "c-question": "Anders", "c-question_behind": "", "c-lead": "",
        "c-first_contact_on": ""})
    assert posted.status_code == 403
    case.refresh_from_db()
    assert case.urgency == "normaal" and case.version == version
    for url in (f"/casus/{case.pk}/netwerk", f"/casus/{case.pk}/plan"):
        assert worker.get(url).status_code == 200, url  # reading goes on
    assert coordinator.get(f"/casus/{case.pk}/bewerken").status_code == 200

    lifted = coordinator.post(f"/casus/{case.pk}/beperken", {"lift": "1"})
    assert lifted.status_code == 302
    case.refresh_from_db()
    assert not case.is_restricted and case.restriction_reason == ""
    assert worker.get(f"/casus/{case.pk}/bewerken").status_code == 200
    kinds = list(case.events.model.unscoped.filter(case=case).values_list("kind", flat=True))
    assert "restricted" in kinds and "restriction_lifted" in kinds


def test_only_the_coordinator_restricts(world, client_of):
    case = full_case(world, "Klaproos")
    response = client_of(world.users["prof"]).post(f"/casus/{case.pk}/beperken",
                                                   {"reason": "Bewoner vraagt het."})
    assert response.status_code == 403
    case.refresh_from_db()
    assert not case.is_restricted


def test_the_service_refuses_erasing_an_open_case(world):
    from wijkkracht.casus import services_avg

    case = new_case(world)
    with pytest.raises(services.CaseInputError):
        services_avg.erase(case, user=world.users["coord"], ground="art17_1a")
    assert Case.unscoped.filter(pk=case.pk).exists()
