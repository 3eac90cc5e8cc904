"""Stale entries (not checked for twelve months), "still correct", and the monthly reminder."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from django.core import mail
from django.utils import timezone

from tests.kaart.flow_world import build
from wijkkracht.cli import main
from wijkkracht.kaart import services_workflow as flow
from wijkkracht.kaart.core import workflow
from wijkkracht.kaart.models import KeeperReminder, Service, ServiceChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    return build(make_user)


def test_stale_means_never_or_more_than_twelve_months_ago():
    today = dt.date(2026, 12, 6)
    assert workflow.is_stale(None, today)
    assert workflow.is_stale(dt.date(2025, 12, 5), today)
    assert not workflow.is_stale(dt.date(2025, 12, 6), today)
    assert workflow.stale_before(dt.date(2024, 2, 29)) == dt.date(2023, 2, 28)


def test_the_opening_hours_text_is_read_as_the_demo_writes_it():
    slots = workflow.parse_hours("di, do 10:00-12:00; vr 14:00 - 16:30")
    assert [(s.byday, s.opens_at, s.closes_at) for s in slots] == [
        ("TU,TH", "10:00", "12:00"), ("FR", "14:00", "16:30")]
    assert workflow.parse_hours("op afspraak") is None
    assert workflow.parse_hours("ma 12:00-10:00") is None  # closes before it opens


def test_the_queue_lists_the_keepers_stale_services_and_still_correct_clears_them(
        world, signed_in):
    today = timezone.localdate()
    Service.objects.filter(pk=world.service.pk).update(
        last_checked=today - dt.timedelta(days=400))
    keeper = signed_in(world.keeper)
    page = keeper.get("/kaart/beheer/voorstellen").content.decode()
    assert "Koffieochtend De Proef" in page
    assert "Schuldhulp Proef" not in page  # stale, but another keeper's
    assert keeper.post(f"/kaart/dienst/{world.service.pk}/gecontroleerd").status_code == 302
    world.service.refresh_from_db()
    assert world.service.last_checked == today
    assert ServiceChange.objects.get().kind == "confirmed"
    page = keeper.get("/kaart/beheer/voorstellen").content.decode()
    assert f"/kaart/dienst/{world.service.pk}/gecontroleerd" not in page


def test_each_keeper_is_reminded_once_a_month(world, settings):
    settings.WIJKKRACHT_EMAIL_ENABLED = True
    Service.objects.filter(pk=world.service.pk).update(last_checked=dt.date(2025, 1, 1))
    Service.objects.create(name="Opgeheven dienst", status=Service.Status.DEFUNCT,
                           keeper_user=world.keeper)  # no longer exists: not listed
    today = dt.date(2026, 12, 6)
    dry = flow.send_reminders(today=today, dry_run=True)
    assert {r.keeper.username for r in dry} == {"houder", "houder2"}
    assert not mail.outbox and not KeeperReminder.objects.exists()

    sent = flow.send_reminders(today=today, base_url="https://wijkkracht.example.org")
    assert len(sent) == 2 and len(mail.outbox) == 2
    to_keeper = next(m for m in mail.outbox if m.to == ["houder@example.org"])
    assert "Koffieochtend De Proef" in to_keeper.body
    assert "Opgeheven dienst" not in to_keeper.body
    assert "https://wijkkracht.example.org/kaart/beheer/voorstellen" in to_keeper.body
    assert to_keeper.subject == "Sociale kaart: 1 diensten om te controleren"
    # a second run in the same month sends nothing; the next month reminds again
    assert flow.send_reminders(today=dt.date(2026, 12, 28)) == []
    assert len(mail.outbox) == 2
    assert len(flow.send_reminders(today=dt.date(2027, 1, 2))) == 2
    assert KeeperReminder.objects.filter(keeper=world.keeper).count() == 2


def test_the_command_line_reminds_and_says_so_in_dutch(world, settings):
    settings.WIJKKRACHT_EMAIL_ENABLED = True
    Service.objects.filter(pk=world.service.pk).update(last_checked=None)
    runner = CliRunner()
    dry = runner.invoke(main, ["kaart", "remind", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "2 herinneringen zouden worden verstuurd" in dry.output and not mail.outbox
    first = runner.invoke(main, ["kaart", "remind"])
    assert first.exit_code == 0 and "2 herinneringen verstuurd" in first.output
    again = runner.invoke(main, ["kaart", "remind"])
    assert "0 herinneringen verstuurd" in again.output and len(mail.outbox) == 2


def test_without_a_mail_server_the_command_refuses_in_dutch(world, settings):
    settings.WIJKKRACHT_EMAIL_ENABLED = False
    result = CliRunner().invoke(main, ["kaart", "remind"])
    assert result.exit_code == 2 and "E-mail versturen is op deze server niet ingesteld" in \
        result.output
    assert not KeeperReminder.objects.exists()
