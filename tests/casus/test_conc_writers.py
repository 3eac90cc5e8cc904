"""Twenty professionals of one team edit the same case at the same moment, through the real
web stack: ``wijkkracht serve`` (gunicorn, several worker processes) on the test's PostgreSQL
database, each writer signed in over HTTP with a password and a TOTP code, each posting the
edit form it loaded.

What must hold (issue 8, "safe concurrent work"): of all writers who started from one version
exactly one saves (302) and every other one gets the conflict page (409) showing both versions,
the colleague's saved text and their own unsaved text, with the form still holding what they
typed. Saving again from the conflict page (the version it carries) wins in a later round, until
every writer has saved once; then the case's history holds every writer's text exactly once,
each change starting from the text the previous save left (0 lost updates), and the version
went up by exactly the number of successful saves.

Only on PostgreSQL: SQLite serialises whole transactions and several gunicorn processes on one
SQLite file test the file lock, not the optimistic lock (tests/casus/test_flow.py and the service
tests cover the conflict rule sequentially on both databases).
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.hashers import ScryptPasswordHasher
from django.db import connection
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from wijkkracht.accounts.models import Membership, User
from wijkkracht.casus import services
from wijkkracht.casus.models import Case, CaseEvent

WRITERS = 20
SERVER_WORKERS = 4
PASSWORD = "Proef-Schrijver-2026!"


# --- a small browser: cookies, forms, no redirects followed -------------------------------------

@dataclass
class Page:
    status: int
    location: str
    body: str


class _Forms(HTMLParser):
    """Every POST form of a page, as a browser would submit it (name -> value)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, str]] = []
        self._form: dict[str, str] | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._first_option: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._form = {}
            self.forms.append(self._form)
        if self._form is None or (not a.get("name") and tag != "option"):
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "checkbox", "radio"):
            self._form[a["name"]] = a.get("value", "")
        elif tag == "input" and "checked" in a:
            self._form[a["name"]] = a.get("value", "on")
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form[a["name"]] = ""
        elif tag == "select":
            self._select, self._first_option = a["name"], None
        elif tag == "option" and self._select is not None:
            if self._first_option is None:
                self._first_option = a.get("value", "")
                self._form.setdefault(self._select, self._first_option)
            if "selected" in a:
                self._form[self._select] = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea is not None:
            self._form[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            value = self._form[self._textarea]  # a browser drops the newline after <textarea>
            self._form[self._textarea] = value[1:] if value.startswith("\n") else value
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None


def edit_form(body: str) -> dict[str, str]:
    """The case's edit form on a page (the one that carries the version)."""
    parser = _Forms()
    parser.feed(body)
    forms = [f for f in parser.forms if "version" in f]
    assert len(forms) == 1, body
    return forms[0]


@dataclass
class Browser:
    host: str
    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, data: dict[str, str] | None = None) -> Page:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
            body = None
            if data is not None:
                body = urlencode(data)
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel.value:
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            location = response.headers.get("Location", "")
            return Page(response.status, urlsplit(location).path if location else "", text)
        finally:
            conn.close()

    def get(self, path: str) -> Page:
        return self.request("GET", path)

    def post(self, path: str, data: dict[str, str]) -> Page:
        return self.request("POST", path, data)

    def sign_in(self, user: User) -> None:
        """Both steps, as a person does them: the password, then the code from the app."""
        from django_otp.oath import totp

        page = self.get("/account/aanmelden")
        token = _csrf(page.body)
        done = self.post("/account/aanmelden", {"csrfmiddlewaretoken": token,
                                                "username": user.username,
                                                "password": PASSWORD})
        assert done.status == 302 and done.location == "/account/code", (
            done.status, re.findall(r'(?s)role="alert".*?</', done.body))
        page = self.get("/account/code")
        code = f"{totp(user.totp_device.bin_key):06d}"
        done = self.post("/account/code", {"csrfmiddlewaretoken": _csrf(page.body),
                                           "token": code})
        assert done.status == 302, (done.status, done.body[:2000])


def _csrf(body: str) -> str:
    parser = _Forms()
    parser.feed(body)
    return next(f["csrfmiddlewaretoken"] for f in parser.forms if "csrfmiddlewaretoken" in f)


# --- the server ---------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict  # the test database pytest-django made
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:"
            f"{db.get('PORT') or 5432}/{db['NAME']}")


