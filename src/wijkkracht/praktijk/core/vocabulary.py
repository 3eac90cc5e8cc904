"""The praktijkbank's fixed vocabulary: the principles a practice applies and the target groups
it serves (``praktijk/principles.json``).

The principles are those of the verbredingsprogramma Wijk- en Buurtgericht Werken ("MensenZorg
in de wijk", programmabureau WBW, maart 2012): three development principles (ont-wikkelen,
ont-regelen, ont-schotten, pp. 13-17) and the ten lessons of the project leaders (p. 18),
explained in our own words. A fixed list makes practices comparable and filterable; the loader
refuses a file that breaks it, so a typo in the file fails at start-up, not in a filter.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from wijkkracht.errors import WijkkrachtError

PATH = Path(__file__).resolve().parents[1] / "principles.json"
KINDS = {"ontwikkelprincipe": 3, "werkprincipe": 10}


class VocabularyError(WijkkrachtError):
    """The vocabulary file, or a list of codes checked against it, is wrong."""


@dataclass(frozen=True)
class Principle:
    code: str
    kind: str
    name: str
    explanation: str
    source: str


@dataclass(frozen=True)
class TargetGroup:
    code: str
    name: str


@dataclass(frozen=True)
class Vocabulary:
    principles: tuple[Principle, ...]
    target_groups: tuple[TargetGroup, ...]

    def principle(self, code: str) -> Principle | None:
        return next((p for p in self.principles if p.code == code), None)

    def target_group(self, code: str) -> TargetGroup | None:
        return next((t for t in self.target_groups if t.code == code), None)

    def of_kind(self, kind: str) -> tuple[Principle, ...]:
        return tuple(p for p in self.principles if p.kind == kind)

    def check_principles(self, codes: list[str]) -> list[str]:
        """The codes in vocabulary order, without repeats; unknown codes are refused."""
        return _checked(codes, [p.code for p in self.principles], "principe")

    def check_target_groups(self, codes: list[str]) -> list[str]:
        return _checked(codes, [t.code for t in self.target_groups], "doelgroep")


def _checked(codes: list[str], known: list[str], what: str) -> list[str]:
    unknown = sorted(set(codes) - set(known))
    if unknown:
        raise VocabularyError(f"Onbekende {what}: {', '.join(unknown)}.")
    return [c for c in known if c in set(codes)]


def _text(item: dict, key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise VocabularyError(f"In de woordenlijst mist '{key}' bij {where}.")
    return value.strip()


def parse(data: dict) -> Vocabulary:
    """Check and read the vocabulary: unique codes, every field filled, the known kinds in
    the numbers the programme has (3 development principles, 10 working principles)."""
    if not isinstance(data, dict):
        raise VocabularyError("De woordenlijst is geen JSON-object.")
    principles = []
    for i, item in enumerate(data.get("principles") or [], start=1):
        where = f"principe {i}"
        p = Principle(*(_text(item, k, where)
                        for k in ("code", "kind", "name", "explanation", "source")))
        if p.kind not in KINDS:
            raise VocabularyError(f"Onbekende soort '{p.kind}' bij {where}.")
        principles.append(p)
    groups = [TargetGroup(_text(item, "code", f"doelgroep {i}"),
                          _text(item, "name", f"doelgroep {i}"))
              for i, item in enumerate(data.get("target_groups") or [], start=1)]
    for label, items in (("principe", principles), ("doelgroep", groups)):
        codes = [x.code for x in items]
        doubles = sorted({c for c in codes if codes.count(c) > 1})
        if doubles:
            raise VocabularyError(f"Code dubbel gebruikt ({label}): {', '.join(doubles)}.")
    for kind, count in KINDS.items():
        found = sum(p.kind == kind for p in principles)
        if found != count:
            raise VocabularyError(f"De woordenlijst heeft {found} keer '{kind}'; "
                                  f"verwacht {count}.")
    if not groups:
        raise VocabularyError("De woordenlijst heeft geen doelgroepen.")
    return Vocabulary(tuple(principles), tuple(groups))


@functools.cache
def vocabulary(path: Path = PATH) -> Vocabulary:
    """The vocabulary of ``path`` (read once)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise VocabularyError(f"De woordenlijst {path.name} is niet te lezen: {exc}") from exc
    return parse(data)
