"""A cut-off KWB file cannot silently replace a stored year (item 8), in the file store
(``wijkkracht data import``) and in the database (``manage load_kwb``, the demo)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.conftest import KWB_2024, area_row, need, real_kwb, write_kwb_csv
from wijkkracht.areas.models import KwbDataset
from wijkkracht.areas.replacement import SHRINK_TOLERANCE, replacement_loss
from wijkkracht.areas.services import kwb_dataset_save
from wijkkracht.areas.sources.files import read_kwb_file
from wijkkracht.areas.store import kwb_dir, load_stored
from wijkkracht.cli import main
from wijkkracht.errors import WijkkrachtError


@pytest.fixture
def truncated(tmp_path):
    """The real 2024 file cut at a line boundary after 4,999 areas, as a broken download is."""
    lines = need(KWB_2024).read_bytes().splitlines(keepends=True)
    assert len(lines) == 10_001
    cut = tmp_path / "cut" / KWB_2024.name
    cut.parent.mkdir()
    cut.write_bytes(b"".join(lines[:5_000]))
    return cut


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_the_command_line_refuses_a_cut_off_file_and_keeps_the_year(truncated):
    assert run("data", "import", KWB_2024)[0] == 0
    stored = kwb_dir() / "kwb-2024.parquet"
    before = stored.read_bytes()
    code, stdout, stderr = run("data", "import", truncated)
    assert code == 2, stdout + stderr
    assert "4.999 gebieden; nu zijn het er 10.000 (5.001 minder, 50%)" in stderr
    assert "gemeente(n) zouden verdwijnen" in stderr and "--replace" in stderr
    assert stored.read_bytes() == before and load_stored(2024).frame.height == 10_000
    code, stdout, _ = run("data", "import", truncated, "--replace")
    assert code == 0 and "2024: 4999 gebieden" in stdout
    assert load_stored(2024).frame.height == 4_999


def test_the_database_refuses_a_cut_off_file_and_keeps_the_year(db, truncated):
    kwb_dataset_save(real_kwb(KWB_2024))
    with pytest.raises(CommandError) as exc:
        call_command("load_kwb", str(truncated))
    assert exc.value.returncode == 2 and "5.001 minder" in str(exc.value)
    assert KwbDataset.objects.get(year=2024).areas == 10_000
    with pytest.raises(WijkkrachtError, match="zouden verdwijnen"):
        kwb_dataset_save(read_kwb_file(truncated))
    call_command("load_kwb", str(truncated), "--replace")
    assert KwbDataset.objects.get(year=2024).areas == 4_999


def test_the_demo_refuses_it_too(db, truncated):
    from wijkkracht.web.demo import load_demo_data

    load_demo_data(need(KWB_2024), None)
    with pytest.raises(WijkkrachtError, match="--replace"):
        load_demo_data(truncated, None)
    assert KwbDataset.objects.get(year=2024).areas == 10_000
    load_demo_data(truncated, None, replace=True)
    assert KwbDataset.objects.get(year=2024).areas == 4_999


def _year(tmp_path, gemeenten: int, wijken: int, name: str = "a"):
    rows = []
    for g in range(1, gemeenten + 1):
        rows.append(area_row(f"GM{g:04d}", f"Gemeente {g}", f"Gemeente {g}",
                             AantalInwoners_5="1000"))
        rows.extend(area_row(f"WK{g:04d}{k:02d}", f"Wijk {k}", f"Gemeente {g}",
                             AantalInwoners_5="100") for k in range(wijken))
    return read_kwb_file(write_kwb_csv(tmp_path / f"{name}-kwb-2023.csv", rows), 2023).frame


def test_what_counts_as_a_loss(tmp_path):
    full = _year(tmp_path, 10, 9, "full")  # 100 areas
    assert replacement_loss(2023, full, full) is None
    assert replacement_loss(2023, full, full.head(100 - int(100 * SHRINK_TOLERANCE))) is None
    shrunk = replacement_loss(2023, full, full.head(90))
    assert shrunk is not None and shrunk.fewer == 10
    assert shrunk.lost_gemeenten == [("GM0010", "Gemeente 10")]
    # one gemeente fewer is a loss however small the shrink
    one_less = _year(tmp_path, 9, 10, "nine")  # 99 areas, all in gemeenten 1-9
    loss = replacement_loss(2023, full, one_less)
    assert loss is not None and loss.lost_gemeenten == [("GM0010", "Gemeente 10")]
    assert "Gemeente 10 (GM0010)" in loss.message()
    # more areas (a newer, fuller release) is fine
    assert replacement_loss(2023, one_less, full) is None