@pytest.fixture
def server(tmp_path):
    """``wijkkracht serve`` with several gunicorn workers on the test database."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": _database_url(),
           "WIJKKRACHT_HOME": str(tmp_path / "server-home"),
           "WIJKKRACHT_SECRET_KEY": settings.SECRET_KEY,
           "WIJKKRACHT_AUDIT_KEY": settings.AUDIT_KEY.decode("utf-8"),
           "WIJKKRACHT_DB_CONN_MAX_AGE": "0"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    exe = os.path.join(os.path.dirname(sys.executable), "wijkkracht")
    log = (tmp_path / "server.log").open("w", encoding="utf-8")
    proc = subprocess.Popen([exe, "serve", "--port", str(port), "--workers",
                             str(SERVER_WORKERS)], env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if Browser("127.0.0.1", port).get("/account/aanmelden").status == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None, (tmp_path / "server.log").read_text()
            assert time.monotonic() < deadline, "the server did not start within 60 s"
            time.sleep(0.3)
        yield "127.0.0.1", port
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


# --- the test -----------------------------------------------------------------------------------

def _text(i: int) -> str:
    return f"Schrijver {i:02d} ziet eenzaamheid achter de schulden (versie {i:02d})"


@dataclass(eq=False)
class Writer:
    user: User
    text: str
    browser: Browser
    form: dict[str, str] = field(default_factory=dict)
    saved: bool = False


def _post_all(writers: list[Writer], path: str) -> list[tuple[Writer, dict, Page]]:
    """Every writer submits their form at the same moment (one thread each)."""
    barrier = threading.Barrier(len(writers))
    results: list[tuple[Writer, dict, Page]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def submit(writer: Writer) -> None:
        sent = dict(writer.form)
        try:
            barrier.wait(timeout=60)
            page = writer.browser.post(path, sent)
        except BaseException as exc:  # reported below, in the test's thread
            with lock:
                errors.append(exc)
            return
        with lock:
            results.append((writer, sent, page))

    threads = [threading.Thread(target=submit, args=(w,)) for w in writers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert len(results) == len(writers)
    return results


@pytest.mark.django_db(transaction=True)
def test_twenty_writers_on_one_case_lose_nothing_and_see_every_conflict(teams, make_user,
                                                                        tmp_path, request):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...): the real web stack with "
                    "several gunicorn processes writing one row; SQLite serialises whole "
                    "transactions, so there the sequential conflict tests cover the rule")
    # The server checks passwords with the configured hashers, not the tests' quick one
    # (tests/conftest.py): one scrypt hash of the shared password serves every writer.
    scrypt = ScryptPasswordHasher()
    stored_password = scrypt.encode(PASSWORD, scrypt.salt())
    writers_users = []
    for i in range(WRITERS):
        user = make_user(f"schrijver{i:02d}", first_name="Schrijver", last_name=f"{i:02d}",
                         organisation=teams.gemeente)
        User.objects.filter(pk=user.pk).update(password=stored_password)
        Membership.objects.create(user=user, team=teams.noord, role="professional")
        writers_users.append(user)
    case = services.case_register(
        team=teams.noord, user=teams.worker,
        household={"name": "Huishouden Gelijktijdig"},
        person={"given_name": "Proefje", "family_name": "Gelijktijdig"},
        case={"signal_source": "huisarts", "question": "Ik wil weer grip op mijn post.",
              "signalled_on": dt.date.today() - dt.timedelta(days=10),
              "lead": teams.worker})
    start_version = Case.unscoped.get(pk=case.pk).version
    host, port = request.getfixturevalue("server")
    path = f"/casus/{case.pk}/bewerken"
    with translation.override("nl"):
        someone_else = escape(gettext("Someone else saved this case while you were editing "
                                      "it."))
        both = escape(gettext("Both versions"))

    writers = [Writer(user, _text(i), Browser(host, port))
               for i, user in enumerate(writers_users)]

    def open_form(writer: Writer) -> None:
        writer.browser.sign_in(writer.user)
        page = writer.browser.get(path)
        assert page.status == 200, page.body[:2000]
        writer.form = {**edit_form(page.body), "c-question_behind": writer.text}

    with ThreadPoolExecutor(max_workers=SERVER_WORKERS) as pool:  # scrypt takes its time
        list(pool.map(open_form, writers))
    for writer in writers:  # everyone starts from version N
        assert writer.form["version"] == str(start_version)

    current_text = ""
    successes = 0
    rounds = 0
    while not all(w.saved for w in writers):
        rounds += 1
        assert rounds <= WRITERS, "a round without a winner"
        waiting = [w for w in writers if not w.saved]
        results = _post_all(waiting, path)
        by_version: dict[str, list[tuple[Writer, Page]]] = {}
        for writer, sent, page in results:
            by_version.setdefault(sent["version"], []).append((writer, page))
        for version, tries in by_version.items():
            winners = [w for w, p in tries if p.status == 302]
            assert len(winners) == 1, (version, [p.status for _w, p in tries])
            assert dict(tries)[winners[0]].location == f"/casus/{case.pk}/"
        winner = next(w for w, _s, p in results if p.status == 302)
        winner.saved = True
        successes += 1
        stored = Case.unscoped.get(pk=case.pk)
        assert stored.question_behind == winner.text
        assert stored.version == start_version + successes
        current_text = winner.text
        for writer, _sent, page in results:
            if writer is winner:
                continue
            # every conflict is shown: the 409 page with both versions, nothing typed lost
            assert page.status == 409, (page.status, page.body[:2000])
            assert someone_else in page.body and both in page.body
            assert escape(winner.text) in page.body  # what the colleague saved
            assert escape(writer.text) in page.body  # and my own, unsaved
            again = edit_form(page.body)
            assert again["c-question_behind"] == writer.text
            assert again["version"] == str(stored.version)
            writer.form = again  # "Save my version" starts from the version shown

    assert rounds == WRITERS and successes == WRITERS
    final = Case.unscoped.get(pk=case.pk)
    assert final.question_behind == current_text
    assert final.version == start_version + WRITERS  # one step per save, none lost or doubled
    updates = list(CaseEvent.unscoped.filter(case=case, kind="updated").order_by("pk"))
    assert len(updates) == WRITERS
    assert all(set(e.changes) == {"question_behind"} for e in updates)
    texts = [e.changes["question_behind"][1] for e in updates]
    assert sorted(texts) == sorted(w.text for w in writers)  # every writer's text exactly once
    previous = ""
    for event in updates:  # each save started from what the one before it left: 0 lost updates
        old, new = event.changes["question_behind"]
        assert old == previous
        previous = new
    assert previous == final.question_behind
    assert {e.user_id for e in updates} == {u.pk for u in writers_users}
