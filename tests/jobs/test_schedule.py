"""The schedule: each system job once per period across any number of workers, due from its
hour, and e-mail jobs that run twice send nothing twice."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.test import override_settings

from wijkkracht.jobs import registry, schedule
from wijkkracht.jobs.models import Job, Status

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=AMS)


@pytest.mark.parametrize(("period", "hour", "when", "expected"), [
    ("day", 2, "2026-12-06 01:59", "2026-12-05"),  # before two o'clock: yesterday's run
    ("day", 2, "2026-12-06 02:00", "2026-12-06"),
    ("hour", 0, "2026-12-06 13:30", "2026-12-06T13"),
    ("week", 7, "2026-12-07 06:00", "2026-W49"),  # Monday before seven: last week's
    ("week", 7, "2026-12-07 07:00", "2026-W50"),
])
def test_a_slot_names_the_period_whose_run_is_due(period, hour, when, expected):
    entry = registry.Scheduled("x", period, at=hour)
    assert schedule.slot(entry, at(when)) == expected


@pytest.mark.django_db
def test_two_workers_asking_at_once_enqueue_each_due_job_once():
    when = at("2026-12-06 04:00")
    with override_settings(WIJKKRACHT_SCHEDULE_OFF=["casus.retention"]):
        first = schedule.tick(when)
        second = schedule.tick(when)
        later = schedule.tick(when + dt.timedelta(hours=1))
    assert "audit.verify" in first and "jobs.clean_up" in first
    assert "casus.retention" not in first and second == []
    assert "kaart.reminders" not in first  # no mail server here: e-mail jobs wait
    assert later == ["jobs.clean_up"]
    assert Job.objects.filter(kind="jobs.clean_up").count() == 2
    # jobs run at once in the tests: the access-log check ran and found the empty log sound
    verify = Job.objects.get(kind="audit.verify")
    assert verify.status == Status.DONE and "in orde" in verify.summary


@pytest.mark.django_db
def test_the_digest_job_run_twice_sends_each_email_once(mailoutbox, make_user):
    from wijkkracht.jobs import services
    from wijkkracht.praktijk.models import Network, NetworkMember, Practice

    reader = make_user("lezer", email="lezer@example.org")
    network = Network.objects.create(name="Leernetwerk Haarlem")
    NetworkMember.objects.create(network=network, user=reader, follows=True,
                                 joined_at=at("2026-11-01 09:00"))
    Practice.objects.create(title="Huiskamer Schalkwijk", summary="Elke dinsdag open.",
                            is_public=True, published_at=at("2026-11-02 09:00"))
    with override_settings(WIJKKRACHT_SMTP_HOST="smtp.example.org",
                           WIJKKRACHT_EMAIL_ENABLED=True,
                           EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        assert "praktijk.digest" in schedule.tick(at("2026-12-07 08:00"))
        assert len(mailoutbox) == 1 and "Huiskamer Schalkwijk" in mailoutbox[0].body
        again = services.system_job("praktijk.digest", "nogmaals")  # a second run
    assert again is not None
    assert Job.objects.get(pk=again.pk).status == Status.DONE
    assert len(mailoutbox) == 1
