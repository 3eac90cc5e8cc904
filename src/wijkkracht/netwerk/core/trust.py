"""PARTNER-style trust and value scores (Varda et al.; Visible Network Labs, *PARTNER Trust and
Value Metrics: A Brief*, 2021).

PARTNER asks each respondent to rate partners on three trust items (reliability, in support of
mission, open to discussion) and three value items (power and influence, level of involvement,
resource contribution), each 1-4. A member's trust (value) score is the average of the ratings
*received from all other members*. Here each rater's items are averaged first, so every rater
counts once however many items they answered. The network score as a percentage of 4 follows the
published examples ("trust score of 81 %"); PARTNER does not publish that formula, so the name
says "PARTNER-style", not PARTNER.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import fmean

from .model import Scan

DEFINITION = ("PARTNER-style: per person, mean over raters of each rater's mean item score "
              "(1-4) received; network: mean of all rater-person scores / 4 x 100 (formula not "
              "published by PARTNER)")


@dataclass(frozen=True)
class PartnerScore:
    person: str
    trust: float | None
    trust_raters: int
    value: float | None
    value_raters: int


@dataclass(frozen=True)
class PartnerScores:
    by_person: tuple[PartnerScore, ...]
    network_trust_pct: float | None
    network_value_pct: float | None
    trust_ratings: int
    value_ratings: int
    definition: str = field(default=DEFINITION)


def partner_scores(scan: Scan, min_level: int = 0) -> PartnerScores:
    """Trust and value received per person; only answers at ``min_level`` or above count.

    Imputed cells carry no scores, so a reconstruction never changes these figures.
    """
    trust: dict[str, list[float]] = defaultdict(list)
    value: dict[str, list[float]] = defaultdict(list)
    for (_, receiver), answer in scan.answers.items():
        if answer.level < min_level:
            continue
        if answer.trust:
            trust[receiver].append(fmean(answer.trust))
        if answer.value:
            value[receiver].append(fmean(answer.value))
    people = tuple(
        PartnerScore(p.id, fmean(trust[p.id]) if trust[p.id] else None, len(trust[p.id]),
                     fmean(value[p.id]) if value[p.id] else None, len(value[p.id]))
        for p in scan.people)
    all_trust = [s for scores in trust.values() for s in scores]
    all_value = [s for scores in value.values() for s in scores]
    return PartnerScores(
        people,
        fmean(all_trust) / 4 * 100 if all_trust else None,
        fmean(all_value) / 4 * 100 if all_value else None,
        len(all_trust), len(all_value))
