"""Survey links sent by e-mail: one e-mail per person with an address and their own working
link, nobody who answered or withdrew, a failing mail server changes nothing, only the team's
coordinator can send, and neither addresses nor links reach the access log or the application
log. (pytest-django sends into ``django.core.mail.outbox``.)"""

from __future__ import annotations

import logging
import re
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from tests.web.conftest import page
from wijkkracht.accounts.models import Membership
from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.netwerk import mailing, services
from wijkkracht.netwerk.imports import CsvImportError, participants_import
from wijkkracht.netwerk.models import Invitation, Participant

from .conftest import links_for, shown

ADDRESSES = ["anouk@huisarts-transvaal.example", "marieke@thuiszorg.example",
             "ahmed@wijkteam.example", "esther@welzijn.example"]  # Hans Dekker has none
SURVEY_LINK = re.compile(r"^http://testserver/netwerkscan/vragenlijst/([A-Za-z0-9_-]+)$",
                         re.MULTILINE)
ROW = "Rij %d, kolom '%s'"  # how the Dutch interface names the cell at fault
FAILED = ("Sending the e-mails failed, so nothing was changed: no new links were made and the "
          "earlier links still work. If an e-mail did get through, its link does not work. Try "
          "again later, or make the links and hand them out yourself.")


class RefusingServer(BaseEmailBackend):
    """A mail server that takes the connection, then refuses the e-mails (the error names an
    address, as smtplib's does)."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({ADDRESSES[0]: (550, b"mailbox unavailable")})


class UnreachableServer(BaseEmailBackend):
    """A mail server that cannot be reached at all."""

    def open(self):
        raise ConnectionRefusedError("connection refused")

    def send_messages(self, email_messages):  # pragma: no cover - open() fails first
        raise AssertionError("sent without a connection")


@pytest.fixture(autouse=True)
def mail_on(settings):
    settings.WIJKKRACHT_EMAIL_ENABLED = True


@pytest.fixture
def scan_mail(scan_t0):
    scan, t0, people = scan_t0
    for person, address in zip(people, ADDRESSES, strict=False):
        person.email = address
        person.save(update_fields=["email"])
    return scan, t0, people


def mail_url(moment) -> str:
    return f"/netwerkscan/meetmoment/{moment.pk}/mail"


def token_in(message) -> str:
    """The one survey link of an e-mail (the withdrawal link carries the same token)."""
    tokens = SURVEY_LINK.findall(message.body)
    assert len(tokens) == 1, message.body
    assert f"/netwerkscan/vragenlijst/{tokens[0]}/terugtrekken" in message.body
    return tokens[0]


def mails_by_address() -> dict[str, object]:
    assert all(len(m.to) == 1 for m in mail.outbox)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert len(by_address) == len(mail.outbox), "someone got more than one e-mail"
    return by_address


def everything_logged() -> str:
    return " ".join(str(f.value_from_object(r)) for r in ProcessingRecord.objects.all()
                    for f in r._meta.concrete_fields)


def test_each_person_with_an_address_gets_one_mail_with_their_own_working_link(
        client, signed_in, scan_mail, coordinator):
    scan, t0, people = scan_mail
    anouk, marieke, ahmed, esther, _hans = people
    anouk.display_name = "Anouk 't Hart & Co"  # plain text: nothing HTML-escaped
    anouk.save(update_fields=["display_name"])
    services.answers_save(t0, esther, [services.AnswerInput(anouk.pk, 2)], source="import")
    signed_in(coordinator)
    response = client.post(mail_url(t0))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    by_address = mails_by_address()
    assert set(by_address) == {anouk.email, marieke.email, ahmed.email}  # Esther answered
    with translation.override("nl"):
        subject = gettext("Network scan %(name)s: your personal survey") % {"name": scan.name}
        last = timezone.localtime(t0.closes_at - timedelta(seconds=1))
        until = date_format(last, "j F Y")
    for person in (anouk, marieke, ahmed):
        message = by_address[person.email]
        assert message.subject == subject
        assert message.from_email == "Wijkkracht <noreply@localhost>"
        assert message.extra_headers["Auto-Submitted"] == "auto-generated"
        assert person.display_name in message.body and scan.team.name in message.body
        assert scan.name in message.body and until in message.body
        assert "&amp;" not in message.body and "&#x27;" not in message.body
        others = [p for p in people if p.pk != person.pk]
        assert not any(o.display_name in message.body or (o.email and o.email in message.body)
                       for o in others)
        token = token_in(message)
        assert services.survey_invitation(token).participant == person
        survey = client.get(f"/netwerkscan/vragenlijst/{token}")
        assert survey.status_code == 200
        assert page(survey).find("input", type="radio", name=f"level_{others[0].pk}")
        # the survey shows the others' names, never their addresses
        assert not any(o.email and o.email in survey.content.decode() for o in others)
    html = response.content.decode()
    assert "Hans Dekker" in html  # no address: the coordinator gives him his link
    assert "Esther Kok" not in html  # she answered: nothing to do
    assert escape(ngettext("%(counter)s e-mail was sent.", "%(counter)s e-mails were sent.",
                           3) % {"counter": 3}) in html
    assert Invitation.objects.filter(moment=t0).count() == 3
    sent = ProcessingRecord.objects.get(operation="invitations_send")
    assert (sent.outcome, sent.outcome_detail, sent.subject_id, sent.user_id) == (
        "ok", "n3", str(t0.pk), str(coordinator.pk))


def test_withdrawn_people_get_no_mail_and_withdrawal_blanks_the_address(client, signed_in,
                                                                      scan_mail, coordinator):
    _scan, t0, people = scan_mail
    services.participant_withdraw(people[1], user=coordinator)
    people[1].refresh_from_db()
    assert people[1].email == "" and people[1].display_name == ""
    signed_in(coordinator)
    assert client.post(mail_url(t0)).status_code == 200
    assert set(mails_by_address()) == {ADDRESSES[0], ADDRESSES[2], ADDRESSES[3]}
    # the coordinator's withdrawal page blanks the address too
    url = f"/netwerkscan/{people[0].scan_id}/deelnemers/{people[2].pk}/terugtrekken"
    assert client.post(url).status_code == 302
    assert Participant.objects.get(pk=people[2].pk).email == ""


def test_a_second_send_replaces_the_links(client, signed_in, scan_mail, coordinator):
    _scan, t0, _people = scan_mail
    signed_in(coordinator)
    client.post(mail_url(t0))
    first = {address: token_in(m) for address, m in mails_by_address().items()}
    # Anouk answers with her first link; the others lost their e-mail
    services.survey_submit(first[ADDRESSES[0]], [], consent_named=False)
    mail.outbox.clear()
    response = client.post(mail_url(t0))
    assert response.status_code == 200
    second = {address: token_in(m) for address, m in mails_by_address().items()}
    assert set(second) == set(ADDRESSES[1:])
    for address in second:
        assert client.get(f"/netwerkscan/vragenlijst/{first[address]}").status_code == 404
        assert client.get(f"/netwerkscan/vragenlijst/{second[address]}").status_code == 200
    assert shown("Each of these people got a new personal link. A link you made for them "
                 "earlier no longer works.") in response.content.decode()


@pytest.mark.parametrize("backend", ["RefusingServer", "UnreachableServer"])
def test_a_failing_mail_server_leaves_everything_as_it_was(client, signed_in, scan_mail,
                                                           coordinator, settings, caplog,
                                                           backend):
    _scan, t0, _people = scan_mail
    settings.EMAIL_BACKEND = f"{__name__}.{backend}"
    signed_in(coordinator)
    with caplog.at_level(logging.DEBUG):
        response = client.post(mail_url(t0), follow=True)
    assert response.redirect_chain[-1][0] == f"/netwerkscan/{t0.scan_id}/"
    assert shown(FAILED) in response.content.decode()
    assert not Invitation.objects.exists() and not mail.outbox
    # links made and handed out before: a failed send keeps them working
    tokens = links_for(t0)
    hashes = set(Invitation.objects.values_list("token_hash", flat=True))
    assert client.post(mail_url(t0)).status_code == 302
    assert set(Invitation.objects.values_list("token_hash", flat=True)) == hashes
    assert all(services.survey_invitation(t) for t in tokens.values())
    failures = ProcessingRecord.objects.filter(operation="invitations_send")
    assert [(r.outcome, r.outcome_detail) for r in failures] == [("error", "mail_failed")] * 2
    assert not ProcessingRecord.objects.filter(operation="invitations_issue",
                                               user_id=str(coordinator.pk)).exists()
    logged = caplog.text
    assert "not sent" in logged
    assert not any(address in logged for address in ADDRESSES)


def test_the_button_only_when_mail_is_on_and_the_moment_is_open(client, signed_in, scan_mail,
                                                                coordinator, settings):
    scan, t0, _people = scan_mail
    signed_in(coordinator)
    detail = f"/netwerkscan/{scan.pk}/"
    assert page(client.get(detail)).find("form", action=mail_url(t0))
    settings.WIJKKRACHT_EMAIL_ENABLED = False
    html = client.get(detail).content.decode()
    assert not page(client.get(detail)).find("form", action=mail_url(t0))
    assert shown("Send the links by e-mail") not in html
    # a POST anyway sends nothing and says why
    response = client.post(mail_url(t0), follow=True)
    assert shown("Sending e-mail is not set up on this server. Make the links and hand them "
                 "out yourself.") in response.content.decode()
    assert not mail.outbox and not Invitation.objects.exists()
    settings.WIJKKRACHT_EMAIL_ENABLED = True
    services.moment_close(t0)
    assert not page(client.get(detail)).find("form", action=mail_url(t0))
    response = client.post(mail_url(t0), follow=True)
    assert shown("This moment is closed; it needs no new links.") in response.content.decode()
    assert not mail.outbox and not Invitation.objects.exists()


def test_the_coordinator_sees_the_addresses_on_the_scan_page(client, signed_in, scan_mail,
                                                            coordinator):
    scan, _t0, _people = scan_mail
    signed_in(coordinator)
    html = client.get(f"/netwerkscan/{scan.pk}/").content.decode()
    assert all(address in html for address in ADDRESSES)


def test_anonymous_visitors_and_other_teams_cannot_send(client, signed_in, scan_mail, team,
                                                        other_team, member):
    _scan, t0, _people = scan_mail
    response = client.post(mail_url(t0))
    assert response.status_code == 302 and "/account/aanmelden" in response.url
    signed_in(member(other_team, Membership.Role.COORDINATOR))
    assert client.post(mail_url(t0)).status_code == 403
    client.logout()
    signed_in(member(team, Membership.Role.PROFESSIONAL))
    assert client.post(mail_url(t0)).status_code == 403
    assert client.get(mail_url(t0)).status_code == 405
    assert not mail.outbox and not Invitation.objects.exists()


def test_the_service_refuses_when_mail_is_off(scan_mail, coordinator, settings):
    _scan, t0, _people = scan_mail
    settings.WIJKKRACHT_EMAIL_ENABLED = False
    with pytest.raises(services.NetwerkInputError):
        mailing.invitations_send(t0, user=coordinator, request=None,
                                 base_url="https://wijkkracht.example.nl/")
    assert not mail.outbox


def test_the_service_builds_links_on_the_base_url_and_lists_who_has_no_address(scan_mail,
                                                                             coordinator):
    _scan, t0, people = scan_mail
    result = mailing.invitations_send(t0, user=coordinator, request=None,
                                      base_url="https://wijkkracht.example.nl/")
    assert result.count == 4 and result.sent == services.in_roster_order(people[:4])
    assert result.without_address == [people[4]]
    assert all("https://wijkkracht.example.nl/netwerkscan/vragenlijst/" in m.body
               for m in mail.outbox)


def test_nobody_with_an_address_sends_nothing(scan_t0, coordinator):
    _scan, t0, people = scan_t0
    result = mailing.invitations_send(t0, user=coordinator, request=None,
                                      base_url="http://testserver/")
    assert result.count == 0 and len(result.without_address) == len(people)
    assert not mail.outbox and not Invitation.objects.exists()
    assert not ProcessingRecord.objects.filter(operation="invitations_send").exists()


def test_the_participants_csv_takes_an_email_column(scan_t0, coordinator):
    scan, _t0, _people = scan_t0
    good = ("naam;organisatie;sector;E-mail\nJan Bos;Politie;politie;jan.bos@politie.example\n"
            "Piet Smit;Gemeente;gemeente;\n")
    participants_import(scan, good.encode(), user=coordinator)
    assert scan.participants.get(display_name="Jan Bos").email == "jan.bos@politie.example"
    assert scan.participants.get(display_name="Piet Smit").email == ""
    bad = ("naam,organisatie,sector,email\nKees Jong,Jeugdzorg,jeugd,kees@jeugd.example\n"
           "Lot Vos,GGZ,ggz,lot.vos@@ggz\n")
    with pytest.raises(CsvImportError) as exc:
        participants_import(scan, bad.encode(), user=coordinator)
    problems = [str(p) for p in exc.value.problems]
    assert len(problems) == 1 and problems[0].startswith(ROW % (3, "email"))
    assert problems[0].endswith(gettext("'%(value)s' is not a valid e-mail address.")
                                % {"value": "lot.vos@@ggz"})
    assert not scan.participants.filter(display_name__in=["Kees Jong", "Lot Vos"]).exists()


def test_the_participant_form_takes_an_address_and_keeps_a_wrong_one(client, signed_in,
                                                                     scan_t0, coordinator):
    scan, _t0, _people = scan_t0
    signed_in(coordinator)
    url = f"/netwerkscan/{scan.pk}/deelnemers/nieuw"
    typed = {"display_name": "Nina Nieuw", "organisation_name": "Buurtcentrum De Kring",
             "sector": "welfare", "role": "sociaal werker", "email": "nina@@kring"}
    wrong = client.post(url, typed)
    assert wrong.status_code == 400
    html = wrong.content.decode()
    assert 'value="nina@@kring"' in html and 'value="Buurtcentrum De Kring"' in html
    assert page(wrong).find("div", class_="utrecht-form-field utrecht-form-field--invalid")
    assert not scan.participants.filter(display_name="Nina Nieuw").exists()
    typed["email"] = " nina@kring.example "
    assert client.post(url, typed).status_code == 302
    assert scan.participants.get(display_name="Nina Nieuw").email == "nina@kring.example"
    again = client.post(url, typed)  # a duplicate: refused, the address still in the form
    assert again.status_code == 400
    assert page(again).find("input", name="email")[0].attrs["value"] == typed["email"]


def test_no_address_and_no_link_in_any_access_log_record(client, signed_in, scan_mail,
                                                         coordinator, settings):
    scan, t0, people = scan_mail
    signed_in(coordinator)
    client.post(f"/netwerkscan/{scan.pk}/deelnemers/nieuw", {
        "display_name": "Nina Nieuw", "sector": "welfare", "email": "nina@kring.example"})
    participants_import(scan, b"naam,organisatie,sector,email\nJan Bos,Politie,politie,"
                              b"jan.bos@politie.example\n", user=coordinator)
    client.get(f"/netwerkscan/{scan.pk}/")
    client.post(mail_url(t0))
    client.post(mail_url(t0))
    tokens = [token_in(m) for m in mail.outbox]
    client.get(f"/netwerkscan/vragenlijst/{tokens[0]}")
    settings.EMAIL_BACKEND = f"{__name__}.RefusingServer"
    client.post(mail_url(t0))
    client.post(f"/netwerkscan/{scan.pk}/deelnemers/{people[1].pk}/terugtrekken")
    assert ProcessingRecord.objects.filter(operation="invitations_send").count() == 3
    stored = everything_logged()
    addresses = [*ADDRESSES, "nina@kring.example", "jan.bos@politie.example"]
    assert not any(a in stored or a.split("@")[0] in stored for a in addresses)
    assert not any(t in stored or t[:16] in stored for t in tokens)
