"""Suggest -> review -> published, with history; rejecting; a direct edit; a new service."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.kaart.flow_world import build, form_data
from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.kaart import search
from wijkkracht.kaart import services_workflow as flow
from wijkkracht.kaart.models import (
    Phone,
    Schedule,
    SearchDocument,
    Service,
    ServiceChange,
    Suggestion,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    return build(make_user)


def test_a_suggestion_is_reviewed_and_published_with_its_history(world, signed_in):
    client = signed_in(world.professional)
    values = flow.current_values(world.service)
    page = client.get(f"/kaart/dienst/{world.service.pk}/wijziging-voorstellen")
    assert page.status_code == 200 and "Koffieochtend De Proef" in page.content.decode()
    response = client.post(f"/kaart/dienst/{world.service.pk}/wijziging-voorstellen", form_data(
        {**values, "opening_hours": "di, do 10:00-12:30", "fees_description": "Gratis."},
        note="Gebeld op 3 maart."))
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    # only what changed is stored, with who and the note; nothing is published yet
    assert suggestion.proposed == {"opening_hours": "di, do 10:00-12:30",
                                   "fees_description": "Gratis."}
    assert suggestion.suggested_by == world.professional and suggestion.note
    world.service.refresh_from_db()
    assert world.service.fees_description == "Koffie kost € 1." and world.service.version == 1

    keeper = signed_in(world.keeper)
    queue = keeper.get("/kaart/beheer/voorstellen").content.decode()
    assert f"/kaart/beheer/voorstellen/{suggestion.pk}" in queue
    review = keeper.get(f"/kaart/beheer/voorstellen/{suggestion.pk}")
    text = review.content.decode()
    assert review.status_code == 200
    assert "Koffie kost € 1." in text and "Gratis." in text  # current beside proposed
    assert "Werker Proef" in text
    before_log = ProcessingRecord.objects.filter(operation="kaart_review_read").count()
    assert before_log == 1
    # the keeper edits the proposal before accepting it
    accepted = keeper.post(f"/kaart/beheer/voorstellen/{suggestion.pk}", form_data(
        {**flow.review_values(suggestion), "fees_description": "Gratis, ook de koffie."},
        action="accept", version=1))
    assert accepted.status_code == 302
    service = Service.objects.get(pk=world.service.pk)
    assert service.fees_description == "Gratis, ook de koffie."
    assert service.version == 2 and service.last_checked == timezone.localdate()
    # the opening hours became structured schedules again
    hours = Schedule.objects.get(service=service)
    assert (hours.byday, hours.opens_at, hours.closes_at) == ("TU,TH", "10:00", "12:30")
    change = ServiceChange.objects.get(service=service)
    assert change.before == {"opening_hours": "di, do 10:00-12:00",
                             "fees_description": "Koffie kost € 1."}
    assert change.after == {"opening_hours": "di, do 10:00-12:30",
                            "fees_description": "Gratis, ook de koffie."}
    assert change.changed_by == world.keeper and change.suggestion == suggestion
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted" and suggestion.reviewed_by == world.keeper
    history = keeper.get(f"/kaart/dienst/{service.pk}/geschiedenis").content.decode()
    assert "Gratis, ook de koffie." in history and "Koffie kost € 1." in history
    assert "Werker Proef" in history  # who suggested it
    assert ProcessingRecord.objects.filter(operation="kaart_history_read").count() == 1
    assert ProcessingRecord.objects.filter(operation="kaart_review_accept").count() == 1


def test_a_rejection_needs_a_reason_and_changes_nothing(world, signed_in):
    suggestion = flow.suggest(world.service, values={
        **flow.current_values(world.service), "name": "Koffieochtend Nieuw"}, note="",
        user=world.professional)
    keeper = signed_in(world.keeper)
    url = f"/kaart/beheer/voorstellen/{suggestion.pk}"
    empty = keeper.post(url, {"action": "reject", "r-reason": "  "})
    assert empty.status_code == 400 and "Dit veld is verplicht" in empty.content.decode()
    assert keeper.post(url, {"action": "reject", "r-reason": "Heet nog steeds zo."}) \
        .status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == "rejected" and suggestion.reason == "Heet nog steeds zo."
    world.service.refresh_from_db()
    assert world.service.name == "Koffieochtend De Proef" and world.service.version == 1
    assert not ServiceChange.objects.exists()
    # a decided suggestion cannot be accepted afterwards
    again = keeper.post(url, form_data(flow.review_values(suggestion), action="accept",
                                       version=1))
    assert again.status_code == 409
    world.service.refresh_from_db()
    assert world.service.name == "Koffieochtend De Proef"


def test_nothing_changed_and_no_note_is_refused_with_the_input_kept(world, signed_in):
    client = signed_in(world.professional)
    values = {**flow.current_values(world.service), "email": "geen-adres"}
    response = client.post(f"/kaart/dienst/{world.service.pk}/wijziging-voorstellen",
                           form_data(values))
    assert response.status_code == 400
    assert 'value="geen-adres"' in response.content.decode()  # what was typed stays
    same = client.post(f"/kaart/dienst/{world.service.pk}/wijziging-voorstellen",
                       form_data(flow.current_values(world.service)))
    assert same.status_code == 400 and "niets veranderd" in same.content.decode()
    assert not Suggestion.objects.exists()


def test_the_keeper_edits_directly_through_the_same_path(world, signed_in):
    keeper = signed_in(world.keeper)
    values = {**flow.current_values(world.service), "phone": "023 511 51 15",
              "opening_hours": "op afspraak, bel eerst", "defunct": True}
    response = keeper.post(f"/kaart/dienst/{world.service.pk}/wijziging-voorstellen",
                           form_data(values, publish="1", version=1))
    assert response.status_code == 302
    service = Service.objects.get(pk=world.service.pk)
    assert service.status == Service.Status.DEFUNCT and service.version == 2
    assert Phone.objects.get(service=service).number == "023 511 51 15"
    free = Schedule.objects.get(service=service)  # not the usual form: kept as text
    assert free.description == "op afspraak, bel eerst" and free.byday is None
    suggestion = Suggestion.objects.get()
    assert suggestion.status == "accepted" and suggestion.reviewed_by == world.keeper
    change = ServiceChange.objects.get()
    assert change.after["defunct"] is True and change.before["defunct"] is False
    assert not SearchDocument.objects.filter(service=service).exists()  # gone from search


def test_a_published_change_is_found_by_search_at_once(world, signed_in):
    assert not search.find("accordeonles").results
    keeper = signed_in(world.keeper)
    values = {**flow.current_values(world.service),
              "description": "Koffie, en daarna accordeonles voor wie wil."}
    response = keeper.post(f"/kaart/dienst/{world.service.pk}/wijziging-voorstellen",
                           form_data(values, publish="1", version=1))
    assert response.status_code == 302
    assert [r.service.pk for r in search.find("accordeonles").results] == [world.service.pk]


def test_a_new_service_is_reviewed_by_the_administrator_only(world, signed_in):
    client = signed_in(world.professional)
    values = {"name": "Repair Café Proef", "description": "Samen spullen repareren.",
              "opening_hours": "za 10:00-13:00", "access": "vrij_toegankelijk",
              "formality": "informeel", "fees_description": "Gratis."}
    assert client.post("/kaart/nieuw-voorstellen", form_data(values)).status_code == 302
    suggestion = Suggestion.objects.get(service=None)
    assert signed_in(world.keeper).get(
        f"/kaart/beheer/voorstellen/{suggestion.pk}").status_code == 403
    admin = signed_in(world.admin)
    response = admin.post(f"/kaart/beheer/voorstellen/{suggestion.pk}", form_data(
        flow.review_values(suggestion), action="accept"))
    assert response.status_code == 302
    service = Service.objects.get(name="Repair Café Proef")
    assert service.status == "active" and service.access == "vrij_toegankelijk"
    assert ServiceChange.objects.get(service=service).kind == "created"
    assert Schedule.objects.get(service=service).byday == "SA"


def test_structured_hours_without_words_are_shown_and_left_alone(world):
    from wijkkracht.kaart.models import Schedule

    Schedule.objects.filter(service=world.service).update(description=None)
    assert flow.current_values(world.service)["opening_hours"] == "di, do 10:00-12:00"
    suggestion = flow.suggest(world.service, values={**flow.current_values(world.service),
                                                     "name": "Koffie"}, note="",
                              user=world.professional)
    flow.accept(suggestion, values=flow.review_values(suggestion), expected_version=1,
                user=world.keeper)
    kept = Schedule.objects.get(service=world.service)  # not rewritten: only the name changed
    assert (kept.byday, kept.opens_at, kept.description) == ("TU,TH", "10:00", None)
