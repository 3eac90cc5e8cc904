"""The BSN: only when the gemeente switches it on, checked with the elfproef, refused beside
the field with what was typed kept, and never shown in the list, the URL or the history."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.casus.core.bsn import is_valid_bsn, normalise_bsn
from wijkkracht.casus.models import CaseEvent, CasePolicy, Person
from wijkkracht.casus.scoping import scopes_disabled

from .conftest import register_form


@pytest.mark.parametrize(("number", "valid"), [
    ("111222333", True), ("123456782", True), ("12345678", False), ("123456789", False),
    ("000000000", False), ("1234567890", False), ("12345678a", False),
    ("１２３４５６７８２", False),
])
def test_the_eleven_test(number, valid):
    assert is_valid_bsn(number) is valid


def test_an_eight_digit_bsn_gets_its_leading_zero_back():
    assert normalise_bsn("11222333") == "011222333"


def test_without_the_gemeente_switch_no_bsn_is_asked_or_stored(teams, client_of):
    client = client_of(teams.worker)
    assert 'name="p-bsn"' not in client.get("/casus/nieuw").content.decode()
    response = client.post("/casus/nieuw", register_form(**{"p-bsn": "111222333"}))
    assert response.status_code == 302
    with scopes_disabled():
        assert Person.objects.get().bsn == ""


def test_a_bsn_that_fails_the_eleven_test_is_refused_beside_the_field(teams, client_of):
    call_command("casus_policy", teams.gemeente.name, "--bsn", "aan")
    client = client_of(teams.worker)
    response = client.post("/casus/nieuw", register_form(**{"p-bsn": "123456789"}))
    text = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_p-bsn_error"' in text and "elfproef" in text
    assert "123456789" in text and "Ik kan de rekeningen niet meer overzien." in text
    response = client.post("/casus/nieuw", register_form(**{"p-bsn": "111222333"}))
    assert response.status_code == 302 and "111222333" not in response["Location"]
    with scopes_disabled():
        assert Person.objects.get().bsn == "111222333"
        assert not any("111222333" in str(e.changes) for e in CaseEvent.objects.all())
    assert "111222333" not in client.get("/casus/").content.decode()
    assert not ProcessingRecord.objects.filter(participant__contains="111222333").exists()


def test_the_policy_command_sets_and_shows_the_policy(teams, capsys):
    call_command("casus_policy", teams.gemeente.name, "--bewaartermijn", "3650", "--daarna",
                 "anonymise")
    policy = CasePolicy.objects.get(organisation=teams.gemeente)
    assert (policy.retention_days, policy.after_retention, policy.bsn_enabled) == (
        3650, "anonymise", False)
    assert "3650 dagen" in capsys.readouterr().out
    assert ProcessingRecord.objects.filter(operation="case_policy").count() == 1
    with pytest.raises(CommandError):
        call_command("casus_policy", teams.gemeente.name, "--bewaartermijn", "²")
    with pytest.raises(CommandError):
        call_command("casus_policy", "Bestaat niet")
