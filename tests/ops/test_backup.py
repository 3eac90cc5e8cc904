"""Back-up and restore on the database the suite runs on (SQLite, or PostgreSQL when
DATABASE_URL is set): a real round trip, and the back-ups a restore must refuse.

Transactional tests: a dump must see committed rows, and a restore replaces whole tables
(pg_restore drops them), which no test transaction could roll back. The flush after each test
empties the restored tables again.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.db import connection
from django.test import override_settings

from wijkkracht.audit.models import Action, ProcessingRecord
from wijkkracht.audit.services import anchor_path, full_check, read_anchor, record, verify_chain
from wijkkracht.cli import main
from wijkkracht.errors import WijkkrachtError
from wijkkracht.ops.backup import MANIFEST, backup, read_manifest, restore
from wijkkracht.ops.fingerprint import table_fingerprints

pytestmark = pytest.mark.django_db(transaction=True)

# The smallest content the praktijkbank recognises as a PDF: bytes that must survive exactly.
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PRACTICE = {"title": "Buurtkamer De Linde", "summary": "Een huiskamer in de wijk voor iedereen.",
            "description": "Bewoners drinken koffie en helpen elkaar.",
            "principles": ["verbinden"], "target_groups": ["mantelzorgers"], "status": "pilot",
            "gemeente_code": "GM0392", "wijk_codes": ["WK039210"]}
OTHER_ENGINE = {"sqlite": "postgresql", "postgresql": "sqlite"}


@dataclass
class World:
    anna: object
    bram: object
    practice: object


@pytest.fixture(autouse=True)
def _audit_log_emptied_before_the_flush(transactional_db):
    """SQLite's flush is a DELETE, which the access log's trigger refuses for records within
    their retention: empty the log past the trigger, and put the trigger back for the tests
    after these (PostgreSQL's flush passes its trigger in tests/conftest.py)."""
    yield
    if connection.vendor == "sqlite":
        triggers = import_module("wijkkracht.audit.migrations.0002_append_only_triggers")
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS audit_processingrecord_no_delete")
            cursor.execute("DELETE FROM audit_processingrecord")
            cursor.execute(triggers.SQLITE_FORWARD[1])


def _read(user, number: int) -> None:
    record(activity="casework", operation="read", action=Action.READ, subject_type="casus",
           subject_id=number, user=user, role="professional")


@pytest.fixture
def world(transactional_db) -> World:
    """Two professionals of one team, a practice with an attachment, five access-log records
    and a verified chain whose end is anchored outside the database."""
    from wijkkracht.accounts.models import Membership, Organisation, Team, User
    from wijkkracht.praktijk.services import attachment_add, practice_save

    organisation = Organisation.objects.create(name="Welzijn Noord", kind="welzijn")
    team = Team.objects.create(name="Wijkteam Noord", kind="sociaal_wijkteam",
                               organisation=organisation)
    anna = User.objects.create_user(username="anna", password="Wijkteam-Noord-2026")
    bram = User.objects.create_user(username="bram", password="Wijkteam-Noord-2027")
    Membership.objects.create(user=anna, team=team, role="professional")
    Membership.objects.create(user=bram, team=team, role="analyst")
    practice = practice_save(anna, dict(PRACTICE))
    attachment_add(anna, practice, "verslag.pdf", PDF)
    for number in range(5):
        _read(anna if number % 2 else bram, number)
    result, _anchor = full_check()
    assert result.ok and result.checked == 5
    return World(anna, bram, practice)


def _change_everything(world: World) -> None:
    """What happens after a back-up: new people, a changed practice, more reads."""
    from wijkkracht.accounts.models import User
    from wijkkracht.praktijk.services import practice_save

    User.objects.create_user(username="eva", password="Wijkteam-Noord-2028")
    User.objects.filter(pk=world.bram.pk).update(first_name="Bram")
    practice_save(world.anna, {**PRACTICE, "title": "Buurtkamer De Eik"},
                  practice=world.practice, expected_version=world.practice.version)
    _read(world.anna, 6)
    _read(world.anna, 7)


def test_a_round_trip_restores_every_table_and_the_access_log(world, tmp_path):
    from wijkkracht.accounts.models import User
    from wijkkracht.praktijk.models import Attachment

    target = backup(tmp_path / "back-up")
    manifest = read_manifest(target)
    assert manifest["engine"] == connection.vendor
    assert manifest["tables"] == table_fingerprints(connection)  # what was dumped is all
    # the world's five reads, and the back-up's own record (the whole database was copied)
    assert manifest["tables"]["audit_processingrecord"]["rows"] == 6
    made = ProcessingRecord.objects.latest("sequence")
    assert (made.activity, made.operation, made.subject_type, made.subject_id) == (
        "operations", "backup", "database", "back-up")
    assert manifest["tables"]["praktijk_attachment"]["rows"] == 1
    assert sorted(p.name for p in target.iterdir()) == sorted(
        [MANIFEST, manifest["database_file"]])

    _change_everything(world)
    changed = table_fingerprints(connection)
    assert {t for t in changed if changed[t] != manifest["tables"][t]} >= {
        "accounts_user", "praktijk_practice", "audit_processingrecord", "audit_chainhead"}

    report = restore(target)

    after = table_fingerprints(connection)
    # The restore's own chain check is the one row it adds (the privacy officer sees it).
    assert after["audit_chaincheck"]["rows"] == manifest["tables"]["audit_chaincheck"]["rows"] + 1
    assert {t: f for t, f in after.items() if t != "audit_chaincheck"} == {
        t: f for t, f in manifest["tables"].items() if t != "audit_chaincheck"}
    chain = verify_chain()
    assert chain.ok and chain.checked == 6
    assert sorted(User.objects.values_list("username", flat=True)) == ["anna", "bram"]
    assert User.objects.get(pk=world.bram.pk).first_name == ""
    assert bytes(Attachment.objects.get().content) == PDF
    assert report.tables == len(manifest["tables"]) and report.audit_checked == 6
    assert "Toegangslog in orde: 6 records gecontroleerd, laatste record 6." in report.lines()


def test_a_restore_sets_the_anchored_end_of_the_log_back_and_says_so(world, tmp_path):
    target = backup(tmp_path / "back-up")
    _change_everything(world)
    assert full_check()[0].ok  # the nightly check anchors record 8
    assert read_anchor(anchor_path())["sequence"] == 8

    report = restore(target)

    assert "sequence=8" in report.previous_anchor
    assert any("records van daarna zijn weg" in line for line in report.lines())
    assert read_anchor(anchor_path())["sequence"] == 6
    result, _anchor = full_check()  # the next nightly check continues the restored log
    assert result.ok and result.checked == 6


def test_a_folder_without_manifest_is_refused_and_nothing_changes(world, tmp_path):
    from wijkkracht.accounts.models import User

    target = backup(tmp_path / "back-up")
    (target / MANIFEST).unlink()
    _change_everything(world)
    with pytest.raises(WijkkrachtError, match=r"geen volledige back-up: manifest\.json ontbreekt"):
        restore(target)
    assert User.objects.filter(username="eva").exists()


def test_a_manifest_that_is_no_manifest_is_refused(world, tmp_path):
    target = backup(tmp_path / "back-up")
    (target / MANIFEST).write_text('{"format": "wijkkracht-backup", "tables": []}',
                                   encoding="utf-8")
    with pytest.raises(WijkkrachtError, match="geen manifest van een Wijkkracht-back-up"):
        restore(target)
    (target / MANIFEST).write_text("{niet af", encoding="utf-8")
    with pytest.raises(WijkkrachtError, match=r"beschadigd \(geen leesbare JSON\)"):
        restore(target)


def test_a_damaged_dump_is_refused_before_the_database_is_touched(world, tmp_path):
    from wijkkracht.accounts.models import User

    target = backup(tmp_path / "back-up")
    dump = target / read_manifest(target)["database_file"]
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    _change_everything(world)
    with pytest.raises(WijkkrachtError, match="onvolledig of beschadigd"):
        restore(target)
    assert User.objects.filter(username="eva").exists()


def _rewrite_manifest(target: Path, change) -> None:
    path = target / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")


def test_a_table_that_differs_from_the_manifest_is_named(world, tmp_path):
    target = backup(tmp_path / "back-up")

    def drop_a_user(manifest):
        manifest["tables"]["accounts_user"]["rows"] += 1
    _rewrite_manifest(target, drop_a_user)
    with pytest.raises(WijkkrachtError, match=r"inhoud van tabel accounts_user wijkt af"):
        restore(target)


@pytest.mark.skipif(connection.vendor != "sqlite",
                    reason="a PostgreSQL custom-format dump cannot be edited in place; the "
                           "comparison itself is proven on both by the test above")
def test_a_dump_whose_content_was_changed_is_caught_by_table(world, tmp_path):
    target = backup(tmp_path / "back-up")
    dump = target / "database.sqlite3"
    with sqlite3.connect(dump) as db:
        db.execute("UPDATE accounts_user SET first_name = 'X' WHERE username = 'anna'")
    db.close()
    from wijkkracht.ops.backup import _file_sha256

    def match_the_file(manifest):  # as if the dump had been made so, with its manifest
        manifest["database_sha256"] = _file_sha256(dump)
        manifest["database_bytes"] = dump.stat().st_size
    _rewrite_manifest(target, match_the_file)
    with pytest.raises(WijkkrachtError) as refused:
        restore(target)
    assert "tabel accounts_user wijkt af" in str(refused.value)


def test_a_backup_of_the_other_engine_is_refused(world, tmp_path):
    target = backup(tmp_path / "back-up")

    def other(manifest):
        manifest["engine"] = OTHER_ENGINE[connection.vendor]
    _rewrite_manifest(target, other)
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    with pytest.raises(WijkkrachtError, match=(
            f"van een {names[OTHER_ENGINE[connection.vendor]]}-database en kan niet worden "
            f"teruggezet in {names[connection.vendor]}")):
        restore(target)


def test_a_backup_from_a_newer_version_is_refused(world, tmp_path):
    target = backup(tmp_path / "back-up")

    def newer(manifest):
        manifest["migrations"]["audit"].append("0099_later")
    _rewrite_manifest(target, newer)
    with pytest.raises(WijkkrachtError, match=r"nieuwere versie.*audit\.0099_later"):
        restore(target)


def test_the_access_log_does_not_verify_with_another_key(world, tmp_path):
    target = backup(tmp_path / "back-up")
    with override_settings(AUDIT_KEY=b"een-andere-sleutel"), \
            pytest.raises(WijkkrachtError, match=r"toegangslog klopt niet.*WIJKKRACHT_AUDIT_KEY"):
        restore(target)


def test_an_existing_folder_is_not_overwritten(world, tmp_path):
    (tmp_path / "back-up").mkdir()
    with pytest.raises(WijkkrachtError, match="bestaat al"):
        backup(tmp_path / "back-up")
    assert not list((tmp_path / "back-up").iterdir())


def run(*args, answer: str | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=answer)
    return result.exit_code, result.stdout, result.stderr


def test_the_commands_back_up_and_restore_after_asking(world, tmp_path):
    from wijkkracht.accounts.models import User

    target = tmp_path / "back-up"
    code, out, _ = run("backup", "--naar", target)
    assert code == 0 and out.startswith(f"Back-up geschreven naar {target} (")
    _change_everything(world)

    code, out, _ = run("restore", target, answer="n\n")
    assert code == 1 and "Niets teruggezet." in out
    assert User.objects.filter(username="eva").exists()

    code, out, _ = run("restore", target, "--ja")
    assert code == 0, out
    assert "Alle " in out and "zijn gelijk aan de back-up" in out
    assert "Toegangslog in orde: 6 records gecontroleerd" in out
    assert not User.objects.filter(username="eva").exists()

    code, _, err = run("restore", tmp_path / "nergens")
    assert code == 2 and err.startswith("Fout: ") and "geen map met een back-up" in err
