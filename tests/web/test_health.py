"""The load balancer's probes: /gezondheid answers without the database, sessions or cookies;
/gereed says whether the database, the migrations and the static files are there, and never
more than a short Dutch word about what is wrong."""

from __future__ import annotations

import json

import pytest

from wijkkracht.ops import readiness
from wijkkracht.ops.readiness import Check

CHECK_NAMES = ["database", "migraties", "statische_bestanden", "wachtrij"]


def test_liveness_touches_no_database_and_sets_no_cookie_even_for_a_signed_in_user(
        client, make_user, signed_in, django_assert_num_queries):
    signed_in(make_user())  # a session cookie that any middleware behind the probe would read
    with django_assert_num_queries(0):
        response = client.get("/gezondheid")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert not response.cookies
    assert response["Cache-Control"] == "no-store"


def test_liveness_answers_get_and_head_only(client):
    assert client.head("/gezondheid").status_code == 200
    for method in (client.post, client.put, client.delete):
        response = method("/gezondheid")
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"


def test_probes_answer_a_load_balancer_that_uses_the_instance_address(client, db):
    # The host check (ALLOWED_HOSTS) refuses this address for pages, not for the probes.
    assert client.get("/toegankelijkheid", HTTP_HOST="10.0.0.7").status_code == 400
    assert client.get("/gezondheid", HTTP_HOST="10.0.0.7").status_code == 200
    assert client.get("/gereed", HTTP_HOST="10.0.0.7").status_code == 200


def test_readiness_is_ok_on_the_test_database(client, db):
    response = client.get("/gereed")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert list(body["checks"]) == CHECK_NAMES
    assert all(check["ok"] for check in body["checks"].values()), body
    assert body["checks"]["database"]["detail"] == "bereikbaar"
    assert response["Cache-Control"] == "no-store"


def test_readiness_is_503_without_the_design_system_styles(client, db, settings, tmp_path):
    missing = tmp_path / "node_modules" / "@utrecht" / "component-library-css" / "dist"
    settings.NLDS_PACKAGES = {"component-library-css": missing}
    response = client.get("/gereed")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "niet gereed"
    assert body["checks"]["statische_bestanden"] == {"ok": False, "detail": "ontbreken"}
    assert body["checks"]["database"]["ok"] and body["checks"]["migraties"]["ok"]
    assert str(tmp_path) not in response.content.decode()


def test_readiness_in_production_needs_the_collected_manifest(client, db, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    settings.STATIC_ROOT = tmp_path
    before = client.get("/gereed")
    assert before.status_code == 503
    assert before.json()["checks"]["statische_bestanden"]["ok"] is False
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"paths": {}, "version": "1.1", "hash": ""}), encoding="utf-8")
    after = client.get("/gereed")
    assert after.status_code == 200, after.json()


def _broken() -> bool:
    raise RuntimeError("verbinding met db-17.intern.gemeente.nl geweigerd voor /srv/wijkkracht")


def test_a_failing_check_shows_only_its_word_and_its_dependants_are_not_run(
        client, db, monkeypatch):
    ran = []

    def dependant() -> bool:
        ran.append(True)
        return True

    monkeypatch.setattr(readiness, "CHECKS", [
        *readiness.CHECKS,
        Check("wachtrij", _broken, "loopt", "staat stil"),
        Check("verwerking", dependant, "loopt", "staat stil", needs=("wachtrij",)),
    ])
    response = client.get("/gereed")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["wachtrij"] == {"ok": False, "detail": "staat stil"}
    assert checks["verwerking"] == {"ok": False, "detail": "niet gecontroleerd"}
    assert not ran
    assert checks["database"]["ok"]
    text = response.content.decode()
    assert "db-17" not in text and "/srv" not in text and "RuntimeError" not in text


def test_a_check_that_answers_false_is_not_ready(client, db, monkeypatch):
    monkeypatch.setattr(readiness, "CHECKS", [Check("wachtrij", lambda: False, "loopt",
                                                    "staat stil")])
    response = client.get("/gereed")
    assert response.status_code == 503
    assert response.json() == {"status": "niet gereed", "checks": {
        "wachtrij": {"ok": False, "detail": "staat stil"}}}


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_readiness_answers_get_and_head_only(client, db, method):
    assert getattr(client, method)("/gereed").status_code == 405


def test_readiness_is_503_while_a_job_waits_longer_than_any_worker_would_leave_it(
        client, db, make_user):
    import datetime as dt

    from django.test import override_settings
    from django.utils import timezone

    from wijkkracht.jobs.models import Job, Status

    with override_settings(TASKS={"default": {
            "BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}):
        from wijkkracht.jobs.services import request_job

        job = request_job("jobs.clean_up", {}, user=make_user())  # queued: no worker here
    assert client.get("/gereed").status_code == 200  # just asked: not stuck yet
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=11))
    response = client.get("/gereed")
    assert response.status_code == 503
    assert response.json()["checks"]["wachtrij"] == {"ok": False, "detail": "staat stil"}
    Job.objects.filter(pk=job.pk).update(status=Status.DONE)
    assert client.get("/gereed").status_code == 200
