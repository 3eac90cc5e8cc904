"""The research extract: codes, months and scores; free text only after deduce removed the
names, addresses, phone numbers, BSNs and dates that the tests write into it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.casus.feed_world import build_world, close, fill, new_case
from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.casus import extract
from wijkkracht.casus.models import Case
from wijkkracht.exports.spreadsheet import read_csv_text

NOTE = ("Mevrouw Aaltje Zonnedauw (BSN 111222333) woont aan de Kerkstraat 12 in Haarlem. "
        "Haar zoon Pieter de Vries belt op 06-12345678 of 023-5551234. Op 3 januari 2025 "
        "kwam de deurwaarder. Mail: aaltje.zonnedauw@example.nl.")
LEAKS = ("Aaltje", "Zonnedauw", "111222333", "Kerkstraat", "Pieter", "Vries", "06-12345678",
         "023-5551234", "3 januari 2025", "example.nl")


@pytest.fixture(scope="module")
def deduced():
    """deduce, started once for the module (about ten seconds; two minutes on a new install)."""
    if extract._deducer() is None:
        pytest.fail("deduce could not be loaded offline")
    return extract.deidentify


def test_deduce_removes_names_addresses_phones_bsn_and_dates(deduced):
    text = deduced(NOTE)
    for leak in LEAKS:
        assert leak not in text, (leak, text)
    assert "[PERSOON-1]" in text and "[BSN-1]" in text and "[TELEFOONNUMMER-1]" in text
    assert "deurwaarder" in text  # what the note is about stays


def test_empty_text_stays_empty(deduced):
    assert deduced("   ") == ""


@pytest.mark.django_db
def test_the_extract_has_codes_months_scores_and_filtered_text(deduced, make_user, tmp_path):
    world = build_world(make_user)
    case = new_case(world, family="Zonnedauw", question=NOTE, signalled=dt.date(2025, 1, 15))
    fill(case, world)
    close(case, dt.date(2025, 4, 2))
    Case.unscoped.filter(pk=case.pk).update(closure_reason="Pieter de Vries neemt het over.")
    new_case(world, team=world.team2, family="Klaproos", contact_days=None)
    out = tmp_path / "extract.csv"
    stdout = io.StringIO()
    call_command("casus_extract", "--out", str(out), stdout=stdout)
    assert "2 casussen" in stdout.getvalue()
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    text = out.read_text(encoding="utf-8")
    for leak in (*LEAKS, "Zonnebloemstraat", "0612345678", "Berend", "2021 AB",
                 "Huishouden"):
        assert leak not in text, leak
    rows = read_csv_text(text)
    row = next(r for r in rows if r["maand_afgesloten"])
    assert row["wijk"] == "WK039210" and row["gemeld_door"] == "huisarts"
    assert (row["maand_melding"], row["maand_eerste_contact"], row["maand_afgesloten"]) == (
        "2025-01", "2025-01", "2025-04")
    assert row["dagen_tot_eerste_contact"] == "3" and row["personen_in_huishouden"] == "1"
    assert (row["zrm/financien_eerste"], row["zrm/financien_laatste"]) == ("2", "4")
    assert row["vrije_tekst"] == "gefilterd" and "deurwaarder" in row["vraag"]
    assert "[PERSOON-1]" in row["reden_afsluiting"]
    assert len(row["pseudoniem"]) == 12
    other = next(r for r in rows if not r["maand_afgesloten"])
    assert other["dagen_tot_eerste_contact"] == "" and other["zrm/financien_eerste"] == ""
    record = ProcessingRecord.objects.get(operation="case_extract")
    assert record.outcome_detail == "cases:2.free_text:yes"
    # a second extract gives other pseudonyms: extracts cannot be linked
    again = tmp_path / "again.csv"
    call_command("casus_extract", "--out", str(again), stdout=io.StringIO())
    assert {r["pseudoniem"] for r in rows}.isdisjoint(
        {r["pseudoniem"] for r in read_csv_text(again.read_text(encoding="utf-8"))})
    with pytest.raises(CommandError, match="bestaat al"):
        call_command("casus_extract", "--out", str(out))


@pytest.mark.django_db
def test_without_deduce_the_free_text_is_left_out(make_user, tmp_path, monkeypatch):
    world = build_world(make_user)
    new_case(world, question=NOTE)
    monkeypatch.setattr(extract, "_deducer", lambda: None)
    built = extract.build_extract(world.gemeente)
    assert not built.free_text
    text = built.csv()
    assert "weggelaten" in text and "Zonnedauw" not in text and "deurwaarder" not in text
