"""Every operation code the product writes to the access log has a Dutch label on the privacy
officer's page, so a new code cannot slip in as a bare English code."""

import re
from pathlib import Path

from wijkkracht.audit.display import ACTIVITIES, OPERATIONS, operation_label

SRC = Path(__file__).resolve().parents[2] / "src" / "wijkkracht"
# The ways code names an operation: record(operation="..."), log_access(Action.X, "..."), the
# admin's _log/_logged_read(..., "..."), and module constants such as PASSWORD_STEP = "...".
PATTERNS = [r'operation="([a-z0-9_]+)"', r'log_access\(\s*Action\.[A-Z]+,\s*"([a-z0-9_]+)"',
            r'_log\(request, Action\.[A-Z]+,\s*"([a-z0-9_]+)"',
            r'_logged_read\(request, response, "([a-z0-9_]+)"',
            r'STEP = "([a-z0-9_]+)"', r'"(otp_failed|login_failed)"']


def written_codes() -> set[str]:
    codes = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for pattern in PATTERNS:
            codes.update(re.findall(pattern, text))
    return codes


def test_the_scan_finds_the_codes_it_should():
    codes = written_codes()
    assert {"login", "password_ok", "otp_failed", "admin_read", "participants_read",
            "survey_submit"} <= codes


def test_every_written_operation_has_a_label():
    unlabelled = sorted(c for c in written_codes() if operation_label(c) == c)
    assert not unlabelled, f"add Dutch labels to audit/display.py OPERATIONS: {unlabelled}"
    for fmt in ("csv", "letters", "letters_pdf"):
        assert f"invitation_links_{fmt}" in OPERATIONS


def test_every_activity_has_a_label():
    activities = set()
    for path in SRC.rglob("*.py"):
        activities.update(re.findall(r'activity="([a-z_]+)"', path.read_text(encoding="utf-8")))
        activities.update(re.findall(r'ACTIVITY = "([a-z_]+)"', path.read_text(encoding="utf-8")))
    assert activities and activities <= set(ACTIVITIES), activities - set(ACTIVITIES)
