"""Retention deletes (or anonymises) what it must and nothing else, checked by reading every
casework table before and after; a dry run changes nothing; each run is in the access log."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from tests.casus.feed_world import build_world, close, fill, new_case
from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.casus.models import (
    BreakGlass,
    Case,
    CaseMember,
    CasePolicy,
    Household,
    Person,
)
from wijkkracht.casus.scoping import scopes_disabled

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 1)
# Tables that are no resident's data: they must not change at all.
REFERENCE = {"Instrument", "InstrumentDomain", "InstrumentLevel", "LevelDescription",
             "CasePolicy"}


def every_table() -> dict[str, dict[int, dict]]:
    """Every row of every casework table, by model name and pk."""
    return {m.__name__: {row["id"]: row for row in m._base_manager.values()}
            for m in apps.get_app_config("casus").get_models()}


def rows_of(case_ids: set[int]) -> dict[str, set[int]]:
    """The pks of the rows that belong to these cases, by model (from the relations)."""
    out = {}
    for model in apps.get_app_config("casus").get_models():
        name = model.__name__
        if name == "Case":
            out[name] = set(case_ids)
        elif name in ("Household", "Person") or name in REFERENCE:
            continue
        else:
            path = getattr(model, "case_path", "case__")
            out[name] = set(model._base_manager.filter(**{f"{path}in": case_ids})
                            .values_list("pk", flat=True))
    return out


@pytest.fixture
def world(make_user):
    world = build_world(make_user)
    day = dt.date(2022, 1, 10)
    old = [fill(c, world) or c for c in
           (new_case(world, family=f"Oud{i}", signalled=day) for i in range(2))]
    for case in old:
        close(case, dt.date(2023, 1, 1))  # 2023-01-01 + 730 days < 2025-06-01
    CaseMember.unscoped.create(case=old[0], user=world.users["prof2"])
    BreakGlass.objects.create(case=old[0], user=world.users["prof2"], reason="Nood, echt waar",
                              until=timezone.now())
    young = new_case(world, family="Jong", signalled=dt.date(2024, 3, 1))
    fill(young, world)
    close(young, dt.date(2024, 1, 2))  # + 730 days = 2026-01-01: kept
    edge = close(new_case(world, family="Rand", signalled=dt.date(2023, 1, 1)),
                 TODAY - dt.timedelta(days=730))  # exactly at the end: kept one more day
    open_case = new_case(world, family="Open", signalled=dt.date(2021, 1, 1))
    fill(open_case, world)
    # a household with an expired case and an open one: the household stays
    shared = new_case(world, family="Gedeeld", signalled=day)
    close(shared, dt.date(2022, 6, 1))
    Case.unscoped.create(team=world.team, household=shared.household, signal_source="school",
                         question="Nieuwe vraag van Gedeeld")
    world.cases = {"old": old, "young": young, "edge": edge, "open": open_case,
                   "shared": shared}
    # the other gemeente anonymises
    CasePolicy.objects.create(organisation=world.other_gemeente, retention_days=365,
                              after_retention=CasePolicy.AfterRetention.ANONYMISE)
    maan = new_case(world, team=world.other_team, user=world.users["vreemd"], family="Maan",
                    signalled=day, question="Vraag van Maan over Klaproos")
    fill(maan, world)
    close(maan, dt.date(2023, 1, 1))
    maan_open = new_case(world, team=world.other_team, user=world.users["vreemd"],
                         family="MaanOpen", signalled=day)
    world.cases.update(maan=maan, maan_open=maan_open)
    return world


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("casus_retention", "--today", TODAY.isoformat(), *args, stdout=out)
    return out.getvalue()


def test_the_world_covers_every_table(world):
    tables = every_table()
    empty = [name for name, rows in tables.items() if not rows and name not in REFERENCE]
    assert not empty, f"the retention world holds no row of {empty}: add one"


def test_a_dry_run_changes_nothing_and_reports_counts(world):
    before = every_table()
    out = run("--dry-run")
    assert every_table() == before
    assert "Gemeente Zonnedal: 3 casussen zou verwijderen" in out
    assert "2 huishoudens" in out  # the two old ones; the shared one keeps its open case
    assert "Gemeente Maanveld: 0 casussen zou verwijderen, 1 zou anonimiseren" in out
    record = ProcessingRecord.objects.filter(operation="case_retention_dry_run",
                                             subject_id=str(world.gemeente.pk)).get()
    assert record.outcome_detail == "deleted:3.anonymised:0.households:2"


def test_retention_deletes_what_it_must_and_nothing_else(world):
    cases = world.cases
    expired = {c.pk for c in cases["old"]} | {cases["shared"].pk}
    anonymised = cases["maan"].pk
    before = every_table()
    gone = rows_of(expired)
    gone_households = {c.household_id for c in cases["old"]}
    gone["Household"] = gone_households
    gone["Person"] = set(Person.unscoped.filter(household__in=gone_households)
                         .values_list("pk", flat=True))
    # anonymising removes the rows that hold names, words or history of the case
    for name in ("CaseEvent", "CaseMember", "NetworkMember", "BreakGlass", "MeetingParticipant",
                 "CaseDocument"):
        gone[name] |= rows_of({anonymised})[name]
    run()
    after = every_table()
    changed_by_anonymising = rows_of({anonymised})
    for name, rows in before.items():
        expected = {pk for pk in rows if pk not in gone.get(name, set())}
        assert set(after[name]) == expected, name
        for pk in expected:  # the kept rows are untouched, apart from the anonymised case
            touched = pk in changed_by_anonymising.get(name, set()) or (
                name == "Household" and pk == cases["maan"].household_id) or (
                name == "Person" and after[name][pk]["household_id"]
                == cases["maan"].household_id)
            if not touched:
                assert after[name][pk] == rows[pk], (name, pk)
    assert every_table()["Case"][cases["open"].pk] == before["Case"][cases["open"].pk]
    assert Household.unscoped.filter(pk=cases["shared"].household_id).exists()
    record = ProcessingRecord.objects.get(operation="case_retention",
                                          subject_id=str(world.gemeente.pk))
    assert record.outcome_detail == "deleted:3.anonymised:0.households:2" and record.action == "D"


def test_anonymising_clears_names_and_words_and_keeps_codes_dates_and_scores(world):
    maan = world.cases["maan"]
    run()
    case = Case.unscoped.get(pk=maan.pk)
    assert case.anonymised_at is not None
    assert (case.question, case.question_behind, case.closure_reason) == ("", "", "")
    assert (case.signal_source, case.signalled_on, case.closed_on, case.outcome) == (
        "huisarts", dt.date(2022, 1, 10), dt.date(2023, 1, 1), "doelen_bereikt")
    home = Household.unscoped.get(pk=maan.household_id)
    assert (home.street, home.postcode, home.phone, home.city) == ("", "", "", "")
    assert (home.buurt_code, home.wijk_code) == ("BU03921001", "WK039210")
    person = Person.unscoped.get(household=home)
    assert (person.given_name, person.family_name, person.date_of_birth, person.phone) == (
        "", "", None, "")
    with scopes_disabled():
        assert list(case.assessments.values_list("scores__value", flat=True)) == [2, 4]
        assert not case.network.exists() and not case.events.exists()
        assert not case.documents.exists()  # a document is the resident's, whole
        text = repr(list(case.meetings.values())) + repr(list(case.referrals.values()))
        text += repr(list(case.plan.goals.values())) + repr(list(case.consents.values()))
    assert "Schulden" not in text and "Berend" not in text and "Schuldhulp Zonnedal" not in text
    # the open case of that gemeente is untouched
    assert Case.unscoped.get(pk=world.cases["maan_open"].pk).question
    # a second run finds nothing more to anonymise
    run()
    assert ProcessingRecord.objects.filter(
        operation="case_retention", subject_id=str(world.other_gemeente.pk)).latest(
        "pk").outcome_detail == "deleted:0.anonymised:0.households:0"


def test_a_bad_date_is_refused_in_dutch(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        call_command("casus_retention", "--today", "2025-02-30")
