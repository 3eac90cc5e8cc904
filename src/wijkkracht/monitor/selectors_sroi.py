"""Reads of SROI value maps: which initiatives a user may open, and a stored map as the pure
:class:`wijkkracht.stats.sroi.ValueMap` the arithmetic takes.

A map travels between the form, the database and the arithmetic as plain rows (dicts keyed by
the model's field names, a stakeholder by its name): :func:`build_value_map` is the one place
where those rows become a ValueMap, so the form checks exactly what will be computed.
Percentages are kept as typed (0-100) and become fractions here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import QuerySet

from wijkkracht.accounts.models import Organisation, User
from wijkkracht.accounts.permissions import sroi_organisations
from wijkkracht.stats import sroi

from .core.indicators import builtin
from .models import Indicator
from .models_sroi import SroiInitiative

Row = Mapping[str, Any]
STAKEHOLDER_FIELDS = ("name", "kind")
INPUT_FIELDS = ("stakeholder", "description", "amount", "year", "evidence")
OUTCOME_FIELDS = ("stakeholder", "description", "indicator", "quantity", "quantity_source",
                  "indicator_code", "duration", "proxy", "proxy_source",
                  *(f"{name}{part}" for name in sroi.ADJUSTMENTS
                    for part in ("", "_grade", "_source")),
                  "pocket")


def sroi_initiatives(user: User) -> QuerySet[SroiInitiative]:
    """Every initiative of the organisations whose maps ``user`` may open."""
    return (SroiInitiative.objects.filter(organisation__in=sroi_organisations(user))
            .select_related("organisation", "updated_by"))


def sroi_initiative_get(user: User, pk: int) -> SroiInitiative | None:
    """The initiative if ``user`` may open it, else None (also when it does not exist)."""
    return sroi_initiatives(user).filter(pk=pk).first()


def _fraction(percent: float | None) -> float | None:
    return None if percent is None else percent / 100


def _text(value: object) -> str:
    return "" if value is None else str(value)


def build_value_map(head: Row, stakeholders: Sequence[Row], inputs: Sequence[Row],
                    outcomes: Sequence[Row]) -> sroi.ValueMap:
    """The value map of these rows; percentages (0-100) become fractions."""
    return sroi.ValueMap(
        name=_text(head.get("name")),
        discount_rate=_fraction(head.get("discount_rate")),
        stakeholders=tuple(sroi.Stakeholder(_text(s.get("name")), _text(s.get("kind")))
                           for s in stakeholders),
        inputs=tuple(sroi.Input(stakeholder=_text(i.get("stakeholder")),
                                description=_text(i.get("description")),
                                amount=i.get("amount"), year=i.get("year"),
                                evidence=_text(i.get("evidence")))
                     for i in inputs),
        outcomes=tuple(sroi.Outcome(
            stakeholder=_text(o.get("stakeholder")), description=_text(o.get("description")),
            indicator=_text(o.get("indicator")), quantity=o.get("quantity"),
            quantity_source=_text(o.get("quantity_source")),
            indicator_code=o.get("indicator_code") or None, duration=o.get("duration"),
            proxy=o.get("proxy"), proxy_source=_text(o.get("proxy_source")),
            pocket=o.get("pocket") or None,
            **{name: sroi.Adjustment(_fraction(o.get(name)), o.get(f"{name}_grade") or None,
                                     _text(o.get(f"{name}_source")))
               for name in sroi.ADJUSTMENTS})
            for o in outcomes),
    )


def value_map_rows(initiative: SroiInitiative) -> tuple[dict, list[dict], list[dict],
                                                         list[dict]]:
    """The stored map as rows (head, stakeholders, inputs, outcomes), as a form holds them."""
    head = {"name": initiative.name, "description": initiative.description,
            "period": initiative.period, "discount_rate": initiative.discount_rate}
    stakeholders = [{f: getattr(s, f) for f in STAKEHOLDER_FIELDS}
                    for s in initiative.stakeholders.all()]
    inputs = [{f: (i.stakeholder.name if f == "stakeholder" else getattr(i, f))
               for f in INPUT_FIELDS}
              for i in initiative.inputs.select_related("stakeholder")]
    outcomes = [{f: (o.stakeholder.name if f == "stakeholder" else getattr(o, f))
                 for f in OUTCOME_FIELDS}
                for o in initiative.outcomes.select_related("stakeholder")]
    return head, stakeholders, inputs, outcomes


def value_map_of(initiative: SroiInitiative) -> sroi.ValueMap:
    return build_value_map(*value_map_rows(initiative))


def indicator_choices(organisations: Sequence[Organisation]) -> list[tuple[str, str]]:
    """Monitor indicators a quantity may come from: the built-in ones and the organisations'
    own (by code)."""
    choices = [(d.code, d.name) for d in builtin().fixed]
    own = (Indicator.objects.filter(organisation__in=organisations)
           .values_list("code", "name").distinct().order_by("name"))
    known = {code for code, _name in choices}
    choices += [(code, name) for code, name in own if code not in known]
    return choices


def linked_sroi_ratio(initiative_id: int, organisation_id: int | None) -> tuple[str, float] | None:
    """The name and SROI ratio of ``initiative_id`` when it belongs to ``organisation_id`` and
    its map is complete enough to compute; None otherwise. For another capability (the
    praktijkbank) that shows a linked map's headline figure: only the organisation that owns
    the map can link it, so its ratio is shown where the organisation publishes the practice."""
    if organisation_id is None:
        return None
    initiative = SroiInitiative.objects.filter(pk=initiative_id,
                                               organisation_id=organisation_id).first()
    if initiative is None:
        return None
    value_map = value_map_of(initiative)
    if sroi.validate(value_map):
        return None
    return initiative.name, sroi.compute(value_map).ratio


def sroi_initiative_choices(organisation_ids: Sequence[int]) -> list[tuple[int, str]]:
    """The initiatives of these organisations, for a picker in another capability."""
    return list(SroiInitiative.objects.filter(organisation_id__in=organisation_ids)
                .order_by("name", "pk").values_list("pk", "name"))
