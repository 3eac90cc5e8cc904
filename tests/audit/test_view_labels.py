"""The access-log page in words: Dutch labels for the codes, names for the ids (item 12)."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.netwerk_web.conftest import make_scan, make_team
from wijkkracht.accounts.models import Organisation
from wijkkracht.audit import services
from wijkkracht.audit.models import Action, ProcessingRecord
from wijkkracht.netwerk import services as netwerk

URL = "/audit/"


@pytest.fixture
def officer(make_user, signed_in):
    organisation = Organisation.objects.create(name="Gemeente Haarlem", kind="gemeente")
    user = make_user("fg", is_privacy_officer=True, first_name="Fatima", last_name="Goudsmit",
                     organisation=organisation)
    signed_in(user)
    return user


def rows_of(client) -> tuple[dict[int, object], str]:
    response = client.get(URL)
    assert response.status_code == 200
    return {row.record.sequence: row for row in response.context["rows"]}, \
        response.content.decode()


def test_codes_become_dutch_words_and_ids_names(client, officer, make_user):
    coordinator = make_user("coordinator", first_name="Karin", last_name="Jansen")
    _scan, _moment, people = make_scan(make_team(), user=coordinator)
    ahmed = people[2]
    netwerk.participant_withdraw(people[1], user=coordinator)
    gone = make_user("vertrokken")
    services.record(activity="casework", operation="read", action=Action.READ,
                    subject_type="user", subject_id=gone.pk, user=gone)
    gone_pk = gone.pk
    gone.delete()
    services.record(activity="netwerkscan", operation="participants_read", action=Action.READ,
                    subject_type="netwerk_participant", subject_id=ahmed.pk, user=coordinator,
                    role="coordinator")
    services.record(activity="netwerkscan", operation="results_named_pdf", action=Action.READ,
                    subject_type="netwerkscan", subject_id=987654, user=coordinator)

    with translation.override("nl"):
        rows, html = rows_of(client)
    by_operation = {row.record.operation: row for row in rows.values()}

    login = by_operation["login"]
    assert (login.activity, login.operation, login.subject_type) == (
        "Aanmelden", "aangemeld", "gebruiker")
    assert login.user == "Fatima Goudsmit (fg)" and login.subject == "Fatima Goudsmit (fg)"
    assert login.organisation == "Gemeente Haarlem"

    created = by_operation["scan_create"]
    assert created.activity == "Netwerkscan" and created.operation == "scan aangemaakt"
    assert created.subject == "Netwerkscan Transvaal"
    assert created.user == "Karin Jansen (coordinator)"

    read = next(r for r in rows.values() if r.record.subject_type == "netwerk_participant"
                and r.record.operation == "participants_read")
    assert read.subject == "Ahmed Yilmaz (Netwerkscan Transvaal)" and read.role == "coördinator"

    withdrawn = by_operation["participant_withdraw"]
    assert withdrawn.subject == f"deelnemer {people[1].pk} (teruggetrokken)"
    assert "Marieke" not in html  # the withdrawn name is gone everywhere

    deleted_user = next(r for r in rows.values() if r.record.subject_type == "user"
                        and r.record.subject_id == str(gone_pk))
    assert deleted_user.subject == f"{gone_pk} (verwijderd)" == deleted_user.user

    pdf = by_operation["results_named_pdf"]
    assert pdf.operation == "resultaten met namen (pdf)" and pdf.subject == "987654 (verwijderd)"

    for text in ("Aanmelden", "aangemeld", "Fatima Goudsmit (fg)", "Ahmed Yilmaz",
                 "987654 (verwijderd)", "Lezen"):
        assert text in html
    assert '<option value="netwerkscan">Netwerkscan</option>' in html
    assert ">authentication<" not in html and ">login<" not in html


def test_an_unknown_code_is_shown_as_it_is(client, officer):
    services.record(activity="casework", operation="brand_new_thing", action=Action.READ,
                    subject_type="dossier", subject_id="D-17")
    rows, _html = rows_of(client)
    row = next(r for r in rows.values() if r.record.operation == "brand_new_thing")
    assert (row.operation, row.subject) == ("brand_new_thing", "D-17")
    assert ProcessingRecord.objects.filter(activity="audit").exists()
