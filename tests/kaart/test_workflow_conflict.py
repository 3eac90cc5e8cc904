"""Two reviewers at once: the second gets a clear conflict, nothing is overwritten or lost."""

from __future__ import annotations

import pytest

from tests.kaart.flow_world import build, client_of, form_data
from wijkkracht.kaart import services_workflow as flow
from wijkkracht.kaart.models import Service, ServiceChange, Suggestion

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    return build(make_user)


def _suggest(world, **changes) -> Suggestion:
    return flow.suggest(world.service, values={**flow.current_values(world.service), **changes},
                        note="", user=world.professional)


def test_the_same_suggestion_accepted_twice_is_refused_the_second_time(world):
    suggestion = _suggest(world, name="Koffieochtend Een")
    first = Suggestion.objects.get(pk=suggestion.pk)  # two reviewers, two copies
    second = Suggestion.objects.get(pk=suggestion.pk)
    flow.accept(first, values=flow.review_values(first), expected_version=1,
                user=world.keeper)
    with pytest.raises(flow.AlreadyDecided) as refused:
        flow.accept(second, values={**flow.review_values(second), "name": "Anders"},
                    expected_version=1, user=world.admin)
    assert refused.value.suggestion.reviewed_by == world.keeper
    assert Service.objects.get(pk=world.service.pk).name == "Koffieochtend Een"
    assert ServiceChange.objects.count() == 1


def test_a_review_of_an_older_version_conflicts_and_writes_nothing(world):
    one = _suggest(world, name="Koffieochtend Een")
    two = _suggest(world, fees_description="Gratis.")
    flow.accept(one, values=flow.review_values(one), expected_version=1, user=world.keeper)
    with pytest.raises(flow.ServiceConflict) as conflict:
        flow.accept(two, values=flow.review_values(two), expected_version=1, user=world.admin)
    assert conflict.value.current["name"] == "Koffieochtend Een"
    two.refresh_from_db()
    assert two.status == "open"  # the claim was rolled back with the rest
    service = Service.objects.get(pk=world.service.pk)
    assert service.fees_description == "Koffie kost € 1." and service.version == 2
    # accepting again from the version now shown keeps both changes
    flow.accept(two, values=flow.review_values(two), expected_version=2, user=world.admin)
    service.refresh_from_db()
    assert (service.name, service.fees_description, service.version) == (
        "Koffieochtend Een", "Gratis.", 3)


def test_the_page_shows_the_conflict_and_keeps_what_the_reviewer_typed(world, signed_in):
    one = _suggest(world, name="Koffieochtend Een")
    two = _suggest(world, fees_description="Gratis.")
    keeper = signed_in(world.keeper)
    flow.accept(one, values=flow.review_values(one), expected_version=1, user=world.admin)
    typed = {**flow.review_values(two), "fees_description": "Gratis, door de gemeente."}
    response = keeper.post(f"/kaart/beheer/voorstellen/{two.pk}",
                           form_data(typed, action="accept", version=1))
    text = response.content.decode()
    assert response.status_code == 409
    assert "Iemand anders heeft een wijziging van deze dienst gepubliceerd" in text
    assert 'value="Gratis, door de gemeente."' in text  # nothing typed is lost
    assert "Koffieochtend Een" in text  # what is published now
    assert 'name="version" value="2"' in text
    assert Service.objects.get(pk=world.service.pk).fees_description == "Koffie kost € 1."
    # the second reviewer already decided: the page says so and offers to publish anyway
    admin = client_of(world.admin)  # another reviewer, in another browser
    assert admin.post(f"/kaart/beheer/voorstellen/{two.pk}", {
        "action": "reject", "r-reason": "Dubbel."}).status_code == 302
    late = keeper.post(f"/kaart/beheer/voorstellen/{two.pk}",
                       form_data(typed, action="accept", version=2))
    text = late.content.decode()
    assert late.status_code == 409 and "Iemand anders heeft al over dit voorstel beslist" in text
    assert 'value="Gratis, door de gemeente."' in text
    assert f'action="/kaart/dienst/{world.service.pk}/wijziging-voorstellen"' in text


def test_a_reimport_in_between_is_a_conflict_too(world):
    from wijkkracht.kaart.hsds.exporter import export_services
    from wijkkracht.kaart.hsds.importer import import_records

    suggestion = _suggest(world, fees_description="Gratis.")
    records = export_services([world.service.pk])
    records[0]["name"] = "Koffieochtend uit de gemeentelijke kaart"
    import_records(records)
    with pytest.raises(flow.ServiceConflict) as conflict:
        flow.accept(suggestion, values=flow.review_values(suggestion), expected_version=1,
                    user=world.keeper)
    assert conflict.value.current["name"] == "Koffieochtend uit de gemeentelijke kaart"
    assert Service.objects.get(pk=world.service.pk).version == 2
