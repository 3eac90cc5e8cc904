"""The pages as a visitor and a professional meet them: public sees published only (list,
search, detail, PDF, attachments, open data), the form keeps typed input, uploads are sniffed."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.praktijk.conftest import VALUES
from tests.praktijk.test_services import PDF_BYTES, PNG_BYTES
from wijkkracht.praktijk.models import Attachment, Practice
from wijkkracht.praktijk.services import attachment_add, load_examples, practice_save, publish

SECRET = "Geheime proef Zonnewijzer"


@pytest.fixture
def two(world):
    """A published practice and an unpublished one (with an attachment), both of Anna's."""
    shown = practice_save(world.anna, {**VALUES, "title": "Open buurtkamer"})
    publish(world.anna, shown)
    hidden = practice_save(world.anna, {**VALUES, "title": SECRET,
                                        "summary": "Mantelzorgers in de Zonnewijzer."})
    attachment_add(world.anna, hidden, "plan.pdf", PDF_BYTES)
    return shown, hidden


def form_data(**changes):
    data = {k: v for k, v in VALUES.items()}
    data["wijk_codes"] = " ".join(VALUES["wijk_codes"])
    data.update(changes)
    return data


def test_public_list_and_search_show_only_published(client, two):
    page = client.get("/praktijk/").content.decode()
    assert "Open buurtkamer" in page and SECRET not in page
    page = client.get("/praktijk/", {"q": "mantelzorgers"}).content.decode()
    assert "Open buurtkamer" in page and SECRET not in page
    page = client.get("/praktijk/", {"q": "zonnewijzer"}).content.decode()
    assert SECRET not in page and "Geen praktijken gevonden" in page


def test_unpublished_is_not_found_for_public_and_other_organisation(client, signed_in, world,
                                                                      two):
    _shown, hidden = two
    att = Attachment.objects.get(practice=hidden)
    for url in (f"/praktijk/{hidden.pk}/", f"/praktijk/{hidden.pk}/praktijk.pdf",
                f"/praktijk/{hidden.pk}/bijlagen/{att.pk}"):
        assert client.get(url).status_code == 404, url
    signed_in(world.carla)
    assert client.get(f"/praktijk/{hidden.pk}/").status_code == 404
    assert SECRET not in client.get("/praktijk/").content.decode()
    assert client.post(f"/praktijk/{hidden.pk}/publiceren").status_code == 404


def test_own_organisation_sees_edits_and_publishes(client, signed_in, world, two):
    _shown, hidden = two
    signed_in(world.bram)
    assert SECRET in client.get("/praktijk/").content.decode()
    page = client.get(f"/praktijk/{hidden.pk}/").content.decode()
    assert "Niet gepubliceerd" in page
    assert client.post(f"/praktijk/{hidden.pk}/publiceren").status_code == 302
    client.logout()
    assert SECRET in client.get("/praktijk/").content.decode()
    att = Attachment.objects.get(practice=hidden)
    download = client.get(f"/praktijk/{hidden.pk}/bijlagen/{att.pk}")
    assert download.status_code == 200 and download.content == PDF_BYTES
    assert download["Content-Type"] == "application/pdf"


def test_new_practice_form_keeps_input_on_error(client, signed_in, world):
    signed_in(world.anna)
    assert client.get("/praktijk/nieuw").status_code == 200
    response = client.post("/praktijk/nieuw", form_data(title="", wijk_codes="Transvaal",
                                                         lessons="Begin klein."))
    page = response.content.decode()
    assert response.status_code == 200 and "Begin klein." in page and "Transvaal" in page
    checked = re.findall(r'name="(\w+)" value="([\w-]+)"[^>]* checked', page)
    assert sorted(checked) == [("principles", "ont-schotten"), ("principles", "verbinden"),
                               ("target_groups", "mantelzorgers")]
    assert Practice.objects.count() == 0
    response = client.post("/praktijk/nieuw", form_data())
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert practice.is_public is False and practice.principles == ["ont-schotten", "verbinden"]


