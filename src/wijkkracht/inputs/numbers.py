"""The one parser for integers that come from a user: query strings, CSV cells, form input.

``str.isdigit()`` is true for "²" and for strings of thousands of digits, both of which
``int()`` refuses (the second since Python's limit on int-from-string conversion), so a check
with ``isdigit()`` followed by ``int()`` is a crash waiting for a curious visitor. Here only
ASCII digits count, the length is bounded before any conversion, and the caller's range is
enforced; anything else is None, for the caller to turn into its own clear message.
"""

from __future__ import annotations

MAX_DIGITS = 18  # fits a 64-bit database integer; far beyond any year, level or page


def parse_int(raw: object, *, minimum: int | None = None, maximum: int | None = None,
              allow_negative: bool = False, max_digits: int = MAX_DIGITS) -> int | None:
    """``raw`` as an int within [minimum, maximum], or None when it is not such a number.

    Surrounding spaces are ignored; a sign is accepted only as a leading "-" when
    ``allow_negative``; a leading "+", "²", "٣", "1_000", "1.0" and "1e3" are not numbers here.
    """
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw).strip()
        negative = allow_negative and text.startswith("-")
        digits = text[1:] if negative else text
        if not (0 < len(digits) <= max_digits and digits.isascii() and digits.isdigit()):
            return None
        value = -int(digits) if negative else int(digits)
    if minimum is not None and value < minimum:
        return None
    if maximum is not None and value > maximum:
        return None
    return value


def is_ascii_digits(text: str, max_digits: int = MAX_DIGITS) -> bool:
    """True for a non-empty run of ASCII digits no longer than ``max_digits``."""
    return 0 < len(text) <= max_digits and text.isascii() and text.isdigit()
