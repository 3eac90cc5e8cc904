"""The need-taxonomy page: only the functional administrator; a refused file changes nothing
and keeps the page; the download is the taxonomy in use."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.kaart.flow_world import build
from wijkkracht.kaart.models import NeedTaxonomy
from wijkkracht.kaart.services import need_taxonomy_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    return build(make_user)


def _upload(client, text: str, note: str = ""):
    return client.post("/kaart/beheer/behoeften", {
        "file": SimpleUploadedFile("behoeften.json", text.encode("utf-8")), "note": note})


def test_only_the_functional_administrator_may_read_or_change_it(world, signed_in):
    for user in (world.professional, world.keeper):
        client = signed_in(user)
        assert client.get("/kaart/beheer/behoeften").status_code == 403
        assert _upload(client, need_taxonomy_json()).status_code == 403
    assert not NeedTaxonomy.objects.exists()


def test_a_broken_file_is_refused_beside_the_field(world, signed_in):
    client = signed_in(world.admin)
    data = json.loads(need_taxonomy_json())
    data["needs"][0]["categories"] = ["zweefvliegen"]
    response = _upload(client, json.dumps(data), note="proef")
    assert response.status_code == 400
    assert "onbekende categorie &#x27;zweefvliegen&#x27;" in response.content.decode()
    assert 'value="proef"' in response.content.decode()  # the note typed is kept
    assert not NeedTaxonomy.objects.exists()
    assert _upload(client, "{").status_code == 400


def test_a_good_file_is_used_and_downloaded_back(world, signed_in):
    client = signed_in(world.admin)
    data = json.loads(need_taxonomy_json())
    data["needs"][0]["phrases"].append("heeft het zwaar in de buurt")
    response = _upload(client, json.dumps(data, ensure_ascii=False), note="Nieuwe zin.")
    assert response.status_code == 302
    saved = NeedTaxonomy.objects.get()
    assert saved.saved_by == world.admin and saved.note == "Nieuwe zin."
    download = client.get("/kaart/beheer/behoeften.json")
    assert download["Content-Disposition"].startswith("attachment")
    assert "heeft het zwaar in de buurt" in download.content.decode()
    page = client.get("/kaart/beheer/behoeften").content.decode()
    assert "Nieuwe zin." in page and "heeft het zwaar in de buurt" in page


def test_a_question_is_tried_on_the_taxonomy_in_use_and_not_counted(world, signed_in):
    from wijkkracht.kaart.models import SearchMonth

    client = signed_in(world.admin)
    page = client.get("/kaart/beheer/behoeften", {"proef": "ik ben zo eensaam"}).content.decode()
    assert "<strong>Eenzaamheid</strong>, genoemd door “eensaam” (hoe zeker: 1,00)" in page
    assert 'value="ik ben zo eensaam"' in page  # the question stays in the field
    assert not SearchMonth.objects.exists()  # a try is no resident's search
    page = client.get("/kaart/beheer/behoeften", {"proef": "welke kleur hebben de tulpen"})
    assert "Deze vraag noemt geen behoefte" in page.content.decode()


def test_a_question_the_search_refuses_is_said_beside_the_field(world, signed_in):
    client = signed_in(world.admin)
    response = client.get("/kaart/beheer/behoeften", {"proef": "de het een"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "alleen veelvoorkomende woorden" in page and 'value="de het een"' in page
    page = client.get("/kaart/beheer/behoeften", {"proef": "x" * 1000}).content.decode()
    assert "Uw zoekvraag is te lang (1000 tekens)" in page


def test_a_word_is_added_to_a_need_in_one_click_and_then_names_it(world, signed_in):
    from wijkkracht.kaart import search
    from wijkkracht.kaart.search_tally import record, record_choice
    from wijkkracht.stats.disclosure import THRESHOLD

    for user in (world.professional, world.keeper):  # only the functional administrator
        response = signed_in(user).post("/kaart/beheer/behoeften/woord",
                                        {"word": "vensterbank", "need": "huishouden"})
        assert response.status_code == 403
    assert not NeedTaxonomy.objects.exists()
    for _ in range(THRESHOLD):
        record(["vensterbank"], named_need=False)
        record_choice(["vensterbank"], "huishouden")
    admin = signed_in(world.admin)
    page = admin.get("/kaart/beheer/behoeften").content.decode()
    assert 'name="word" value="vensterbank"' in page
    assert 'aria-label="Toevoegen: vensterbank bij Huishouden"' in page
    assert search.find("vensterbank", tally=False).named == ()
    response = admin.post("/kaart/beheer/behoeften/woord",
                          {"word": "vensterbank", "need": "huishouden"}, follow=True)
    assert "“vensterbank” noemt nu de behoefte “Huishouden”." in response.content.decode()
    saved = NeedTaxonomy.objects.get()
    assert saved.saved_by == world.admin and "vensterbank" in saved.note
    need = next(n for n in saved.data["needs"] if n["code"] == "huishouden")
    assert need["terms"][-1] == "vensterbank"
    assert search.find("vensterbank", tally=False).named[0][0] == "Huishouden"  # in use at once
    page = admin.get("/kaart/beheer/behoeften").content.decode()
    assert "een woord van deze behoefte" in page  # no second button
    for bad, said in (({"word": "twee woorden", "need": "huishouden"}, "Alleen één woord"),
                      ({"word": "vensterbank", "need": "bestaat_niet"}, "er is niets veranderd"),
                      ({}, "Alleen één woord")):
        response = admin.post("/kaart/beheer/behoeften/woord", bad, follow=True)
        assert response.status_code == 200 and said in response.content.decode(), bad
    assert NeedTaxonomy.objects.count() == 1