def test_someone_without_a_team_may_not_add(client, signed_in, world):
    signed_in(world.dirk)
    assert client.get("/praktijk/nieuw").status_code == 403
    assert client.get("/praktijk/nieuw", follow=False).status_code == 403


def test_edit_conflict_keeps_the_typed_text(client, signed_in, world, two):
    _shown, hidden = two
    signed_in(world.bram)
    practice_save(world.anna, {**VALUES, "title": "Door Anna"}, practice=hidden,
                  expected_version=1)
    response = client.post(f"/praktijk/{hidden.pk}/bewerken",
                           form_data(title="Door Bram", version=1))
    page = response.content.decode()
    assert response.status_code == 200 and "Door Bram" in page
    assert Practice.objects.get(pk=hidden.pk).title == "Door Anna"
    response = client.post(f"/praktijk/{hidden.pk}/bewerken",
                           form_data(title="Door Bram", version=2))
    assert response.status_code == 302
    assert Practice.objects.get(pk=hidden.pk).title == "Door Bram"


def test_forged_upload_is_refused_in_dutch(client, signed_in, world, two):
    shown, _hidden = two
    signed_in(world.anna)
    forged = SimpleUploadedFile("verslag.pdf", b"<html><body>nep</body></html>",
                                content_type="application/pdf")
    response = client.post(f"/praktijk/{shown.pk}/bijlagen", {"file": forged})
    assert response.status_code == 200
    assert "geen PDF, PNG of JPEG" in response.content.decode()
    assert not Attachment.objects.filter(practice=shown).exists()
    photo = SimpleUploadedFile("foto.jpg", PNG_BYTES, content_type="image/jpeg")
    response = client.post(f"/praktijk/{shown.pk}/bijlagen", {"file": photo})
    assert response.status_code == 302
    assert Attachment.objects.get(practice=shown).name == "foto.png"


def test_open_data_has_published_practices_only(client, two):
    shown, _hidden = two
    data = client.get("/praktijk/open-data.json").json()
    assert [p["id"] for p in data["practices"]] == [shown.pk]
    record = data["practices"][0]
    assert record["principles"] == ["ont-schotten", "verbinden"]
    assert "contact_email" not in record
    text = client.get("/praktijk/open-data.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [r["title"] for r in rows] == ["Open buurtkamer"]
    assert rows[0]["principles"] == "ont-schotten|verbinden"
    assert SECRET not in text


def test_practice_pdf(client, two):
    shown, _hidden = two
    response = client.get(f"/praktijk/{shown.pk}/praktijk.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")


def test_examples_are_public_and_filterable(client, db):
    load_examples()
    page = client.get("/praktijk/", {"principle": "ont-regelen"}).content.decode()
    assert "Juul" in page and "Dement in huis" in page and "Dwarsweg" not in page
    page = client.get("/praktijk/", {"target_group": "dementie"}).content.decode()
    assert "Dement in huis" in page and "Juul" not in page
    page = client.get("/praktijk/", {"gemeente": "gm0268"}).content.decode()
    assert "Dwarsweg" in page and "Zorgzame buurt Dukenburg" in page and "Juul" not in page
    page = client.get("/praktijk/", {"measured": "on"}).content.decode()
    assert "0 praktijken" in page


def test_any_wijk_or_filter_text_answers_with_the_page(client, two):
    # no CBS figures loaded here: "wijken like yours" has nothing to compare, the list stays
    for query in ({"wijk": "WK039210"}, {"wijk": "onzin'\"<"}, {"gemeente": "GM99999999"},
                  {"principle": "bestaat-niet"}, {"status": "weg"}, {"q": "x" * 500}):
        response = client.get("/praktijk/", query)
        assert response.status_code == 200, query
        assert "Traceback" not in response.content.decode()
    page = client.get("/praktijk/", {"wijk": "WK039210"}).content.decode()
    assert "Open buurtkamer" in page
