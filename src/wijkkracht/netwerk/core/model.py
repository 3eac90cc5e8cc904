"""One scan moment: the roster, who responded and each respondent's answer per named person.

The tie ladder is ordinal and cumulative (you cannot call someone whose number you lack), so a
scan stores one level per ordered pair (sender, receiver) rather than one yes/no per question.
A respondent saw the whole roster: a pair they left unanswered is level 0 ("ken ik niet"). A
person who did not respond has no answers at all; their cells are *unobserved*, never level 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

LEVEL_LABELS: dict[int, str] = {
    0: "ken ik niet",
    1: "ken ik",
    2: "heb het nummer",
    3: "bel of mail geregeld",
    4: "werk samen aan casussen",
}
MAX_LEVEL = 4
TIE_LEVELS = (1, 2, 3, 4)
UNOBSERVED = -1
Pair = tuple[str, str]


@dataclass(frozen=True)
class Person:
    """A professional, volunteer or resident on the roster of a scan."""

    id: str
    name: str
    sector: str
    organisation: str = ""


def _scores(raw: int | tuple[int, ...] | None, what: str) -> tuple[int, ...]:
    items = () if raw is None else (raw,) if isinstance(raw, int) else tuple(raw)
    for score in items:
        if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 4:
            raise ValueError(f"{what} scores are whole numbers 1-4, got {score!r}")
    return items


@dataclass(frozen=True)
class Answer:
    """What the sender says about the receiver: a ladder level and optional PARTNER-style items.

    ``trust`` and ``value`` hold the item scores (1-4) the sender gave: PARTNER asks three trust
    items (reliability, in support of mission, open to discussion) and three value items (power
    and influence, level of involvement, resource contribution); a short survey may ask one.
    """

    level: int
    trust: tuple[int, ...] = ()
    value: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.level, bool) or not isinstance(self.level, int) \
                or not 0 <= self.level <= MAX_LEVEL:
            raise ValueError(f"a tie level is a whole number 0-{MAX_LEVEL}, got {self.level!r}")
        object.__setattr__(self, "trust", _scores(self.trust, "trust"))
        object.__setattr__(self, "value", _scores(self.value, "value"))


@dataclass(frozen=True)
class Scan:
    """One measurement moment of a wijk network.

    ``answers`` maps (sender id, receiver id) to an :class:`Answer` or a bare level. Senders must
    be respondents, except for cells listed in ``imputed`` (filled in by a reconstruction, see
    :func:`wijkkracht.netwerk.core.response.reconstruct`), which count as observed but are
    reported as imputed wherever they are used. ``unseen`` lists cells of respondents who
    could not answer them because the receiver joined the roster after they had answered:
    those cells stay unobserved, never level 0.
    """

    moment: str
    people: tuple[Person, ...]
    respondents: frozenset[str]
    answers: Mapping[Pair, Answer | int] = field(default_factory=dict)
    imputed: frozenset[Pair] = frozenset()
    unseen: frozenset[Pair] = frozenset()

    def __post_init__(self) -> None:
        people = tuple(self.people)
        ids = [p.id for p in people]
        if len(set(ids)) != len(ids):
            raise ValueError("person ids on a roster must be unique")
        known = set(ids)
        respondents = frozenset(self.respondents)
        if not respondents <= known:
            raise ValueError(f"respondents not on the roster: {sorted(respondents - known)}")
        imputed = frozenset(self.imputed)
        answers: dict[Pair, Answer] = {}
        for (sender, receiver), raw in self.answers.items():
            if sender not in known or receiver not in known:
                raise ValueError(f"answer about someone not on the roster: {(sender, receiver)}")
            if sender == receiver:
                raise ValueError(f"{sender} answered about themself")
            if sender not in respondents and (sender, receiver) not in imputed:
                raise ValueError(f"{sender} did not respond but has an answer about {receiver}: "
                                 "non-respondents' cells stay unobserved unless imputed")
            answers[(sender, receiver)] = raw if isinstance(raw, Answer) else Answer(raw)
        stray = [pair for pair in imputed if pair not in answers]
        if stray:
            raise ValueError(f"imputed cells without an answer: {sorted(stray)[:5]}")
        unseen = frozenset(self.unseen)
        wrong = [(s, r) for s, r in unseen
                 if s not in respondents or r not in known or (s, r) in answers]
        if wrong:
            raise ValueError(f"unseen cells must be unanswered cells of respondents: "
                             f"{sorted(wrong)[:5]}")
        object.__setattr__(self, "unseen", unseen)
        object.__setattr__(self, "people", people)
        object.__setattr__(self, "respondents", respondents)
        object.__setattr__(self, "answers", answers)
        object.__setattr__(self, "imputed", imputed)

    @cached_property
    def index(self) -> dict[str, int]:
        """Roster position of each person id (the row/column in :attr:`levels`)."""
        return {p.id: i for i, p in enumerate(self.people)}

    @cached_property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.people)

    @cached_property
    def sectors(self) -> tuple[str, ...]:
        return tuple(p.sector for p in self.people)

    @cached_property
    def responded(self) -> np.ndarray:
        """Boolean per person (roster order): did they respond?"""
        out = np.array([p.id in self.respondents for p in self.people], dtype=bool)
        out.flags.writeable = False
        return out

    @cached_property
    def levels(self) -> np.ndarray:
        """n x n int8 matrix of levels; -1 (UNOBSERVED) where the sender did not respond.

        The diagonal is -1: nobody answers about themself.
        """
        n = len(self.people)
        out = np.full((n, n), UNOBSERVED, dtype=np.int8)
        out[self.responded, :] = 0
        if self.answers:
            idx = self.index
            rows = np.fromiter((idx[s] for s, _ in self.answers), dtype=np.intp)
            cols = np.fromiter((idx[r] for _, r in self.answers), dtype=np.intp)
            vals = np.fromiter((a.level for a in self.answers.values()), dtype=np.int8)
            out[rows, cols] = vals
        if self.unseen:
            idx = self.index
            out[[idx[s] for s, _ in self.unseen], [idx[r] for _, r in self.unseen]] = UNOBSERVED
        np.fill_diagonal(out, UNOBSERVED)
        out.flags.writeable = False
        return out

    @cached_property
    def observed(self) -> np.ndarray:
        """Boolean n x n: is the cell (sender, receiver) observed (answered or imputed)?"""
        out = self.levels >= 0
        out.flags.writeable = False
        return out

    def level(self, sender: str, receiver: str) -> int | None:
        """The level sender gave receiver, or None when that cell is unobserved."""
        value = int(self.levels[self.index[sender], self.index[receiver]])
        return None if value == UNOBSERVED else value

    @property
    def response_rate(self) -> float | None:
        return len(self.respondents) / len(self.people) if self.people else None


def scan_from_levels(moment: str, people: tuple[Person, ...] | list[Person],
                     levels: Mapping[Pair, int],
                     respondents: frozenset[str] | set[str] | None = None) -> Scan:
    """A scan from bare levels; everyone is a respondent unless ``respondents`` says otherwise."""
    people = tuple(people)
    who = frozenset(p.id for p in people) if respondents is None else frozenset(respondents)
    return Scan(moment, people, who, dict(levels))
