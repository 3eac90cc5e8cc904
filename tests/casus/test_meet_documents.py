"""Documents on a case: accepted by content, refused beside the field otherwise (what was typed
kept), downloaded as stored with the access logged, and out of reach of another team."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.casus.models import CaseDocument

from .meet_world import build
from .test_meet_pages import dutch

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def world(make_user):
    return build(make_user)


def logged(case, operation: str) -> int:
    return ProcessingRecord.objects.filter(subject_type="case", subject_id=str(case.pk),
                                           operation=operation).count()


def test_a_pdf_is_kept_and_downloaded_as_stored(world, client, signed_in):
    signed_in(world.worker)
    url = f"/casus/{world.case.pk}/documenten/nieuw"
    assert client.get(url).status_code == 200
    response = client.post(url, {"file": SimpleUploadedFile("../brief huisarts.pdf", PDF),
                                 "description": "Brief van de huisarts"})
    assert response.status_code == 302
    document = CaseDocument.unscoped.get(case=world.case)
    assert (document.name, document.content_type, document.size) == (
        "brief huisarts.pdf", "application/pdf", len(PDF))
    assert logged(world.case, "document_add") == 1
    page = client.get(f"/casus/{world.case.pk}/").content.decode()
    assert "brief huisarts.pdf" in page and "Brief van de huisarts" in page
    download = client.get(f"/casus/{world.case.pk}/documenten/{document.pk}")
    assert download.status_code == 200 and download.content == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert logged(world.case, "document_read") == 1


@pytest.mark.parametrize("name, content", [
    ("verslag.pdf", b"<!DOCTYPE html><script>alert(1)</script>"),  # a web page, renamed
    ("foto.jpg", b"MZ\x90\x00 a program"),
    ("notities.txt", b"gewoon tekst"),
])
def test_an_upload_that_is_not_a_document_is_refused_beside_the_field(world, client,
                                                                      signed_in, name,
                                                                      content):
    signed_in(world.worker)
    response = client.post(f"/casus/{world.case.pk}/documenten/nieuw", {
        "file": SimpleUploadedFile(name, content), "description": "Verslag keukentafelgesprek"})
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_file_error"' in body
    assert dutch("This file is not a document Wijkkracht accepts. Choose a PDF, ODT or DOCX "
                 "document, or a PNG or JPEG image.") in body
    assert 'value="Verslag keukentafelgesprek"' in body
    assert not CaseDocument.unscoped.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=64)
def test_a_document_over_the_limit_is_refused(world, client, signed_in):
    signed_in(world.worker)
    response = client.post(f"/casus/{world.case.pk}/documenten/nieuw", {
        "file": SimpleUploadedFile("groot.pdf", PDF + b"0" * 100)})
    assert response.status_code == 400 and 'id="id_file_error"' in response.content.decode()
    assert not CaseDocument.unscoped.exists()


def test_another_team_gets_no_document_and_no_name(world, client, signed_in):
    from wijkkracht.casus import services_meet as meet

    document = meet.document_add(world.case, name="brief.pdf", content=PDF,
                                 description="Brief van Fenna", user=world.worker)
    signed_in(world.outsider)
    for url in (f"/casus/{world.case.pk}/documenten/{document.pk}",
                f"/casus/{world.case.pk}/documenten/nieuw"):
        response = client.get(url)
        assert response.status_code in (403, 404)
        assert PDF not in response.content and b"Fenna" not in response.content
    response = client.post(f"/casus/{world.case.pk}/documenten/nieuw",
                           {"file": SimpleUploadedFile("x.pdf", PDF)})
    assert response.status_code in (403, 404)
    assert CaseDocument.unscoped.count() == 1
