"""``manage.py audit_verify``: Dutch output, exit code 1 when the chain is broken."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from .conftest import TABLE, drop_trigger, raw


def run() -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit_verify", stdout=out, stderr=err, no_color=True)
        code = 0
    except SystemExit as exc:
        code = int(exc.code)
    return code, out.getvalue(), err.getvalue()


def test_an_intact_chain(some_records):
    code, out, err = run()
    assert code == 0 and err == ""
    assert "Toegangslog in orde: 5 records gecontroleerd, laatste record 5." in out


def test_an_empty_log(db):
    code, out, _err = run()
    assert code == 0 and "0 records gecontroleerd" in out


@pytest.mark.parametrize(("sql", "expected"), [
    (f"UPDATE {TABLE} SET outcome = 'error' WHERE sequence = 4", "inhoud van record 4"),
    (f"UPDATE {TABLE} SET previous_hash = record_hash WHERE sequence = 2", "record 2"),
])
def test_a_broken_chain_exits_1(some_records, sql, expected):
    drop_trigger("audit_processingrecord_no_update")
    raw(sql)
    code, out, err = run()
    assert code == 1 and out == ""
    assert "Toegangslog NIET in orde" in err and expected in err
