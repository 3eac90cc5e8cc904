"""Locust users for bench_two_servers.py: visitors of the wijkfoto pages, signed-in
professionals opening the case list, and visitors who ask for a wijkfoto PDF and wait for it.

Set by bench_two_servers.py (environment):

- ``WIJKKRACHT_BENCH_SERVERS``: the servers' addresses, comma-separated.
- ``WIJKKRACHT_BENCH_THINK``: "MIN,MAX" seconds between a user's pages (locustfile_wijkfoto).
- ``WIJKKRACHT_BENCH_ACCOUNTS``: a JSON file of bench professionals (username, password, TOTP
  key in hex); every simulated professional signs in with its own account, because a TOTP code
  cannot be used twice within 30 s for one account.
- ``WIJKKRACHT_BENCH_PROFESSIONALS`` and ``WIJKKRACHT_BENCH_PDF_USERS``: how many users of
  those two kinds; the other users are visitors.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from django_otp.oath import totp
from locust import HttpUser, between, events, task

import locustfile_wijkfoto as wijkfoto

SERVERS = os.environ.get("WIJKKRACHT_BENCH_SERVERS", "http://127.0.0.1:8000").split(",")
ACCOUNTS_FILE = os.environ.get("WIJKKRACHT_BENCH_ACCOUNTS", "")
ACCOUNTS = json.loads(Path(ACCOUNTS_FILE).read_text("utf-8")) if ACCOUNTS_FILE else []
PROFESSIONALS = int(os.environ.get("WIJKKRACHT_BENCH_PROFESSIONALS", "0"))
PDF_USERS = int(os.environ.get("WIJKKRACHT_BENCH_PDF_USERS", "0"))
PDF_LIMIT = 60.0  # seconds; a PDF job not done by then counts as an error
PDF_JOB = "PDF job ready"  # the row in the stats with the time from asking to the file

_next_account = itertools.count()
_next_server = itertools.count()
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def any_server() -> str:
    """As a load balancer without sticky sessions: any server, per request."""
    return random.choice(SERVERS)


class Visitor(wijkfoto.Visitor):
    """The wijkfoto pages of bench_web_wijkfoto; half of the visitors on each server."""

    weight = 1

    def on_start(self) -> None:
        self.client.base_url = SERVERS[next(_next_server) % len(SERVERS)]


class Professional(HttpUser):
    """Signs in once (password, then TOTP code), then opens the team's case list."""

    fixed_count = PROFESSIONALS
    wait_time = between(*wijkfoto.THINK)

    def on_start(self) -> None:
        account = ACCOUNTS[next(_next_account)]  # IndexError: too few bench accounts
        page = self.client.get(f"{any_server()}/account/aanmelden", name="/account/aanmelden")
        self._post("/account/aanmelden", page.text, "/account/code",
                   {"username": account["username"], "password": account["password"]})
        page = self.client.get(f"{any_server()}/account/code", name="/account/code")
        code = f"{totp(bytes.fromhex(account['key'])):06d}"
        self._post("/account/code", page.text, "/", {"token": code})

    def _post(self, path: str, form_page: str, expect: str, data: dict[str, str]) -> None:
        found = _CSRF.search(form_page)
        with self.client.post(f"{any_server()}{path}", name=f"{path} (POST)",
                              data={"csrfmiddlewaretoken": found[1] if found else "", **data},
                              allow_redirects=False, catch_response=True) as response:
            if response.status_code != 302 or urlsplit(
                    response.headers.get("Location", "")).path != expect:
                response.failure(f"sign-in step {path}: {response.status_code}")

    @task
    def case_list(self) -> None:
        with self.client.get(f"{any_server()}/casus/", name="/casus/", allow_redirects=False,
                             catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"case list: {response.status_code} (not signed in?)")


class PdfVisitor(HttpUser):
    """Asks for the Transvaalwijk's wijkfoto as PDF (a new visitor each time, so a new job),
    follows the job on any server until it is done, then downloads the file."""

    fixed_count = PDF_USERS
    wait_time = between(*wijkfoto.THINK)

    @task
    def pdf(self) -> None:
        self.client.cookies.clear()
        start = time.monotonic()
        with self.client.get(f"{any_server()}/wijkfoto/WK039210.pdf", name="/wijkfoto/[code].pdf",
                             allow_redirects=False, catch_response=True) as response:
            job = response.headers.get("Location", "")
            if response.status_code != 302 or "/taken/" not in job:
                response.failure(f"no job: {response.status_code}")
                return
        job = job[job.index("/taken/"):]
        state = "queued"
        while state in ("queued", "running"):
            if time.monotonic() - start > PDF_LIMIT:
                self._ready(start, 0, f"not done within {PDF_LIMIT:.0f} s")
                return
            gevent.sleep(0.5)
            with self.client.get(f"{any_server()}{job}/stand", name="/taken/[id]/stand",
                                 catch_response=True) as response:
                try:
                    state = response.json()["status"]
                except (ValueError, KeyError):
                    response.failure(f"job state unreadable: {response.status_code}")
                    state = "unknown"
        if state != "done":
            self._ready(start, 0, f"job {state}")
            return
        with self.client.get(f"{any_server()}{job}/bestand", name="/taken/[id]/bestand",
                             catch_response=True) as response:
            if response.status_code != 200 or not response.content.startswith(b"%PDF-"):
                response.failure(f"no PDF: {response.status_code}")
                self._ready(start, 0, "no PDF")
                return
            self._ready(start, len(response.content), None)

    def _ready(self, start: float, size: int, error: str | None) -> None:
        """One row in the stats for the whole job: time to ready, or the reason it failed."""
        events.request.fire(request_type="JOB", name=PDF_JOB, context={},
                            response_time=(time.monotonic() - start) * 1000,
                            response_length=size, response=None,
                            exception=RuntimeError(error) if error else None)
