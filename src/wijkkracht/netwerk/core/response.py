"""Response per sector and the optional OR-reconstruction of non-respondents' ties.

Missing answers are not zeros (Stork & Richards 1992; Huisman 2009, *J. Social Structure*
10(1)): the core reports the response rate per sector and computes density on observed cells.
A coordinator may choose the OR-reconstruction - a non-respondent's answer about a respondent
is taken to be the respondent's answer about them - which is an estimate and is flagged on every
result that uses it. Pairs of two non-respondents stay unobserved.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .model import Answer, Pair, Scan

RECONSTRUCTION_CAUTION = (
    "Reconstructed: what a non-respondent would have said is taken from what the other person "
    "said about them (OR-reconstruction, Huisman 2009). This assumes ties are mutual, raises "
    "reciprocity to 1 for those pairs and leaves pairs of two non-respondents unknown; use the "
    "figures as an estimate, next to the ones on observed cells.")


@dataclass(frozen=True)
class SectorResponse:
    sector: str
    invited: int
    responded: int
    rate: float


@dataclass(frozen=True)
class ResponseSummary:
    invited: int
    responded: int
    rate: float | None
    by_sector: tuple[SectorResponse, ...]
    observed_cells: int  # directed cells whose sender responded: n_resp (n - 1)
    possible_cells: int  # n (n - 1)
    non_respondents: tuple[str, ...]


def response_summary(scan: Scan) -> ResponseSummary:
    """Response rate overall and per sector, and how many directed cells were observed."""
    invited = Counter(p.sector for p in scan.people)
    answered = Counter(p.sector for p in scan.people if p.id in scan.respondents)
    n, r = len(scan.people), len(scan.respondents)
    return ResponseSummary(
        invited=n, responded=r, rate=r / n if n else None,
        by_sector=tuple(SectorResponse(s, invited[s], answered[s], answered[s] / invited[s])
                        for s in sorted(invited)),
        observed_cells=r * (n - 1), possible_cells=n * (n - 1),
        non_respondents=tuple(p.id for p in scan.people if p.id not in scan.respondents))


@dataclass(frozen=True)
class Reconstruction:
    """A scan with non-respondents' cells filled from others' reports, and how much was filled."""

    scan: Scan
    imputed_cells: int
    unknown_cells: int  # cells between two non-respondents, still unobserved
    caution: str = RECONSTRUCTION_CAUTION


def reconstruct(scan: Scan) -> Reconstruction:
    """OR-reconstruction: for non-respondent i and respondent j, level(i, j) := level(j, i).

    Only the level is copied; trust and value scores are not invented.
    """
    answers: dict[Pair, Answer | int] = dict(scan.answers)
    imputed: set[Pair] = set()
    silent = [p.id for p in scan.people if p.id not in scan.respondents]
    unseen = 0
    for i in silent:
        for j in scan.respondents:
            level = scan.level(j, i)
            if level is None:  # j never saw i on the list: nothing to copy
                unseen += 1
                continue
            answers[(i, j)] = Answer(level)
            imputed.add((i, j))
    unknown = len(silent) * (len(silent) - 1) + unseen
    rebuilt = Scan(scan.moment, scan.people, scan.respondents, answers,
                   frozenset(imputed) | scan.imputed, scan.unseen)
    return Reconstruction(rebuilt, len(imputed), unknown)


def respondents_only(scan: Scan) -> Scan:
    """The scan restricted to respondents: nobody imputed, every cell observed except those
    ``unseen`` (someone who joined after the sender had answered)."""
    keep = scan.respondents
    return Scan(scan.moment, tuple(p for p in scan.people if p.id in keep), keep,
                {pair: a for pair, a in scan.answers.items()
                 if pair[0] in keep and pair[1] in keep and pair not in scan.imputed},
                unseen=frozenset(pair for pair in scan.unseen if pair[1] in keep))
