"""The learning network's pages and permissions: the administrator creates a network, its lead
adds members from other organisations and records meetings, members ask and answer, and
someone outside the network learns nothing of it (404), while a member who is not a lead is
refused the lead's pages (403)."""

from __future__ import annotations

import pytest

from tests.praktijk.network_world import build
from wijkkracht.accounts import permissions as perms
from wijkkracht.praktijk import services_network as services
from wijkkracht.praktijk.models import Answer, Meeting, Network, NetworkMember, Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    return build(make_user)


@pytest.fixture
def as_user(signed_in):
    return signed_in


def url(world, rest: str = "") -> str:
    return f"/praktijk/netwerken/{world.network.pk}/{rest}"


def test_permissions_follow_the_membership(world):
    n = world.network
    assert perms.network_role(world.lead, n) == "trekker"
    assert perms.network_role(world.member, n) == "lid"
    assert perms.network_role(world.outsider, n) is None
    assert perms.can_view_network(world.member, n) and perms.can_ask_in_network(world.member, n)
    assert not perms.can_view_network(world.outsider, n)
    assert not perms.can_view_network(world.admin, n)  # administrator: not a member
    assert perms.can_lead_network(world.lead, n) and not perms.can_lead_network(world.member, n)
    assert perms.can_manage_network_members(world.lead, n)
    assert perms.can_manage_network_members(world.admin, n)
    assert not perms.can_manage_network_members(world.member, n)
    assert perms.can_create_network(world.admin)
    assert not perms.can_create_network(world.lead)
    world.member.is_active = False
    assert not perms.can_view_network(world.member, n)  # a blocked account reads nothing


def test_the_administrator_creates_a_network_with_its_leads(world, as_user):
    client = as_user(world.admin)
    assert client.get("/praktijk/netwerken/nieuw").status_code == 200
    refused = client.post("/praktijk/netwerken/nieuw", {"name": "Leernetwerk Zuid",
                                                        "description": "Over ont-schotten"})
    assert refused.status_code == 400  # no lead chosen; typed input kept
    assert "Leernetwerk Zuid" in refused.content.decode() and "Over ont-schotten" in \
        refused.content.decode()
    response = client.post("/praktijk/netwerken/nieuw", {
        "name": "Leernetwerk Zuid", "description": "", "leads": [world.lead.pk,
                                                                 world.member.pk]})
    network = Network.objects.get(name="Leernetwerk Zuid")
    assert response["Location"] == f"/praktijk/netwerken/{network.pk}/leden"
    assert set(network.members.values_list("user__username", "role")) == {
        ("trekker", "trekker"), ("lid", "trekker")}
    page = client.get("/praktijk/netwerken/").content.decode()
    assert "Leernetwerk Zuid" in page and "Nieuw leernetwerk" in page


def test_only_the_administrator_creates_networks(world, as_user):
    client = as_user(world.lead)
    assert client.get("/praktijk/netwerken/nieuw").status_code == 403
    assert client.post("/praktijk/netwerken/nieuw", {"name": "X", "leads": [world.lead.pk]}
                       ).status_code == 403
    assert not Network.objects.filter(name="X").exists()
    page = client.get("/praktijk/netwerken/").content.decode()
    assert "Leernetwerk Kennemerland" in page and "Nieuw leernetwerk" not in page


def test_an_outsider_learns_nothing_of_the_network(world, as_user):
    services.question_ask(world.network, title="Wie kent een goede buurtkamer?", text="",
                          user=world.member)
    question = Question.objects.get()
    meeting = services.meeting_save(world.network, None, values={
        "held_on": "2026-11-03", "title": "Startbijeenkomst"}, practices=[], user=world.lead)
    client = as_user(world.outsider)
    for path in ("", "leden", "bijeenkomsten/nieuw", f"bijeenkomsten/{meeting.pk}/",
                 "vragen/nieuw", f"vragen/{question.pk}/"):
        response = client.get(url(world, path))
        assert response.status_code == 404, path
        assert "Kennemerland" not in response.content.decode(), path
    assert client.post(url(world, "volgen"), {"follow": "1"}).status_code == 404
    assert client.post(url(world, "vragen/nieuw"), {"title": "Ik ook?"}).status_code == 404
    assert client.post(url(world, f"vragen/{question.pk}/"), {"text": "Binnen!"}
                       ).status_code == 404
    assert not Answer.objects.exists() and Question.objects.count() == 1
    assert "Kennemerland" not in client.get("/praktijk/netwerken/").content.decode()


