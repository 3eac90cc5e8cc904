"""Setting up production as an operator meets it (issue 7, items 9 and 12): a missing setting
is named, `serve` brings its static files, the data directory is private, and
`manage CMD --help` is CMD's help."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.conf import settings

from tests.conftest import area_row, write_kwb_csv
from wijkkracht.areas.store import data_home, kwb_dir
from wijkkracht.cli import main

PRODUCTION = {"WIJKKRACHT_ENV": "production", "WIJKKRACHT_SECRET_KEY": "s" * 60,
              "WIJKKRACHT_AUDIT_KEY": "a" * 60, "WIJKKRACHT_ALLOWED_HOSTS": "127.0.0.1",
              "WIJKKRACHT_SSL_REDIRECT": "0"}


def wijkkracht(home: Path, *args: str, env: dict[str, str] | None = None,
               **kwargs) -> subprocess.Popen | subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith(("WIJKKRACHT_", "DJANGO_")) and k != "DATABASE_URL"}
    environment.update({"WIJKKRACHT_HOME": str(home), "WIJKKRACHT_OFFLINE": "1", **(env or {})})
    command = [sys.executable, "-m", "wijkkracht.cli", *args]
    if kwargs.pop("background", False):
        return subprocess.Popen(command, env=environment, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)
    return subprocess.run(command, env=environment, capture_output=True, text=True,
                          check=False, timeout=300, **kwargs)


@pytest.mark.parametrize("missing", ["WIJKKRACHT_SECRET_KEY", "WIJKKRACHT_AUDIT_KEY",
                                     "WIJKKRACHT_ALLOWED_HOSTS"])
@pytest.mark.parametrize("command", [("manage", "check"), ("serve",)])
def test_a_missing_production_setting_is_named_in_one_dutch_line(tmp_path, missing, command):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    proc = wijkkracht(tmp_path / "home", *command, env=env)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert missing in lines[0] and "ontbreekt" in lines[0] and "onverwachte" not in lines[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def test_serve_in_production_collects_the_static_files_and_pages_work(tmp_path):
    if not all(path.is_dir() for path in settings.NLDS_PACKAGES.values()):
        pytest.skip("the NL Design System packages are missing: run 'npm ci'")
    port = _free_port()
    server = wijkkracht(tmp_path / "home", "serve", "--port", str(port), "--workers", "1",
                        env=PRODUCTION, background=True)
    try:
        deadline = time.monotonic() + 600  # the first start compresses the files
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, html = _get(f"http://127.0.0.1:{port}/")
                break
            except OSError:  # not listening yet (URLError), or a slow first answer
                time.sleep(0.5)
        assert status == 200, server.stderr.read() if server.poll() is not None else status
        stylesheet = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
        assert _get(f"http://127.0.0.1:{port}{stylesheet}")[0] == 200
        assert (tmp_path / "home" / "static" / "staticfiles.json").exists()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        _out, err = server.communicate(timeout=30)
    assert "Statische bestanden verzameld in" in err


def test_serve_in_production_without_the_styles_says_what_to_do(tmp_path):
    proc = wijkkracht(tmp_path / "home", "serve", env={
        **PRODUCTION, "WIJKKRACHT_NODE_MODULES": str(tmp_path / "nothing")})
    assert proc.returncode == 2
    assert "npm ci" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_the_data_directory_and_the_sqlite_file_are_private(tmp_path):
    home = tmp_path / "new" / "home"
    proc = wijkkracht(home, "manage", "migrate", "-v", "0",
                      preexec_fn=lambda: os.umask(0o022))
    assert proc.returncode == 0, proc.stderr
    assert home.stat().st_mode & 0o777 == 0o700
    for name in ("wijkkracht.sqlite3", "secret_key", "audit_key"):
        assert (home / name).stat().st_mode & 0o777 == 0o600, name


def test_the_store_is_private(tmp_path):
    old = os.umask(0o022)
    try:
        source = write_kwb_csv(tmp_path / "kwb-2024.csv", [
            area_row("GM0001", "Ergens", "Ergens", AantalInwoners_5="1000"),
            area_row("WK000101", "Wijk 1", "Ergens", AantalInwoners_5="1000")])
        result = CliRunner().invoke(main, ["data", "import", str(source), "--year", "2024"])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert data_home().stat().st_mode & 0o777 == 0o700
    assert kwb_dir().stat().st_mode & 0o777 == 0o700
    files = list(kwb_dir().iterdir())
    assert files and all(f.stat().st_mode & 0o777 == 0o600 for f in files)


def test_manage_help_is_the_django_commands_help():
    result = CliRunner().invoke(main, ["manage", "check", "--help"])
    assert result.exit_code == 0
    assert "--deploy" in result.stdout  # check's own option
    assert "Django-beheeropdrachten" not in result.stdout
    result = CliRunner().invoke(main, ["manage", "audit_verify", "--help"])
    assert "--expect" in result.stdout and "hashketen" in result.stdout
