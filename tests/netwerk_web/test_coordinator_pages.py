"""The coordinator's pages: who may see what, uploads, links, moments, results and the log."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat

from tests.conftest import job_file
from tests.web.conftest import page
from wijkkracht.accounts.models import Membership
from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.netwerk import services
from wijkkracht.netwerk.models import Answer, Invitation, Moment, NetwerkScan, Participant

from .conftest import shown


def csv_upload(text: str, name: str = "deelnemers.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def logged(operation: str, **fields) -> list[ProcessingRecord]:
    return list(ProcessingRecord.objects.filter(activity="netwerkscan", operation=operation,
                                                **fields))


def protected_urls(scan: NetwerkScan) -> list[str]:
    moment = scan.moments.get()
    person = scan.participants.first()
    return [f"/netwerkscan/{scan.pk}/", f"/netwerkscan/{scan.pk}/deelnemers/import",
            f"/netwerkscan/{scan.pk}/deelnemers/{person.pk}/terugtrekken",
            f"/netwerkscan/{scan.pk}/meetmomenten/nieuw",
            f"/netwerkscan/meetmoment/{moment.pk}/antwoorden/import",
            f"/netwerkscan/meetmoment/{moment.pk}/sluiten",
            f"/netwerkscan/{scan.pk}/resultaten?weergave=naam",
            f"/netwerkscan/{scan.pk}/resultaten.pdf?weergave=naam"]


def test_anonymous_visitors_are_sent_to_sign_in(client, scan_t0):
    scan, _t0, _people = scan_t0
    for url in ["/netwerkscan/", "/netwerkscan/nieuw", *protected_urls(scan)]:
        response = client.get(url)
        assert response.status_code == 302 and "/account/aanmelden" in response.url, url
    response = client.post(f"/netwerkscan/meetmoment/{scan.moments.get().pk}/links")
    assert response.status_code == 302 and not Invitation.objects.exists()


def test_a_coordinator_of_another_team_is_refused_and_that_is_logged(client, signed_in,
                                                                     scan_t0, other_team,
                                                                     member):
    scan, t0, people = scan_t0
    signed_in(member(other_team, Membership.Role.COORDINATOR))
    for url in protected_urls(scan):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/netwerkscan/meetmoment/{t0.pk}/links").status_code == 403
    assert client.post(f"/netwerkscan/{scan.pk}/deelnemers/{people[0].pk}/terugtrekken"
                       ).status_code == 403
    assert not Invitation.objects.exists() and not Participant.objects.filter(
        withdrawn_at__isnull=False).exists()
    assert scan.name not in client.get("/netwerkscan/").content.decode()
    refused = ProcessingRecord.objects.filter(activity="netwerkscan", outcome="error")
    assert refused.exists() and all(r.outcome_detail == "forbidden" for r in refused)


@pytest.mark.parametrize("role", [Membership.Role.PROFESSIONAL, Membership.Role.ANALYST,
                                  Membership.Role.ADMINISTRATOR])
def test_only_the_coordinator_sees_names(client, signed_in, scan_t0, team, member, role):
    scan, _t0, _people = scan_t0
    signed_in(member(team, role))
    assert client.get(f"/netwerkscan/{scan.pk}/").status_code == 403
    assert client.get(f"/netwerkscan/{scan.pk}/resultaten?weergave=naam").status_code == 403


def test_the_coordinator_sees_the_scan_and_the_look_is_logged(client, signed_in, scan_t0,
                                                             coordinator):
    scan, _t0, people = scan_t0
    signed_in(coordinator)
    listing = client.get("/netwerkscan/")
    assert listing.status_code == 200 and scan.name in listing.content.decode()
    response = client.get(f"/netwerkscan/{scan.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert all(p.display_name in html for p in people)
    assert len(page(response).find("h1")) == 1
    record = logged("participants_read")[0]
    assert (record.subject_id, record.user_id) == (str(scan.pk), str(coordinator.pk))


def test_creating_a_scan_gives_moment_t0(client, signed_in, team, coordinator):
    signed_in(coordinator)
    form = client.get("/netwerkscan/nieuw")
    assert form.status_code == 200 and page(form).find("input", name="area_codes",
                                                       value="WK039210")
    response = client.post("/netwerkscan/nieuw", {"name": "Scan 2027", "team": team.pk,
                                                  "area_codes": ["WK039210"]})
    scan = NetwerkScan.objects.get(name="Scan 2027")
    assert response.status_code == 302 and response.url == f"/netwerkscan/{scan.pk}/"
    assert scan.created_by == coordinator and scan.moments.get().label == "T0"


def test_a_professional_cannot_create_a_scan(client, signed_in, team, member):
    signed_in(member(team, Membership.Role.PROFESSIONAL))
    assert client.get("/netwerkscan/nieuw").status_code == 403
    assert client.post("/netwerkscan/nieuw", {"name": "X", "team": team.pk}).status_code == 403
    assert not NetwerkScan.objects.exists()


def test_one_participant_by_hand_and_a_duplicate_keeps_what_was_typed(client, signed_in,
                                                                     scan_t0, coordinator):
    scan, _t0, people = scan_t0
    signed_in(coordinator)
    url = f"/netwerkscan/{scan.pk}/deelnemers/nieuw"
    assert client.get(url).status_code == 200
    typed = {"display_name": "Nina Nieuw", "organisation_name": "Buurtcentrum De Kring",
             "sector": "welfare", "role": "sociaal werker", "consent_named": "on"}
    assert client.post(url, typed).status_code == 302
    nina = Participant.objects.get(scan=scan, display_name="Nina Nieuw")
    assert (nina.sector, nina.role, nina.consent_named) == ("welfare", "sociaal werker", True)
    assert logged("participants_add")
    # the same person again: refused, nothing added, every value still in the form
    again = client.post(url, typed)
    assert again.status_code == 400
    html = again.content.decode()
    assert shown("Someone with this name and organisation is already taking part in this "
                 "scan.") in html
    assert 'value="Buurtcentrum De Kring"' in html and 'value="sociaal werker"' in html
    assert 'value="welfare" selected' in html and "checked" in html
    assert Participant.objects.filter(scan=scan).count() == len(people) + 1
    # a missing name and an unknown sector are field errors
    bad = client.post(url, {"display_name": "", "sector": "brandweer"})
    assert bad.status_code == 400 and Participant.objects.filter(scan=scan).count() == \
        len(people) + 1


def test_participant_upload_adds_all_or_shows_the_problems(client, signed_in, scan_t0,
                                                           coordinator):
    scan, _t0, _people = scan_t0
    signed_in(coordinator)
    url = f"/netwerkscan/{scan.pk}/deelnemers/import"
    bad = "naam,organisatie,sector\nJan Bos,Politie,politie\nPiet,X,brandweer\n"
    response = client.post(url, {"file": csv_upload(bad)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "brandweer" in html and 'role="alert"' in html
    assert not scan.participants.filter(display_name="Jan Bos").exists()
    good = "naam;organisatie;sector;rol;toestemming\nJan Bos;Politie;politie;wijkagent;ja\n"
    response = client.post(url, {"file": csv_upload(good)})
    assert response.status_code == 302
    assert scan.participants.get(display_name="Jan Bos").consent_named


def test_an_upload_larger_than_the_limit_is_refused(client, signed_in, scan_t0, coordinator,
                                                    settings):
    scan, _t0, _people = scan_t0
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    signed_in(coordinator)
    text = "naam,organisatie,sector\n" + "Jan Bos,Politie,politie\n" * 10
    response = client.post(f"/netwerkscan/{scan.pk}/deelnemers/import",
                           {"file": csv_upload(text)})
    assert response.status_code == 400
    assert shown("The file is too large (%(size)s). The maximum is %(limit)s.",
                 size=filesizeformat(len(text)), limit=filesizeformat(100)
                 ) in response.content.decode()
    assert not scan.participants.filter(display_name="Jan Bos").exists()


def test_links_are_shown_once_and_work(client, signed_in, scan_t0, coordinator):
    _scan, t0, people = scan_t0
    signed_in(coordinator)
    response = client.post(f"/netwerkscan/meetmoment/{t0.pk}/links")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    codes = [c for c in response.content.decode().split("<code") if "/vragenlijst/" in c]
    assert len(codes) == len(people)
    token = codes[0].split("/netwerkscan/vragenlijst/")[1].split("<")[0]
    assert services.survey_invitation(token)
    again = client.post(f"/netwerkscan/meetmoment/{t0.pk}/links")
    assert "/netwerkscan/vragenlijst/" not in again.content.decode()


def test_answer_upload_moment_and_close(client, signed_in, scan_t0, coordinator):
    scan, t0, people = scan_t0
    signed_in(coordinator)
    rows = f"respondent,genoemd,niveau\n{people[0].display_name},{people[1].display_name},5\n"
    response = client.post(f"/netwerkscan/meetmoment/{t0.pk}/antwoorden/import",
                           {"file": csv_upload(rows)})
    assert response.status_code == 400 and not Answer.objects.exists()
    response = client.post(f"/netwerkscan/meetmoment/{t0.pk}/antwoorden/import",
                           {"file": csv_upload(rows.replace(",5", ",2"))})
    assert response.status_code == 302 and Answer.objects.get().level == 2
    assert client.post(f"/netwerkscan/meetmoment/{t0.pk}/sluiten").status_code == 302
    assert Moment.objects.get(pk=t0.pk).is_closed
    assert client.post(f"/netwerkscan/{scan.pk}/meetmomenten/nieuw").status_code == 302
    assert list(scan.moments.values_list("label", flat=True)) == ["T0", "T1"]


def test_the_coordinator_can_withdraw_a_participant(client, signed_in, scan_t0, coordinator):
    scan, t0, people = scan_t0
    services.answers_save(t0, people[0], [services.AnswerInput(people[1].pk, 3)],
                          source="import")
    signed_in(coordinator)
    url = f"/netwerkscan/{scan.pk}/deelnemers/{people[1].pk}/terugtrekken"
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Answer.objects.exists()
    assert logged("participant_withdraw", subject_id=str(people[1].pk))


def test_results_without_answers_say_so(client, signed_in, scan_t0, coordinator):
    scan, _t0, _people = scan_t0
    signed_in(coordinator)
    response = client.get(f"/netwerkscan/{scan.pk}/resultaten")
    assert response.status_code == 200 and b"<svg" not in response.content


def test_named_results_are_logged_and_analysts_get_the_anonymous_report(client, signed_in,
                                                                        scan_t0, team,
                                                                        coordinator, member):
    scan, t0, people = scan_t0
    for p in people[:3]:
        services.answers_save(t0, p, [services.AnswerInput(o.pk, 2) for o in people
                                      if o.pk != p.pk], source="import")
    signed_in(coordinator)
    named = client.get(f"/netwerkscan/{scan.pk}/resultaten")
    html = named.content.decode()
    assert named.status_code == 200 and "Anouk de Vries" in html  # she consented
    assert "Marieke Bakker" not in html  # she did not: a pseudonym instead
    assert "/static/netwerk/report.css" in html
    assert not page(named).find("style") and not page(named).find("script")
    assert logged("results_named_page", user_id=str(coordinator.pk))
    pdf = job_file(client, client.get(f"/netwerkscan/{scan.pk}/resultaten.pdf?weergave=naam"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert logged("results_named_pdf")
    client.logout()
    analyst = member(team, Membership.Role.ANALYST)
    signed_in(analyst)
    anonymous = client.get(f"/netwerkscan/{scan.pk}/resultaten")
    assert anonymous.status_code == 200
    assert "Anouk de Vries" not in anonymous.content.decode()
    assert logged("results_anonymous_page", user_id=str(analyst.pk))
    filled = client.get(f"/netwerkscan/{scan.pk}/resultaten?aanvullen=ja")
    assert filled.status_code == 200 and "aangevuld" in filled.content.decode()
    assert page(filled).find("a", href=f"/netwerkscan/{scan.pk}/resultaten.pdf?weergave=anoniem"
                                       "&niveau=2&aanvullen=ja")
    figures = client.get(f"/netwerkscan/{scan.pk}/resultaten.csv")
    assert figures.status_code == 200 and figures["Content-Type"].startswith("text/csv")
    text = figures.content.decode()
    assert text.startswith("\ufeffmeetmoment;niveau;niveau_naam;weergave;maat;waarde")
    assert "T0;2;heb het nummer;directed;respondenten;<5" in text  # 3 answered: suppressed
    assert "Anouk" not in text
    assert logged("results_anonymous_csv", user_id=str(analyst.pk))
    assert client.get(f"/netwerkscan/{scan.pk}/resultaten.csv?weergave=naam").status_code \
        == 403
