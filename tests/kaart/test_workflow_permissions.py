"""Who may do what: every professional suggests; only the functional administrator and the
service's own keeper review, edit directly, confirm and read the history."""

from __future__ import annotations

import pytest

from tests.kaart.flow_world import build, client_of, form_data
from wijkkracht.accounts.permissions import can_review_kaart_service, can_suggest_kaart_change
from wijkkracht.kaart import services_workflow as flow
from wijkkracht.kaart.models import Service, Suggestion

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    return build(make_user)


def test_a_professional_suggests_but_cannot_accept_or_publish(world, signed_in):
    suggestion = flow.suggest(world.service, values={
        **flow.current_values(world.service), "name": "Gekaapt"}, note="",
        user=world.professional)
    client = signed_in(world.professional)
    url = f"/kaart/beheer/voorstellen/{suggestion.pk}"
    assert client.get("/kaart/beheer/voorstellen").status_code == 403
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(flow.review_values(suggestion), action="accept",
                                      version=1)).status_code == 403
    # "publish" from a professional is only a suggestion
    response = client.post(f"/kaart/dienst/{world.service.pk}/wijziging-voorstellen",
                           form_data({**flow.current_values(world.service),
                                      "name": "Ook gekaapt"}, publish="1", version=1))
    assert response.status_code == 302
    assert Suggestion.objects.filter(status="open").count() == 2
    assert client.post(f"/kaart/dienst/{world.service.pk}/gecontroleerd").status_code == 403
    assert client.get(f"/kaart/dienst/{world.service.pk}/geschiedenis").status_code == 403
    world.service.refresh_from_db()
    assert world.service.name == "Koffieochtend De Proef" and world.service.version == 1


def test_a_keeper_reviews_only_their_own_services(world, signed_in):
    mine = flow.suggest(world.service, values={
        **flow.current_values(world.service), "name": "Nieuw"}, note="", user=world.professional)
    theirs = flow.suggest(world.other_service, values={
        **flow.current_values(world.other_service), "name": "Anders"}, note="",
        user=world.professional)
    client = signed_in(world.other_keeper)
    queue = client.get("/kaart/beheer/voorstellen").content.decode()
    assert f"/kaart/beheer/voorstellen/{theirs.pk}" in queue
    assert f"/kaart/beheer/voorstellen/{mine.pk}" not in queue  # the other keeper's service
    assert client.get(f"/kaart/beheer/voorstellen/{mine.pk}").status_code == 403
    assert client.post(f"/kaart/beheer/voorstellen/{mine.pk}", {
        "action": "reject", "r-reason": "Nee."}).status_code == 403
    assert client.get(f"/kaart/dienst/{world.service.pk}/geschiedenis").status_code == 403
    assert client.post(f"/kaart/dienst/{world.service.pk}/gecontroleerd").status_code == 403
    mine.refresh_from_db()
    assert mine.status == "open"
    # the keeper's own suggestion list holds theirs; the administrator sees both
    own = client_of(world.keeper).get("/kaart/beheer/voorstellen").content.decode()
    assert f"/kaart/beheer/voorstellen/{mine.pk}" in own
    assert f"/kaart/beheer/voorstellen/{theirs.pk}" not in own
    admin = client_of(world.admin).get("/kaart/beheer/voorstellen").content.decode()
    assert f"/kaart/beheer/voorstellen/{mine.pk}" in admin
    assert f"/kaart/beheer/voorstellen/{theirs.pk}" in admin


def test_the_rules_themselves(world, make_user):
    outsider = make_user("zonder-team")
    assert not can_suggest_kaart_change(outsider)
    assert can_suggest_kaart_change(world.professional)
    assert can_review_kaart_service(world.keeper, world.keeper.pk)
    assert not can_review_kaart_service(world.keeper, world.other_keeper.pk)
    assert not can_review_kaart_service(world.keeper, None)  # a new service: admin only
    assert can_review_kaart_service(world.admin, None)
    # the administrator's role without the switch for /beheer/ is not enough
    world.admin.is_staff = False
    assert not can_review_kaart_service(world.admin, world.keeper.pk)


def test_without_a_team_or_signed_out_there_is_no_way_in(world, client, signed_in, make_user):
    url = f"/kaart/dienst/{world.service.pk}/wijziging-voorstellen"
    assert client.get(url).status_code == 302  # to the sign-in
    outsider = signed_in(make_user("zonder-team"))
    assert outsider.get(url).status_code == 403
    assert outsider.get("/kaart/nieuw-voorstellen").status_code == 403
    assert outsider.post("/kaart/nieuw-voorstellen", {"name": "X"}).status_code == 403
    assert not Suggestion.objects.exists()
    assert Service.objects.count() == 2


def test_a_provider_account_becomes_keeper_of_its_organisations_services(world, make_user):
    from click.testing import CliRunner

    from wijkkracht.cli import main

    provider = make_user("aanbieder")
    runner = CliRunner()
    result = runner.invoke(main, ["kaart", "keeper", "aanbieder", "--organization",
                                  str(world.service.organization_id)])
    assert result.exit_code == 0 and "aanbieder beheert nu 2 diensten" in result.output
    assert set(Service.objects.values_list("keeper_user", flat=True)) == {provider.pk}
    assert can_review_kaart_service(provider, world.service.keeper_user_id) is False  # stale copy
    world.service.refresh_from_db()
    assert can_review_kaart_service(provider, world.service.keeper_user_id)
    wrong = runner.invoke(main, ["kaart", "keeper", "niemand", "--service",
                                 str(world.service.pk)])
    assert wrong.exit_code == 2 and "niemand" in wrong.output
    bad = runner.invoke(main, ["kaart", "keeper", "aanbieder", "--service", "geen-id"])
    assert bad.exit_code == 2 and "geen-id" in bad.output
