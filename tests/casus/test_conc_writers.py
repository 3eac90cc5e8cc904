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
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.hashers import ScryptPasswordHasher
from django.db import connection
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from tests.live import PASSWORD, Browser, Page, serve
from tests.live import forms as live_forms
from wijkkracht.accounts.models import Membership, User
from wijkkracht.casus import services
from wijkkracht.casus.models import Case, CaseEvent

WRITERS = 20
SERVER_WORKERS = 4


# --- the case's edit form ------------------------------------------------------------------

def edit_form(body: str) -> dict[str, str]:
    """The case's edit form on a page (the one that carries the version)."""
    forms = [f for f in live_forms(body) if "version" in f]
    assert len(forms) == 1, body
    return forms[0]


@pytest.fixture
def server(tmp_path):
    """``wijkkracht serve`` with several gunicorn workers on the test database."""
    with serve(tmp_path, "server", SERVER_WORKERS) as browser:
        yield browser.host, browser.port


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
