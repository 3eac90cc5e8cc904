"""Writes of a team's own indicators: one period's figure added or replaced, a figure removed,
and a file of figures imported, all or nothing. A figure is an aggregate (no person), so these
writes are not access-logged; ``created_by`` and ``entered_by`` say who typed what."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from wijkkracht.accounts.models import User

from .core.manual import Figure
from .core.manual_input import figures_from_table
from .imports import table_from_file
from .models import Indicator, IndicatorValue


@dataclass(frozen=True)
class ImportResult:
    rows: int
    created: int
    updated: int


def figure_save(indicator: Indicator, figure: Figure, *, user: User | None) -> bool:
    """Store one period's figure for the team or a wijk; True when it was new, False when it
    replaced the one there was (a period and wijk hold one figure)."""
    _value, created = IndicatorValue.objects.update_or_create(
        indicator=indicator, wijk_code=figure.wijk, period=figure.period,
        defaults={"numerator": figure.numerator, "denominator": figure.denominator,
                  "entered_by": user, "entered_at": timezone.now()})
    return created


def figure_remove(indicator: Indicator, *, period: str, wijk: str) -> bool:
    deleted, _ = IndicatorValue.objects.filter(indicator=indicator, period=period,
                                               wijk_code=wijk).delete()
    return bool(deleted)


def figures_import(indicator: Indicator, content: bytes, *, user: User | None) -> ImportResult:
    """Every figure of a CSV or XLSX file (periode, wijk, teller, noemer), or none: a bad row
    raises ``FigureFileError`` before anything is written. A period and wijk already stored is
    replaced, never added twice."""
    header, rows = table_from_file(content)
    checked = figures_from_table(indicator.measure, header, rows)
    created = 0
    with transaction.atomic():
        for row in checked:
            created += figure_save(indicator, row.figure, user=user)
    return ImportResult(len(checked), created, len(checked) - created)
