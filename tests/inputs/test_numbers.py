"""The one parser for numbers from users: ASCII digits, bounded, None for anything else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkkracht.inputs.numbers import MAX_DIGITS, is_ascii_digits, parse_int

from .strategies import NASTY_NUMBERS, nasty_numbers


@pytest.mark.parametrize("raw", NASTY_NUMBERS)
def test_nothing_but_plain_digits_in_range_is_a_number(raw):
    value = parse_int(raw, minimum=0, maximum=4)
    assert value is None or (0 <= value <= 4 and raw.strip().isascii())


def test_the_cases_str_isdigit_lets_through():
    assert "²".isdigit() and parse_int("²") is None
    assert ("1" * 5000).isdigit() and parse_int("1" * 5000) is None
    assert parse_int("١٢") is None  # Arabic-Indic digits: int() takes them, we do not


def test_plain_numbers_and_bounds():
    assert parse_int("2024", minimum=1900, maximum=2999) == 2024
    assert parse_int(" 3 ", minimum=0, maximum=4) == 3
    assert parse_int("5", minimum=0, maximum=4) is None
    assert parse_int("-2", allow_negative=True) == -2 and parse_int("-2") is None
    assert parse_int("9" * MAX_DIGITS) == int("9" * MAX_DIGITS)
    assert parse_int("9" * (MAX_DIGITS + 1)) is None
    assert parse_int(None) is None and parse_int(True) is None and parse_int(7) == 7
    assert is_ascii_digits("123456") and not is_ascii_digits("12345²")


@given(nasty_numbers, st.integers(-5, 5), st.integers(0, 3000))
def test_never_raises_and_always_respects_the_range(raw, low, span):
    value = parse_int(raw, minimum=low, maximum=low + span, allow_negative=True)
    assert value is None or low <= value <= low + span


@given(st.integers(min_value=0, max_value=10**MAX_DIGITS - 1))
def test_every_plain_number_reads_back(number):
    assert parse_int(str(number)) == number


def test_no_other_code_parses_user_numbers_with_isdigit():
    """A new view or import that writes ``x.isdigit()`` then ``int(x)`` again fails here."""
    import re
    from pathlib import Path

    import wijkkracht

    root = Path(wijkkracht.__file__).parent
    pattern = re.compile(r"\.isdigit\(\)|\bint\(\s*(request\.|raw\b|row\[|cell\b)")
    offenders = [f"{path.relative_to(root)}:{n}" for path in root.rglob("*.py")
                 if path.name != "numbers.py"
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line)]
    assert offenders == [], "use wijkkracht.inputs.numbers.parse_int: " + ", ".join(offenders)
