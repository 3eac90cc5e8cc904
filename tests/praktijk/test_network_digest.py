"""The digest of a learning network: who follows gets the new practices (published, or of the
members' organisations) and the new answers since their last digest, once; without a mail
server nothing is sent or recorded. Django's locmem mail backend keeps the e-mails."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from tests.praktijk.network_world import T0, build
from wijkkracht.praktijk import services_network as services
from wijkkracht.praktijk.models import NetworkMember, Practice

pytestmark = pytest.mark.django_db
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def world(make_user, settings):
    settings.WIJKKRACHT_EMAIL_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    w = build(make_user)
    services.follow_set(NetworkMember.objects.get(user=w.member), True, now=T0)
    return w


def _news(world):
    """After T0: a practice published, one made by the member's organisation, one made
    elsewhere (not for this network), an answer by the lead and one by the member."""
    Practice.objects.create(title="Huiskamer Schalkwijk", summary="Elke dinsdag open.",
                            is_public=True, published_at=T0 + HOUR,
                            created_at=T0 - dt.timedelta(days=90))
    Practice.objects.create(title="Wijkcoach Velsen-Noord", summary="Een vaste coach.",
                            organisation=world.own_draft.organisation, created_at=T0 + 2 * HOUR)
    Practice.objects.create(title="Concept van elders", summary="Niet voor dit netwerk.",
                            organisation=world.other_draft.organisation,
                            created_at=T0 + 2 * HOUR)
    question = services.question_ask(world.network, title="Hoe vind je vrijwilligers?",
                                      text="", user=world.member)
    first = services.answer_give(question, text="Via de bibliotheek, dat werkte goed.",
                                 practice=world.published, user=world.lead)
    own = services.answer_give(question, text="Mijn eigen aanvulling.", practice=None,
                               user=world.member)
    type(first).objects.filter(pk=first.pk).update(answered_at=T0 + 3 * HOUR)
    type(own).objects.filter(pk=own.pk).update(answered_at=T0 + 3 * HOUR)
    return question


def test_a_follower_gets_what_is_new_once(world):
    question = _news(world)
    sent = services.digest_send(now=T0 + 24 * HOUR, base_url="https://wijkkracht.example.org")
    assert [d.member.user.username for d in sent] == ["lid"]  # the lead does not follow
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lid@example.org"]
    assert message.subject == "Leernetwerk Leernetwerk Kennemerland: wat is er nieuw"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    body = message.body
    assert "Huiskamer Schalkwijk" in body  # published after T0
    # the member's organisation's practice, not yet published
    assert "- Wijkcoach Velsen-Noord: Een vaste coach. (niet gepubliceerd)" in body
    assert "Concept van elders" not in body  # another organisation's draft
    assert "- Buurtkamer De Brug" not in body  # published before T0: not new
    assert "Praktijk: Buurtkamer De Brug" in body  # but the answer points to it
    assert "Via de bibliotheek, dat werkte goed." in body and "Tineke Trek antwoordde:" in body
    assert "Mijn eigen aanvulling." not in body  # one's own answer is not news
    assert (f"https://wijkkracht.example.org/praktijk/netwerken/{world.network.pk}/vragen/"
            f"{question.pk}/") in body
    member = NetworkMember.objects.get(user=world.member)
    assert member.digest_sent_until == T0 + 24 * HOUR
    # twice: nothing twice, also later with nothing new
    assert services.digest_send(now=T0 + 24 * HOUR) == []
    assert services.digest_send(now=T0 + 48 * HOUR) == []
    assert len(mail.outbox) == 1
    # a new answer later comes alone
    later = services.answer_give(question, text="Ook via de voedselbank.", practice=None,
                                 user=world.lead)
    type(later).objects.filter(pk=later.pk).update(answered_at=T0 + 60 * HOUR)
    again = services.digest_send(now=T0 + 72 * HOUR)
    assert len(again) == 1 and len(mail.outbox) == 2
    assert "Ook via de voedselbank." in mail.outbox[1].body
    assert "Via de bibliotheek" not in mail.outbox[1].body
    assert "Huiskamer Schalkwijk" not in mail.outbox[1].body


def test_who_stops_following_gets_nothing_and_who_starts_gets_no_past(world):
    _news(world)
    member = NetworkMember.objects.get(user=world.member)
    services.follow_set(member, False)
    assert services.digest_send(now=T0 + 24 * HOUR) == [] and not mail.outbox
    lead = NetworkMember.objects.get(user=world.lead)
    services.follow_set(lead, True, now=T0 + 24 * HOUR)
    assert services.digest_send(now=T0 + 30 * HOUR) == [] and not mail.outbox


def test_a_dry_run_sends_and_records_nothing(world):
    _news(world)
    dry = services.digest_send(now=T0 + 24 * HOUR, dry_run=True)
    assert len(dry) == 1 and not dry[0].sent and not mail.outbox
    assert NetworkMember.objects.get(user=world.member).digest_sent_until == T0


def test_without_a_mail_server_nothing_is_sent_and_the_command_says_so(world, settings,
                                                                       capsys):
    _news(world)
    settings.WIJKKRACHT_EMAIL_ENABLED = False
    with pytest.raises(SystemExit) as stop:
        call_command("praktijk_digest")
    assert stop.value.code == 2
    assert "E-mail versturen is op deze server niet ingesteld" in capsys.readouterr().err
    assert not mail.outbox
    assert NetworkMember.objects.get(user=world.member).digest_sent_until == T0


def test_the_command_sends_once_and_says_so_in_dutch(world, capsys):
    _news(world)
    call_command("praktijk_digest", "--dry-run")
    assert "1 e-mails zouden worden verstuurd." in capsys.readouterr().out and not mail.outbox
    call_command("praktijk_digest", "--site", "https://wijkkracht.example.org")
    out = capsys.readouterr().out
    assert "gestuurd: lid (Leernetwerk Kennemerland: 2 praktijken, 1 antwoorden)" in out
    assert "1 e-mails verstuurd." in out and len(mail.outbox) == 1
    call_command("praktijk_digest")
    assert "0 e-mails verstuurd." in capsys.readouterr().out and len(mail.outbox) == 1
