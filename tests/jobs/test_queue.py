"""Jobs through the real database queue and a worker round, as 'wijkkracht worker' runs
them: the state a page shows at each step, who may see the file, failure and retry, and that
a job delivered twice does its work once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from wijkkracht.errors import WijkkrachtError
from wijkkracht.jobs import registry, services, worker
from wijkkracht.jobs.models import Job, Status

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
CALLS: list[dict] = []
# The worker closes connections it finds inside a transaction (as after a request), so these
# tests run outside one, as the worker process does.
pytestmark = pytest.mark.django_db(transaction=True)


def _echo(params: dict, owner, progress) -> registry.Output:
    CALLS.append(params)
    progress(50, "halverwege")
    if params.get("fail") == "clear":
        raise WijkkrachtError("De wijk bestaat niet meer.")
    if params.get("fail") == "bug":
        raise KeyError("Jansen, Dorpsstraat 1")  # data in a message: must not reach the log
    name = owner.username if owner else "bezoeker"
    return registry.Output(f"voor {name}: {params['n']}".encode(), "echo.txt", "text/plain")


@pytest.fixture(autouse=True)
def echo_kind():
    registry.register("test.echo", "Echo", _echo)
    CALLS.clear()
    with override_settings(TASKS=QUEUE):
        yield


@pytest.fixture
def users(make_user):
    return make_user("anna"), make_user("bart")


def test_a_queued_job_waits_for_the_worker_then_offers_its_file_to_its_owner_only(
        users, signed_in, client):
    anna, bart = users
    job = services.request_job("test.echo", {"n": 7}, user=anna)
    assert Job.objects.get(pk=job.pk).status == Status.QUEUED and not CALLS
    page = signed_in(anna).get(f"/taken/{job.pk}")
    assert page.status_code == 200 and b"wk-job-progress" in page.content

    worker.drain()

    job.refresh_from_db()
    assert job.status == Status.DONE and job.progress == 100 and job.attempts == 1
    download = client.get(f"/taken/{job.pk}/bestand")
    assert download.content == b"voor anna: 7"
    assert "attachment" in download["Content-Disposition"]
    assert "no-store" in download["Cache-Control"]
    client.logout()
    signed_in(bart)
    for path in ("", "/stand", "/bestand"):
        assert client.get(f"/taken/{job.pk}{path}").status_code == 404


def test_the_same_request_while_it_waits_is_the_same_job(users):
    anna, _ = users
    first = services.request_job("test.echo", {"n": 1}, user=anna)
    assert services.request_job("test.echo", {"n": 1}, user=anna).pk == first.pk
    assert services.request_job("test.echo", {"n": 2}, user=anna).pk != first.pk


def test_a_job_delivered_twice_does_its_work_once(users):
    anna, _ = users
    job = services.request_job("test.echo", {"n": 3}, user=anna)
    assert services.execute(str(job.pk)) == "done"
    assert services.execute(str(job.pk)) == "skipped"
    worker.drain()  # the queued task itself, a third delivery
    assert len(CALLS) == 1


def test_a_failure_says_why_and_can_be_tried_again(users, signed_in, caplog):
    anna, _ = users
    client = signed_in(anna)
    job = services.request_job("test.echo", {"n": 4, "fail": "clear"}, user=anna)
    worker.drain()
    page = client.get(f"/taken/{job.pk}")
    assert "De wijk bestaat niet meer." in page.content.decode()
    assert b"/opnieuw" in page.content

    Job.objects.filter(pk=job.pk).update(params={"n": 4})  # what was wrong is put right
    assert client.post(f"/taken/{job.pk}/opnieuw").status_code == 302
    assert Job.objects.get(pk=job.pk).status == Status.QUEUED
    worker.drain()
    job.refresh_from_db()
    assert job.status == Status.DONE and job.attempts == 2 and job.error == ""

    bug = services.request_job("test.echo", {"n": 5, "fail": "bug"}, user=anna)
    worker.drain()
    bug.refresh_from_db()
    assert bug.status == Status.FAILED and bug.error == services.GENERAL_FAILURE
    assert "KeyError" in caplog.text and "Jansen" not in caplog.text


def test_a_visitors_job_belongs_to_their_session(client):
    from django.test import Client

    response = client.get("/taken/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404
    client.get("/")
    client.session.save()
    key = client.session.session_key
    job = services.request_job("test.echo", {"n": 6}, session_key=key)
    worker.drain()
    assert client.get(f"/taken/{job.pk}/bestand").content == b"voor bezoeker: 6"
    assert Client().get(f"/taken/{job.pk}/bestand").status_code == 404


def test_old_jobs_are_cleared_and_a_dead_workers_job_is_marked_interrupted(users):
    anna, _ = users
    now = timezone.now()
    done = services.request_job("test.echo", {"n": 8}, user=anna)
    running = services.request_job("test.echo", {"n": 9}, user=anna)
    worker.drain()
    Job.objects.filter(pk=done.pk).update(finished_at=now - dt.timedelta(hours=25))
    Job.objects.filter(pk=running.pk).update(status=Status.RUNNING, finished_at=None,
                                             started_at=now - dt.timedelta(hours=2))
    assert services.clean_up(now) == (1, 1)
    assert not Job.objects.filter(pk=done.pk).exists()
    running.refresh_from_db()
    assert running.status == Status.FAILED and running.error == services.INTERRUPTED


def test_a_queue_nobody_works_on_is_stuck(users):
    anna, _ = users
    assert not services.queue_stuck()
    job = services.request_job("test.echo", {"n": 10}, user=anna)
    later = timezone.now() + dt.timedelta(minutes=services.stuck_minutes() + 1)
    assert services.queue_stuck(later)
    worker.drain()
    assert not services.queue_stuck(later) and Job.objects.get(pk=job.pk).status == Status.DONE
