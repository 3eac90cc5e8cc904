"""Reads of the praktijkbank: which practices a user may see (published ones for everyone,
unpublished ones only for the owner and the owner organisation) and what a practice's results
are, read through the monitor's selectors."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from wijkkracht.accounts.models import User
from wijkkracht.accounts.permissions import (
    can_edit_practice,
    is_team_member,
    practice_organisations,
)
from wijkkracht.text.dutch import Analyzer, common_word, default_decompounder, tokenize

from .core.search import Document, Hit, PracticeIndex, preferred_practices
from .core.vocabulary import vocabulary
from .models import Practice


def public_practices() -> QuerySet[Practice]:
    """Published practices: what anyone, signed in or not, may read, search and download."""
    return Practice.objects.filter(is_public=True)


def visible_practices(user: User | None) -> QuerySet[Practice]:
    """Published practices, plus the unpublished ones of the user and their organisations."""
    if user is None or not is_team_member(user):
        return public_practices()
    return Practice.objects.filter(
        Q(is_public=True) | Q(owner=user)
        | Q(organisation__in=practice_organisations(user))).distinct()


def practice_get(user: User | None, pk: int) -> Practice | None:
    """The practice if ``user`` may read it, else None (also when it does not exist)."""
    return visible_practices(user).filter(pk=pk).first()


def may_edit(user: User | None, practice: Practice) -> bool:
    return user is not None and can_edit_practice(user, practice.owner_id,
                                                  practice.organisation_id)


@dataclass(frozen=True)
class Results:
    indicators: tuple[tuple[str, str], ...]  # (code, name)
    sroi_name: str | None
    sroi_ratio: float | None


def practice_results(practice: Practice) -> Results:
    """The measured results a practice links to: monitor indicators by name, and the SROI
    ratio of its value map (only a map of the owner organisation, complete enough to count)."""
    from wijkkracht.monitor.selectors import indicator_names
    from wijkkracht.monitor.selectors_sroi import linked_sroi_ratio

    names = indicator_names(list(practice.monitor_indicators or []))
    linked = (linked_sroi_ratio(practice.sroi_initiative_id, practice.organisation_id)
              if practice.sroi_initiative_id else None)
    return Results(tuple(names.items()), linked[0] if linked else None,
                   linked[1] if linked else None)


def has_measured_results(practice: Practice) -> bool:
    return bool(practice.monitor_indicators or practice.sroi_initiative_id)


def principle_names(codes: list[str]) -> list[str]:
    v = vocabulary()
    return [p.name for c in codes if (p := v.principle(c))]


def target_group_names(codes: list[str]) -> list[str]:
    v = vocabulary()
    return [t.name for c in codes if (t := v.target_group(c))]


@functools.cache
def _analyzer() -> Analyzer:
    # The vocabulary's words stay whole inside compounds ("mantelzorg" in
    # "mantelzorgondersteuning"), as the kaart protects its taxonomy's words.
    v = vocabulary()
    words = {w for t in v.target_groups for w in tokenize(t.name) if len(w) > 3}
    return Analyzer(default_decompounder(words | {"mantelzorg"}))


def _document(p: Practice) -> Document:
    return Document(p.pk, {
        "title": p.title, "summary": p.summary, "place": p.place,
        "principles": " ".join(principle_names(p.principles or [])),
        "target_groups": " ".join(target_group_names(p.target_groups or [])),
        "text": "\n".join((p.description, p.organisations, p.goals, p.intended_results,
                           p.achieved_results, p.lessons, p.advice)),
    })


def similar_wijken(wijk_code: str) -> tuple[str, ...]:
    """The CBS codes of the wijken most like ``wijk_code`` (none without loaded figures)."""
    from wijkkracht.wijkfoto.selectors import area_context

    context = area_context(wijk_code)
    return tuple(code for code, _name in context.similar) if context else ()


def search_practices(practices: QuerySet[Practice] | list[Practice], text: str = "",
                     wijk_code: str = "") -> list[tuple[Practice, Hit]]:
    """``practices`` (already limited to what the user may read) that match ``text``, those
    from ``wijk_code`` and the wijken most like it first (core.search). In memory per
    request: fine for a few hundred practices."""
    items = {p.pk: p for p in practices}
    preferred: set[int] = set()
    if wijk_code:
        preferred = preferred_practices({pk: p.wijk_codes or [] for pk, p in items.items()},
                                        similar_wijken(wijk_code), wijk_code)
    index = PracticeIndex([_document(p) for p in items.values()], _analyzer(), common_word)
    return [(items[h.id], h) for h in index.search(text, preferred=preferred)]