def test_a_member_reads_asks_and_answers_but_does_not_lead(world, as_user):
    client = as_user(world.member)
    page = client.get(url(world)).content.decode()
    assert "Tineke Trek" in page and "Gemeente Haarlem" in page and "Welzijn Velsen" in page
    assert "Bijeenkomst vastleggen" not in page
    assert client.get(url(world, "leden")).status_code == 403
    assert client.get(url(world, "bijeenkomsten/nieuw")).status_code == 403
    assert client.post(url(world, "bijeenkomsten/nieuw"), {
        "held_on": "2026-11-03", "title": "Stiekem"}).status_code == 403
    assert client.post(url(world, "leden"), {"user": world.outsider.pk, "role": "lid"}
                       ).status_code == 403
    assert not Meeting.objects.exists() and world.network.members.count() == 2

    empty = client.post(url(world, "vragen/nieuw"), {"title": "", "text": "Wie weet raad?"})
    assert empty.status_code == 400 and "Wie weet raad?" in empty.content.decode()
    asked = client.post(url(world, "vragen/nieuw"), {
        "title": "Hoe betrek je jongeren bij de buurtkamer?", "text": "In Velsen-Noord."})
    question = Question.objects.get()
    assert asked["Location"] == url(world, f"vragen/{question.pk}/")
    assert question.asked_by == world.member
    page = client.get(url(world)).content.decode()
    assert "Open vragen" in page and "Hoe betrek je jongeren bij de buurtkamer?" in page


def test_the_lead_adds_members_and_keeps_the_network_led(world, as_user):
    client = as_user(world.lead)
    page = client.get(url(world, "leden")).content.decode()
    assert "Bram Buiten (Zorg Elders)" in page  # a candidate from another organisation
    added = client.post(url(world, "leden"), {"action": "add", "user": world.outsider.pk,
                                               "role": "lid"})
    assert added.status_code == 302
    assert perms.can_view_network(world.outsider, world.network)
    again = client.post(url(world, "leden"), {"action": "add", "user": world.outsider.pk,
                                              "role": "lid"})
    assert again.status_code == 400  # no longer a candidate
    lead = NetworkMember.objects.get(user=world.lead)
    response = client.post(url(world, "leden"), {"action": "remove", "member": lead.pk},
                           follow=True)
    assert "enige trekker" in response.content.decode()
    assert NetworkMember.objects.filter(pk=lead.pk).exists()
    outsider = NetworkMember.objects.get(user=world.outsider)
    client.post(url(world, "leden"), {"action": "remove", "member": outsider.pk})
    assert not perms.can_view_network(world.outsider, world.network)


def test_a_meeting_names_the_practices_the_network_may_see(world, as_user):
    client = as_user(world.lead)
    form = client.get(url(world, "bijeenkomsten/nieuw")).content.decode()
    assert "Buurtkamer De Brug" in form  # published
    assert "Keukentafelgesprek Velsen" in form  # of a member's organisation
    assert "Geheim concept Elders" not in form  # neither
    refused = client.post(url(world, "bijeenkomsten/nieuw"), {
        "held_on": "2026-11-03", "title": "Stiekem", "practices": [world.other_draft.pk]})
    assert refused.status_code == 400 and not Meeting.objects.exists()
    saved = client.post(url(world, "bijeenkomsten/nieuw"), {
        "held_on": "2026-11-03", "title": "Startbijeenkomst", "notes": "Kennismaking.",
        "decisions": "Elke maand samen.",
        "practices": [world.published.pk, world.own_draft.pk]})
    meeting = Meeting.objects.get()
    assert saved["Location"] == url(world, f"bijeenkomsten/{meeting.pk}/")
    assert meeting.created_by == world.lead
    page = as_user(world.member).get(url(world, f"bijeenkomsten/{meeting.pk}/")).content.decode()
    for text in ("Startbijeenkomst", "Kennismaking.", "Elke maand samen.",
                 "Buurtkamer De Brug", "Keukentafelgesprek Velsen", "3 november 2026"):
        assert text in page, text


