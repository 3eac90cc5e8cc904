"""The Dutch citizen service number (BSN) and its eleven test (elfproef).

A BSN has nine digits d1..d9 with 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 divisible by 11 (Logius,
"Logisch ontwerp BSN", Rijksdienst voor Identiteitsgegevens). The all-zero number passes the
sum but is not issued.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def is_valid_bsn(value: str) -> bool:
    text = value.strip()
    if len(text) == 8:  # an older BSN written without its leading zero
        text = "0" + text
    if len(text) != 9 or not all("0" <= c <= "9" for c in text) or set(text) == {"0"}:
        return False
    return sum(w * int(c) for w, c in zip(WEIGHTS, text, strict=True)) % 11 == 0


def normalise_bsn(value: str) -> str:
    """Nine digits, a missing leading zero added back."""
    text = value.strip()
    return "0" + text if len(text) == 8 else text


def bsn_validator(value: str) -> None:
    if value and not is_valid_bsn(value):
        raise ValidationError(_("This is not a valid BSN: it must be nine digits that pass the "
                                "eleven test."), code="bsn")
