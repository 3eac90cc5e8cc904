"""A moment as the pure core's ``Scan``: who is on the roster, who answered, what they said.

The one bridge between the database and ``netwerk.core``: everything the core computes comes
through here, so the rules about non-response, late joiners, withdrawal and names live in one
place.
"""

from __future__ import annotations

from collections.abc import Iterable

from .core.model import Answer as CoreAnswer
from .core.model import Person, Scan
from .models import Moment, NetwerkScan, Participant, Sector


def sector_label(code: str) -> str:
    return str(Sector(code).label)


def pseudonyms(participants: Iterable[Participant]) -> dict[int, str]:
    """"Welzijn 2": sector and number in order of joining, stable across moments (withdrawn
    participants keep their number, so nobody else's pseudonym changes)."""
    counts: dict[str, int] = {}
    out = {}
    for participant in sorted(participants, key=lambda p: p.pk):
        counts[participant.sector] = counts.get(participant.sector, 0) + 1
        out[participant.pk] = f"{sector_label(participant.sector)} {counts[participant.sector]}"
    return out


def core_scan(moment: Moment, *, named: bool = True) -> Scan:
    """The moment as the pure core's Scan.

    The roster is the scan's participants who had joined before the moment closed, minus those
    who withdrew. Respondents are those with a Submission; a non-respondent has no answers, so
    their cells stay unobserved (never level 0), and so do a respondent's cells about people
    who joined after they answered (they never saw them on the list). A person is named only
    with their consent (and only when ``named``), else by a pseudonym such as "Welzijn 2"; the
    anonymous report gets no names at all, so it cannot leak one whatever the report does.
    """
    everyone = list(moment.scan.participants.all())
    aliases = pseudonyms(everyone)
    ended = (moment.closed_at or moment.closes_at) if moment.is_closed else None
    active = [p for p in everyone if not p.is_withdrawn
              and not (ended is not None and p.created_at > ended)]
    active_ids = {p.pk for p in active}
    people = tuple(
        Person(id=str(p.pk), name=p.display_name if named and p.consent_named else aliases[p.pk],
               sector=sector_label(p.sector),
               organisation=p.organisation_name if named and p.consent_named else "")
        for p in sorted(active, key=lambda p: p.pk))
    answered_at = {pk: at for pk, at in moment.submissions.values_list("respondent_id",
                                                                       "submitted_at")
                   if pk in active_ids}
    answers = {
        (str(a.respondent_id), str(a.named_id)): CoreAnswer(a.level, a.trust, a.value)
        for a in moment.answers.only("respondent_id", "named_id", "level", "trust", "value")
        if a.respondent_id in answered_at and a.named_id in active_ids
    }
    unseen = frozenset((str(r), str(p.pk)) for r, at in answered_at.items() for p in active
                       if p.pk != r and p.created_at > at
                       and (str(r), str(p.pk)) not in answers)
    return Scan(moment.label, people, frozenset(str(pk) for pk in answered_at), answers,
                unseen=unseen)


def core_scans(scan: NetwerkScan, *, named: bool = True) -> list[Scan]:
    """Every moment with at least one response, oldest first (what a report compares)."""
    return [core_scan(m, named=named) for m in scan.moments.order_by("opens_at", "pk")
            if m.submissions.exists()]
