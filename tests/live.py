"""Real servers for the tests that need them: ``wijkkracht serve`` and ``wijkkracht worker``
as processes on the test's PostgreSQL database, and a small browser (cookies, forms, no
redirects followed) to talk to them over HTTP as a person's browser would."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import connection

PASSWORD = "Proef-Schrijver-2026!"


@dataclass
class Page:
    status: int
    location: str
    body: str
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


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


def forms(body: str) -> list[dict[str, str]]:
    """Every POST form of a page, as a browser would submit it."""
    parser = _Forms()
    parser.feed(body)
    return parser.forms


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
            raw = response.read()
            text = raw.decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel.value:
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            location = response.headers.get("Location", "")
            return Page(response.status, urlsplit(location).path if location else "", text,
                        raw, dict(response.headers.items()))
        finally:
            conn.close()

    def get(self, path: str) -> Page:
        return self.request("GET", path)

    def post(self, path: str, data: dict[str, str]) -> Page:
        return self.request("POST", path, data)

    def sign_in(self, user) -> None:
        """Both steps, as a person does them: the password, then the code from the app."""
        from django_otp.oath import totp

        page = self.get("/account/aanmelden")
        token = csrf(page.body)
        done = self.post("/account/aanmelden", {"csrfmiddlewaretoken": token,
                                                "username": user.username,
                                                "password": PASSWORD})
        assert done.status == 302 and done.location == "/account/code", (
            done.status, re.findall(r'(?s)role="alert".*?</', done.body))
        page = self.get("/account/code")
        code = f"{totp(user.totp_device.bin_key):06d}"
        done = self.post("/account/code", {"csrfmiddlewaretoken": csrf(page.body),
                                           "token": code})
        assert done.status == 302, (done.status, done.body[:2000])


def csrf(body: str) -> str:
    parser = _Forms()
    parser.feed(body)
    return next(f["csrfmiddlewaretoken"] for f in parser.forms if "csrfmiddlewaretoken" in f)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict  # the test database pytest-django made
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:"
            f"{db.get('PORT') or 5432}/{db['NAME']}")


def server_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a server process on the test database, with the test's keys (so
    sessions, signed links and the access log's chain mean the same in every process)."""
    env = {**os.environ, "DATABASE_URL": database_url(), "WIJKKRACHT_HOME": str(home),
           "WIJKKRACHT_SECRET_KEY": settings.SECRET_KEY,
           "WIJKKRACHT_AUDIT_KEY": settings.AUDIT_KEY.decode("utf-8"),
           "WIJKKRACHT_DB_CONN_MAX_AGE": "0", **extra}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def wijkkracht_exe() -> str:
    return os.path.join(os.path.dirname(sys.executable), "wijkkracht")


@contextmanager
def process(log: Path, args: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen]:
    """A ``wijkkracht`` command running beside the test, stopped (SIGTERM) after it."""
    out = log.open("w", encoding="utf-8")
    proc = subprocess.Popen([wijkkracht_exe(), *args], env=env, stdout=out,
                            stderr=subprocess.STDOUT)
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        out.close()


@contextmanager
def serve(tmp_path: Path, name: str, workers: int, **extra: str) -> Iterator[Browser]:
    """``wijkkracht serve`` with ``workers`` gunicorn processes; yields a browser for it once
    it answers (within 60 s)."""
    port = free_port()
    log = tmp_path / f"{name}.log"
    with process(log, ["serve", "--port", str(port), "--workers", str(workers)],
                 server_env(tmp_path / f"{name}-home", **extra)) as proc:
        deadline = time.monotonic() + 60
        while True:
            try:
                if Browser("127.0.0.1", port).get("/account/aanmelden").status == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, f"{name} did not start within 60 s"
            time.sleep(0.3)
        yield Browser("127.0.0.1", port)
