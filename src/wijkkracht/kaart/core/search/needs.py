"""The need taxonomy: needs in residents' and GPs' words, mapped to service categories.

The data live in ``wijkkracht/kaart/needs/needs.json`` and are edited by the functional
administrator, so loading checks the file and names what is wrong in Dutch: a missing field,
a duplicate code, a category a need points to that does not exist.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wijkkracht.errors import WijkkrachtError

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "needs" / "needs.json"
_CODE_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_")


class TaxonomyError(WijkkrachtError):
    """The need taxonomy file is not valid; the message says where, in Dutch."""


@dataclass(frozen=True)
class Category:
    code: str
    label: str


@dataclass(frozen=True)
class Need:
    code: str
    label: str
    terms: tuple[str, ...]
    phrases: tuple[str, ...]
    categories: tuple[str, ...]  # best fitting first
    # a need any question may carry ("weet niet waar ik moet beginnen"): it counts less when
    # the query also names a need that says what the question is about
    fallback: bool = False
    # phrases in which its words mean something else ("valt me zwaar", "kliko aan de straat
    # zetten"): a word of the need inside one of them does not name it
    other_meanings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    categories: dict[str, Category]
    needs: tuple[Need, ...]

    def need(self, code: str) -> Need:
        return next(n for n in self.needs if n.code == code)

    def vocabulary(self) -> set[str]:
        """Every single word in the taxonomy (folded later by the analyser)."""
        words: set[str] = set()
        for need in self.needs:
            for text in (need.label, *need.terms, *need.phrases):
                words.update(text.lower().split())
        return words


def _text_list(value: Any, where: str, field: str, *, required: bool) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TaxonomyError(f"{where}: '{field}' moet een lijst met teksten zijn.")
    if required and not value:
        raise TaxonomyError(f"{where}: '{field}' mag niet leeg zijn.")
    return tuple(v.strip() for v in value)


def _code(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value or not set(value) <= _CODE_CHARS:
        raise TaxonomyError(
            f"{where}: de code {value!r} is ongeldig; gebruik kleine letters, cijfers en _."
        )
    return value


def parse(data: Any, source: str = "needs.json") -> Taxonomy:
    """Check and convert the parsed JSON of a taxonomy file."""
    if not isinstance(data, dict):
        raise TaxonomyError(f"{source}: verwacht een object met 'categories' en 'needs'.")
    for key in ("categories", "needs"):
        if not isinstance(data.get(key), list) or not data[key]:
            raise TaxonomyError(f"{source}: '{key}' ontbreekt of is leeg.")
    categories: dict[str, Category] = {}
    for i, raw in enumerate(data["categories"], 1):
        where = f"{source}, categorie {i}"
        if not isinstance(raw, dict):
            raise TaxonomyError(f"{where}: verwacht een object met 'code' en 'label'.")
        code = _code(raw.get("code"), where)
        if code in categories:
            raise TaxonomyError(f"{where}: de code '{code}' komt twee keer voor.")
        label = raw.get("label")
        if not isinstance(label, str) or not label.strip():
            raise TaxonomyError(f"{where} ({code}): 'label' ontbreekt.")
        categories[code] = Category(code, label.strip())
    needs: list[Need] = []
    seen: set[str] = set()
    for i, raw in enumerate(data["needs"], 1):
        where = f"{source}, behoefte {i}"
        if not isinstance(raw, dict):
            raise TaxonomyError(f"{where}: verwacht een object.")
        code = _code(raw.get("code"), where)
        where = f"{where} ({code})"
        if code in seen:
            raise TaxonomyError(f"{where}: de code '{code}' komt twee keer voor.")
        seen.add(code)
        label = raw.get("label")
        if not isinstance(label, str) or not label.strip():
            raise TaxonomyError(f"{where}: 'label' ontbreekt.")
        terms = _text_list(raw.get("terms"), where, "terms", required=True)
        phrases = _text_list(raw.get("phrases", []), where, "phrases", required=False)
        cats = _text_list(raw.get("categories"), where, "categories", required=True)
        unknown = [c for c in cats if c not in categories]
        if unknown:
            raise TaxonomyError(
                f"{where}: onbekende categorie {', '.join(repr(c) for c in unknown)}; "
                "voeg die toe onder 'categories' of verbeter de naam."
            )
        fallback = raw.get("fallback", False)
        if not isinstance(fallback, bool):
            raise TaxonomyError(f"{where}: 'fallback' moet true of false zijn.")
        other = _text_list(raw.get("other_meanings", []), where, "other_meanings",
                           required=False)
        needs.append(Need(code, label.strip(), terms, phrases, cats, fallback, other))
    return Taxonomy(categories, tuple(needs))


def load(path: Path | str = DEFAULT_PATH) -> Taxonomy:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TaxonomyError(f"Het behoeftenbestand {path} kan niet worden gelezen.") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TaxonomyError(
            f"{path.name}: geen geldige JSON (regel {exc.lineno}, kolom {exc.colno})."
        ) from exc
    return parse(data, path.name)