def test_an_answer_may_point_to_a_practice(world, as_user):
    question = services.question_ask(world.network, title="Wie heeft ervaring met een "
                                     "buurtkamer?", text="", user=world.member)
    client = as_user(world.lead)
    path = url(world, f"vragen/{question.pk}/")
    assert client.post(path, {"text": ""}).status_code == 400
    refused = client.post(path, {"text": "Kijk hier.", "practice": world.other_draft.pk})
    assert refused.status_code == 400 and "Kijk hier." in refused.content.decode()
    assert client.post(path, {"text": "Wij doen dit in Haarlem.",
                              "practice": world.published.pk}).status_code == 302
    answer = Answer.objects.get()
    assert answer.practice == world.published and answer.answered_by == world.lead
    page = client.get(path).content.decode()
    assert "Wij doen dit in Haarlem." in page and "Buurtkamer De Brug" in page
    detail = client.get(url(world)).content.decode()
    assert "Beantwoorde vragen" in detail and "Geen open vragen." in detail


def test_following_is_a_post_form_without_javascript(world, as_user):
    client = as_user(world.member)
    page = client.get(url(world)).content.decode()
    assert f'action="{url(world, "volgen")}"' in page and 'name="follow" value="1"' in page
    assert client.get(url(world, "volgen")).status_code == 405
    assert client.post(url(world, "volgen"), {"follow": "1"})["Location"] == url(world)
    member = NetworkMember.objects.get(user=world.member)
    assert member.follows and member.digest_sent_until is not None
    assert 'name="follow" value="0"' in client.get(url(world)).content.decode()
    client.post(url(world, "volgen"), {"follow": "0"})
    member.refresh_from_db()
    assert not member.follows


def test_the_administrator_mends_the_member_list_without_reading_the_network(world, as_user):
    client = as_user(world.admin)
    assert client.get(url(world)).status_code == 404
    assert client.get(url(world, "leden")).status_code == 200
    client.post(url(world, "leden"), {"action": "add", "user": world.outsider.pk,
                                      "role": "trekker"})
    assert perms.can_lead_network(world.outsider, world.network)


def test_a_question_and_answer_of_a_removed_account_still_show(world, as_user, make_user):
    gone = make_user("vertrokken", first_name="Vera", last_name="Vertrokken")
    question = services.question_ask(world.network, title="Wie kent de wijkagent?", text="",
                                     user=gone)
    services.answer_give(question, text="Vraag het de buurtkamer.", practice=None, user=gone)
    gone.delete()
    page = as_user(world.member).get(url(world, f"vragen/{question.pk}/")).content.decode()
    assert "Gevraagd door iemand op" in page and "Vraag het de buurtkamer." in page
    assert "iemand op" in page.split("Antwoorden", 1)[1]


def test_the_lead_hands_over_and_steps_down(world, as_user):
    client = as_user(world.lead)
    member = NetworkMember.objects.get(user=world.member)
    lead = NetworkMember.objects.get(user=world.lead)
    refused = client.post(url(world, "leden"), {"action": "role", "member": lead.pk,
                                                "role": "lid"}, follow=True)
    assert "enige trekker" in refused.content.decode()
    assert perms.can_lead_network(world.lead, world.network)
    assert client.post(url(world, "leden"), {"action": "role", "member": member.pk,
                                             "role": "onzin"}).status_code == 302
    member.refresh_from_db()
    assert member.role == "lid"
    client.post(url(world, "leden"), {"action": "role", "member": member.pk, "role": "trekker"})
    assert perms.can_lead_network(world.member, world.network)
    stepped = client.post(url(world, "leden"), {"action": "role", "member": lead.pk,
                                                "role": "lid"})
    assert stepped["Location"] == url(world)  # no longer on the lead's page
    assert not perms.can_lead_network(world.lead, world.network)
    left = client.post(url(world, "leden"), {"action": "remove", "member": lead.pk})
    assert left.status_code == 403  # a member who is not a lead changes nothing
    client = as_user(world.member)  # the same test client, now signed in as the new lead
    assert client.post(url(world, "leden"), {"action": "remove", "member": lead.pk}
                       )["Location"] == url(world, "leden")
    assert not perms.can_view_network(world.lead, world.network)
    me = NetworkMember.objects.get(user=world.member)
    # after naming another lead, a lead may leave, and lands on the list of their networks
    client.post(url(world, "leden"), {"action": "add", "user": world.outsider.pk,
                                      "role": "trekker"})
    gone = client.post(url(world, "leden"), {"action": "remove", "member": me.pk})
    assert gone["Location"] == "/praktijk/netwerken/"
    assert not perms.can_view_network(world.member, world.network)
