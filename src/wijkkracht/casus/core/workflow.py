"""The status workflow of a case: which moves are allowed, and what a move needs.

aangemeld -> in behandeling -> (MDO | opgeschaald | doorverwezen) -> afgesloten; a case can go
back from the broad team, the MDO or a referral to "in behandeling", and a closed case can be
reopened. Closing needs an outcome; the date of a move is the day it is made.
"""

from __future__ import annotations

REGISTERED, IN_PROGRESS, MDO = "aangemeld", "in_behandeling", "mdo"
ESCALATED, REFERRED, CLOSED = "opgeschaald", "doorverwezen", "afgesloten"
STATUSES = (REGISTERED, IN_PROGRESS, MDO, ESCALATED, REFERRED, CLOSED)
OPEN_STATUSES = STATUSES[:-1]

MOVES: dict[str, tuple[str, ...]] = {
    REGISTERED: (IN_PROGRESS, MDO, ESCALATED, REFERRED, CLOSED),
    IN_PROGRESS: (MDO, ESCALATED, REFERRED, CLOSED),
    MDO: (IN_PROGRESS, ESCALATED, REFERRED, CLOSED),
    ESCALATED: (IN_PROGRESS, MDO, REFERRED, CLOSED),
    REFERRED: (IN_PROGRESS, CLOSED),
    CLOSED: (IN_PROGRESS,),
}


def allowed_moves(status: str) -> tuple[str, ...]:
    return MOVES.get(status, ())


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in allowed_moves(from_status)
