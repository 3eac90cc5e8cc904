"""The command line as a user meets it: outputs written, and bad input refused in one line."""

import json
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tests.conftest import AMS_2017, AMS_2019, KWB_2024, area_row, need, write_kwb_csv
from wijkkracht.areas.store import kwb_dir
from wijkkracht.cli import main


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_the_transvaalwijk_wijkfoto_from_a_file(tmp_path):
    out = tmp_path / "t.html"
    code, stdout, _ = run("wijkfoto", "Transvaalwijk", "--data", need(KWB_2024), "--out", out)
    assert code == 0
    assert "Transvaalwijk (wijk WK039210, gemeente Haarlem)" in stdout
    assert "niet af van Haarlem" in stdout
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_import_then_work_from_the_store(tmp_path):
    code, stdout, _ = run("data", "import", need(KWB_2024))
    assert code == 0 and "2024: 10000 gebieden (172 gemeenten, 1806 wijken" in stdout
    code, stdout, _ = run("data", "list")
    assert "2024: 10000 gebieden" in stdout
    code, stdout, _ = run("areas", "search", "transvaalwijk")
    assert code == 0 and stdout.splitlines()[0].startswith("WK039210\tTransvaalwijk")
    code, stdout, _ = run("wijkfoto", "WK039210", "--format", "json", "--out", "-")
    assert code == 0 and json.loads(stdout)["area"]["code"] == "WK039210"
    csv_out = tmp_path / "o.csv"
    code, stdout, _ = run("overzicht", "GM0392", "--format", "csv", "--out", csv_out)
    assert code == 0 and "21 wijken van Haarlem" in stdout
    assert csv_out.read_text(encoding="utf-8").startswith("\ufeffJaar;Gemeentecode;Wijkcode")


def test_the_trend_from_an_earlier_file(tmp_path):
    out = tmp_path / "a.json"
    code, _, _ = run("wijkfoto", "WK036347", "--data", need(AMS_2019), "--trend-data",
                     need(AMS_2017), "--format", "json", "--out", out)
    assert code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["trend_year"] == 2017
    assert any(i["trend"] and i["trend"]["verdict"] != "not_compared" for i in doc["indicators"])


@pytest.fixture(scope="module")
def stored_2024(tmp_path_factory):
    """The store after 'data import' of the real 2024 file (test_import_then_work_from_the_store
    proves the import), made once and copied into each test's own data directory."""
    home = tmp_path_factory.mktemp("stored-2024") / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WIJKKRACHT_HOME", str(home))
        code, stdout, stderr = run("data", "import", need(KWB_2024))
        assert code == 0, stdout + stderr
        return kwb_dir()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["wijkfoto", "WK039299"], "WK039299 komt niet voor"),
        (["wijkfoto", "Centrum"], "niet eenduidig"),
        (["wijkfoto", "NL00"], "is geen gemeente of wijk of buurt"),
        (["wijkfoto", "WK039210", "--format", "pdf", "--out", "-"], "PDF kan niet naar het"),
        (["wijkfoto", "WK039210", "--year", "2019"], "2019 is niet geïmporteerd"),
        (["overzicht", "WK039210"], "is geen gemeente"),
        (["data", "download", "--year", "1990"], "geen CBS-tabel"),
    ],
)
def test_bad_requests_get_one_dutch_line_and_exit_code_2(tmp_path, monkeypatch, stored_2024,
                                                         args, message):
    shutil.copytree(stored_2024, kwb_dir())
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = run(*args)
    assert code == 2, stdout + stderr
    assert stderr.startswith("Fout: ") and message in stderr
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
    assert not list(tmp_path.glob("wijkfoto-*")) and not list(tmp_path.glob("overzicht-*"))


def test_bad_files_are_refused_and_nothing_is_stored(tmp_path):
    not_kwb = tmp_path / "kwb-2023.csv"
    not_kwb.write_text("naam;adres\nPiet;Dorpsstraat 1\n", encoding="utf-8")
    truncated = write_kwb_csv(tmp_path / "kwb-2022.csv", [
        area_row("GM0001", "Testdorp", "Testdorp", AantalInwoners_5="2000"),
        area_row("WK000101", "Noord", "Testdorp", AantalInwoners_5="1000")])
    truncated.write_text(truncated.read_text(encoding="utf-8")[:-8], encoding="utf-8")
    latin = tmp_path / "kwb-2021.csv"
    latin.write_bytes("Codering_3;AantalInwoners_5\nGM0001;é\n".encode("latin-1"))
    for path, message in ((not_kwb, "geen bestand met Kerncijfers"),
                          (truncated, "regel 3"), (latin, "UTF-8")):
        code, _, stderr = run("data", "import", path)
        assert code == 2 and message in stderr and "Traceback" not in stderr
    code, _, stderr = run("data", "import", truncated, "--year", "2051")
    assert code == 2 and "over 2051" in stderr
    assert not kwb_dir().exists() or not list(kwb_dir().iterdir())


def test_without_data_the_user_learns_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run("wijkfoto", "Transvaalwijk")
    assert code == 2 and "wijkkracht data import" in stderr and "data download" in stderr
    assert not list(tmp_path.iterdir())


def test_the_installed_command_runs_as_the_readme_says(tmp_path):
    out = tmp_path / "transvaalwijk.html"
    env = {**os.environ, "WIJKKRACHT_HOME": str(tmp_path / "home")}
    env.pop("DATABASE_URL", None)  # as the README says it: on the embedded default
    exe = os.path.join(os.path.dirname(sys.executable), "wijkkracht")
    proc = subprocess.run([exe, "wijkfoto", "Transvaalwijk", "--data", str(need(KWB_2024)),
                           "--out", str(out)], capture_output=True, text=True, env=env,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert out.exists() and "Transvaalwijk" in proc.stdout


@pytest.mark.django_db
def test_praktijk_examples_load_idempotently():
    from wijkkracht.praktijk.models import Practice

    code, out, _err = run("praktijk", "voorbeelden")
    assert code == 0 and "10 nieuw, 0 bijgewerkt" in out
    code, out, _err = run("praktijk", "voorbeelden")
    assert code == 0 and "0 nieuw, 0 bijgewerkt" in out
    assert Practice.objects.filter(is_public=True).count() == 10
