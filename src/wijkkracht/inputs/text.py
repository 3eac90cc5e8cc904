"""Control characters are refused in everything a user types or uploads.

A NUL byte cannot be stored by PostgreSQL at all (SQLite takes it, so a file accepted in a
test is a crash in production), and the other control characters (bell, escape, the C1 range
...) are never meant in a name and break exports and terminals. Tab and line breaks are allowed
only where a field is meant to hold several lines. This module is plain Python (the KWB reader
uses it); the Django form pieces are in ``inputs.forms``.
"""

from __future__ import annotations

import unicodedata

LINE_CHARACTERS = frozenset("\t\n\r")


def find_control_character(text: str, *, multiline: bool = False) -> tuple[int, str] | None:
    """(1-based position, character) of the first control character in ``text``, or None.

    Control characters are Unicode category Cc (U+0000-U+001F, U+007F-U+009F); with
    ``multiline`` a tab, line feed or carriage return is text, not a control character.
    """
    for position, char in enumerate(text, start=1):
        if unicodedata.category(char) == "Cc" and not (multiline and char in LINE_CHARACTERS):
            return position, char
    return None
