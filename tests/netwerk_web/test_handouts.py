"""Survey links handed out without a mail server: a CSV for mail merge and letters with a QR
code, made in the same step as the links and logged."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.web.conftest import page
from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.netwerk import services
from wijkkracht.netwerk.handouts import qr_svg

from .conftest import make_scan

LINK = re.compile(r"http://testserver/netwerkscan/vragenlijst/([A-Za-z0-9_-]{40,})")


def logged(operation: str) -> list[ProcessingRecord]:
    return list(ProcessingRecord.objects.filter(activity="netwerkscan", operation=operation))


def test_links_as_a_csv_for_a_mail_merge_in_dutch_excel(client, signed_in, scan_t0,
                                                        coordinator):
    _scan, t0, people = scan_t0
    signed_in(coordinator)
    response = client.post(f"/netwerkscan/meetmoment/{t0.pk}/links", {"formaat": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response["Referrer-Policy"] == "no-referrer" and "no-store" in response["Cache-Control"]
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["naam", "organisatie", "e-mailadres", "link", "link_niet_meedoen",
                       "geldig_tot"]
    assert sorted(r[0] for r in rows[1:]) == sorted(p.display_name for p in people)
    for row in rows[1:]:
        token = LINK.fullmatch(row[3]).group(1)
        assert services.survey_invitation(token).participant.display_name == row[0]
        assert row[4] == row[3] + "/terugtrekken"
    # made once: the same request made them, and asking again gives no new ones
    assert t0.invitations.count() == len(people)
    record = logged("invitation_links_csv")[0]
    assert record.outcome_detail == f"n{len(people)}" and record.user_id == str(coordinator.pk)
    assert not any(row[3].split("/")[-1] in r.outcome_detail for r in logged("invitation_links_csv")
                   for row in rows[1:])
    again = client.post(f"/netwerkscan/meetmoment/{t0.pk}/links", {"formaat": "csv"})
    assert again.status_code == 200 and "vragenlijst/" not in again.content.decode()
    assert len(logged("invitation_links_csv")) == 1


def test_a_name_that_looks_like_a_formula_stays_text_in_the_csv(client, signed_in, team,
                                                                 coordinator):
    _scan, t0, _people = make_scan(team, coordinator, people=[
        ("=HYPERLINK(\"http://x\")", "@SUM(A1)", "gp", False),
        ("Gewone Naam", "Praktijk", "welfare", False)])
    signed_in(coordinator)
    response = client.post(f"/netwerkscan/meetmoment/{t0.pk}/links", {"formaat": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    cells = [c for row in rows[1:] for c in row[:3]]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert "'=HYPERLINK(\"http://x\")" in cells


def test_links_as_letters_with_a_qr_code(client, signed_in, scan_t0, coordinator):
    _scan, t0, people = scan_t0
    signed_in(coordinator)
    response = client.post(f"/netwerkscan/meetmoment/{t0.pk}/links", {"formaat": "brieven"})
    assert response.status_code == 200 and response["Referrer-Policy"] == "no-referrer"
    html = response.content.decode()
    doc = page(response)
    letters = doc.find("article")
    assert len(letters) == len(people)
    assert len(doc.find("svg")) == len(people) and not doc.find("img")
    assert not doc.find("script") and not doc.find("style") and " style=" not in html
    assert any(sheet.endswith("netwerk/letters.css") for sheet in doc.stylesheets())
    tokens = set(LINK.findall(html))
    assert len(tokens) == len(people)
    assert all(p.display_name in html for p in people)
    assert logged("invitation_links_letters")[0].outcome_detail == f"n{len(people)}"


def test_the_qr_code_is_the_link(client):
    svg = qr_svg("https://wijkkracht.example.nl/netwerkscan/vragenlijst/" + "a" * 43)
    assert svg.startswith("<svg ") and "<path" in svg and "style" not in svg
    # a QR code of version 4 or more: 33+ modules square, drawn as one path
    assert re.search(r'viewBox="0 0 (\d+) \1"', svg)


def test_links_as_letters_in_a_pdf(client, signed_in, scan_t0, coordinator):
    pytest.importorskip("weasyprint")
    _scan, t0, people = scan_t0
    signed_in(coordinator)
    response = client.post(f"/netwerkscan/meetmoment/{t0.pk}/links", {"formaat": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # one A4 page per letter (the same HTML the PDF is made of, laid out by WeasyPrint)
    from weasyprint import HTML

    from wijkkracht.netwerk.handouts import letters_html

    links = services.invitations_issue(t0, replace=True)
    pages = HTML(string=letters_html(links, base_url="http://testserver/",
                                     inline_css=True)).render().pages
    assert len(pages) == len(people)
    assert logged("invitation_links_letters_pdf")[0].outcome_detail == f"n{len(people)}"


def test_on_screen_is_still_the_default_and_not_logged_as_a_download(client, signed_in,
                                                                     scan_t0, coordinator):
    _scan, t0, _people = scan_t0
    signed_in(coordinator)
    response = client.post(f"/netwerkscan/meetmoment/{t0.pk}/links")
    assert response.status_code == 200 and "<code" in response.content.decode()
    assert not ProcessingRecord.objects.filter(operation__startswith="invitation_links_")
