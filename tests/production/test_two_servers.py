"""Two ``wijkkracht serve`` processes and one ``wijkkracht worker`` on one PostgreSQL behave as
one site (issue 12): nothing that matters lives in one process's memory.

Shown over real HTTP, as a browser does it: a sign-in on server A is valid on B; a lockout on A
holds on B; a survey link used on A is refused on B; a PDF asked for on A is made by the
worker (the servers run no jobs themselves) and downloaded from B; and 20 people submitting
their survey on both servers at the same moment count once each.
"""

from __future__ import annotations

import json
import threading
import time

import pytest
from django.contrib.auth.hashers import ScryptPasswordHasher
from django.db import connection

from tests.conftest import area_row, write_kwb_csv
from tests.live import PASSWORD, Browser, Page, csrf, process, serve, server_env
from tests.netwerk_web.conftest import links_for, make_team
from wijkkracht.accounts.models import Membership, User
from wijkkracht.areas.services import kwb_dataset_save
from wijkkracht.areas.sources.files import read_kwb_file
from wijkkracht.jobs.models import Job, Status
from wijkkracht.netwerk import services as netwerk
from wijkkracht.netwerk.models import Submission

PEOPLE = 20
SERVER = {"WIJKKRACHT_JOBS": "database", "WIJKKRACHT_JOBS_IN_PROCESS": "0"}


@pytest.fixture
def site(tmp_path):
    """Server A, server B (two gunicorn workers each) and the worker, on the test database."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...): several processes on "
                    "one SQLite file test the file lock, not the production shape")
    with serve(tmp_path, "server-a", 2, **SERVER) as a, \
            serve(tmp_path, "server-b", 2, **SERVER) as b, \
            process(tmp_path / "worker.log", ["worker", "--interval", "0.2"],
                    server_env(tmp_path / "worker-home", **SERVER)):
        yield a, b


def _user(make_user, name: str, team) -> User:
    """A coordinator whose password the servers' own (scrypt) hasher checks."""
    user = make_user(name)
    scrypt = ScryptPasswordHasher()
    User.objects.filter(pk=user.pk).update(password=scrypt.encode(PASSWORD, scrypt.salt()))
    Membership.objects.create(user=user, team=team, role=Membership.Role.COORDINATOR)
    return user


def _password(browser: Browser, username: str, password: str) -> Page:
    page = browser.get("/account/aanmelden")
    return browser.post("/account/aanmelden", {"csrfmiddlewaretoken": csrf(page.body),
                                               "username": username, "password": password})


def _survey(browser: Browser, token: str) -> Page:
    url = f"/netwerkscan/vragenlijst/{token}"
    page = browser.get(url)
    if page.status != 200:
        return page
    return browser.post(url, {"csrfmiddlewaretoken": csrf(page.body), "consent_named": "on",
                              "knows_nobody": "on"})


def _small_kwb(tmp_path) -> None:
    rows = [area_row("NL00", "Nederland", "", AantalInwoners_5="17000000"),
            area_row("GM9999", "Proefgemeente", "Proefgemeente", AantalInwoners_5="1000"),
            area_row("WK999901", "Proefwijk Noord", "Proefgemeente", AantalInwoners_5="600"),
            area_row("WK999902", "Proefwijk Zuid", "Proefgemeente", AantalInwoners_5="400")]
    kwb_dataset_save(read_kwb_file(write_kwb_csv(tmp_path / "kwb_2024.csv", rows), 2024))


@pytest.mark.django_db(transaction=True)
def test_two_servers_and_a_worker_behave_as_one_site(site, make_user, tmp_path):
    a, b = site
    team = make_team()
    coordinator = _user(make_user, "coordinator-a", team)
    locked = _user(make_user, "vergrendeld", team)
    _small_kwb(tmp_path)

    # Both are ready for the load balancer (database, migrations, static files, the queue).
    for server in (a, b):
        ready = server.get("/gereed")
        assert ready.status == 200 and json.loads(ready.body)["status"] == "ok", ready.body

    # A sign-in on A is valid on B (sessions are in the database).
    a.sign_in(coordinator)
    on_b = Browser(b.host, b.port, cookies=dict(a.cookies))
    assert on_b.get("/netwerkscan/").status == 200
    assert Browser(b.host, b.port).get("/netwerkscan/").status == 302  # without: sign in

    # A lockout on A holds on B (django-axes keeps its failures in the database).
    tries = [_password(Browser(a.host, a.port), locked.username, "fout").status
             for _ in range(5)]
    assert tries == [200, 200, 200, 200, 429]  # the fifth failure locks the account
    refused = _password(Browser(b.host, b.port), locked.username, PASSWORD)
    assert refused.status == 429 and refused.location != "/account/code"

    # A survey link used on A is refused on B (the link's use is a row, locked while used).
    scan = netwerk.scan_create(team=team, name="Netwerkscan Proef", area_codes=[], user=None)
    netwerk.participants_add(scan, [
        netwerk.participant_build(scan, display_name=f"Deelnemer {i:02d}",
                                  organisation_name="Wijkteam", sector="social_team",
                                  consent_named=True) for i in range(PEOPLE + 1)])
    moment = scan.moments.get(label="T0")
    tokens = list(links_for(moment).values())
    first, rest = tokens[0], tokens[1:]
    assert _survey(Browser(a.host, a.port), first).status == 200
    assert _survey(Browser(b.host, b.port), first).status == 409

    # A PDF asked for on A is made by the worker and downloaded from B.
    visitor = Browser(a.host, a.port)
    asked = visitor.get("/wijkfoto/WK999901.pdf")
    assert asked.status == 302 and asked.location.startswith("/taken/")
    job_url = asked.location
    visitor_on_b = Browser(b.host, b.port, cookies=dict(visitor.cookies))
    deadline = time.monotonic() + 120
    while (state := json.loads(visitor_on_b.get(job_url + "/stand").body))["status"] in (
            Status.QUEUED, Status.RUNNING):
        assert time.monotonic() < deadline, "the worker did not make the PDF within 120 s"
        time.sleep(0.3)
    assert state["status"] == Status.DONE
    pdf = visitor_on_b.get(job_url + "/bestand")
    assert pdf.status == 200 and pdf.content.startswith(b"%PDF-")
    assert Job.objects.get(pk=job_url.split("/")[2]).attempts == 1
    assert Browser(b.host, b.port).get(job_url + "/bestand").status == 404  # not theirs

    # 20 people submit at the same moment, each on both servers: each counts once.
    barrier = threading.Barrier(2 * PEOPLE)
    outcomes: dict[str, list[int]] = {t: [] for t in rest}
    lock = threading.Lock()

    def submit(token: str, server: Browser) -> None:
        browser = Browser(server.host, server.port)
        url = f"/netwerkscan/vragenlijst/{token}"
        page = browser.get(url)
        barrier.wait(timeout=120)
        done = browser.post(url, {"csrfmiddlewaretoken": csrf(page.body),
                                  "consent_named": "on", "knows_nobody": "on"})
        with lock:
            outcomes[token].append(done.status)

    threads = [threading.Thread(target=submit, args=(t, s)) for t in rest for s in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    assert all(sorted(statuses) == [200, 409] for statuses in outcomes.values()), outcomes
    assert Submission.objects.filter(moment=moment).count() == PEOPLE + 1
