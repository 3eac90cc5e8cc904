"""The README's first command: ``wijkkracht demo`` prepares a demo and serves it, really."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

from tests.conftest import KWB, KWB_2024, need

WIJK_GEOJSON = KWB.parent / "boundaries" / "vaxprofiles-wijk-2024" / "wijk_2024.geojson"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.status, response.read().decode("utf-8")


def test_the_demo_serves_real_figures_at_the_printed_address(tmp_path):
    """Through gunicorn's workers, not the test client: workers forked from a process that had
    already loaded the data once deadlocked on their first wijkfoto page."""
    data, boundaries = need(KWB_2024), need(WIJK_GEOJSON)
    env = {**os.environ, "WIJKKRACHT_HOME": str(tmp_path / "home"), "WIJKKRACHT_OFFLINE": "1"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.pop("DATABASE_URL", None)  # the README's first command: the embedded default (SQLite)
    exe = os.path.join(os.path.dirname(sys.executable), "wijkkracht")
    proc = subprocess.Popen([exe, "demo", "--port", str(_free_port()), "--data", str(data),
                             "--boundaries", str(boundaries)], env=env, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if "Wijkkracht demo: http" in line:
                break
        printed = "".join(lines)
        address = re.search(r"Wijkkracht demo: (http://\S+/)", printed)
        assert address, printed
        assert "CBS Kerncijfers wijken en buurten 2024" in printed  # it says what it loaded
        assert re.search(r"demo-coordinator\s+wachtwoord \S+", printed)
        assert "Sociale kaart: 370 verzonnen diensten" in printed

        deadline = time.monotonic() + 30
        while True:
            try:
                status, body = _get(address.group(1) + "wijkfoto/WK039210")
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.3)
        assert status == 200 and "Transvaalwijk" in body
        status, body = _get(address.group(1) + "wijkfoto/GM0392/wijken")
        assert status == 200 and "Transvaalwijk" in body
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        if proc.stdout:
            proc.stdout.close()
