"""Log lines as the configured console handler writes them: JSON with the request id, the
access line with the route pattern and never the path, Django's request warnings without the
path, and tracebacks without exception messages."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import Client

from wijkkracht.ops.logs import JsonFormatter, TextFormatter, traceback_without_messages

NAME = "Jansen"  # stands for anything personal a path or a query string could hold


class Console:
    """The configured console handler (its filters included), writing to a buffer."""

    def __init__(self, handler: logging.StreamHandler):
        self.handler = handler
        self.buffer = io.StringIO()

    @property
    def text(self) -> str:
        return self.buffer.getvalue()

    def lines(self, logger: str | None = None) -> list[dict]:
        parsed = [json.loads(line) for line in self.text.splitlines() if line.strip()]
        return [p for p in parsed if logger is None or p["logger"] == logger]


@pytest.fixture
def console():
    """JSON lines of the real handler, with the access line on (WIJKKRACHT_REQUEST_LOG)."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    requests = logging.getLogger("wijkkracht.requests")
    formatter, level = handler.formatter, requests.level
    captured = Console(handler)
    stream = handler.setStream(captured.buffer)
    handler.setFormatter(JsonFormatter())
    requests.setLevel(logging.INFO)
    yield captured
    handler.setStream(stream)
    handler.setFormatter(formatter)
    requests.setLevel(level)


@pytest.mark.parametrize(("path", "route", "secret"), [
    (f"/wijkfoto/GM0392?naam={NAME}", "/wijkfoto/<area:code>", "GM0392"),
    ("/netwerkscan/vragenlijst/k3Vq9-persoonlijke-link", "/netwerkscan/vragenlijst/<str:token>",
     "k3Vq9"),
    (f"/bestaat-niet/{NAME}", "(geen route)", NAME),
])
def test_log_lines_of_a_request_carry_its_id_and_its_route_never_its_path(
        client, db, console, path, route, secret):
    response = client.get(path)
    assert response.status_code >= 400  # so that Django writes its request warning too
    request_id = response["X-Request-ID"]

    [access] = console.lines("wijkkracht.requests")
    assert access["route"] == route
    assert access["method"] == "GET" and access["status"] == response.status_code
    assert isinstance(access["duration_ms"], float)
    assert access["request_id"] == request_id
    assert access["level"] == "INFO"
    assert dt.datetime.fromisoformat(access["time"]).utcoffset() == dt.timedelta(0)

    [warning] = console.lines("django.request")
    assert warning["request_id"] == request_id
    assert warning["message"].endswith(f": {route}")

    assert secret not in console.text and NAME not in console.text


def test_a_sane_request_id_from_the_proxy_is_kept(client, db, console):
    sent = "lb-2f9c1a77.x_Y"
    response = client.get("/toegankelijkheid", headers={"X-Request-ID": sent})
    assert response["X-Request-ID"] == sent
    [access] = console.lines("wijkkracht.requests")
    assert access["request_id"] == sent and access["route"] == "/toegankelijkheid"


@pytest.mark.parametrize("sent", ["kort", "a" * 65, "twee woorden hier", "jan@example.nl-1234",
                                  "../../etc/passwd", 'abcdefgh"}\n{"level": "INFO'])
def test_any_other_request_id_is_replaced_by_a_fresh_one(client, db, console, sent):
    response = client.get("/toegankelijkheid", headers={"X-Request-ID": sent})
    given = response["X-Request-ID"]
    assert given != sent and re.fullmatch(r"[0-9a-f]{32}", given)
    [access] = console.lines("wijkkracht.requests")
    assert access["request_id"] == given
    assert sent not in console.text


def test_two_requests_get_two_ids(client, db):
    assert client.get("/gezondheid")["X-Request-ID"] != client.get("/gezondheid")["X-Request-ID"]


def test_the_probes_write_no_access_line(client, db, console):
    assert client.get("/gezondheid")["X-Request-ID"]
    assert client.get("/gereed")["X-Request-ID"]
    assert console.lines("wijkkracht.requests") == []


def test_a_line_after_the_request_has_no_request_id(client, db, console):
    client.get("/toegankelijkheid")
    logging.getLogger("wijkkracht.test").warning("Na het verzoek")
    [line] = console.lines("wijkkracht.test")
    assert "request_id" not in line and line["message"] == "Na het verzoek"


def test_the_access_line_is_off_by_default_in_development(client, db):
    assert django_settings.REQUEST_LOG is False
    assert not logging.getLogger("wijkkracht.requests").isEnabledFor(logging.INFO)


@pytest.mark.parametrize("formatter", [JsonFormatter, TextFormatter])
def test_a_server_error_logs_the_frames_and_type_but_not_the_message(
        db, console, site_with_test_views, formatter):
    console.handler.setFormatter(formatter())
    response = Client(raise_request_exception=False).get(
        f"/test/boom-met-gegevens?naam={NAME}")
    assert response.status_code == 500
    text = console.text
    assert NAME not in text  # the exception's message
    assert "boom_with_data" in text and "ValueError" in text  # where, and what kind
    assert response["X-Request-ID"] in text
    if formatter is JsonFormatter:
        [error] = console.lines("django.request")
        assert error["level"] == "ERROR" and error["exc_type"] == "ValueError"
        assert error["message"] == "Internal Server Error: /test/boom-met-gegevens"
        assert error["traceback"].startswith("Traceback (most recent call last):")


def test_a_chained_traceback_keeps_both_types_and_neither_message():
    key, name = "-".join(["bsn", "123456782"]), NAME.upper()
    try:
        try:
            {}[key]
        except KeyError as exc:
            raise RuntimeError(name) from exc
    except RuntimeError as exc:
        text = traceback_without_messages(exc)
    assert "KeyError" in text and "RuntimeError" in text
    assert "direct cause" in text and text.count("Traceback (most recent call last):") == 2
    assert key not in text and name not in text


def _settings_in_a_process(env: dict[str, str]) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith(("WIJKKRACHT_", "DJANGO_")) and k != "DATABASE_URL"}
    environment.update({"WIJKKRACHT_OFFLINE": "1", **env})
    code = ("from wijkkracht.conf import settings as s; "
            "print(s.LOG_FORMAT, s.REQUEST_LOG, s.LOGGING['loggers']['wijkkracht.requests'])")
    return subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True,
                          text=True, check=False, timeout=120)


def test_production_logs_json_with_access_lines_and_development_text_without(tmp_path):
    production = _settings_in_a_process({
        "WIJKKRACHT_HOME": str(tmp_path / "p"), "WIJKKRACHT_ENV": "production",
        "WIJKKRACHT_SECRET_KEY": "s" * 60, "WIJKKRACHT_AUDIT_KEY": "a" * 60,
        "WIJKKRACHT_ALLOWED_HOSTS": "wijkkracht.example.nl"})
    assert production.stdout.split(" ", 2)[:2] == ["json", "True"], production.stderr
    assert "'INFO'" in production.stdout
    development = _settings_in_a_process({"WIJKKRACHT_HOME": str(tmp_path / "d")})
    assert development.stdout.split(" ", 2)[:2] == ["tekst", "False"], development.stderr
    unknown = _settings_in_a_process({"WIJKKRACHT_HOME": str(tmp_path / "d"),
                                      "WIJKKRACHT_LOG_FORMAT": "xml"})
    assert unknown.returncode != 0 and "WIJKKRACHT_LOG_FORMAT" in unknown.stderr
